#!/usr/bin/python3
"""docx_dump.py FILE.docx | --eml FILE.eml OUT.docx

Read a .docx with python-docx (Debian's python3-docx) and print what the
report tests check, as JSON: the paragraphs (text, style), every table (rows
of cell texts, which rows repeat as headers), the page (size and margins in
mm) and the default font. With --eml, first save the .docx attached to an
e-mail to OUT.docx (and report the MIME structure too).
"""
import email
import email.policy
import json
import sys
import zipfile

import docx
from docx.oxml.ns import qn


def mm(length):
    return None if length is None else round(length.mm, 1)


def dump(path, extra):
    d = docx.Document(path)
    sec = d.sections[0]
    normal = d.styles["Normal"]
    rpr = d.styles.element.find(qn("w:docDefaults"))
    fonts = rpr.find(".//" + qn("w:rFonts")) if rpr is not None else None
    size = rpr.find(".//" + qn("w:sz")) if rpr is not None else None
    out = {
        "paragraphs": [{"text": p.text, "style": p.style.name} for p in d.paragraphs],
        "tables": [],
        "page": {
            "width": mm(sec.page_width), "height": mm(sec.page_height),
            "top": mm(sec.top_margin), "bottom": mm(sec.bottom_margin),
            "left": mm(sec.left_margin), "right": mm(sec.right_margin),
        },
        "font": normal.font.name or (fonts.get(qn("w:ascii")) if fonts is not None else None),
        "size_pt": (normal.font.size.pt if normal.font.size is not None else
                    int(size.get(qn("w:val"))) / 2 if size is not None else None),
        "title": d.core_properties.title,
    }
    with zipfile.ZipFile(path) as z:
        out["zip_names"] = z.namelist()
        out["zip_times"] = sorted({"%04d-%02d-%02d %02d:%02d" % i.date_time[:5]
                                   for i in z.infolist()})
    for t in d.tables:
        rows, header = [], []
        for r in t.rows:
            rows.append([c.text for c in r.cells])
            trpr = r._tr.trPr
            header.append(trpr is not None and trpr.find(qn("w:tblHeader")) is not None)
        out["tables"].append({"rows": rows, "header": header})
    out.update(extra)
    return out


def main(argv):
    extra = {}
    if len(argv) == 4 and argv[1] == "--eml":
        with open(argv[2], "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        extra["mime"] = [part.get_content_type() for part in msg.walk()]
        extra["attachments"] = []
        path = None
        for part in msg.iter_attachments():
            extra["attachments"].append(part.get_filename())
            if part.get_filename().endswith(".docx"):
                path = argv[3]
                with open(path, "wb") as f:
                    f.write(part.get_payload(decode=True))
        if path is None:
            print(json.dumps(extra, ensure_ascii=False))
            return 0
    elif len(argv) == 2:
        path = argv[1]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(dump(path, extra), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
