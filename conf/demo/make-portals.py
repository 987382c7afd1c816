#!/usr/bin/python3
# make-portals.py: writes conf/demo/portals/, the fixture portals of the demo
# province that build/fixsrv serves for `make demo`. The tree is committed;
# after editing this file run `/usr/bin/python3 conf/demo/make-portals.py` and
# commit both. What each unit should score is in conf/demo/EXPECTED.md.
#
# "Today" for the demo is Sunday 29/11/2026 (TCTT_NOW=2026-11-29T08:00:00+07:00):
# every portal header shows that date, as real portals do, and it must never be
# taken for a catalog's date.
import os
import shutil
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "portals")
TODAY = "29/11/2026"
WEEKDAY = "Chủ nhật"

ROBOTS = "User-agent: *\nDisallow: /admin/\n"


def esc(s):
    """Escape text for HTML."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def href(url):
    """An href attribute value (query strings keep their & escaped)."""
    return url.replace("&", "&amp;")


def a(url, label):
    return '<a href="%s">%s</a>' % (href(url), esc(label))


def cp1258(text):
    """Encode in windows-1258 as Vietnamese Windows software does: base letters
    with their circumflex, breve or horn precomposed, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        mods = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in d[1:] if m not in "\u0302\u0306\u031b")
        out += unicodedata.normalize("NFC", d[0] + mods).encode("cp1258")
        out += tones.encode("cp1258")
    assert unicodedata.normalize("NFC", out.decode("cp1258")) == unicodedata.normalize("NFC", text)
    return bytes(out)


def pdf(title):
    """A small stand-in for a scanned PDF: a header, the title in ASCII, an end."""
    ascii_title = unicodedata.normalize("NFD", title).encode("ascii", "ignore").decode()
    ascii_title = ascii_title.replace("(", "").replace(")", "")
    return ("%%PDF-1.4\n1 0 obj << /Title (%s) /Producer (tctt demo) >> endobj\n"
            "trailer << /Root 1 0 R >>\n%%%%EOF\n" % ascii_title).encode("ascii")


class Unit:
    """One demo portal: its pages, its look, how it is encoded."""

    def __init__(self, host, name, org, addr, phone, email, menu, skin,
                 encoding="utf-8", meta=True, nfd=False):
        self.host, self.name, self.org = host, name, org
        self.addr, self.phone, self.email = addr, phone, email
        self.menu, self.skin = menu, skin
        self.encoding, self.meta, self.nfd = encoding, meta, nfd
        self.right = ""		# shown in the side column of every page
        self.files = {}

    def page(self, path, title, content, right=""):
        self.files[path] = self.skin(self, title, content, self.right + right)

    def raw(self, path, data):
        self.files[path] = data

    def head(self, title):
        if not self.meta:
            cs = ""
        elif self.encoding == "utf-8":
            cs = '<meta charset="utf-8">\n'
        else:
            cs = '<meta http-equiv="Content-Type" content="text/html; charset=%s">\n' % self.encoding
        return ('<!DOCTYPE html>\n<html lang="vi">\n<head>\n%s<meta name="viewport" '
                'content="width=device-width, initial-scale=1">\n<title>%s | %s</title>\n'
                '</head>\n' % (cs, esc(title), esc(self.name)))

    def footer_lines(self):
        return ("<p>Cơ quan chủ quản: %s</p>\n<p>Địa chỉ: %s</p>\n"
                "<p>Điện thoại: %s - Email: %s</p>\n"
                "<p>Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin điện tử này.</p>\n"
                % (esc(self.name), esc(self.addr), esc(self.phone), esc(self.email)))

    def write(self):
        d = os.path.join(ROOT, self.host)
        for path, data in sorted(self.files.items()):
            f = os.path.join(d, path.lstrip("/"))
            if path.endswith("/"):
                f = os.path.join(f, "index.html")
            os.makedirs(os.path.dirname(f), exist_ok=True)
            if isinstance(data, str):
                if self.nfd:
                    data = unicodedata.normalize("NFD", data)
                data = cp1258(data) if self.encoding == "windows-1258" else data.encode("utf-8")
            with open(f, "wb") as fp:
                fp.write(data)


def menu_html(u, cls):
    return '<ul class="%s">\n%s</ul>\n' % (cls, "".join(
        "<li>%s</li>\n" % a(url, label) for label, url in u.menu))


def skin_joomla(u, title, content, right):
    """A Joomla-era portal: pages are index.php?option=..., three columns."""
    return u.head(title) + (
        '<body class="site">\n<div id="top">\n<div class="date">%s, %s</div>\n'
        '<div class="toplinks"><a href="/">Trang chủ</a> | <a href="/index.php?option=com_xmap">'
        'Sơ đồ cổng</a> | <a href="/admin/">Quản trị</a></div>\n</div>\n'
        '<div id="banner">\n<div class="org">%s</div>\n<div class="site-name">%s</div>\n</div>\n'
        '<div id="mainmenu">\n%s</div>\n'
        '<div id="wrapper">\n<div id="left">\n<div class="moduletable"><h3>Chuyên mục</h3>\n%s</div>\n'
        '</div>\n<div id="content">\n%s</div>\n<div id="right">\n%s'
        '<div class="moduletable"><h3>Liên kết website</h3>\n<ul>\n'
        '<li><a href="https://laichau.gov.vn/">Cổng thông tin điện tử tỉnh Lai Châu</a></li>\n'
        '<li><a href="https://chinhphu.vn/">Cổng thông tin điện tử Chính phủ</a></li>\n</ul></div>\n'
        '<div class="moduletable"><h3>Thống kê truy cập</h3><p>Đang truy cập: 27</p>'
        '<p>Tổng lượt truy cập: 1.284.332</p></div>\n</div>\n</div>\n'
        '<div id="footer">\n%s</div>\n</body>\n</html>\n'
        % (WEEKDAY, TODAY, esc(u.org), esc(u.name.upper()), menu_html(u, "menu"),
           menu_html(u, "leftmenu"), content, right, u.footer_lines()))


def skin_portal(u, title, content, right):
    """A newer HTML5 portal with clean paths, a header band and a right column."""
    return u.head(title) + (
        '<body>\n<header class="site-header">\n<div class="topbar"><span class="today">Hôm nay: '
        '%s, ngày %s</span> <form action="/tim-kiem/" class="search"><input name="q" '
        'placeholder="Tìm kiếm..."></form></div>\n<div class="brand"><span class="org">%s</span>'
        '<span class="name">%s</span></div>\n</header>\n<nav class="main-nav">\n%s</nav>\n'
        '<div class="container">\n<main class="main-content">\n%s</main>\n'
        '<aside class="sidebar">\n%s<section class="widget"><h3>Liên kết</h3><ul>\n'
        '<li><a href="https://laichau.gov.vn/">Cổng TTĐT tỉnh Lai Châu</a></li>\n'
        '<li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></li>\n</ul>'
        '</section>\n</aside>\n</div>\n<footer class="site-footer">\n%s</footer>\n</body>\n</html>\n'
        % (WEEKDAY, TODAY, esc(u.org), esc(u.name.upper()), menu_html(u, "nav"),
           content, right, u.footer_lines()))


def skin_table(u, title, content, right):
    """An old table-laid commune or department site."""
    return u.head(title) + (
        '<body bgcolor="#f3f3f3">\n<table width="980" align="center" cellpadding="0" '
        'cellspacing="0" class="layout">\n<tr><td colspan="2" class="banner">\n<div class="org">'
        '%s</div>\n<div class="name">%s</div>\n<div class="ngay">%s, %s</div>\n</td></tr>\n'
        '<tr><td colspan="2" class="menungang">%s</td></tr>\n<tr>\n<td width="220" valign="top" '
        'class="cotrai">\n<div class="tieude">DANH MỤC</div>\n%s%s</td>\n<td valign="top" '
        'class="noidung">\n%s</td>\n</tr>\n<tr><td colspan="2" class="chantrang">\n%s</td></tr>\n'
        '</table>\n</body>\n</html>\n'
        % (esc(u.org), esc(u.name.upper()), WEEKDAY, TODAY.replace("/", "-"),
           " | ".join(a(url, label) for label, url in u.menu), menu_html(u, "dmtrai"), right,
           content, u.footer_lines()))


def skin_aspx(u, title, content, right):
    """A DotNetNuke-style ward portal: Default.aspx?tabid=N."""
    return u.head(title) + (
        '<body>\n<form method="post" action="/Default.aspx" id="Form">\n<div id="dnn_Header">\n'
        '<div class="dnnDate">%s, %s</div>\n<div class="dnnLogo"><span>%s</span><br>'
        '<strong>%s</strong></div>\n</div>\n<div id="dnn_Menu">\n%s</div>\n'
        '<div id="dnn_ContentPane">\n%s</div>\n<div id="dnn_RightPane">\n%s</div>\n'
        '<div id="dnn_Footer">\n%s</div>\n</form>\n</body>\n</html>\n'
        % (WEEKDAY, TODAY, esc(u.org), esc(u.name.upper()), menu_html(u, "dnnmenu"),
           content, right, u.footer_lines()))


def news(items, cls="news"):
    """A news list: (url, headline, date)."""
    return '<ul class="%s">\n%s</ul>\n' % (cls, "".join(
        '<li>%s <span class="date">(%s)</span></li>\n' % (a(url, t), d) for url, t, d in items))


def article(title, date, paras):
    return ('<div class="article">\n<h1 class="title">%s</h1>\n<div class="meta">Ngày đăng: %s'
            '</div>\n%s</div>\n' % (esc(title), date,
                                    "".join("<p>%s</p>\n" % esc(p) for p in paras)))


def doc_table(rows):
    """A document table: (number, date, summary, url) rows with "Tải về" links."""
    return ('<table class="vanban" border="1" cellspacing="0" cellpadding="4">\n'
            '<tr><th>Số/Ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tệp đính kèm</th></tr>\n'
            + "".join('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n'
                      % (esc(n), d, esc(s), a(url, "Tải về")) for n, d, s, url in rows)
            + "</table>\n")


PROVINCE = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"


def joomla_menu(section_id):
    m = [("Trang chủ", "/"),
         ("Giới thiệu", "/index.php?option=com_content&view=article&id=1"),
         ("Tin tức - Sự kiện", "/index.php?option=com_content&view=category&id=8"),
         ("Văn bản", "/index.php?option=com_content&view=category&id=9"),
         ("Thủ tục hành chính", "/index.php?option=com_content&view=category&id=10")]
    if section_id is not None:
        m.append(("Tiếp cận thông tin", "/index.php?option=com_content&view=category&id=%d" % section_id))
    m.append(("Liên hệ", "/index.php?option=com_content&view=article&id=3"))
    return m


def portal_menu(section=True, label="Tiếp cận thông tin"):
    m = [("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu/"), ("Tin tức", "/tin-tuc/"),
         ("Văn bản", "/van-ban/"), ("Thủ tục hành chính", "/thu-tuc-hanh-chinh/")]
    if section:
        m.append((label, "/tiep-can-thong-tin/"))
    m.append(("Liên hệ", "/lien-he/"))
    return m


def std_pages(u, intro, news_items, docs_rows, paths):
    """Home, introduction, news list, news articles, documents, contact."""
    home, gioithieu, tintuc, vanban, lienhe = paths
    u.page("/", "Trang chủ", "<h2>Tin tức - Sự kiện</h2>\n" + news(news_items)
           + "<h2>Văn bản mới</h2>\n" + doc_table(docs_rows))
    u.page(gioithieu, "Giới thiệu", article("Giới thiệu chung", "15/01/2026", intro))
    u.page(tintuc, "Tin tức - Sự kiện", "<h2>Tin tức - Sự kiện</h2>\n" + news(news_items))
    for url, title, date in news_items:
        if url not in u.files:
            u.page(url, title, article(title, date, [
                "Ngày %s, %s đã tổ chức triển khai nhiệm vụ theo kế hoạch." % (date, u.name),
                "Tham dự có lãnh đạo đơn vị, trưởng các phòng chuyên môn và đại diện các cơ quan liên quan."]))
    u.page(vanban, "Văn bản", "<h2>Văn bản</h2>\n" + doc_table(docs_rows))
    for _, _, s, url in docs_rows:
        if url.endswith(".pdf") and url not in u.files:
            u.raw(url, pdf(s))
    u.page(lienhe, "Liên hệ", "<h2>Liên hệ</h2>\n<p>%s</p>\n<p>Địa chỉ: %s</p>\n"
           "<p>Điện thoại: %s</p>\n<p>Thư điện tử: %s</p>\n"
           % (esc(u.name), esc(u.addr), esc(u.phone), esc(u.email)))


def section_items(u, base, guide_url, kinds, request_email=None):
    """The section's other items (Decree 13 Art. 11(1)): the request address, the complaint
    channel, the forms (behind "Tải về" labels) and a guidance page, those named in kinds;
    their documents and pages are written under base. Returns the section's HTML."""
    html = ""
    if "request" in kinds:
        html += ("<h3>Tiếp nhận yêu cầu cung cấp thông tin</h3>\n<p>Tổ chức, công dân gửi yêu cầu "
                 "cung cấp thông tin qua mạng điện tử tới địa chỉ thư điện tử: %s</p>\n"
                 % esc(request_email or "tiepnhan." + u.email))
    if "complaint" in kinds:
        html += ("<h3>Tiếp nhận phản ánh, kiến nghị</h3>\n<p>Phản ánh, kiến nghị, khiếu nại về việc "
                 "cung cấp thông tin xin gửi về Văn phòng, điện thoại: %s</p>\n" % esc(u.phone))
    if "forms" in kinds:
        rows = (("01a", "Phiếu yêu cầu cung cấp thông tin (dùng cho công dân)"),
                ("01b", "Phiếu yêu cầu cung cấp thông tin (công dân yêu cầu cho tổ chức)"),
                ("02", "Giấy ủy quyền yêu cầu cung cấp thông tin"),
                ("03", "Thông báo về việc giải quyết yêu cầu cung cấp thông tin"))
        html += "<h3>Biểu mẫu</h3>\n<table class=\"forms\">\n"
        for no, title in rows:
            html += ("<tr><td>Mẫu số %s</td><td>%s</td><td>%s</td></tr>\n"
                     % (no, esc(title), a(base + "mau-so-%s.doc" % no, "Tải về")))
            u.raw(base + "mau-so-%s.doc" % no, ("Mẫu số %s: %s\n" % (no, title)).encode("utf-8"))
        html += "</table>\n"
    if "guidance" in kinds:
        html += "<p>%s</p>\n" % a(guide_url, "Hướng dẫn thủ tục yêu cầu cung cấp thông tin")
        u.page(guide_url, "Hướng dẫn thủ tục yêu cầu cung cấp thông tin",
               article("Hướng dẫn thủ tục yêu cầu cung cấp thông tin", "15/06/2025", [
                   "Bước 1: người yêu cầu điền Phiếu yêu cầu cung cấp thông tin (Mẫu số 01a).",
                   "Bước 2: gửi Phiếu trực tiếp, qua bưu điện hoặc qua mạng điện tử tới địa chỉ tiếp nhận.",
                   "Bước 3: đơn vị giải quyết yêu cầu trong thời hạn luật định."]))
    return html


def doc_li(url, label, after=""):
    return "<li>%s%s</li>\n" % (a(url, label), after)


# --- Sở Tư pháp: fully compliant, Joomla, the focal point on its own page ---
def stp():
    u = Unit("sotuphap.laichau.demo", "Sở Tư pháp tỉnh Lai Châu", PROVINCE,
             "Tầng 4, Nhà C, Trung tâm Hành chính - Chính trị tỉnh, phường Tân Phong, tỉnh Lai Châu",
             "0213.3876.224", "sotuphap@laichau.demo", joomla_menu(20), skin_joomla)
    j = "/index.php?option=com_content&view="
    std_pages(u, ["Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Lai Châu, tham mưu về "
                  "xây dựng và thi hành pháp luật, phổ biến, giáo dục pháp luật, hộ tịch, lý lịch tư pháp."],
              [(j + "article&id=101", "Sở Tư pháp tổ chức Hội nghị tập huấn nghiệp vụ hộ tịch năm 2026", "24/11/2026"),
               (j + "article&id=102", "Tuyên truyền, phổ biến pháp luật cho đồng bào dân tộc thiểu số tại xã Mù Cả", "18/11/2026"),
               (j + "article&id=103", "Ngày Pháp luật Việt Nam 9/11: nhiều hoạt động hưởng ứng thiết thực", "09/11/2026")],
              [("128/KH-STP", "20/11/2026", "Kế hoạch kiểm tra công tác hộ tịch năm 2027", "/images/vanban/kh-128-stp.pdf"),
               ("97/BC-STP", "05/11/2026", "Báo cáo công tác tư pháp 10 tháng năm 2026", "/images/vanban/bc-97-stp.pdf")],
              ("/", j + "article&id=1", j + "category&id=8", j + "category&id=9", j + "article&id=3"))
    u.page(j + "category&id=10", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n<p>Tra cứu thủ tục "
           "hành chính tại Cổng Dịch vụ công quốc gia.</p>\n")
    d = "/images/tiepcanthongtin/"
    u.page(j + "category&id=20", "Tiếp cận thông tin",
           '<h2 class="category">Tiếp cận thông tin</h2>\n<ul class="category-list">\n'
           + doc_li(d + "qd-45-qc-cung-cap-thong-tin.pdf",
                    "Quyết định số 45/QĐ-STP ban hành Quy chế cung cấp thông tin cho công dân của Sở Tư pháp",
                    ' <span class="date">(12/03/2024)</span>')
           + doc_li(d + "danh-muc-thong-tin-cong-khai-2026.pdf",
                    "Danh mục thông tin phải được công khai của Sở Tư pháp năm 2026",
                    ' <span class="date">Cập nhật: 15/10/2026</span>')
           + doc_li(d + "danh-muc-thong-tin-co-dieu-kien-2026.pdf",
                    "Danh mục thông tin được tiếp cận có điều kiện của Sở Tư pháp",
                    ' <span class="date">Cập nhật: 15/10/2026</span>')
           + doc_li(j + "article&id=21", "Đầu mối cung cấp thông tin")
           + doc_li(d + "luat-104-2016-qh13.pdf", "Luật Tiếp cận thông tin số 104/2016/QH13")
           + doc_li(d + "nd-13-2018.pdf", "Nghị định số 13/2018/NĐ-CP quy định chi tiết Luật Tiếp cận thông tin")
           + "</ul>\n"
           + section_items(u, d, j + "article&id=22", ("request", "complaint", "forms", "guidance")))
    for f, t in (("qd-45-qc-cung-cap-thong-tin.pdf", "Quy che cung cap thong tin STP"),
                 ("danh-muc-thong-tin-cong-khai-2026.pdf", "Danh muc thong tin phai duoc cong khai"),
                 ("danh-muc-thong-tin-co-dieu-kien-2026.pdf", "Danh muc thong tin tiep can co dieu kien"),
                 ("luat-104-2016-qh13.pdf", "Luat Tiep can thong tin 104/2016/QH13"),
                 ("nd-13-2018.pdf", "Nghi dinh 13/2018/ND-CP")):
        u.raw(d + f, pdf(t))
    u.page(j + "article&id=21", "Đầu mối cung cấp thông tin",
           '<div class="item-page">\n<h2>Đầu mối cung cấp thông tin</h2>\n'
           "<p>Văn phòng Sở Tư pháp là đầu mối cung cấp thông tin của Sở. Người phụ trách: bà Lò Thị "
           "Thu Hương, Chánh Văn phòng. Điện thoại: 0213.3876.225. Email: vanphong.stp@laichau.demo</p>\n"
           "<p>Thời gian tiếp nhận yêu cầu: trong giờ hành chính các ngày làm việc.</p>\n</div>\n")
    u.raw("/robots.txt", ROBOTS)
    return u


# --- Sở Y tế: fully compliant, a document table with "Tải về" links ---
def syt():
    u = Unit("soyte.laichau.demo", "Sở Y tế tỉnh Lai Châu", PROVINCE,
             "Tầng 3, Nhà B, Trung tâm Hành chính - Chính trị tỉnh, phường Tân Phong, tỉnh Lai Châu",
             "0213.3798.100", "soyte@laichau.demo", portal_menu(), skin_portal)
    std_pages(u, ["Sở Y tế tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về y tế, dược, "
                  "an toàn thực phẩm, bảo hiểm y tế và dân số."],
              [("/tin-tuc/tiem-chung-mo-rong-2026.html", "Triển khai tiêm chủng mở rộng tại các xã vùng cao", "26/11/2026"),
               ("/tin-tuc/kiem-tra-an-toan-thuc-pham.html", "Kiểm tra an toàn thực phẩm dịp cuối năm", "20/11/2026")],
              [("1020/QĐ-SYT", "16/11/2026", "Quyết định phê duyệt kế hoạch khám sức khỏe định kỳ", "/uploads/2026/11/qd-1020.pdf")],
              ("/", "/gioi-thieu/", "/tin-tuc/", "/van-ban/", "/lien-he/"))
    u.page("/thu-tuc-hanh-chinh/", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n<p>Danh sách thủ tục "
           "hành chính lĩnh vực y tế.</p>\n")
    u.page("/tiep-can-thong-tin/", "Tiếp cận thông tin",
           '<h1 class="page-title">Tiếp cận thông tin</h1>\n<p>Sở Y tế công khai các văn bản về tổ chức '
           "thực hiện Luật Tiếp cận thông tin.</p>\n"
           + doc_table([("112/QĐ-SYT", "05/04/2025", "Quyết định ban hành Quy chế nội bộ về tổ chức cung cấp thông tin của Sở Y tế", "/uploads/tctt/qd-112-2025.pdf"),
                        ("845/QĐ-SYT", "02/10/2026", "Danh mục thông tin phải được công khai của Sở Y tế (áp dụng đến 31/12/2027)", "/uploads/tctt/qd-845-2026.pdf"),
                        ("846/QĐ-SYT", "02/10/2026", "Danh mục thông tin được tiếp cận có điều kiện của Sở Y tế", "/uploads/tctt/qd-846-2026.pdf")])
           + "<h3>Đầu mối cung cấp thông tin</h3>\n<p>Phòng Kế hoạch - Tài chính, Sở Y tế tỉnh Lai Châu; "
           "ông Nguyễn Văn Hùng, Phó Trưởng phòng. Điện thoại: 0213 3798 116; thư điện tử: "
           "tctt.soyte@laichau.demo</p>\n"
           + section_items(u, "/uploads/tctt/", "/tiep-can-thong-tin/huong-dan.html",
                   ("request", "complaint", "forms", "guidance")))
    for f in ("qd-112-2025.pdf", "qd-845-2026.pdf", "qd-846-2026.pdf"):
        u.raw("/uploads/tctt/" + f, pdf("So Y te " + f))
    u.raw("/robots.txt", ROBOTS + "Disallow: /tmp/\n\nSitemap: http://soyte.laichau.demo/sitemap.xml\n")
    return u


def portal_section(u, intro, items, focal, right=""):
    u.page("/tiep-can-thong-tin/", "Tiếp cận thông tin",
           '<h1 class="page-title">Tiếp cận thông tin</h1>\n<p>%s</p>\n%s%s' % (esc(intro), items, focal), right)


# --- Sở Nông nghiệp và Môi trường: public catalog stale ---
def snnmt():
    u = Unit("sonnptnt.laichau.demo", "Sở Nông nghiệp và Môi trường tỉnh Lai Châu", PROVINCE,
             "Tầng 2, Nhà D, Trung tâm Hành chính - Chính trị tỉnh, phường Đoàn Kết, tỉnh Lai Châu",
             "0213.3876.418", "sonnmt@laichau.demo", portal_menu(), skin_portal)
    items = [("/tin-tuc/trong-cay-mac-ca.html", "Mở rộng diện tích cây mắc ca tại xã Tả Lèng", "27/11/2026"),
             ("/tin-tuc/phong-chong-sat-lo.html", "Chủ động phòng, chống sạt lở đất mùa mưa lũ", "21/11/2026")]
    std_pages(u, ["Sở Nông nghiệp và Môi trường được thành lập năm 2025 trên cơ sở hợp nhất Sở Nông "
                  "nghiệp và Phát triển nông thôn và Sở Tài nguyên và Môi trường."],
              items, [("310/KH-SNNMT", "12/11/2026", "Kế hoạch trồng rừng năm 2027", "/files/kh-310.pdf")],
              ("/", "/gioi-thieu/", "/tin-tuc/", "/van-ban/", "/lien-he/"))
    u.page("/thu-tuc-hanh-chinh/", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    portal_section(u, "Thông tin về việc thực hiện Luật Tiếp cận thông tin của Sở.",
                   "<p>%s — Ngày đăng: 20/08/2025</p>\n"
                   % a("/files/tctt/quy-che-cung-cap-thong-tin.pdf",
                       "Quy chế cung cấp thông tin cho công dân của Sở Nông nghiệp và Môi trường")
                   + "<p>%s — ngày ban hành 10/09/2025</p>\n"
                   % a("/files/tctt/dm-cong-khai.pdf", "Danh mục thông tin phải được công khai")
                   + "<p>%s — ngày ban hành 14/11/2026</p>\n"
                   % a("/files/tctt/dm-co-dieu-kien.pdf", "Danh mục thông tin được tiếp cận có điều kiện"),
                   "<h3>Đầu mối cung cấp thông tin</h3>\n<p>Văn phòng Sở, bà Tẩn Thị Mai, chuyên viên. "
                   "Điện thoại: 0213 3876 419 - Email: vanphong.snnmt@laichau.demo</p>\n"
                   + section_items(u, "/files/tctt/", None, ("complaint",)),
                   '<section class="widget"><h3>Tin mới</h3>\n' + news(items, "tinmoi") + "</section>\n")
    for f in ("quy-che-cung-cap-thong-tin.pdf", "dm-cong-khai.pdf", "dm-co-dieu-kien.pdf"):
        u.raw("/files/tctt/" + f, pdf("SNNMT " + f))
    return u


# --- Sở Văn hóa, Thể thao và Du lịch: windows-1258 declared in <meta>; no conditional catalog ---
def svhttdl():
    menu = [("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu.html"), ("Tin tức", "/tin-tuc.html"),
            ("Văn bản", "/van-ban.html"), ("Du lịch Lai Châu", "/du-lich.html"),
            ("Chuyên mục tiếp cận thông tin", "/tiep-can-thong-tin.html"), ("Liên hệ", "/lien-he.html")]
    u = Unit("svhttdl.laichau.demo", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu", PROVINCE,
             "Tầng 5, Nhà A, Trung tâm Hành chính - Chính trị tỉnh, phường Tân Phong, tỉnh Lai Châu",
             "0213.3791.688", "svhttdl@laichau.demo", menu, skin_table, encoding="windows-1258")
    std_pages(u, ["Sở Văn hóa, Thể thao và Du lịch quản lý nhà nước về văn hóa, gia đình, thể dục, thể "
                  "thao và du lịch trên địa bàn tỉnh."],
              [("/tin-tuc/le-hoi-then-kin-pang.html", "Lễ hội Then Kin Pang năm 2026 thu hút đông đảo du khách", "23/11/2026"),
               ("/tin-tuc/giai-viet-da-lai-chau.html", "Khai mạc Giải Việt dã tỉnh Lai Châu lần thứ XV", "15/11/2026")],
              [("215/KH-SVHTTDL", "10/11/2026", "Kế hoạch tổ chức Tuần Văn hóa - Du lịch năm 2027", "/Upload/kh-215.pdf")],
              ("/", "/gioi-thieu.html", "/tin-tuc.html", "/van-ban.html", "/lien-he.html"))
    u.page("/du-lich.html", "Du lịch Lai Châu", "<h2>Du lịch Lai Châu</h2>\n<p>Sìn Hồ, Dào San, Pu Ta Leng, "
           "bản du lịch cộng đồng Sin Suối Hồ.</p>\n")
    u.page("/tiep-can-thong-tin.html", "Chuyên mục tiếp cận thông tin",
           '<div class="tieudetrang">CHUYÊN MỤC TIẾP CẬN THÔNG TIN</div>\n<ul class="dsvanban">\n'
           + doc_li("/Upload/tctt/quy-che-tiep-can-thong-tin.pdf",
                    "Quy chế tiếp cận thông tin của Sở Văn hóa, Thể thao và Du lịch", " (Ngày 03/06/2024)")
           + doc_li("/Upload/tctt/danh-muc-cong-khai-2026.pdf",
                    "Danh mục thông tin phải được công khai năm 2026", " (Ngày 08/09/2026)")
           + doc_li("/dau-moi-cung-cap-thong-tin.html", "Đầu mối cung cấp thông tin")
           + "</ul>\n")
    u.raw("/Upload/tctt/quy-che-tiep-can-thong-tin.pdf", pdf("Quy che tiep can thong tin SVHTTDL"))
    u.raw("/Upload/tctt/danh-muc-cong-khai-2026.pdf", pdf("Danh muc thong tin cong khai 2026"))
    u.page("/dau-moi-cung-cap-thong-tin.html", "Đầu mối cung cấp thông tin",
           "<p><b>Bộ phận đầu mối cung cấp thông tin:</b> Văn phòng Sở Văn hóa, Thể thao và Du lịch. "
           "Điện thoại: 0213.3791.689; Email: vanphong.svhttdl@laichau.demo</p>\n")
    return u


# --- Sở Tài chính: windows-1258 from the HTTP header only; only a "Quy chế làm việc" ---
def stc():
    u = Unit("sotc.laichau.demo", "Sở Tài chính tỉnh Lai Châu", PROVINCE,
             "Tầng 6, Nhà A, Trung tâm Hành chính - Chính trị tỉnh, phường Tân Phong, tỉnh Lai Châu",
             "0213.3876.550", "sotc@laichau.demo", joomla_menu(45), skin_joomla,
             encoding="windows-1258", meta=False)
    j = "/index.php?option=com_content&view="
    std_pages(u, ["Sở Tài chính được tổ chức lại năm 2025 trên cơ sở hợp nhất Sở Tài chính và Sở Kế "
                  "hoạch và Đầu tư."],
              [(j + "article&id=201", "Công khai dự toán ngân sách địa phương năm 2027", "25/11/2026"),
               (j + "article&id=202", "Hội nghị đối thoại với doanh nghiệp về thủ tục đầu tư", "13/11/2026")],
              [("540/STC-QLNS", "19/11/2026", "Hướng dẫn xây dựng dự toán ngân sách năm 2027", "/images/vanban/cv-540.pdf")],
              ("/", j + "article&id=1", j + "category&id=8", j + "category&id=9", j + "article&id=3"))
    u.page(j + "category&id=10", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    d = "/images/tctt/"
    u.page(j + "category&id=45", "Tiếp cận thông tin",
           '<h2 class="category">Tiếp cận thông tin</h2>\n<ul class="category-list">\n'
           + doc_li(d + "qd-quy-che-lam-viec.pdf", "Quyết định ban hành Quy chế làm việc của Sở Tài chính "
                    "(bao gồm chế độ thông tin, báo cáo)", " (10/01/2026)")
           + doc_li(d + "dm-cong-khai.pdf", "Danh mục thông tin phải được công khai của Sở Tài chính",
                    " - cập nhật 20/10/2026")
           + doc_li(d + "dm-co-dieu-kien.pdf", "Danh mục thông tin được tiếp cận có điều kiện",
                    " - cập nhật 20/10/2026")
           + "</ul>\n<p><strong>Đầu mối cung cấp thông tin:</strong> Văn phòng Sở Tài chính, điện thoại "
           "0213 3876 551, email vanphong.stc@laichau.demo.</p>\n")
    for f in ("qd-quy-che-lam-viec.pdf", "dm-cong-khai.pdf", "dm-co-dieu-kien.pdf"):
        u.raw(d + f, pdf("STC " + f))
    u.raw("/_rules", "# Served as windows-1258 from the HTTP header; the pages carry no <meta> charset.\n"
          "/ charset windows-1258\n/index.php charset windows-1258\n")
    return u


# --- Sở Giáo dục và Đào tạo: no focal point (only the footer's contact line) ---
def sgddt():
    u = Unit("sogddt.laichau.demo", "Sở Giáo dục và Đào tạo tỉnh Lai Châu", PROVINCE,
             "Đường Trần Phú, phường Đoàn Kết, tỉnh Lai Châu", "0213.3876.289", "sogddt@laichau.demo",
             portal_menu(), skin_portal)
    std_pages(u, ["Sở Giáo dục và Đào tạo quản lý nhà nước về giáo dục mầm non, phổ thông, giáo dục "
                  "thường xuyên trên địa bàn tỉnh."],
              [("/tin-tuc/ky-thi-hsg-2026.html", "Kỳ thi chọn học sinh giỏi cấp tỉnh năm học 2026 - 2027", "22/11/2026"),
               ("/tin-tuc/ban-tru.html", "Bảo đảm bữa ăn bán trú cho học sinh vùng cao", "16/11/2026")],
              [("1876/SGDĐT-GDTrH", "18/11/2026", "Hướng dẫn tổ chức kiểm tra cuối học kỳ I", "/uploads/cv-1876.pdf")],
              ("/", "/gioi-thieu/", "/tin-tuc/", "/van-ban/", "/lien-he/"))
    u.page("/thu-tuc-hanh-chinh/", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    portal_section(u, "Tổ chức, công dân có yêu cầu cung cấp thông tin vui lòng gửi Phiếu yêu cầu về Văn phòng Sở.",
                   '<ul class="docs">\n'
                   + doc_li("/uploads/tctt/quy-che.pdf", "Quy chế cung cấp thông tin cho công dân của Sở Giáo dục và Đào tạo",
                            " — 15/09/2023")
                   + doc_li("/uploads/tctt/dm-cong-khai.pdf", "Danh mục thông tin phải được công khai", " — 05/11/2026")
                   + doc_li("/uploads/tctt/dm-co-dieu-kien.pdf", "Danh mục thông tin được tiếp cận có điều kiện",
                            " — 05/11/2026")
                   + doc_li("/uploads/tctt/mau-phieu-yeu-cau.doc", "Mẫu Phiếu yêu cầu cung cấp thông tin")
                   + "</ul>\n", "")
    for f in ("quy-che.pdf", "dm-cong-khai.pdf", "dm-co-dieu-kien.pdf"):
        u.raw("/uploads/tctt/" + f, pdf("SGDDT " + f))
    u.raw("/uploads/tctt/mau-phieu-yeu-cau.doc", b"Mau phieu yeu cau cung cap thong tin\n")
    return u


# --- Sở Nội vụ: no public catalog, only a catalog of legal documents ---
def snv():
    u = Unit("sonoivu.laichau.demo", "Sở Nội vụ tỉnh Lai Châu", PROVINCE,
             "Tầng 2, Nhà A, Trung tâm Hành chính - Chính trị tỉnh, phường Tân Phong, tỉnh Lai Châu",
             "0213.3876.142", "sonoivu@laichau.demo", portal_menu(), skin_portal)
    std_pages(u, ["Sở Nội vụ được tổ chức lại năm 2025, tiếp nhận thêm chức năng lao động, việc làm, "
                  "người có công từ Sở Lao động - Thương binh và Xã hội."],
              [("/tin-tuc/thi-tuyen-cong-chuc-2026.html", "Thông báo kết quả thi tuyển công chức năm 2026", "24/11/2026"),
               ("/tin-tuc/cham-lo-nguoi-co-cong.html", "Chăm lo đời sống người có công với cách mạng", "10/11/2026")],
              [("455/SNV-CCVC", "21/11/2026", "Hướng dẫn đánh giá, xếp loại công chức năm 2026", "/vanban/cv-455.pdf")],
              ("/", "/gioi-thieu/", "/tin-tuc/", "/van-ban/", "/lien-he/"))
    u.page("/thu-tuc-hanh-chinh/", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    portal_section(u, "Công khai thông tin theo Luật Tiếp cận thông tin.",
                   '<ul class="docs">\n'
                   + doc_li("/vanban/tctt/quy-che-cctt.pdf", "Quy chế cung cấp thông tin của Sở Nội vụ", " (02/02/2024)")
                   + doc_li("/vanban/tctt/dm-vbqppl.pdf",
                            "Danh mục văn bản quy phạm pháp luật công khai trên Cổng thông tin điện tử Sở", " (30/10/2026)")
                   + doc_li("/vanban/tctt/dm-co-dieu-kien.pdf", "Danh mục thông tin được tiếp cận có điều kiện", " (30/10/2026)")
                   + "</ul>\n",
                   "<h3>Đầu mối cung cấp thông tin</h3>\n<p>Văn phòng Sở Nội vụ. Điện thoại: 0213 3876 143. "
                   "Email: vanphong.snv@laichau.demo</p>\n")
    for f in ("quy-che-cctt.pdf", "dm-vbqppl.pdf", "dm-co-dieu-kien.pdf"):
        u.raw("/vanban/tctt/" + f, pdf("SNV " + f))
    return u


# --- Ban Quản lý Khu kinh tế: no section, only a news article about the Law ---
def bqlkkt():
    u = Unit("bqlkkt.laichau.demo", "Ban Quản lý Khu kinh tế tỉnh Lai Châu", PROVINCE,
             "Đường Võ Nguyên Giáp, phường Đoàn Kết, tỉnh Lai Châu", "0213.3899.100", "bqlkkt@laichau.demo",
             portal_menu(section=False), skin_portal)
    art = "/tin-tuc/hoi-nghi-trien-khai-luat-tiep-can-thong-tin.html"
    title = ("Hội nghị quán triệt, triển khai Luật Tiếp cận thông tin và các văn bản hướng dẫn thi hành "
             "tại Ban Quản lý Khu kinh tế tỉnh")
    items = [(art, title, "19/11/2026"),
             ("/tin-tuc/cua-khau-ma-lu-thang.html", "Hoạt động xuất nhập khẩu qua cửa khẩu Ma Lù Thàng tăng mạnh", "12/11/2026")]
    u.page(art, title, article(title, "19/11/2026", [
        "Sáng ngày 18/11/2026, Ban Quản lý Khu kinh tế tỉnh tổ chức hội nghị quán triệt Luật Tiếp cận "
        "thông tin năm 2016 và Nghị định số 13/2018/NĐ-CP cho toàn thể công chức, viên chức.",
        "Tại hội nghị, lãnh đạo Ban giao Văn phòng Ban làm đầu mối cung cấp thông tin, điện thoại "
        "0213 3899 101, và yêu cầu các phòng rà soát, lập danh mục thông tin trong thời gian tới."]))
    std_pages(u, ["Ban Quản lý Khu kinh tế tỉnh quản lý Khu kinh tế cửa khẩu Ma Lù Thàng và các cửa khẩu "
                  "trên địa bàn tỉnh."],
              items,
              [("85/QĐ-BQLKKT", "18/07/2024", "Quyết định ban hành Quy chế cung cấp thông tin cho công dân của "
                "Ban Quản lý Khu kinh tế tỉnh Lai Châu", "/vanban/qd-85-2024.pdf"),
               ("212/KH-BQLKKT", "04/11/2026", "Kế hoạch xúc tiến đầu tư năm 2027", "/vanban/kh-212-2026.pdf")],
              ("/", "/gioi-thieu/", "/tin-tuc/", "/van-ban/", "/lien-he/"))
    u.page("/thu-tuc-hanh-chinh/", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    return u


# --- Sở Khoa học và Công nghệ: the portal answers 503 to everything ---
def skhcn():
    u = Unit("sokhcn.laichau.demo", "Sở Khoa học và Công nghệ tỉnh Lai Châu", PROVINCE, "", "", "", [], None)
    u.raw("/index.html", "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bảo trì hệ thống"
          "</title></head>\n<body><h1>Hệ thống đang bảo trì</h1>\n<p>Cổng thông tin điện tử Sở Khoa học và Công "
          "nghệ đang được nâng cấp. Xin vui lòng quay lại sau.</p></body></html>\n")
    u.raw("/_rules", "# The portal is down for maintenance: every request answers 503.\n"
          "* status 503\n* retry-after 1\n")
    return u


# --- Sở Xây dựng: public catalog dated by Last-Modified; conditional catalog stale (page's own date) ---
def sxd():
    u = Unit("soxaydung.laichau.demo", "Sở Xây dựng tỉnh Lai Châu", PROVINCE,
             "Tầng 3, Nhà C, Trung tâm Hành chính - Chính trị tỉnh, phường Tân Phong, tỉnh Lai Châu",
             "0213.3876.600", "soxaydung@laichau.demo", portal_menu(), skin_portal)
    std_pages(u, ["Sở Xây dựng được tổ chức lại năm 2025, tiếp nhận chức năng giao thông vận tải."],
              [("/tin-tuc/quoc-lo-4d.html", "Đẩy nhanh tiến độ cải tạo Quốc lộ 4D đoạn qua xã Bình Lư", "25/11/2026"),
               ("/tin-tuc/nha-o-xa-hoi.html", "Công bố quy hoạch khu nhà ở xã hội phường Đoàn Kết", "17/11/2026")],
              [("702/SXD-QLXD", "20/11/2026", "Hướng dẫn cấp giấy phép xây dựng năm 2027", "/files/cv-702.pdf")],
              ("/", "/gioi-thieu/", "/tin-tuc/", "/van-ban/", "/lien-he/"))
    u.page("/thu-tuc-hanh-chinh/", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    portal_section(u, "Chuyên mục công khai thông tin theo Luật Tiếp cận thông tin.",
                   '<ul class="docs">\n'
                   + doc_li("/files/quy-che-cung-cap-thong-tin.pdf", "Quy chế cung cấp thông tin của Sở Xây dựng tỉnh Lai Châu")
                   + doc_li("/files/dmcongkhai.pdf", "Danh mục thông tin phải được công khai")
                   + doc_li("/tiep-can-thong-tin/danh-muc-co-dieu-kien.html", "Danh mục thông tin được tiếp cận có điều kiện")
                   + doc_li("/tiep-can-thong-tin/dau-moi.html", "Đầu mối cung cấp thông tin")
                   + "</ul>\n", "")
    u.raw("/files/quy-che-cung-cap-thong-tin.pdf", pdf("Quy che cung cap thong tin SXD"))
    u.raw("/files/dmcongkhai.pdf", pdf("Danh muc thong tin phai duoc cong khai SXD"))
    u.page("/tiep-can-thong-tin/danh-muc-co-dieu-kien.html", "Danh mục thông tin được tiếp cận có điều kiện",
           '<article>\n<h1>Danh mục thông tin được tiếp cận có điều kiện</h1>\n'
           '<p class="meta">Ngày ban hành: ngày 12 tháng 8 năm 2025</p>\n<ol>\n'
           "<li>Thông tin liên quan đến bí mật kinh doanh được tiếp cận khi có sự đồng ý của chủ sở hữu.</li>\n"
           "<li>Thông tin về đời sống riêng tư, bí mật cá nhân được tiếp cận khi có sự đồng ý của người đó.</li>\n"
           "</ol>\n</article>\n")
    u.page("/tiep-can-thong-tin/dau-moi.html", "Đầu mối cung cấp thông tin",
           "<article>\n<h2>Đầu mối cung cấp thông tin</h2>\n<p>Văn phòng Sở Xây dựng; ông Vàng A Chứ, "
           "Phó Chánh Văn phòng.</p>\n<p>Điện thoại: 0213 3876 601. Email: tiepcanthongtin.sxd@laichau.demo</p>\n</article>\n")
    u.raw("/_rules", "# The PDF catalog carries no date but its Last-Modified.\n"
          "/files/dmcongkhai.pdf last-modified Tue, 03 Nov 2026 02:00:00 GMT\n")
    return u


# --- UBND thành phố Lai Châu: an old menu entry beside the real section ---
def thanhpho():
    u = Unit("thanhpho.laichau.demo", "Ủy ban nhân dân thành phố Lai Châu", PROVINCE,
             "Đường 19/8, phường Tân Phong, tỉnh Lai Châu", "0213.3876.333", "ubnd@thanhpho.laichau.demo",
             joomla_menu(3), skin_joomla)
    j = "/index.php?option=com_content&view="
    # The real section is reached from an image banner in the right column.
    u.right = ('<div class="moduletable banner">\n<a href="%s"><img src="/images/banners/tctt.svg" '
               'alt="Chuyên mục tiếp cận thông tin" width="220" height="80"></a>\n</div>\n'
               % href(j + "category&id=27"))
    std_pages(u, ["Thành phố Lai Châu là trung tâm hành chính, chính trị của tỉnh. (Đơn vị minh họa "
                  "cấp huyện; từ ngày 01/7/2025 tỉnh không còn cấp huyện.)"],
              [(j + "article&id=301", "Ra quân chỉnh trang đô thị, chào mừng năm mới 2027", "26/11/2026"),
               (j + "article&id=302", "Hội thi tuyên truyền viên pháp luật giỏi năm 2026", "12/11/2026")],
              [("601/UBND-VP", "23/11/2026", "Về việc tổ chức các hoạt động mừng Đảng, mừng Xuân", "/images/vanban/cv-601.pdf")],
              ("/", j + "article&id=1", j + "category&id=8", j + "category&id=9", j + "article&id=3"))
    u.page(j + "category&id=10", "Thủ tục hành chính", "<h2>Thủ tục hành chính</h2>\n")
    # The old menu entry: a page left from 2018 that holds nothing.
    u.page(j + "category&id=3", "Tiếp cận thông tin",
           '<h2 class="category">Tiếp cận thông tin</h2>\n<p>Chuyên mục đang được cập nhật.</p>\n')
    u.raw("/images/banners/tctt.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="220" height="80">'
          '<rect width="220" height="80" fill="#b71c1c"/><text x="10" y="45" fill="#fff" font-size="14">'
          'Tiếp cận thông tin</text></svg>\n')
    d = "/images/tctt/"
    u.page(j + "category&id=27", "Chuyên mục tiếp cận thông tin",
           '<h2 class="category">Chuyên mục tiếp cận thông tin</h2>\n'
           + doc_table([("1540/QĐ-UBND", "09/05/2024", "Quyết định ban hành Quy chế cung cấp thông tin cho công dân của UBND thành phố", d + "qd-1540.pdf"),
                        ("2210/QĐ-UBND", "25/09/2026", "Danh mục thông tin phải được công khai của UBND thành phố", d + "qd-2210.pdf"),
                        ("2211/QĐ-UBND", "25/09/2026", "Danh mục thông tin được tiếp cận có điều kiện của UBND thành phố", d + "qd-2211.pdf")])
           + '<div class="daumoi">\n<h3>Đầu mối cung cấp thông tin</h3>\n<p>Văn phòng HĐND và UBND thành phố; '
           "bà Nguyễn Thị Lan, chuyên viên. Điện thoại: 0213 3876 334; Email: vp.ubnd@thanhpho.laichau.demo</p>\n</div>\n"
           + section_items(u, d, j + "article&id=28", ("request", "complaint", "forms", "guidance")))
    for f in ("qd-1540.pdf", "qd-2210.pdf", "qd-2211.pdf"):
        u.raw(d + f, pdf("UBND thanh pho " + f))
    u.raw("/robots.txt", ROBOTS)
    return u


# --- UBND phường Đoàn Kết: NFD text throughout, post times with weekday and hour ---
def doanket():
    menu = [("Trang chủ", "/"), ("Giới thiệu", "/Default.aspx?tabid=51"), ("Tin tức", "/Default.aspx?tabid=53"),
            ("Văn bản", "/Default.aspx?tabid=55"), ("TIẾP CẬN THÔNG TIN", "/Default.aspx?tabid=62"),
            ("Liên hệ", "/Default.aspx?tabid=70")]
    u = Unit("phuongdoanket.laichau.demo", "Ủy ban nhân dân phường Đoàn Kết", PROVINCE,
             "Đường Trần Hưng Đạo, phường Đoàn Kết, tỉnh Lai Châu", "0213.3875.050",
             "ubnd@phuongdoanket.laichau.demo", menu, skin_aspx, nfd=True)
    t = "/Default.aspx?tabid="
    std_pages(u, ["Phường Đoàn Kết được thành lập từ ngày 01/7/2025 trên cơ sở sắp xếp các phường của "
                  "thành phố Lai Châu cũ."],
              [(t + "53&ItemID=120", "Phường Đoàn Kết ra mắt mô hình tổ dân phố văn minh", "21/11/2026"),
               (t + "53&ItemID=118", "Tổng vệ sinh môi trường hưởng ứng Ngày Chủ nhật xanh", "08/11/2026")],
              [("312/UBND", "16/11/2026", "Về việc rà soát hộ nghèo, hộ cận nghèo năm 2026", "/Portals/0/VanBan/cv-312.pdf")],
              ("/", t + "51", t + "53", t + "55", t + "70"))
    p = "/Portals/0/TiepCanThongTin/"

    def item(url, label, when):
        return ('<li class="item">%s<br><span class="SubHead">%s</span></li>\n' % (a(url, label), when))
    u.page(t + "62", "Tiếp cận thông tin",
           '<div class="Head">TIẾP CẬN THÔNG TIN</div>\n<ul class="list">\n'
           + item(p + "quy-che-cung-cap-thong-tin.pdf", "Quy chế cung cấp thông tin cho công dân trên địa bàn phường",
                  "Thứ Năm - 17/07/2025 16:02")
           + item(p + "dm-thong-tin-cong-khai.pdf", "Danh mục thông tin phải được công khai của UBND phường Đoàn Kết",
                  "Thứ Hai - 02/11/2026 09:15")
           + item(p + "dm-thong-tin-co-dieu-kien.pdf", "Danh mục thông tin được tiếp cận có điều kiện",
                  "Thứ Hai - 02/11/2026 09:20")
           + item(t + "62&ItemID=15", "Đầu mối cung cấp thông tin", "Thứ Năm - 17/07/2025 16:10")
           + "</ul>\n"
           + section_items(u, p, t + "62&ItemID=16", ("request", "complaint", "forms", "guidance")))
    for f in ("quy-che-cung-cap-thong-tin.pdf", "dm-thong-tin-cong-khai.pdf", "dm-thong-tin-co-dieu-kien.pdf"):
        u.raw(p + f, pdf("Phuong Doan Ket " + f))
    u.page(t + "62&ItemID=15", "Đầu mối cung cấp thông tin",
           '<div class="Head">Đầu mối cung cấp thông tin</div>\n<p>Công chức Văn phòng - Thống kê phường là '
           "đầu mối cung cấp thông tin. Điện thoại: 0915 234 567. Email: vanphong@phuongdoanket.laichau.demo</p>\n")
    return u


def table_menu(section):
    """A commune's menu; section is the URL of its "Tiếp cận thông tin" entry, or None."""
    m = [("Trang chủ", "/"), ("Giới thiệu", "/index.php?mod=gioithieu"), ("Tin tức", "/index.php?mod=tintuc"),
         ("Văn bản", "/index.php?mod=vanban")]
    if section:
        m.append(("Tiếp cận thông tin", section))
    m.append(("Liên hệ", "/index.php?mod=lienhe"))
    return m


def commune(host, name, phone, email, section, intro, news_items, docs):
    u = Unit(host, name, PROVINCE, "Trung tâm %s, tỉnh Lai Châu" % name.replace("Ủy ban nhân dân ", ""),
             phone, email, table_menu(section), skin_table)
    m = "/index.php?mod="
    std_pages(u, intro, news_items, docs, ("/", m + "gioithieu", m + "tintuc", m + "vanban", m + "lienhe"))
    return u


# --- UBND xã Bình Lư: compliant; a file-name link label; dates as 12-10-2026 and 12.10.2026 ---
def binhlu():
    m = "/index.php?mod="
    u = commune("xabinhlu.laichau.demo", "Ủy ban nhân dân xã Bình Lư", "0213.3878.120", "ubndxabinhlu@laichau.demo",
                m + "tctt", ["Xã Bình Lư được thành lập từ ngày 01/7/2025, trụ sở đặt tại trung tâm huyện Tam Đường cũ."],
                [(m + "tintuc&id=41", "Xã Bình Lư tổ chức Ngày hội Đại đoàn kết toàn dân tộc", "18/11/2026"),
                 (m + "tintuc&id=40", "Thu hoạch chè vụ thu đông đạt năng suất cao", "05/11/2026")],
                [("205/UBND", "17/11/2026", "Về việc triển khai kế hoạch sản xuất vụ đông xuân", "/upload/vb/cv-205.pdf")])
    f = "/upload/tctt/"
    u.page(m + "tctt", "Tiếp cận thông tin",
           '<div class="tieudetrang">TIẾP CẬN THÔNG TIN</div>\n'
           "<p>%s (ngày 20/8/2025)</p>\n" % a(f + "qc-cctt.pdf", "Quy chế tổ chức cung cấp thông tin của UBND xã Bình Lư")
           + "<p>Danh mục tiếp cận thông tin công khai năm 2026 (ngày 12-10-2026): %s</p>\n"
           % a(f + "dm_cong_khai_2026.pdf", "dm_cong_khai_2026.pdf")
           + "<p>%s (ngày 12.10.2026)</p>\n" % a(f + "dm_co_dieu_kien_2026.pdf",
                                                 "Danh mục thông tin được tiếp cận có điều kiện")
           + "<p><b>Đầu mối cung cấp thông tin:</b> Công chức Văn phòng - Thống kê xã, ĐT: 0213 3878 121, "
           "Email: vanphong.xabinhlu@laichau.demo</p>\n"
           + section_items(u, f, None, ("request", "forms")))
    for n in ("qc-cctt.pdf", "dm_cong_khai_2026.pdf", "dm_co_dieu_kien_2026.pdf"):
        u.raw(f + n, pdf("Xa Binh Lu " + n))
    u.raw("/robots.txt", ROBOTS)
    return u


# --- UBND xã Sìn Hồ: stale public catalog (date in the label); no regulation, no conditional catalog ---
def sinho():
    u = commune("xasinho.laichau.demo", "Ủy ban nhân dân xã Sìn Hồ", "0213.3870.200", "ubndxasinho@laichau.demo",
                "/tiep-can-thong-tin.html", ["Xã Sìn Hồ nằm trên cao nguyên Sìn Hồ, được thành lập từ ngày 01/7/2025."],
                [("/index.php?mod=tintuc&id=12", "Xã Sìn Hồ đón nhận danh hiệu xã đạt chuẩn nông thôn mới", "20/11/2026")],
                [("98/UBND", "10/11/2026", "Về việc phòng, chống rét cho gia súc", "/upload/vb/cv-98.pdf")])
    u.page("/tiep-can-thong-tin.html", "Tiếp cận thông tin",
           '<div class="tieudetrang">Tiếp cận thông tin</div>\n<ul>\n'
           + doc_li("/upload/tctt/danh-muc-cong-khai.pdf", "Danh mục thông tin phải được công khai (cập nhật 05-06-2025)")
           + "</ul>\n<p>Đầu mối cung cấp thông tin: ông Giàng A Páo, công chức Văn phòng - Thống kê, điện thoại "
           "0376 412 588.</p>\n")
    u.raw("/upload/tctt/danh-muc-cong-khai.pdf", pdf("Xa Sin Ho danh muc cong khai"))
    return u


# --- UBND xã Tân Uyên: a small site with no section at all ---
def tanuyen():
    u = commune("xatanuyen.laichau.demo", "Ủy ban nhân dân xã Tân Uyên", "0213.3780.300", "ubndxatanuyen@laichau.demo",
                None, ["Xã Tân Uyên được thành lập từ ngày 01/7/2025 trên cơ sở thị trấn Tân Uyên và các xã lân cận."],
                [("/index.php?mod=tintuc&id=7", "Xã Tân Uyên ra quân làm đường giao thông nông thôn", "14/11/2026")],
                [("15/QĐ-UBND", "12/01/2026", "Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên",
                  "/upload/vb/qd-15-quy-che-lam-viec.pdf"),
                 ("177/UBND", "09/11/2026", "Về việc thu hoạch chè và tiêu thụ sản phẩm", "/upload/vb/cv-177.pdf")])
    u.raw("/robots.txt", ROBOTS)
    return u


# Communes whose portals a real WordPress rendered (tests/realcms/make-wp.sh, see ../EXPECTED.md): kept.
REAL_CMS = ("xatamduong.laichau.demo", "xabanhon.laichau.demo", "xakhunha.laichau.demo")


def main():
    if os.path.isdir(ROOT):
        for d in os.listdir(ROOT):
            if d not in REAL_CMS:
                path = os.path.join(ROOT, d)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    for make in (stp, syt, snnmt, svhttdl, stc, sgddt, snv, bqlkkt, skhcn, sxd, thanhpho, doanket,
                 binhlu, sinho, tanuyen):
        make().write()
    with open(os.path.join(ROOT, "README"), "w") as f:
        f.write("Fixture portals of the demo province, one directory per host, served by build/fixsrv.\n"
                "Generated by ../make-portals.py; what each unit should score is in ../EXPECTED.md.\n"
                "socongthuong.laichau.demo is deliberately absent: the demo configuration sends it to a\n"
                "closed port, so it is unreachable.\n")


if __name__ == "__main__":
    main()
