#!/usr/bin/python3
"""Makes the order exports the import tests read (Tests/EndToEndTests/ImportTests.swift).

No real export is at hand: these files follow the header names of SPEC section 8 exactly, with the seller centres'
quirks (Tokopedia's four title rows, OrderSKUList's description row and second sheet, Shopee's money as text in
the seller centre's language, numbers stored as text, Excel date numbers). Products and events are those of
Tests/Seeds/jbl-jaksel-2021.bazar. Run with Debian's python3 (python3-openpyxl): /usr/bin/python3 generate.py
"""
import csv
import datetime
import os

import openpyxl

here = os.path.dirname(os.path.abspath(__file__))


def save(wb, name):
    # A fixed creation time, so that the files are the same each time they are made.
    wb.properties.created = wb.properties.modified = datetime.datetime(2021, 12, 10, 8, 0, 0)
    wb.save(os.path.join(here, name))


# 1. Tokopedia's order report: title rows, headers on row 5, numbers partly stored as text, a date as an Excel number.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Laporan Penjualan"
ws.append(["Laporan Penjualan"])
ws.append(["Toko: jakpreneurofficial"])
ws.append(["Periode: 26-11-2021 - 05-12-2021"])
ws.append([])
ws.append(["Nomor Invoice", "Tanggal Pembayaran", "Status Terakhir", "Tanggal Pesanan Dibatalkan", "Nama Produk",
           "Nomor SKU", "Jumlah Produk Dibeli", "Harga Jual (IDR)", "Total Penjualan (IDR)", "Kota", "Provinsi"])
ws.append(["INV/20211126/MPL/XI/900001", "26-11-2021 09:15:02", "Pesanan Selesai", None, "Bir Pletok Tubruk",
           "wedang-batavia/bir-pletok", 3, 25000, 75000, "Jakarta Selatan", "DKI Jakarta"])
ws.append(["INV/20211126/MPL/XI/900001", "26-11-2021 09:15:02", "Pesanan Selesai", None, "Wedang Komplit",
           "wedang-batavia/wedang-komplit", 2, 35000, 70000, "Jakarta Selatan", "DKI Jakarta"])
ws.append(["INV/20211126/MPL/XI/900002", datetime.datetime(2021, 11, 26, 13, 40), "Pesanan Selesai", None,
           "Jamu Kunyit Asam Suwe Ora Jamu", "suwe-ora-jamu/jamu-kunyit-asam", "2", "30000", "60000", "Kota Bekasi", "Jawa Barat"])
ws.append(["INV/20211126/MPL/XI/900003", "26-11-2021 14:00:00", "Dibatalkan Pembeli", "26-11-2021 15:00:00",
           "Bir Pletok Tubruk", "wedang-batavia/bir-pletok", 5, 25000, 125000, "Depok", "Jawa Barat"])
ws.append(["INV/20211205/MPL/XII/900004", "05-12-2021 10:20:00", "Pesanan Selesai", None, "Lemper Ayam",
           "kedai-kemuning-js11/lemper-ayam", 10, 5000, 45000, "Bandung", "Jawa Barat"])
save(wb, "tokopedia-report.xlsx")

# 2. OrderSKUList: an instructions sheet first, the list on a sheet of its name, a description row under the headers.
skulist_headers = ["Order ID", "Order Status", "Cancelation/Return Type", "Seller SKU", "Product Name", "Quantity",
                   "SKU Subtotal After Discount", "Paid Time", "Created Time", "Province", "Regency and City",
                   "Tokopedia Invoice Number"]
skulist_descriptions = ["Platform unique order ID.", "Current order status.", "Cancellation or return of the order.",
                        "Seller's own SKU.", "Product name.", "Number of SKU units in the order.",
                        "SKU subtotal after discounts.", "Time the order was paid.", "Time the order was placed.",
                        "Province of the buyer.", "Regency or city of the buyer.", "Invoice number on Tokopedia."]
skulist_rows = [
    ["576400000000000001", "Completed", "", "BP-500", "Bir Pletok Tubruk 500ml", "4", "96000",
     "26/11/2021 10:01:02", "26/11/2021 09:58:00", "Jawa Barat", "Kota Depok", "INV/20211126/MPL/XI/910001"],
    ["576400000000000002", "Completed", "", "suwe-ora-jamu/jamu-kunyit-asam", "Jamu Kunyit Asam", "1", "30000",
     "", "05/12/2021 08:00:00", "DKI Jakarta", "Jakarta Barat", ""],
    ["576400000000000003", "Canceled", "Cancel", "wedang-batavia/bir-pletok", "Bir Pletok Tubruk", "2", "50000",
     "", "26/11/2021 11:00:00", "DKI Jakarta", "Jakarta Pusat", ""],
    ["576400000000000004", "Completed", "Return/Refund", "wedang-batavia/bir-pletok", "Bir Pletok Tubruk", "1",
     "25000", "26/11/2021 12:00:00", "26/11/2021 11:30:00", "Banten", "Kota Tangerang", ""],
]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Instructions"
ws.append(["Order export"])
ws.append(["The orders are on the sheet OrderSKUList."])
ws = wb.create_sheet("OrderSKUList")
ws.append(skulist_headers)
ws.append(skulist_descriptions)
for r in skulist_rows:
    ws.append([int(c) if i in (5, 6) else c for i, c in enumerate(r)])
save(wb, "orderskulist.xlsx")
with open(os.path.join(here, "orderskulist.csv"), "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(skulist_headers)
    w.writerow(skulist_descriptions)
    w.writerows(skulist_rows)

# 3. Shopee, Indonesian and English: money as text in the seller centre's language.
shopee_id = ["No. Pesanan", "Status Pesanan", "Waktu Pesanan Dibuat", "Waktu Pembayaran Dilakukan", "Nama Produk",
             "Nomor Referensi SKU", "SKU Induk", "Jumlah", "Harga Setelah Diskon", "Total Harga Produk",
             "Kota/Kabupaten", "Provinsi"]
shopee_en = ["Order ID", "Order Status", "Order Creation Date", "Order Paid Time", "Product Name",
             "SKU Reference No.", "Parent SKU Reference No.", "Quantity", "Deal Price", "Product Subtotal", "City",
             "Province"]


def shopee_rows(lang):
    def rp(v, prefix=""):
        s = f"{v:,}"
        return prefix + (s.replace(",", ".") if lang == "id" else s)
    done, cancelled = ("Selesai", "Batal") if lang == "id" else ("Completed", "Cancelled")
    return [
        ["211126ABCD01", done, "2021-11-26 11:00", "2021-11-26 11:05", "Hiasan Kerang", "",
         "galeri-makmur-js8/hiasan-kerang", 2, rp(40750), rp(81500), "KOTA JAKARTA TIMUR", "DKI JAKARTA"],
        ["211126ABCD02", cancelled, "2021-11-26 12:00", "", "Hiasan Kerang", "", "galeri-makmur-js8/hiasan-kerang",
         1, rp(40750), rp(40750), "KOTA JAKARTA TIMUR", "DKI JAKARTA"],
        ["211205ABCD03", done, "2021-12-05 07:30", "2021-12-05 07:31", "Sirup Pala Bogor",
         "minuman-melati-js16/sirup-pala", "", 3, rp(15000, "Rp"), rp(45000, "Rp"), "KAB. BOGOR", "JAWA BARAT"],
    ]


for lang, headers in (("id", shopee_id), ("en", shopee_en)):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "orders"
    ws.append(headers)
    for r in shopee_rows(lang):
        ws.append(r)
    save(wb, f"shopee-{lang}.xlsx")

# 4. bazar's own CSV columns (no BOM); a multi-product order; an amount left to the list price.
with open(os.path.join(here, "orders.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("ref,date,product,qty,amount,buyer,channel\n")
    f.write("CSV-1,2021-11-26,wedang-batavia/bir-pletok,2,50000,Depok,online\n")
    f.write("CSV-2,2021-11-26,wedang-batavia/bir-pletok,1,,\"Bogor, Jawa Barat\",online\n")
    f.write("CSV-2,2021-11-26,suwe-ora-jamu/jamu-kunyit-asam,1,30.000,\"Bogor, Jawa Barat\",online\n")
# An overlapping file: two lines already imported and one new.
with open(os.path.join(here, "orders-overlap.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("ref,date,product,qty,amount,buyer,channel\n")
    f.write("CSV-2,2021-11-26,wedang-batavia/bir-pletok,1,,\"Bogor, Jawa Barat\",online\n")
    f.write("CSV-2,2021-11-26,suwe-ora-jamu/jamu-kunyit-asam,1,30.000,\"Bogor, Jawa Barat\",online\n")
    f.write("CSV-3,2021-12-05,wedang-batavia/bir-pletok,4,100000,Jakarta Utara,online\n")
# Excel's "Unicode text": UTF-16 with a BOM, TAB between cells.
with open(os.path.join(here, "orders-utf16.txt"), "w", encoding="utf-16", newline="") as f:
    f.write("ref\tdate\tproduct\tqty\tamount\tbuyer\tchannel\r\n")
    f.write("U16-1\t26/11/2021\twedang-batavia/bir-pletok\t1\t25000\tKué Lapis Town\tonline\r\n")

# 5. Written by hand (zipfile), what openpyxl does not write: inline strings, cells without references, formula
#    text, a sheet in a namespace prefix; and damaged files that must be refused cleanly.
import zipfile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')


def raw_xlsx(name, rows_xml, shared=None):
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<x:sheetData>' + rows_xml + '</x:sheetData></x:worksheet>')
    with zipfile.ZipFile(os.path.join(here, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in (("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", RELS), ("xl/worksheets/sheet1.xml", sheet)):
            info = zipfile.ZipInfo(path, date_time=(2021, 12, 10, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        if shared is not None:
            info = zipfile.ZipInfo("xl/sharedStrings.xml", date_time=(2021, 12, 10, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, shared)


def inline(text):
    return f'<x:c t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'


header = "".join(inline(h) for h in ["ref", "date", "product", "qty", "amount", "buyer", "channel"])
# Row 2: cells without references, a formula's text, a number; row 3 leaves the buyer out (column F) by reference.
raw_xlsx("inline.xlsx",
         f'<x:row r="1">{header}</x:row>'
         f'<x:row r="2">{inline("RAW-1")}<x:c><x:v>44526</x:v></x:c>{inline("wedang-batavia/bir-pletok")}'
         f'<x:c><x:v>2</x:v></x:c><x:c t="str"><x:f>25000*2</x:f><x:v>50000</x:v></x:c>{inline("Rich &amp; Co")}{inline("online")}</x:row>'
         f'<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t>RAW-</x:t></x:r><x:r><x:t>2</x:t></x:r></x:is></x:c>'
         f'<x:c r="B3" t="inlineStr"><x:is><x:t>26/11/2021</x:t></x:is></x:c><x:c r="C3" t="s"><x:v>0</x:v></x:c>'
         f'<x:c r="D3"><x:v>1</x:v></x:c><x:c r="E3"><x:v>35000</x:v></x:c><x:c r="G3" t="inlineStr"><x:is><x:t>online</x:t></x:is></x:c></x:row>',
         shared='<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<si><r><t>wedang-batavia/</t></r><r><t>wedang-komplit</t></r><rPh><t>x</t></rPh></si></sst>')
raw_xlsx("damaged-xml.xlsx", f'<x:row r="1">{header}</x:row><x:row r="2"><x:c><x:v>1</x:v></x:c><x:c <<<')
raw_xlsx("long-cell.xlsx", f'<x:row r="1">{header}</x:row><x:row r="2">{inline("R" * 10000)}</x:row>')
raw_xlsx("wide.xlsx", '<x:row r="1">' + "<x:c><x:v>1</x:v></x:c>" * 100000 + '</x:row>')
raw_xlsx("no-headers.xlsx", '<x:row r="1">' + inline("Laporan") + '</x:row><x:row r="2">' + inline("Nomor") + inline("Harga") + '</x:row>')
