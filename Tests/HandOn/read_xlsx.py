#!/usr/bin/python3
"""Reads a workbook bazar wrote with an independent reader (openpyxl) and prints what a test checks, as JSON:
each sheet's frozen cell, autofilter range, every cell (row, column, type, value) and the chart parts'
series references. Run with Debian's /usr/bin/python3 (python3-openpyxl)."""
import json
import re
import sys
import zipfile

import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)
out = {"sheets": [], "charts": []}
for ws in wb.worksheets:
    cells = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cells.append([c.row, c.column, c.data_type, c.value, c.number_format])
    out["sheets"].append({
        "title": ws.title,
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "cells": cells,
    })
with zipfile.ZipFile(path) as z:
    for name in sorted(z.namelist()):
        if re.match(r"xl/charts/chart\d+\.xml$", name):
            xml = z.read(name).decode("utf-8")
            kind = "bar" if '<c:barDir val="bar"/>' in xml else ("column" if '<c:barDir val="col"/>' in xml else "other")
            out["charts"].append({
                "part": name,
                "direction": kind,
                "values": re.findall(r"<c:val>.*?<c:f>(.*?)</c:f>", xml, re.S),
                "categories": re.findall(r"<c:cat>.*?<c:f>(.*?)</c:f>", xml, re.S),
            })
print(json.dumps(out, default=str))
