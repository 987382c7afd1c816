/*
 * fold.h: text folded for matching (SPEC "The criteria"): valid UTF-8,
 * Unicode-normalised (NFC and NFD alike), case-folded, marks removed, đ -> d,
 * white space collapsed to single spaces and trimmed.
 */
#ifndef TCTT_FOLD_H
#define TCTT_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Valid UTF-8 copy of len bytes: invalid sequences and NULs become U+FFFD. Caller frees. */
char *utf8_sanitize(const char *s, size_t len);
/* Bytes of the longest start of s (len bytes) that is valid UTF-8 without NUL. */
size_t utf8_valid_prefix(const char *s, size_t len);
/*
 * Build the fold's tables; the first fold does it, and a program with threads
 * calls it before they start (fold_mem is then thread-safe).
 */
void fold_init(void);
/* Fold len bytes of any text (invalid UTF-8 tolerated). Caller frees; never NULL. */
char *fold_mem(const char *s, size_t len);
/* fold_mem through utf8proc_map on the whole text, the slow way: what fold_mem equals (for tests). */
char *fold_mem_reference(const char *s, size_t len);
/* Fold a NUL-terminated string; NULL folds to "". Caller frees. */
char *fold_str(const char *s);
/* True when folded text hay holds folded phrase starting and ending on word boundaries. */
bool fold_has(const char *hay, const char *phrase);
/* The same, phrase's length pl given (pl == strlen(phrase)). */
bool fold_has_n(const char *hay, const char *phrase, size_t pl);
/* Number of words (runs of letters and digits) in folded text. */
int fold_word_count(const char *folded);
/* Copy of s with white space collapsed and trimmed, at most max bytes (on a character boundary). Caller frees. */
char *text_squeeze(const char *s, size_t max);
/*
 * Cut s (len bytes, squeezed already: as text_squeeze leaves it, or such texts
 * joined by single spaces) in place as text_squeeze(s, max) would; its new length.
 */
size_t text_clip(char *s, size_t len, size_t max);

#endif
