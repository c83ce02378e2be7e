#!/usr/bin/python3
"""A large Tokopedia order report (.xlsx) for the bench's `xlsx` task (issue 12), from orders.csv:
four title rows, the headers on row 5, LINES order lines of the bench's products, every one dated on the
first online event's first day (imported with `event ID`). Needs Debian's python3-openpyxl (write-only mode
streams, so the generator stays small too).

usage: /usr/bin/python3 tokopedia_xlsx.py OUT LINES   (prints the event's id)
"""
import os
import sys

import openpyxl

out, lines = sys.argv[1], int(sys.argv[2])
event = day = None
for line in open(os.path.join(out, "import-setup.bazar"), encoding="utf-8"):
    if line.startswith("open event") and " mode online " in line:
        event = line.split()[2]
        day = line.split(" from ")[1].split()[0]
        break
y, m, d = day.split("-")
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Laporan Penjualan")
ws.append(["Laporan Penjualan"])
ws.append(["Toko: jakpreneurofficial"])
ws.append([f"Periode: {d}-{m}-{y}"])
ws.append([])
ws.append(["Nomor Invoice", "Tanggal Pembayaran", "Status Terakhir", "Tanggal Pesanan Dibatalkan", "Nama Produk",
           "Nomor SKU", "Jumlah Produk Dibeli", "Harga Jual (IDR)", "Total Penjualan (IDR)", "Kota", "Provinsi"])
src = open(os.path.join(out, "orders.csv"), encoding="utf-8")
next(src)
for i, line in enumerate(src):
    if i >= lines:
        break
    ref, _, _, product, qty, amount, _ = line.rstrip("\n").split(",")
    ws.append([f"INV/{y}{m}{d}/MPL/{i}", f"{d}-{m}-{y} 10:{i % 60:02d}:00", "Pesanan Selesai", None, product.split("/")[1],
               product, int(qty), int(amount) // int(qty), int(amount), "Jakarta Selatan", "DKI Jakarta"])
wb.save(os.path.join(out, "tokopedia.xlsx"))
print(event)
