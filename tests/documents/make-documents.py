#!/usr/bin/python3
# make-documents.py: the test documents of tests/test_document.c and the
# document fixture portals, from Debian's python3-reportlab (PDFs with real
# Vietnamese text in the DejaVu font), python3-docx (DOCX) and python3-pil
# (the scanned page), and LibreOffice (soffice, to save a DOCX as Word 97-2003
# .doc). Run with /usr/bin/python3 from anywhere; it writes next to itself:
#   docs.test/    a section whose catalogs are dated only inside a DOCX and a PDF,
#                 and whose regulation is a scan
#   hostile.test/ a truncated PDF, a PDF that makes the extractor spin (marked
#                 TCTT-SPIN, see test_document.c), a DOCX zip bomb, a garbage PDF
#   cache.test/   a catalog PDF behind validators, for the 304 test
#   legacy.test/  a regulation as a Word 97-2003 .doc, and a catalog typed in TCVN3,
#                 each behind a generic link
#   notice.test/  the focal point only in a PDF notice behind a generic link
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

from docx import Document
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
pdfmetrics.registerFont(TTFont("DejaVu", FONT))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_BOLD))


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def pdf(lines, title="", compress=1):
    """A one-page A4 PDF: (font size, bold, centred, text) lines from the top."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, pageCompression=compress, invariant=1)
    c.setTitle(title)
    w, h = A4
    y = h - 20 * mm
    for size, bold, centre, text in lines:
        c.setFont("DejaVu-Bold" if bold else "DejaVu", size)
        if centre:
            c.drawCentredString(w / 2, y, text)
        else:
            c.drawString(20 * mm, y, text)
        y -= size * 1.6
    c.showPage()
    c.save()
    return out.getvalue()


# Decree 30/2020 layout: issuing body and national motto, number and signing line.
def header(number, signing):
    return [
        (11, False, False, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"),
        (11, True, False, "SỞ TƯ PHÁP"),
        (11, True, True, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (11, True, True, "Độc lập - Tự do - Hạnh phúc"),
        (11, False, False, "Số: " + number),
        (11, False, True, signing),
        (11, False, False, ""),
    ]


def conditional_catalog_pdf():
    # An attached catalog: its own date is the issue in "(Ban hành kèm theo ...)";
    # the Law and the Decree it cites carry older and newer dates that are not its own.
    return pdf([
        (11, False, False, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"),
        (11, True, False, "SỞ TƯ PHÁP"),
        (11, False, False, ""),
        (14, True, True, "DANH MỤC THÔNG TIN ĐƯỢC TIẾP CẬN CÓ ĐIỀU KIỆN"),
        (11, False, True, "(Ban hành kèm theo Quyết định số 45/QĐ-STP ngày 15 tháng 3 năm 2026"),
        (11, False, True, "của Giám đốc Sở Tư pháp tỉnh Lai Châu)"),
        (11, False, False, ""),
        (11, False, False, "Căn cứ Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;"),
        (11, False, False, "Căn cứ Nghị định số 13/2018/NĐ-CP ngày 23 tháng 01 năm 2018;"),
        (11, False, False, "Căn cứ Kế hoạch số 77/KH-UBND ngày 20 tháng 6 năm 2026 của UBND tỉnh;"),
        (11, True, False, "STT   Tên thông tin                         Điều kiện tiếp cận"),
        (11, False, False, "1     Thông tin liên quan đến bí mật kinh doanh    Được chủ sở hữu đồng ý"),
        (11, False, False, "2     Thông tin về đời sống riêng tư, bí mật cá nhân    Được người đó đồng ý"),
    ], title="Danh muc co dieu kien")


def cache_catalog_pdf():
    # A decision signed on 2 October 2026 that cites the Law of 2016.
    return pdf(header("231/QĐ-UBND", "Lai Châu, ngày 02 tháng 10 năm 2026") + [
        (14, True, True, "QUYẾT ĐỊNH"),
        (12, True, True, "Ban hành Danh mục thông tin phải được công khai"),
        (11, False, False, ""),
        (11, False, False, "Căn cứ Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;"),
        (11, False, False, "Điều 1. Ban hành kèm theo Quyết định này Danh mục thông tin phải được công khai."),
    ], title="Quyet dinh 231")


def scan_pdf():
    # A scanned page: the text is pixels only, with no text layer.
    img = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    y = 120
    for line in ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "SỞ TƯ PHÁP", "",
                 "Lai Châu, ngày 10 tháng 01 năm 2025", "", "QUY CHẾ",
                 "Cung cấp thông tin cho công dân"]:
        d.text((120, y), line, fill=0, font=font)
        y += 60
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return out.getvalue()


def fixed_zip(data):
    # The same bytes at every run: every member re-stored with one fixed time.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def public_catalog_docx():
    # A decision in Word: the header is a two-column table, the signing line in a cell.
    doc = Document()
    t = doc.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSỞ TƯ PHÁP"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số: 12/QĐ-STP"
    t.cell(1, 1).text = "Lai Châu, ngày 15 tháng 3 năm 2024"
    doc.add_paragraph("QUYẾT ĐỊNH")
    doc.add_paragraph("Ban hành Danh mục thông tin phải được công khai của Sở Tư pháp")
    doc.add_paragraph("GIÁM ĐỐC SỞ TƯ PHÁP TỈNH LAI CHÂU")
    doc.add_paragraph("Căn cứ Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;")
    doc.add_paragraph("Căn cứ Nghị định số 13/2018/NĐ-CP ngày 23 tháng 01 năm 2018 của Chính phủ;")
    doc.add_paragraph("Điều 1. Ban hành kèm theo Quyết định này Danh mục thông tin phải được công khai.")
    doc.core_properties.author = "tctt fixtures"
    doc.core_properties.created = doc.core_properties.modified = datetime.datetime(2024, 3, 15)
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())


def regulation_doc():
    # Word 97-2003 (.doc), as LibreOffice saves it from a DOCX made here.
    doc = Document()
    for line in ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "SỞ TƯ PHÁP", "Số: 03/QC-STP",
                 "Lai Châu, ngày 10 tháng 01 năm 2025", "QUY CHẾ",
                 "Cung cấp thông tin cho công dân của Sở Tư pháp",
                 "Căn cứ Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;",
                 "Điều 1. Phạm vi điều chỉnh"]:
        doc.add_paragraph(line)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "quy-che.docx")
        doc.save(src)
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                        "--convert-to", "doc", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(tmp, "quy-che.doc"), "rb") as f:
            return f.read()


def tcvn3(text):
    # TCVN3 (ABC) bytes, as glibc's iconv writes TCVN 5712 (TCVN3 is its upper half),
    # shown as the Latin-1 letters that a .VnTime font's PDF gives to a text extractor.
    out = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                         capture_output=True, check=True).stdout
    return out.decode("latin-1")


def tcvn3_catalog_pdf():
    # An old catalog typed in .VnTime: capitals were lower-case letters in .VnTimeH.
    return pdf([(12, False, False, tcvn3(line)) for line in [
        "ủy ban nhân dân tỉnh lai châu", "sở tư pháp", "số: 88/qđ-stp",
        "lai châu, ngày 20 tháng 5 năm 2026", "",
        "danh mục thông tin phải được công khai",
        "căn cứ luật tiếp cận thông tin ngày 06 tháng 4 năm 2016;"]],
        title="TCVN3")


def focal_notice_pdf():
    # A notice naming the focal point, its contact further down in the text.
    return pdf(header("15/TB-STP", "Lai Châu, ngày 05 tháng 02 năm 2026") + [
        (14, True, True, "THÔNG BÁO"),
        (12, True, True, "Về việc phân công đầu mối cung cấp thông tin"),
        (11, False, False, ""),
        (11, False, False, "Sở Tư pháp thông báo: Văn phòng Sở là đầu mối cung cấp thông tin"),
        (11, False, False, "cho công dân theo Luật Tiếp cận thông tin."),
        (11, False, False, "Địa chỉ: tầng 3, nhà B, trung tâm hành chính - chính trị tỉnh."),
        (11, False, False, "Điện thoại: 0213 3876 225; thư điện tử: vanphong.stp@laichau.gov.vn"),
    ], title="Thong bao dau moi")


def zip_bomb_docx():
    # A DOCX whose word/document.xml inflates to 200 MB of spaces inside a valid
    # element: every byte is "honest" XML, only its size is hostile.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=FIXED_TIME),
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        main = zipfile.ZipInfo("word/document.xml", date_time=FIXED_TIME)
        main.compress_type = zipfile.ZIP_DEFLATED
        with z.open(main, "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b" " * (1 << 20)
            for _ in range(200):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def page(title, body):
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>%s</title></head>"
            "<body><nav><ul><li><a href=\"/\">Trang chủ</a></li>"
            "<li><a href=\"/tctt/\">Tiếp cận thông tin</a></li></ul></nav>"
            "<main>%s</main><footer>Sở Tư pháp tỉnh Lai Châu</footer></body></html>\n" % (title, body))


FOCAL = ("<h2>Đầu mối cung cấp thông tin</h2>"
         "<p>Văn phòng Sở là đầu mối cung cấp thông tin. Điện thoại: 0213 3876 225.</p>")


def home():
    return page("Sở Tư pháp", "<p>Chào mừng đến Cổng thông tin điện tử.</p>")


def main():
    catalog = conditional_catalog_pdf()
    # docs.test: dates only inside the documents; Last-Modified says "now".
    write("docs.test/index.html", home())
    write("docs.test/tctt/index.html", page("Tiếp cận thông tin",
        "<h1>Tiếp cận thông tin</h1><ul>"
        "<li><a href=\"/files/qc-scan.pdf\">Quy chế cung cấp thông tin cho công dân</a></li>"
        "<li><a href=\"/files/dm-cong-khai.docx\">Tải về</a></li>"
        "<li><a href=\"/files/dm-dieu-kien.pdf\">Danh mục thông tin được tiếp cận có điều kiện</a></li>"
        "</ul>" + FOCAL))
    write("docs.test/files/qc-scan.pdf", scan_pdf())
    write("docs.test/files/dm-cong-khai.docx", public_catalog_docx())
    write("docs.test/files/dm-dieu-kien.pdf", catalog)
    write("docs.test/_rules", "* last-modified Sun, 29 Nov 2026 00:30:00 GMT\n")
    # hostile.test: every document is hostile; the daemon must judge the unit anyway.
    write("hostile.test/index.html", home())
    write("hostile.test/tctt/index.html", page("Tiếp cận thông tin",
        "<h1>Tiếp cận thông tin</h1><ul>"
        "<li><a href=\"/files/qc.pdf\">Quy chế cung cấp thông tin</a></li>"
        "<li><a href=\"/files/dmck.pdf\">Danh mục thông tin phải được công khai</a></li>"
        "<li><a href=\"/files/dmdk.docx\">Danh mục thông tin được tiếp cận có điều kiện</a></li>"
        "<li><a href=\"/files/rac.pdf\">Tải về</a></li>"
        "</ul>" + FOCAL))
    write("hostile.test/files/qc.pdf", catalog[: len(catalog) * 2 // 5])
    write("hostile.test/files/dmck.pdf", pdf([(12, False, False, "Danh mục thông tin phải được công khai")],
                                             title="TCTT-SPIN"))
    write("hostile.test/files/dmdk.docx", zip_bomb_docx())
    write("hostile.test/files/rac.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 64)
    # cache.test: a catalog behind validators.
    write("cache.test/index.html", home())
    write("cache.test/tctt/index.html", page("Tiếp cận thông tin",
        "<h1>Tiếp cận thông tin</h1><ul>"
        "<li><a href=\"/files/dmck.pdf\">Danh mục thông tin phải được công khai</a></li>"
        "</ul>" + FOCAL))
    write("cache.test/files/dmck.pdf", cache_catalog_pdf())
    write("cache.test/_rules", "* etag \"v1\"\n* last-modified Sun, 29 Nov 2026 00:30:00 GMT\n")
    # legacy.test: only the .doc's own title says it is the regulation.
    write("legacy.test/index.html", home())
    write("legacy.test/tctt/index.html", page("Tiếp cận thông tin",
        "<h1>Tiếp cận thông tin</h1><table><tr><td>03/QC-STP</td>"
        "<td><a href=\"/files/qc-03.doc\">Tải về</a></td></tr>"
        "<tr><td>88/QĐ-STP</td><td><a href=\"/files/dm-88.pdf\">Tải về</a></td></tr></table>" + FOCAL))
    write("legacy.test/files/dm-88.pdf", tcvn3_catalog_pdf())
    # notice.test: the section holds no focal block; a PDF notice does.
    write("notice.test/index.html", home())
    write("notice.test/tctt/index.html", page("Tiếp cận thông tin",
        "<h1>Tiếp cận thông tin</h1><ul>"
        "<li>Thông báo số 15/TB-STP <a href=\"/files/tb-15.pdf\">Tải về</a></li></ul>"))
    write("notice.test/files/tb-15.pdf", focal_notice_pdf())
    if shutil.which("soffice"):
        write("legacy.test/files/qc-03.doc", regulation_doc())


if __name__ == "__main__":
    main()
