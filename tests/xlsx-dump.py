#!/usr/bin/python3
"""xlsx-dump.py FILE: an .xlsx workbook as JSON, as openpyxl (Debian's python3-openpyxl) reads it.

{"sheets": [{"title", "freeze", "rows": [[cell, ...], ...]}]}; a cell is null when empty,
else {"v": value (dates as ISO 8601), "type": openpyxl's data_type ("s", "n", "d", "f"...),
"fmt": number format, "fill": fill colour (ARGB) or null, "link": hyperlink target or null}.
"""
import datetime
import json
import sys

import openpyxl


def cell_json(c):
    if c.value is None:
        return None
    v = c.value
    if isinstance(v, (datetime.datetime, datetime.date)):
        v = v.isoformat()
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
    return {"v": v, "type": "d" if c.is_date else c.data_type, "fmt": c.number_format,
            "fill": fill if isinstance(fill, str) else None,
            "link": c.hyperlink.target if c.hyperlink is not None else None}


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": []}
    for ws in wb.worksheets:
        out["sheets"].append({"title": ws.title, "freeze": ws.freeze_panes,
                              "rows": [[cell_json(c) for c in row] for row in ws.iter_rows()]})
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
