#!/usr/bin/python3
"""make-fixtures.py: writes the fixture province (one directory per portal host)
and expected.txt. "Today" for these fixtures is 2026-11-29 (Asia/Ho_Chi_Minh);
catalogs go stale after 365 days, the regulation never does.
Run from tests/province/: /usr/bin/python3 make-fixtures.py"""
import os, shutil, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
hosts = {}      # host -> {path: (bytes)}
rules = {}      # host -> [rule lines]
expected = []   # (host, crit, status, date, path)

HEADER = ('<div class="header"><span class="today">Thứ Hai, 29/11/2026</span>'
          '<h1 class="logo">Cổng thông tin điện tử {name}</h1></div>')
FOOTER = ('<div id="footer">Bản quyền thuộc về {name}. Địa chỉ: Tầng 3, Khu hành chính tỉnh. '
          'Đầu mối liên hệ: Văn phòng, điện thoại: 0213 3876 543, email: vanphong@laichau.gov.vn</div>')

def page(name, title, body, menu=(), header=True, footer=True, charset='utf-8'):
    m = ''.join('<li><a href="%s">%s</a></li>' % (h, t) for h, t in menu)
    return ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="%s"><title>%s</title></head><body>\n'
            '%s\n<ul class="main-menu"><li><a href="/">Trang chủ</a></li>%s</ul>\n'
            '<div class="content">%s</div>\n%s\n</body></html>\n' % (
                charset, title, HEADER.format(name=name) if header else '', m, body,
                FOOTER.format(name=name) if footer else ''))

def add(host, path, text, enc='utf-8'):
    hosts.setdefault(host, {})[path] = text if isinstance(text, bytes) else text.encode(enc)

def expect(host, crit, status, date='-', path='-'):
    expected.append((host, crit, status, date, path))

ITEMS = ('request_channel', 'complaint_channel', 'forms', 'guidance')

def items_missing(host):
    """The section's other items (Decree 13 Art. 11(1)), absent from this portal."""
    for c in ITEMS:
        expect(host, c, 'missing')

def cp1258(s):
    """Windows-1258 as Vietnamese sites write it: base letter then a tone byte."""
    out = b''
    for ch in unicodedata.normalize('NFC', s):
        try:
            out += ch.encode('cp1258')
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize('NFD', ch)
        base = unicodedata.normalize('NFC', ''.join(c for c in d if c not in '\u0300\u0301\u0303\u0309\u0323'))
        tones = ''.join(c for c in d if c in '\u0300\u0301\u0303\u0309\u0323')
        out += base.encode('cp1258') + tones.encode('cp1258')
    return out

PDF = b'%PDF-1.4\n% fixture document\n'

# --- ok-full: everything in a proper section, dates in the label and the block
h = 'ok-full.test'; n = 'Sở Tư pháp'
menu = [('/gioi-thieu.html', 'Giới thiệu'), ('/tiep-can-thong-tin/', 'Tiếp cận thông tin'), ('/tin-tuc.html', 'Tin tức')]
add(h, 'index.html', page(n, n, '<h2>Tin mới</h2><ul><li><a href="/tin-tuc.html">Hội nghị tổng kết công tác tư pháp năm 2026</a> 20/11/2026</li></ul>', menu))
add(h, 'gioi-thieu.html', page(n, 'Giới thiệu', '<p>Sở Tư pháp là cơ quan chuyên môn.</p>', menu))
add(h, 'tin-tuc.html', page(n, 'Tin tức', '<p>Tin tức.</p>', menu))
add(h, 'tiep-can-thong-tin/index.html', page(n, 'Tiếp cận thông tin', '''
<h2>Tiếp cận thông tin</h2>
<ul>
<li><a href="quy-che.pdf">Quyết định ban hành Quy chế cung cấp thông tin cho công dân ngày 12 tháng 8 năm 2026</a></li>
<li><a href="dm-cong-khai.pdf">Danh mục thông tin phải được công khai</a> (Cập nhật: 12/8/2026)</li>
<li><a href="dm-co-dieu-kien.pdf">Danh mục thông tin được tiếp cận có điều kiện (12-08-2026)</a></li>
</ul>
<h3>Đầu mối cung cấp thông tin</h3>
<p>Bà Lò Thị Hoa, Chánh Văn phòng Sở.</p><p>Điện thoại: 0213.3876.999</p>
<h3>Tiếp nhận yêu cầu cung cấp thông tin</h3>
<p>Tổ chức, công dân gửi yêu cầu cung cấp thông tin qua mạng điện tử tới địa chỉ: tiepcan@stp.laichau.gov.vn</p>
<h3>Tiếp nhận phản ánh, kiến nghị, khiếu nại, tố cáo</h3>
<p>Phản ánh, kiến nghị về việc cung cấp thông tin gửi Thanh tra Sở, điện thoại 0213.3876.998</p>
<h3>Biểu mẫu</h3>
<table>
<tr><td>Mẫu số 01a</td><td>Phiếu yêu cầu cung cấp thông tin (dùng cho công dân)</td><td><a href="mau-01a.doc">Tải về</a></td></tr>
<tr><td>Mẫu số 01b</td><td>Phiếu yêu cầu cung cấp thông tin (dùng cho tổ chức)</td><td><a href="mau-01b.doc">Tải về</a></td></tr>
<tr><td>Mẫu số 02</td><td>Giấy ủy quyền</td><td><a href="mau-02.doc">Tải về</a></td></tr>
<tr><td>Mẫu số 03</td><td>Thông báo về việc giải quyết yêu cầu</td><td><a href="mau-03.doc">Tải về</a></td></tr>
</table>
<p><a href="huong-dan.html">Hướng dẫn thủ tục yêu cầu cung cấp thông tin</a></p>''', menu))
for f in ('quy-che.pdf', 'dm-cong-khai.pdf', 'dm-co-dieu-kien.pdf'):
    add(h, 'tiep-can-thong-tin/' + f, PDF)
for f in ('mau-01a.doc', 'mau-01b.doc', 'mau-02.doc', 'mau-03.doc'):
    add(h, 'tiep-can-thong-tin/' + f, b'form ' + f.encode())
add(h, 'tiep-can-thong-tin/huong-dan.html', page(n, 'Hướng dẫn thủ tục yêu cầu cung cấp thông tin',
    '<h2>Hướng dẫn thủ tục yêu cầu cung cấp thông tin</h2><p>Bước 1: điền phiếu.</p>', menu))
expect(h, 'section', 'ok', '-', '/tiep-can-thong-tin/')
expect(h, 'regulation', 'ok', '2026-08-12', '/tiep-can-thong-tin/quy-che.pdf')
expect(h, 'public_catalog', 'ok', '2026-08-12', '/tiep-can-thong-tin/dm-cong-khai.pdf')
expect(h, 'conditional_catalog', 'ok', '2026-08-12', '/tiep-can-thong-tin/dm-co-dieu-kien.pdf')
expect(h, 'focal_point', 'ok', '-', '/tiep-can-thong-tin/')
expect(h, 'request_channel', 'ok', '-', '/tiep-can-thong-tin/')
expect(h, 'complaint_channel', 'ok', '-', '/tiep-can-thong-tin/')
expect(h, 'forms', 'ok', '-', '/tiep-can-thong-tin/mau-01a.doc')
expect(h, 'guidance', 'ok', '-', '/tiep-can-thong-tin/huong-dan.html')

# --- stale: old catalogs (dots, weekday and time, spaced dashes); an old regulation is never stale
h = 'stale.test'; n = 'Sở Tài chính'
menu = [('/tctt.html', 'Chuyên mục Tiếp cận thông tin')]
add(h, 'index.html', page(n, n, '<p>Chào mừng.</p>', menu))
add(h, 'tctt.html', page(n, 'Chuyên mục', '''
<table>
<tr><td>1</td><td><a href="/files/qc.pdf">Quy chế tổ chức cung cấp thông tin của Sở</a></td><td>02/01/2019</td></tr>
<tr><td>2</td><td><a href="/files/dmck.pdf">Danh mục thông tin công khai</a></td><td>12.08.2024</td></tr>
<tr><td>3</td><td><a href="/files/dmdk.pdf">Danh mục thông tin tiếp cận có điều kiện</a></td><td>Thứ năm - 17/07/2025 16:02</td></tr>
</table>
<p>Đầu mối cung cấp thông tin: ông Vàng A Sử, thư điện tử: vangasu@stc.laichau.gov.vn</p>''', menu))
for f in ('qc.pdf', 'dmck.pdf', 'dmdk.pdf'):
    add(h, 'files/' + f, PDF)
expect(h, 'section', 'ok', '-', '/tctt.html')
expect(h, 'regulation', 'ok', '2019-01-02', '/files/qc.pdf')
expect(h, 'public_catalog', 'stale', '2024-08-12', '/files/dmck.pdf')
expect(h, 'conditional_catalog', 'stale', '2025-07-17', '/files/dmdk.pdf')
expect(h, 'focal_point', 'ok', '-', '/tctt.html')
items_missing(h)

# --- traps: a headline about the Law, working rules, press rules, a catalog of legal documents, a footer contact
h = 'traps.test'; n = 'Sở Nội vụ'
menu = [('/van-ban.html', 'Văn bản'), ('/tin-tuc.html', 'Tin tức')]
add(h, 'index.html', page(n, n, '''
<h2>Tin tức - sự kiện</h2>
<ul>
<li><a href="/tin/tap-huan-luat-tiep-can-thong-tin.html">Tập huấn Luật Tiếp cận thông tin</a><span>Thứ năm - 17/07/2025 16:02</span></li>
<li><a href="/tin/hoi-nghi.html">Sở Nội vụ tổ chức hội nghị quán triệt việc bảo đảm quyền tiếp cận thông tin của công dân</a></li>
</ul>''', menu))
add(h, 'tin/tap-huan-luat-tiep-can-thong-tin.html', page(n, 'Tập huấn Luật Tiếp cận thông tin',
    '<h2>Tập huấn Luật Tiếp cận thông tin</h2><p>Ngày đăng: 17/07/2025</p><p>Luật Tiếp cận thông tin quy định quyền của công dân...</p>', menu))
add(h, 'tin/hoi-nghi.html', page(n, 'Hội nghị', '<p>Nội dung tin.</p>', menu))
add(h, 'tin-tuc.html', page(n, 'Tin tức', '<p>Tin.</p>', menu))
add(h, 'van-ban.html', page(n, 'Văn bản', '''
<ul>
<li><a href="/vb/qclv.pdf">Quy chế làm việc của Sở Nội vụ</a> 12/08/2026</li>
<li><a href="/vb/qcbc.pdf">Quy chế phát ngôn và cung cấp thông tin cho báo chí</a> 12/08/2026</li>
<li><a href="/vb/dmvb.html">Danh mục văn bản thông tin công khai</a></li>
</ul>''', menu))
for f in ('qclv.pdf', 'qcbc.pdf'):
    add(h, 'vb/' + f, PDF)
add(h, 'vb/dmvb.html', page(n, 'Danh mục văn bản', '<p>Danh mục văn bản quy phạm pháp luật.</p>', menu))
for c in ('section', 'regulation', 'public_catalog', 'conditional_catalog', 'focal_point'):
    expect(h, c, 'missing')
items_missing(h)

# --- twomenus: an old menu entry beside the real section; the section is the one holding the evidence
h = 'twomenus.test'; n = 'UBND huyện Tam Đường'
menu = [('/old/tiep-can-thong-tin.html', 'Tiếp cận thông tin'), ('/chuyen-muc/tctt/', 'Chuyên mục tiếp cận thông tin')]
add(h, 'index.html', page(n, n, '<p>Trang chủ.</p>', menu))
add(h, 'old/tiep-can-thong-tin.html', page(n, 'Tiếp cận thông tin', '<p>Nội dung đang cập nhật.</p>', menu))
add(h, 'chuyen-muc/tctt/index.html', page(n, 'Chuyên mục tiếp cận thông tin', '''
<ul>
<li><a href="qc.html">Quy chế cung cấp thông tin</a></li>
<li><a href="dmck.html">Danh mục thông tin phải được công khai</a></li>
<li><a href="dmdk.html">Danh mục thông tin được tiếp cận có điều kiện</a></li>
<li><a href="dau-moi.html">Đầu mối</a></li>
</ul>''', menu))
add(h, 'chuyen-muc/tctt/qc.html', page(n, 'Quy chế', '<h2>Quy chế cung cấp thông tin</h2><p>Ngày ban hành: 05/03/2025</p>', menu))
add(h, 'chuyen-muc/tctt/dmck.html', page(n, 'Danh mục', '<h2>Danh mục</h2><p>Cập nhật lần cuối: 08:30 22-11-2026</p><table><tr><td>Kế hoạch</td></tr></table>', menu))
add(h, 'chuyen-muc/tctt/dmdk.html', page(n, 'Danh mục', '<h2>Danh mục</h2><p>Đăng lúc: 17:00:00 02/01/2024</p>', menu))
add(h, 'chuyen-muc/tctt/dau-moi.html', page(n, 'Đầu mối', '<h3>Đầu mối cung cấp thông tin</h3><p>Văn phòng HĐND và UBND huyện</p><p>ĐT: (0213) 3.875.123</p>', menu))
expect(h, 'section', 'ok', '-', '/chuyen-muc/tctt/')
expect(h, 'regulation', 'ok', '2025-03-05', '/chuyen-muc/tctt/qc.html')
expect(h, 'public_catalog', 'ok', '2026-11-22', '/chuyen-muc/tctt/dmck.html')
expect(h, 'conditional_catalog', 'stale', '2024-01-02', '/chuyen-muc/tctt/dmdk.html')
expect(h, 'focal_point', 'ok', '-', '/chuyen-muc/tctt/dau-moi.html')
items_missing(h)

# --- deadlink: the section link is broken; a catalog link is broken; the rest is elsewhere
h = 'deadlink.test'; n = 'Sở Y tế'
menu = [('/tiep-can-thong-tin.html', 'Tiếp cận thông tin'), ('/cong-khai.html', 'Công khai')]
add(h, 'index.html', page(n, n, '<p>Trang chủ.</p>', menu))
add(h, 'cong-khai.html', page(n, 'Công khai', '''
<p><a href="/dm/dmck.pdf">Danh mục thông tin phải được công khai năm 2026</a></p>
<p><a href="/dm/dmdk.pdf">Danh mục thông tin được tiếp cận có điều kiện</a> ngày 5 tháng 10 năm 2026</p>
<p><a href="/dm/qc.pdf">Quy chế cung cấp thông tin</a></p>
<p>Đầu mối cung cấp thông tin: Phòng Tổ chức, điện thoại 0213 3 800 100.</p>''', menu))
add(h, 'dm/dmdk.pdf', PDF)
add(h, 'dm/qc.pdf', PDF)
expect(h, 'section', 'missing', '-', '/tiep-can-thong-tin.html')
expect(h, 'regulation', 'ok', '-', '/dm/qc.pdf')
expect(h, 'public_catalog', 'missing', '-', '/dm/dmck.pdf')
expect(h, 'conditional_catalog', 'ok', '2026-10-05', '/dm/dmdk.pdf')
expect(h, 'focal_point', 'missing', '-', '/cong-khai.html')
items_missing(h)

# --- generic: "Tải về", "Xem", file names; the row's date, not the header's; Last-Modified; future dates
h = 'generic.test'; n = 'Sở Xây dựng'
menu = [('/tctt/', 'TIẾP CẬN THÔNG TIN')]
add(h, 'index.html', page(n, n, '<p>Trang chủ.</p>', menu))
add(h, 'tctt/index.html', page(n, 'Tiếp cận thông tin', '''
<table>
<tr><th>Tên</th><th>Ngày</th><th>Tệp</th></tr>
<tr><td>Danh mục thông tin phải được công khai</td><td>01/01/2027 (dự kiến sửa), ban hành 05/05/2026</td><td><a href="/up/dm1.pdf">Tải về</a></td></tr>
<tr><td>Danh mục thông tin được tiếp cận có điều kiện</td><td></td><td><a href="/up/dm2.pdf">dm-dieu-kien.pdf</a></td></tr>
<tr><td>Quy chế về tiếp cận thông tin</td><td>31/02/2026</td><td><a href="/up/qc.pdf">Xem</a></td></tr>
</table>
<div class="box"><h4>ĐẦU MỐI CUNG CẤP THÔNG TIN</h4><div>Email: tiepcan@sxd.laichau.gov.vn</div></div>''', menu))
for f in ('dm1.pdf', 'dm2.pdf', 'qc.pdf'):
    add(h, 'up/' + f, PDF)
rules[h] = ['/up/dm2.pdf last-modified Tue, 10 Mar 2026 02:00:00 GMT']
expect(h, 'section', 'ok', '-', '/tctt/')
expect(h, 'regulation', 'ok', '-', '/up/qc.pdf')
expect(h, 'public_catalog', 'ok', '2026-05-05', '/up/dm1.pdf')
expect(h, 'conditional_catalog', 'ok', '2026-03-10', '/up/dm2.pdf')
expect(h, 'focal_point', 'ok', '-', '/tctt/')
items_missing(h)

# --- pagetitle: the evidence pages are titled so; their own labelled dates count, the header's do not
h = 'pagetitle.test'; n = 'Sở Công Thương'
menu = [('/tiep-can/', 'Tiếp cận thông tin')]
add(h, 'index.html', page(n, n, '<p>Trang chủ. Cập nhật lúc 29/11/2026</p>', menu, header=True))
add(h, 'tiep-can/index.html', page(n, 'Tiếp cận thông tin', '''
<ul><li><a href="a.html">Danh mục</a></li><li><a href="b.html">Danh mục (2)</a></li>
<li><a href="c.html">Quy chế</a></li><li><a href="d.html">Quy chế (2)</a></li></ul>
<h3>Đầu mối</h3><p>Ông A, số máy 0912 345 678</p>''', menu))
add(h, 'tiep-can/a.html', page(n, 'Danh mục thông tin phải được công khai',
    '<h1>Danh mục thông tin phải được công khai</h1><p>Ngày ban hành: ngày 5 tháng 10 năm 2026</p><p>Văn bản dẫn chiếu 01/01/2010</p>', menu))
add(h, 'tiep-can/b.html', page(n, 'Danh mục thông tin được tiếp cận có điều kiện',
    '<h1>DANH MỤC THÔNG TIN ĐƯỢC TIẾP CẬN CÓ ĐIỀU KIỆN</h1><p>Ngày 01/01/2010 ban hành văn bản gốc.</p>', menu))
add(h, 'tiep-can/c.html', page(n, 'Quy chế làm việc', '<h1>Quy chế làm việc</h1>', menu))
add(h, 'tiep-can/d.html', page(n, 'Quy chế nội bộ về tổ chức cung cấp thông tin', '<h1>Quy chế</h1><p>Ngày đăng: 29/02/2024</p>', menu))
rules[h] = ['/tiep-can/b.html last-modified Sat, 29 Feb 2020 10:00:00 GMT']
expect(h, 'section', 'ok', '-', '/tiep-can/')
expect(h, 'regulation', 'ok', '2024-02-29', '/tiep-can/d.html')
expect(h, 'public_catalog', 'ok', '2026-10-05', '/tiep-can/a.html')
expect(h, 'conditional_catalog', 'stale', '2020-02-29', '/tiep-can/b.html')
expect(h, 'focal_point', 'ok', '-', '/tiep-can/')
items_missing(h)

# --- focal traps: a footer's contact line and an "đầu mối" with no contact are not the focal point;
#     a focal block on a page the section does not link to is not either
h = 'focal.test'; n = 'UBND xã Bản Giang'
menu = [('/tctt.html', 'Tiếp cận thông tin'), ('/lien-he.html', 'Liên hệ')]
add(h, 'index.html', page(n, n, '<p>Trang chủ.</p>', menu))
add(h, 'tctt.html', page(n, 'Tiếp cận thông tin', '''
<p><a href="/qc.pdf">Quy chế cung cấp thông tin</a></p>
<h3>Đầu mối cung cấp thông tin</h3><p>Công chức Văn phòng - Thống kê xã.</p>''', menu))
add(h, 'lien-he.html', page(n, 'Liên hệ', '<p>Đầu mối cung cấp thông tin: ông B, điện thoại 0987 654 321</p>',
                            [('/', 'Trang chủ')]))
add(h, 'qc.pdf', PDF)
rules[h] = ['/qc.pdf last-modified Mon, 02 Nov 2026 01:00:00 GMT']
expect(h, 'section', 'ok', '-', '/tctt.html')
expect(h, 'regulation', 'ok', '2026-11-02', '/qc.pdf')
expect(h, 'public_catalog', 'missing')
expect(h, 'conditional_catalog', 'missing')
expect(h, 'focal_point', 'missing', '-', '/lien-he.html')
items_missing(h)

# --- charsets: windows-1258 (tone marks as separate bytes) from the HTTP header, from <meta>; NFD UTF-8; no marks
def portal_tctt(h, n, enc, charset, extra=''):
    menu = [('/tctt.html', 'Tiếp cận thông tin')]
    body = '''
<ul>
<li><a href="/qc.pdf">Quy chế cung cấp thông tin</a> - ngày 12 tháng 8 năm 2026</li>
<li><a href="/dmck.pdf">Danh mục thông tin phải được công khai</a> - 12 - 08 - 2026</li>
<li><a href="/dmdk.pdf">Danh mục thông tin được tiếp cận có điều kiện</a> - 12.08.2026</li>
</ul><h3>Đầu mối cung cấp thông tin</h3><p>Đồng chí Điêu Thị Lả, điện thoại 0213 3852 222</p>'''
    add(h, 'index.html', enc(page(n, n, '<p>Trang chủ Đảng bộ.</p>' + extra, menu, charset=charset)))
    add(h, 'tctt.html', enc(page(n, 'Tiếp cận thông tin', body, menu, charset=charset)))
    for f in ('qc.pdf', 'dmck.pdf', 'dmdk.pdf'):
        add(h, f, PDF)
    expect(h, 'section', 'ok', '-', '/tctt.html')
    expect(h, 'regulation', 'ok', '2026-08-12', '/qc.pdf')
    expect(h, 'public_catalog', 'ok', '2026-08-12', '/dmck.pdf')
    expect(h, 'conditional_catalog', 'ok', '2026-08-12', '/dmdk.pdf')
    expect(h, 'focal_point', 'ok', '-', '/tctt.html')
    items_missing(h)

portal_tctt('cp1258-header.test', 'Sở Văn hoá', cp1258, 'windows-1258')
# the <meta> lies (utf-8) but the HTTP header wins
rules['cp1258-header.test'] = ['* charset windows-1258']
hosts['cp1258-header.test'] = {p: (b if p.endswith('.pdf') else b.replace(b'<meta charset="windows-1258">', b'<meta charset="utf-8">'))
                               for p, b in hosts['cp1258-header.test'].items()}
def cp1258_meta(s):
    return cp1258(s.replace('<meta charset="windows-1258">',
                            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'))
portal_tctt('cp1258-meta.test', 'Sở Giáo dục', cp1258_meta, 'windows-1258')
portal_tctt('nfd.test', 'Sở Nông nghiệp', lambda s: unicodedata.normalize('NFD', s.replace('Tiếp cận thông tin', 'TIẾP CẬN THÔNG TIN')).encode(), 'utf-8')
def strip_marks(s):
    s = s.replace('đ', 'd').replace('Đ', 'D')
    return ''.join(c for c in unicodedata.normalize('NFD', s) if not unicodedata.combining(c)).encode()
portal_tctt('nomarks.test', 'So Khoa hoc', strip_marks, 'utf-8')
# invalid bytes in a UTF-8 page do not stop the reading
portal_tctt('badbytes.test', 'Sở Ngoại vụ', lambda s: s.replace('Trang chủ Đảng bộ.', 'Trang \udcff\udcfe chủ').encode('utf-8', 'surrogateescape'), 'utf-8')

# --- imgalt: the section is an image banner (alt); the regulation's only label is its title attribute
h = 'imgalt.test'; n = 'Ban Dân tộc'
add(h, 'index.html', page(n, n, '<div class="banner-right"><a href="/ctt/"><img src="/b.png" alt="Chuyên mục Tiếp cận thông tin"></a></div>'))
add(h, 'ctt/index.html', page(n, 'Chuyên mục', '''
<div class="list"><a href="/ctt/qc.pdf" title="Quy chế cung cấp thông tin của Ban"><img src="/pdf.png"></a></div>
<div class="list"><a href="/ctt/dm.pdf">Danh mục tiếp cận thông tin công khai</a><span>Cập nhật 15/03/2026</span></div>
<p>Đầu mối cung cấp thông tin: Văn phòng Ban, ĐT 0213.3.876.111; email: bdt@laichau.gov.vn</p>'''))
add(h, 'ctt/qc.pdf', PDF)
add(h, 'ctt/dm.pdf', PDF)
expect(h, 'section', 'ok', '-', '/ctt/')
expect(h, 'regulation', 'ok', '-', '/ctt/qc.pdf')
expect(h, 'public_catalog', 'ok', '2026-03-15', '/ctt/dm.pdf')
expect(h, 'conditional_catalog', 'missing')
expect(h, 'focal_point', 'ok', '-', '/ctt/')
items_missing(h)

# --- items-traps: the section's other items, each with its trap: an e-mail only in the footer,
#     a "Liên hệ" page with a contact form, a generic suggestion box, a complaint channel for
#     administrative procedures on a linked page, a form link that does not load, guidance on tax and land
h = 'items-traps.test'; n = 'Sở Tài nguyên và Môi trường'
menu = [('/tctt.html', 'Tiếp cận thông tin'), ('/lien-he.html', 'Liên hệ')]
add(h, 'index.html', page(n, n, '<p>Trang chủ.</p>', menu))
add(h, 'tctt.html', page(n, 'Tiếp cận thông tin', '''
<p><a href="/qc.pdf">Quy chế cung cấp thông tin</a></p>
<p>Đầu mối cung cấp thông tin: ông Lò Văn Minh, thư điện tử: minhlv@stnmt.laichau.gov.vn</p>
<p>Hòm thư góp ý: mọi ý kiến góp ý xin gửi về gopy@stnmt.laichau.gov.vn</p>
<p><a href="/lien-he.html">Liên hệ</a> | <a href="/pakn.html">Phản ánh, kiến nghị</a></p>
<ul><li>Mẫu số 01a: Phiếu yêu cầu cung cấp thông tin <a href="/files/mau01a.doc">Tải về</a></li></ul>
<p><a href="/hd-thue.html">Hướng dẫn cung cấp thông tin quyết toán thuế thu nhập cá nhân</a></p>
<p><a href="/hd-dat.html">Hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất theo yêu cầu</a></p>''', menu))
add(h, 'lien-he.html', page(n, 'Liên hệ', '''<h2>Liên hệ</h2><p>Mọi thắc mắc xin gửi về lienhe@stnmt.laichau.gov.vn</p>
<form action="/gui"><input name="ho_ten"><input type="email" name="email"><textarea name="noi_dung"></textarea></form>''', menu))
add(h, 'pakn.html', page(n, 'Phản ánh, kiến nghị', '''<h2>Tiếp nhận phản ánh, kiến nghị</h2>
<p>Tiếp nhận phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính, thủ tục hành chính: pakn@stnmt.laichau.gov.vn</p>''', menu))
add(h, 'hd-thue.html', page(n, 'Hướng dẫn quyết toán thuế', '<h2>Hướng dẫn quyết toán thuế</h2>', menu))
add(h, 'hd-dat.html', page(n, 'Thủ tục đất đai', '<h2>Thủ tục đất đai</h2>', menu))
add(h, 'qc.pdf', PDF)
rules[h] = ['/qc.pdf last-modified Mon, 02 Nov 2026 01:00:00 GMT', '/files/mau01a.doc status 404']
expect(h, 'section', 'ok', '-', '/tctt.html')
expect(h, 'regulation', 'ok', '2026-11-02', '/qc.pdf')
expect(h, 'public_catalog', 'missing')
expect(h, 'conditional_catalog', 'missing')
expect(h, 'focal_point', 'ok', '-', '/tctt.html')
expect(h, 'request_channel', 'missing')
expect(h, 'complaint_channel', 'missing', '-', '/pakn.html')
expect(h, 'forms', 'missing', '-', '/files/mau01a.doc')
expect(h, 'guidance', 'missing')

# --- items-ok: the items another way: an online request form, a complaint channel about information
#     on a linked page, forms named only by their title, guidance written on the section page
h = 'items-ok.test'; n = 'UBND xã Nậm Tăm'
menu = [('/chuyen-muc-tctt/', 'Tiếp cận thông tin')]
add(h, 'index.html', page(n, n, '<p>Trang chủ.</p>', menu))
add(h, 'chuyen-muc-tctt/index.html', page(n, 'Tiếp cận thông tin', '''
<h3>Hướng dẫn tiếp cận thông tin</h3>
<p>Công dân có yêu cầu cung cấp thông tin điền Phiếu yêu cầu, gửi trực tiếp tại bộ phận một cửa, qua bưu điện
hoặc qua mạng; Ủy ban nhân dân xã trả lời trong thời hạn 15 ngày làm việc.</p>
<p>Gửi yêu cầu cung cấp thông tin trực tuyến: <a href="gui-yeu-cau.html">tại đây</a></p>
<p><a href="pakn.html">Phản ánh, kiến nghị về tiếp cận thông tin</a></p>
<p><a href="/up/phieu-yeu-cau.docx">Phiếu yêu cầu cung cấp thông tin</a></p>''', menu))
add(h, 'chuyen-muc-tctt/gui-yeu-cau.html', page(n, 'Gửi yêu cầu', '''<h2>Phiếu yêu cầu cung cấp thông tin</h2>
<form action="/gui" method="post"><label>Họ tên <input name="ho_ten"></label>
<label>Nội dung <textarea name="noi_dung"></textarea></label><button>Gửi</button></form>''', menu))
add(h, 'chuyen-muc-tctt/pakn.html', page(n, 'Phản ánh, kiến nghị', '''<h2>Phản ánh, kiến nghị</h2>
<p>Phản ánh, kiến nghị, khiếu nại về việc cung cấp thông tin của Ủy ban nhân dân xã gửi về: Văn phòng UBND xã,
địa chỉ: bản Nậm Tăm, số 12, xã Nậm Tăm.</p>''', menu))
add(h, 'up/phieu-yeu-cau.docx', b'PK fixture docx')
expect(h, 'section', 'ok', '-', '/chuyen-muc-tctt/')
expect(h, 'regulation', 'missing')
expect(h, 'public_catalog', 'missing')
expect(h, 'conditional_catalog', 'missing')
expect(h, 'focal_point', 'missing')
expect(h, 'request_channel', 'ok', '-', '/chuyen-muc-tctt/')
expect(h, 'complaint_channel', 'ok', '-', '/chuyen-muc-tctt/pakn.html')
expect(h, 'forms', 'ok', '-', '/up/phieu-yeu-cau.docx')
expect(h, 'guidance', 'ok', '-', '/chuyen-muc-tctt/')

# --- unreachable: the home page answers 503
h = 'unreachable.test'
add(h, 'index.html', page('Sở Lao động', 'Sở Lao động', '<p>x</p>', [('/tctt.html', 'Tiếp cận thông tin')]))
rules[h] = ['* status 503']
for c in ('section', 'regulation', 'public_catalog', 'conditional_catalog', 'focal_point') + ITEMS:
    expect(h, c, 'unreachable', '-', '/')

# write everything
for d in os.listdir(HERE):
    if os.path.isdir(os.path.join(HERE, d)):
        shutil.rmtree(os.path.join(HERE, d))
for host, files in hosts.items():
    for path, data in files.items():
        full = os.path.join(HERE, host, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'wb') as f:
            f.write(data)
for host, lines in rules.items():
    with open(os.path.join(HERE, host, '_rules'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
with open(os.path.join(HERE, 'expected.txt'), 'w') as f:
    f.write('# host criterion status date evidence-path (today 2026-11-29; written by make-fixtures.py)\n')
    for e in expected:
        f.write(' '.join(e) + '\n')
print(len(hosts), 'hosts,', len(expected), 'verdicts')
