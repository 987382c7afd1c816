/* criteria.c: the criteria in one table: names, legal bases, phrases, scopes, dates. */
#include "criteria.h"

#include <string.h>

#include "config.h"

/* A NULL-terminated list of folded phrases. */
#define PHRASES(...)	((const char *const[]){ __VA_ARGS__, NULL })

/* The max_age keys of [rules], one accessor each. */
static int64_t
regulation_max_age(const struct config *cfg)
{
	return cfg->regulation_max_age;
}

static int64_t
public_catalog_max_age(const struct config *cfg)
{
	return cfg->public_catalog_max_age;
}

static int64_t
conditional_catalog_max_age(const struct config *cfg)
{
	return cfg->conditional_catalog_max_age;
}

static const struct crit_info infos[CRIT_COUNT] = {
	[CRIT_SECTION] = {
		.id = "section",
		.label = "Chuyên mục tiếp cận thông tin",
		.short_label = "Chuyên mục",
		.basis = "Khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP",
		.todo = "Xây dựng và duy trì chuyên mục \"Tiếp cận thông tin\" trên Cổng/Trang thông tin điện tử của đơn vị.",
		.require = PHRASES("tiep can thong tin"),
		/* a headline or a news article about the Law, not a section */
		.exclude = PHRASES("luat", "nghi dinh", "thong tu", "quyet dinh", "hoi nghi",
		    "tap huan", "trien khai", "tuyen truyen", "huong dan", "thuc hien",
		    "ve viec", "ke hoach", "bao cao", "ket qua"),
		.hints = PHRASES("tiep can thong tin", "cung cap thong tin"),
		.url_hints = PHRASES("tiep-can-thong-tin", "tiepcanthongtin",
		    "tiep_can_thong_tin", "tctt", "tiep-can"),
		.scope = SCOPE_NAV_LABEL,
	},
	[CRIT_REGULATION] = {
		.id = "regulation",
		.label = "Quy chế nội bộ về tổ chức cung cấp thông tin",
		.short_label = "Quy chế",
		.basis = "Điểm h khoản 1 Điều 34 Luật Tiếp cận thông tin 2016; khoản 1 Điều 12 Nghị định 13/2018/NĐ-CP",
		.todo = "Ban hành và đăng tải Quy chế nội bộ về tổ chức cung cấp thông tin.",
		.require = PHRASES("quy che", "cung cap thong tin|tiep can thong tin"),
		/* working rules, and the press spokesperson rules, are other regulations */
		.exclude = PHRASES("quy che lam viec", "bao chi", "phat ngon"),
		.hints = PHRASES("quy che"),
		.url_hints = PHRASES("quy-che"),
		.scope = SCOPE_TITLE,
		.dated = true,
		.max_age = regulation_max_age,
	},
	[CRIT_PUBLIC_CATALOG] = {
		.id = "public_catalog",
		.label = "Danh mục thông tin phải được công khai",
		.short_label = "DM công khai",
		.basis = "Điểm g khoản 1 Điều 19, điểm b khoản 1 Điều 34 Luật Tiếp cận thông tin 2016; khoản 3 Điều 6 Nghị định 13/2018/NĐ-CP",
		.todo = "Lập, cập nhật thường xuyên và đăng tải Danh mục thông tin phải được công khai.",
		.require = PHRASES("danh muc", "thong tin", "cong khai"),
		/* a catalog of legal documents or procedures is not it */
		.exclude = PHRASES("co dieu kien", "danh muc van ban", "danh muc thu tuc"),
		.hints = PHRASES("danh muc", "cong khai"),
		.url_hints = PHRASES("danh-muc"),
		.scope = SCOPE_TITLE,
		.dated = true,
		.max_age = public_catalog_max_age,
	},
	[CRIT_CONDITIONAL_CATALOG] = {
		.id = "conditional_catalog",
		.label = "Danh mục thông tin được tiếp cận có điều kiện",
		.short_label = "DM có điều kiện",
		.basis = "Khoản 1 Điều 6 Nghị định 13/2018/NĐ-CP; văn bản chỉ đạo của UBND tỉnh",
		.todo = "Lập, cập nhật thường xuyên và đăng tải Danh mục thông tin được tiếp cận có điều kiện.",
		.require = PHRASES("danh muc", "thong tin", "co dieu kien"),
		.exclude = PHRASES("danh muc van ban", "danh muc thu tuc"),
		.hints = PHRASES("danh muc"),
		.url_hints = PHRASES("danh-muc"),
		.scope = SCOPE_TITLE,
		.dated = true,
		.max_age = conditional_catalog_max_age,
	},
	[CRIT_FOCAL_POINT] = {
		.id = "focal_point",
		.label = "Đầu mối cung cấp thông tin",
		.short_label = "Đầu mối",
		.basis = "Điểm m khoản 1 Điều 17, điểm đ khoản 1 Điều 19, khoản 4 Điều 33 Luật Tiếp cận thông tin 2016",
		.todo = "Chỉ định và công khai đầu mối cung cấp thông tin kèm số điện thoại hoặc địa chỉ thư điện tử.",
		.require = PHRASES("dau moi"),
		.exclude = PHRASES("dau moi giao thong"),
		.hints = PHRASES("dau moi"),
		.url_hints = PHRASES("dau-moi"),
		.scope = SCOPE_BLOCK,
	},
	/* The other items Decree 13 Art. 11(1) puts in the section (daemon/judge-items.c). */
	[CRIT_REQUEST_CHANNEL] = {
		.id = "request_channel",
		.label = "Địa chỉ tiếp nhận yêu cầu cung cấp thông tin qua mạng điện tử",
		.short_label = "Nhận yêu cầu",
		.basis = "Khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP",
		.todo = "Công khai trong chuyên mục tiếp cận thông tin địa chỉ tiếp nhận yêu cầu cung cấp thông tin qua mạng điện tử (thư điện tử hoặc biểu mẫu trực tuyến).",
		.require = PHRASES("tiep nhan yeu cau|gui yeu cau|yeu cau cung cap thong tin"),
		.hints = PHRASES("gui yeu cau", "tiep nhan yeu cau"),
		.url_hints = PHRASES("yeu-cau", "gui-yeu-cau"),
		.scope = SCOPE_CHANNEL,
		.in_section = true,
	},
	[CRIT_COMPLAINT_CHANNEL] = {
		.id = "complaint_channel",
		.label = "Nơi tiếp nhận phản ánh, kiến nghị, khiếu nại, tố cáo về tiếp cận thông tin",
		.short_label = "Phản ánh",
		.basis = "Khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP",
		.todo = "Công khai trong chuyên mục tiếp cận thông tin nơi tiếp nhận phản ánh, kiến nghị, khiếu nại, tố cáo về việc cung cấp thông tin (thư điện tử, điện thoại, địa chỉ hoặc biểu mẫu).",
		.require = PHRASES("phan anh|kien nghi|khieu nai|to cao"),
		.hints = PHRASES("phan anh", "kien nghi", "khieu nai"),
		.url_hints = PHRASES("phan-anh", "kien-nghi", "khieu-nai"),
		.scope = SCOPE_CHANNEL,
		.in_section = true,
	},
	[CRIT_FORMS] = {
		.id = "forms",
		.label = "Mẫu phiếu yêu cầu cung cấp thông tin",
		.short_label = "Biểu mẫu",
		.basis = "Điều 5 và khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP",
		.todo = "Đăng tải trong chuyên mục tiếp cận thông tin các biểu mẫu yêu cầu cung cấp thông tin (Mẫu số 01a, 01b ban hành kèm Nghị định 13/2018/NĐ-CP), tải về được.",
		.require = PHRASES("mau so 01a|phieu yeu cau cung cap thong tin"),
		.hints = PHRASES("mau so", "bieu mau", "phieu yeu cau"),
		.url_hints = PHRASES("bieu-mau", "mau-so", "mau01", "mau-01"),
		.scope = SCOPE_FORM_LINK,
		.in_section = true,
	},
	[CRIT_GUIDANCE] = {
		.id = "guidance",
		.label = "Hướng dẫn việc yêu cầu cung cấp thông tin",
		.short_label = "Hướng dẫn",
		.basis = "Khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP",
		.todo = "Đăng tải trong chuyên mục tiếp cận thông tin hướng dẫn cách thức yêu cầu, tiếp nhận và cung cấp thông tin.",
		.require = PHRASES("huong dan", "thong tin|tiep can|yeu cau"),
		/* guidance on another procedure (tax, land...) is not it */
		.exclude = PHRASES("thue", "dat dai", "su dung dat", "nha dat", "dang ky kinh doanh",
		    "ho tich", "bao hiem"),
		.hints = PHRASES("huong dan"),
		.url_hints = PHRASES("huong-dan"),
		.scope = SCOPE_SECTION_TITLE,
		.in_section = true,
	},
};

static const char *status_names[ST_COUNT] = {
	[ST_NOT_CHECKED] = "not_checked",
	[ST_OK] = "ok",
	[ST_STALE] = "stale",
	[ST_MISSING] = "missing",
	[ST_UNREACHABLE] = "unreachable",
};

static const char *status_labels[ST_COUNT] = {
	[ST_NOT_CHECKED] = "Chưa kiểm tra",
	[ST_OK] = "Đạt",
	[ST_STALE] = "Chưa cập nhật",
	[ST_MISSING] = "Thiếu",
	[ST_UNREACHABLE] = "Không truy cập được",
};

const struct crit_info *
crit_info(enum criterion crit)
{
	return &infos[crit];
}

int64_t
crit_max_age(const struct config *cfg, enum criterion crit)
{
	return cfg != NULL && infos[crit].max_age != NULL ? infos[crit].max_age(cfg) : 0;
}

int
crit_set_size(crit_set set)
{
	int n = 0;

	for (int c = 0; c < CRIT_COUNT; c++)
		n += CRIT_IN(set, c);
	return n;
}

crit_set
crit_set_parse(const char *ids)
{
	crit_set set = 0;

	if (ids == NULL)
		return CRIT_ALL;
	while (*ids) {
		size_t n = strcspn(ids, " ");

		for (int c = 0; c < CRIT_COUNT; c++)
			if (strlen(infos[c].id) == n && strncmp(infos[c].id, ids, n) == 0)
				set |= (crit_set)1 << c;
		ids += n + (ids[n] == ' ');
	}
	return set;
}

int
criterion_from_id(const char *id)
{
	for (int i = 0; i < CRIT_COUNT; i++)
		if (strcmp(infos[i].id, id) == 0)
			return i;
	return -1;
}

const char *
status_name(enum status st)
{
	return (unsigned)st < ST_COUNT ? status_names[st] : "?";
}

const char *
status_label(enum status st)
{
	return (unsigned)st < ST_COUNT ? status_labels[st] : "?";
}

int
status_from_name(const char *name)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (strcmp(status_names[i], name) == 0)
			return i;
	return -1;
}
