/*
 * document-text.c: a document's title and own date from its text (SPEC
 * "Documents"). Vietnamese administrative documents (Decree 30/2020/NĐ-CP)
 * open with the issuing body, the national motto, the number and the signing
 * line ("Lai Châu, ngày 15 tháng 3 năm 2026"), then the kind of document in
 * capitals and its subject ("QUYẾT ĐỊNH / Về việc ban hành Danh mục ...").
 * An attached catalog names its own issue in "(Ban hành kèm theo Quyết định
 * số ... ngày ...)". Dates cited in the body ("Căn cứ Luật ... ngày ...")
 * are not the document's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dates.h"
#include "document.h"
#include "fold.h"
#include "xmalloc.h"

#define TEXT_MAX_SCAN	(256 * 1024)	/* bytes of text searched */
#define TITLE_MAX_LINES	80		/* lines from the top in which the title is sought */
#define TITLE_MAX	300		/* bytes of title */
#define SIGN_MAX_WORDS	16		/* a signing line is short */

/* Folded beginnings of the line that names the kind of document. */
static const char *const kinds[] = { "quyet dinh", "danh muc", "quy che", "ke hoach",
	"thong bao", "huong dan", "bao cao", "cong van", "to trinh", "chi thi", "phieu",
	"mau so", "quy dinh", "nghi quyet", "bieu mau", "so tay", "tai lieu", NULL };
/* Folded beginnings of a line that ends the title. */
static const char *const title_ends[] = { "can cu", "kinh gui", "stt", "dieu ", "chuong ",
	"phan ", "ban hanh kem theo", "kem theo", "noi nhan", "chu tich", "giam doc", NULL };
/* Folded beginnings of the header lines above the title. */
static const char *const header_lines[] = { "cong hoa xa hoi", "doc lap", "uy ban nhan dan",
	"ubnd", "so:", "so ", NULL };

struct line {
	const char	*raw;	/* start in the sanitized text */
	size_t		 len;
	char		*f;	/* folded */
};

static bool
starts(const char *f, const char *const *list)
{
	for (; *list; list++)
		if (strncmp(f, *list, strlen(*list)) == 0)
			return true;
	return false;
}

/* Does folded line f start with a kind of document, as a short line (a title, not prose)? */
static bool
kind_line(const char *f)
{
	return starts(f, kinds) && fold_word_count(f) <= 20;
}

/* The date of a signing line ("Lai Châu, ngày 15 tháng 3 năm 2026"), or 0. */
static int
signing_date(const char *f)
{
	const char *p = strstr(f, ", ngay ");
	int d[1];

	if (p == NULL || p == f || !isalnum((unsigned char)p[-1]) ||
	    fold_word_count(f) > SIGN_MAX_WORDS)
		return 0;
	return dates_scan(p + 2, d, 1) == 1 ? d[0] : 0;
}

/* The first date in folded text at or after phrase, or 0. */
static int
date_after(const char *f, const char *phrase)
{
	const char *p = strstr(f, phrase);
	int d[1];

	return p != NULL && dates_scan(p, d, 1) == 1 ? d[0] : 0;
}

/* Does the line hold a lower-case letter (a subject line, not one in capitals)? */
static bool
has_lower(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (islower((unsigned char)l->raw[i]))
			return true;
	return false;
}

/* Does the line start with a lower-case letter (a wrapped subject going on)? */
static bool
starts_lower(const struct line *l)
{
	utf8proc_int32_t cp;
	size_t i = 0;

	while (i < l->len && (l->raw[i] == ' ' || l->raw[i] == '\t'))
		i++;
	if (i >= l->len || utf8proc_iterate((const utf8proc_uint8_t *)l->raw + i,
	    (utf8proc_ssize_t)(l->len - i), &cp) < 1)
		return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* The last character of the line that is not white space ('\0' if none). */
static char
last_char(const struct line *l)
{
	size_t n = l->len;

	while (n > 0 && (l->raw[n - 1] == ' ' || l->raw[n - 1] == '\t'))
		n--;
	return n > 0 ? l->raw[n - 1] : '\0';
}

/* The lines of text, folded; *n set. Caller frees the array and each f. */
static struct line *
split_lines(const char *text, size_t len, size_t *n)
{
	struct line *v = NULL;
	size_t cap = 0, i = 0;

	*n = 0;
	while (i < len) {
		size_t j = i;

		while (j < len && text[j] != '\n' && text[j] != '\f' && text[j] != '\r')
			j++;
		if (j > i) {
			char *f = fold_mem(text + i, j - i);

			if (*f == '\0')
				free(f);
			else {
				if (*n == cap) {
					cap = cap ? cap * 2 : 64;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[(*n)++] = (struct line){ text + i, j - i, f };
			}
		}
		i = j + 1;
	}
	return v;
}

/* The title: the kind line and the subject lines under it, else the first plain line. */
static char *
find_title(const struct line *v, size_t n)
{
	struct buf b = { 0 };
	size_t top = n < TITLE_MAX_LINES ? n : TITLE_MAX_LINES, k = top, i;
	bool lower = false;
	char *t;

	for (i = 0; i < top; i++)
		if (kind_line(v[i].f)) {
			k = i;
			break;
		}
	if (k == top) {
		/* No kind line: the first line that is not the header. */
		for (i = 0; i < top; i++)
			if (!starts(v[i].f, header_lines) && signing_date(v[i].f) == 0 &&
			    fold_word_count(v[i].f) >= 2 && fold_word_count(v[i].f) <= 30)
				break;
		if (i == top)
			return xstrdup("");
		b.data = xstrndup(v[i].raw, v[i].len);
		t = text_squeeze(b.data, TITLE_MAX);
		free(b.data);
		return t;
	}
	for (i = k; i < n && i < k + 4 && b.len < TITLE_MAX; i++) {
		/*
		 * The kind in capitals may wrap; then the subject, whose wrapped
		 * lines go on in lower case. A line in capitals after it is the
		 * signer ("GIÁM ĐỐC SỞ"); a new sentence is the body.
		 */
		if (i > k && (starts(v[i].f, title_ends) || v[i].f[0] == '(' ||
		    isdigit((unsigned char)v[i].f[0]) || v[i].f[0] == '-' ||
		    signing_date(v[i].f) != 0 || (kind_line(v[i].f) && !has_lower(&v[i])) ||
		    fold_word_count(v[i].f) > 40 ||
		    (lower && (!starts_lower(&v[i]) || strchr(".:;", last_char(&v[i - 1])) != NULL))))
			break;
		lower |= has_lower(&v[i]);
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_add(&b, v[i].raw, v[i].len);
	}
	buf_add(&b, "", 0);
	t = text_squeeze(b.data, TITLE_MAX);
	buf_free(&b);
	return t;
}

/* Line i, joined with the next when that one goes on with the date ("ngày 15 ..." cut by the layout). Caller frees. */
static char *
with_next(const struct line *v, size_t n, size_t i)
{
	const char *g = i + 1 < n ? v[i + 1].f : "";

	if (isdigit((unsigned char)*g) || strncmp(g, "ngay ", 5) == 0)
		return xasprintf("%s %s", v[i].f, g);
	return xstrdup(v[i].f);
}

/* The own date: signing line, else issue line, else a labelled date, else one in the title. */
static int
find_date(const struct line *v, size_t n, const char *title, int today)
{
	int sign = 0, issue = 0, label = 0, d;
	char *ft;

	for (size_t i = 0; i < n; i++) {
		const char *f = v[i].f;
		int l[4];
		char *j;

		if (sign == 0 && strstr(f, ", ngay") != NULL) {
			j = with_next(v, n, i);
			if ((d = signing_date(j)) != 0 && d <= today)
				sign = d;
			free(j);
		}
		if (issue == 0 && strstr(f, "kem theo") != NULL) {
			j = with_next(v, n, i);
			if ((d = date_after(j, "kem theo")) != 0 && d <= today)
				issue = d;
			free(j);
		}
		if (label == 0 && (d = dates_latest(l, dates_scan_labelled(f, l, 4), today)) != 0)
			label = d;
	}
	if (sign != 0)
		return sign;
	if (issue != 0)
		return issue;
	if (label != 0)
		return label;
	ft = fold_str(title);
	{
		int t[4];

		d = dates_latest(t, dates_scan(ft, t, 4), today);
	}
	free(ft);
	return d;
}

void
doc_text_info(const char *text, size_t len, int today, char **title, int *date)
{
	char *s = utf8_sanitize(text, len < TEXT_MAX_SCAN ? len : TEXT_MAX_SCAN);
	size_t n;
	struct line *v = split_lines(s, strlen(s), &n);

	*title = find_title(v, n);
	*date = find_date(v, n, *title, today);
	for (size_t i = 0; i < n; i++)
		free(v[i].f);
	free(v);
	free(s);
}

bool
doc_text_empty(const char *text, size_t len)
{
	size_t words = 0;

	/* A scan gives only form feeds and stray marks: fewer than 8 letters or digits. */
	for (size_t i = 0; i < len && words < 8; i++)
		if (isalnum((unsigned char)text[i]) || (unsigned char)text[i] >= 0xc0)
			words++;
	return words < 8;
}
