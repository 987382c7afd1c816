/* criteria.c: names, labels and legal bases of the criteria, in one table. */
#include "criteria.h"

#include <stddef.h>
#include <string.h>

#include "config.h"

/* A NULL-terminated list of folded phrases. */
#define PHRASES(...)	((const char *const[]){ __VA_ARGS__, NULL })

static const struct crit_info infos[CRIT_COUNT] = {
	[CRIT_SECTION] = {
		"section",
		"Chuyên mục tiếp cận thông tin",
		"Điều 11 khoản 1 Nghị định 13/2018/NĐ-CP",
		"Xây dựng và duy trì chuyên mục \"Tiếp cận thông tin\" trên Cổng/Trang thông tin điện tử của đơn vị.",
		PHRASES("tiep can thong tin"),
		/* a headline or a news article about the Law, not a section */
		PHRASES("luat", "nghi dinh", "thong tu", "quyet dinh", "hoi nghi",
		    "tap huan", "trien khai", "tuyen truyen", "huong dan", "thuc hien",
		    "ve viec", "ke hoach", "bao cao", "ket qua"),
		SCOPE_NAV_LABEL, false, -1,
	},
	[CRIT_REGULATION] = {
		"regulation",
		"Quy chế nội bộ về tổ chức cung cấp thông tin",
		"Điểm h khoản 1 Điều 34 Luật Tiếp cận thông tin 2016; khoản 1 Điều 12 Nghị định 13/2018/NĐ-CP",
		"Ban hành và đăng tải Quy chế nội bộ về tổ chức cung cấp thông tin.",
		PHRASES("quy che", "cung cap thong tin|tiep can thong tin"),
		/* working rules, and the press spokesperson rules, are other regulations */
		PHRASES("quy che lam viec", "bao chi", "phat ngon"),
		SCOPE_TITLE, true, offsetof(struct config, regulation_max_age),
	},
	[CRIT_PUBLIC_CATALOG] = {
		"public_catalog",
		"Danh mục thông tin phải được công khai",
		"Điểm g khoản 1 Điều 19, điểm b khoản 1 Điều 34 Luật Tiếp cận thông tin 2016; khoản 3 Điều 6 Nghị định 13/2018/NĐ-CP",
		"Lập, cập nhật thường xuyên và đăng tải Danh mục thông tin phải được công khai.",
		PHRASES("danh muc", "thong tin", "cong khai"),
		/* a catalog of legal documents or procedures is not it */
		PHRASES("co dieu kien", "danh muc van ban", "danh muc thu tuc"),
		SCOPE_TITLE, true, offsetof(struct config, public_catalog_max_age),
	},
	[CRIT_CONDITIONAL_CATALOG] = {
		"conditional_catalog",
		"Danh mục thông tin được tiếp cận có điều kiện",
		"Khoản 1 Điều 6 Nghị định 13/2018/NĐ-CP; văn bản chỉ đạo của UBND tỉnh",
		"Lập, cập nhật thường xuyên và đăng tải Danh mục thông tin được tiếp cận có điều kiện.",
		PHRASES("danh muc", "thong tin", "co dieu kien"),
		PHRASES("danh muc van ban", "danh muc thu tuc"),
		SCOPE_TITLE, true, offsetof(struct config, conditional_catalog_max_age),
	},
	[CRIT_FOCAL_POINT] = {
		"focal_point",
		"Đầu mối cung cấp thông tin",
		"Điểm m khoản 1 Điều 17, điểm đ khoản 1 Điều 19, khoản 4 Điều 33 Luật Tiếp cận thông tin 2016",
		"Chỉ định và công khai đầu mối cung cấp thông tin kèm số điện thoại hoặc địa chỉ thư điện tử.",
		PHRASES("dau moi"),
		PHRASES("dau moi giao thong"),
		SCOPE_BLOCK, false, -1,
	},
};

static const char *status_names[] = {
	[ST_NOT_CHECKED] = "not_checked",
	[ST_OK] = "ok",
	[ST_STALE] = "stale",
	[ST_MISSING] = "missing",
	[ST_UNREACHABLE] = "unreachable",
};

static const char *status_labels[] = {
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
	return (unsigned)st <= ST_UNREACHABLE ? status_names[st] : "?";
}

const char *
status_label(enum status st)
{
	return (unsigned)st <= ST_UNREACHABLE ? status_labels[st] : "?";
}

int
status_from_name(const char *name)
{
	for (int i = 0; i <= ST_UNREACHABLE; i++)
		if (strcmp(status_names[i], name) == 0)
			return i;
	return -1;
}
