import Foundation

/// Indonesian for English text made where a `Phrase` is not used: reasons the system gives
/// (`strerror`), and the texts of `import orders` (file errors, their details and hints, the
/// summary). Each entry is an English pattern with `{name}` placeholders (`{s}`: an optional
/// plural "s") and its Indonesian; a text no pattern knows stays as it is (and the test that no
/// Indonesian output holds English finds it).
enum Translate {
    static let patterns: [(String, String)] = [
        // reasons a file or the store cannot be used
        ("it is a directory", "itu sebuah direktori"),
        ("no such file", "berkas tidak ada"),
        ("a read error", "kesalahan saat membaca"),
        ("no permission to read it", "tidak ada izin untuk membacanya"),
        ("no permission to read and write it (--read-only opens it for lists and reports)",
         "tidak ada izin untuk membaca dan menulisnya (--read-only membukanya untuk daftar dan laporan)"),
        ("its directory '{dir}' is not writable (the store keeps a journal beside it; --read-only opens it for lists and reports)",
         "direktorinya '{dir}' tidak dapat ditulisi (basis data menyimpan jurnal di sampingnya; --read-only membukanya untuk daftar dan laporan)"),
        ("the file is damaged ({why})", "berkasnya rusak ({why})"),
        ("the directory '{dir}' does not exist", "direktori '{dir}' tidak ada"),
        ("the directory '{dir}' is not writable", "direktori '{dir}' tidak dapat ditulisi"),
        ("cannot create directory '{dir}': {why}", "direktori '{dir}' tidak dapat dibuat: {why}"),
        ("the file is read-only", "berkasnya hanya dapat dibaca"),
        ("there is no directory '{dir}'", "tidak ada direktori '{dir}'"),
        ("a disk error ({why})", "terjadi kesalahan disk ({why})"),
        // import orders: the file
        ("an old Excel .xls file cannot be read", "berkas Excel lama .xls tidak dapat dibaca"),
        ("save it as .xlsx (Excel Workbook) or CSV UTF-8, and import that", "simpan sebagai .xlsx (Excel Workbook) atau CSV UTF-8, lalu impor berkas itu"),
        ("no order export headers found", "judul kolom ekspor pesanan tidak ditemukan"),
        ("no order export headers found{where}", "judul kolom ekspor pesanan tidak ditemukan{where}"),
        ("expected, in one of the first rows: {headers}", "diharapkan, di salah satu baris pertama: {headers}"),
        ("import a Tokopedia, TikTok Shop or Shopee order export, or a CSV with bazar's columns (ref,date,product,qty,amount,buyer,channel)",
         "impor ekspor pesanan Tokopedia, TikTok Shop, atau Shopee, atau CSV dengan kolom bazar (ref,date,product,qty,amount,buyer,channel)"),
        ("cannot read this .xlsx file: {why}", "berkas .xlsx ini tidak dapat dibaca: {why}"),
        ("export the orders again from the seller centre, or save the file again from a spreadsheet",
         "ekspor ulang pesanan dari seller centre, atau simpan ulang berkasnya dari aplikasi lembar kerja"),
        ("it is not a zip archive (an .xlsx file is one), or it is cut short", "bukan arsip zip (berkas .xlsx adalah arsip zip), atau terpotong"),
        ("it has no workbook (xl/workbook.xml): it is not an Excel .xlsx file", "tidak memiliki workbook (xl/workbook.xml): bukan berkas Excel .xlsx"),
        ("it has no sheets", "tidak memiliki lembar"),
        ("it has no workbook relationships", "tidak memiliki relasi workbook"),
        ("its shared strings are damaged ({why})", "teks bersamanya rusak ({why})"),
        ("its {what} cannot be read", "bagian {what} tidak dapat dibaca"),
        ("its {what} is too large", "bagian {what} terlalu besar"),
        ("its {what} is damaged or cut short", "bagian {what} rusak atau terpotong"),
        ("its {what} is damaged", "bagian {what} rusak"),
        ("its {what} is not UTF-8 text", "bagian {what} bukan teks UTF-8"),
        ("the XML of its {what} is damaged at line {l}, column {c}", "XML bagian {what} rusak pada baris {l}, kolom {c}"),
        ("sheet '{sheet}' cannot be read", "lembar '{sheet}' tidak dapat dibaca"),
        ("sheet '{sheet}' is not UTF-8 text", "lembar '{sheet}' bukan teks UTF-8"),
        ("sheet '{sheet}' is damaged or cut short", "lembar '{sheet}' rusak atau terpotong"),
        ("the XML of sheet '{sheet}' is damaged at line {l}, column {c}", "XML lembar '{sheet}' rusak pada baris {l}, kolom {c}"),
        ("a text longer than {n} characters", "teks yang lebih panjang dari {n} karakter"),
        ("more than {n} texts", "lebih dari {n} teks"),
        ("'{r}' is not a cell reference", "'{r}' bukan rujukan sel"),
        ("more than {n} columns", "lebih dari {n} kolom"),
        ("a cell longer than {n} characters", "sel yang lebih panjang dari {n} karakter"),
        ("a cell refers to text #{n} that the file does not have", "sel merujuk teks #{n} yang tidak ada dalam berkas"),
        ("this is not an order export, or it is damaged; export it again", "ini bukan ekspor pesanan, atau berkasnya rusak; ekspor ulang"),
        ("this is not an order export, or it is damaged", "ini bukan ekspor pesanan, atau berkasnya rusak"),
        ("the file ends in half a UTF-16 character", "berkas berakhir di tengah karakter UTF-16"),
        ("the file is damaged or cut short; export it again", "berkasnya rusak atau terpotong; ekspor ulang"),
        ("the text is not valid UTF-16 (a broken character)", "teksnya bukan UTF-16 yang sah (ada karakter rusak)"),
        ("save the file again as CSV UTF-8 or Unicode text", "simpan ulang berkasnya sebagai CSV UTF-8 atau teks Unicode"),
        ("the first line never ends", "baris pertama tidak pernah berakhir"),
        ("this is not a CSV export", "ini bukan ekspor CSV"),
        ("a quote (\") inside a cell that is not quoted", "ada tanda petik (\") di dalam sel yang tidak diapit tanda petik"),
        ("text after the closing quote of a cell", "ada teks sesudah tanda petik penutup sel"),
        ("a cell holding quotes must be quoted, with each quote doubled (\"\")", "sel yang memuat tanda petik harus diapit tanda petik, dengan setiap tanda petik ditulis dua kali (\"\")"),
        ("a quoted cell may not be closed; check the quotes on this row", "mungkin ada sel bertanda petik yang tidak ditutup; periksa tanda petik di baris ini"),
        ("the text is not UTF-8", "teksnya bukan UTF-8"),
        ("save the file as 'CSV UTF-8' (or Unicode text) and import it again", "simpan berkasnya sebagai 'CSV UTF-8' (atau teks Unicode), lalu impor lagi"),
        ("a quoted cell is not closed at the end of the file", "sel bertanda petik belum ditutup di akhir berkas"),
        ("the file is cut short, or a quote is missing on this row", "berkasnya terpotong, atau ada tanda petik yang hilang di baris ini"),
        // import orders: the lines
        ("the cell holds a control character (a line break or tab)", "sel memuat karakter kendali (pindah baris atau tab)"),
        ("correct the cell in the file and import it again", "perbaiki sel dalam berkas, lalu impor lagi"),
        ("the order has no number", "pesanan tidak memiliki nomor"),
        ("each order line needs its order or invoice number", "setiap baris pesanan memerlukan nomor pesanan atau nomor invoice"),
        ("the line has no date", "baris tidak memiliki tanggal"),
        ("each order line needs its payment or order date", "setiap baris pesanan memerlukan tanggal pembayaran atau tanggal pesanan"),
        ("the line has no quantity", "baris tidak memiliki jumlah barang"),
        ("each order line needs its quantity", "setiap baris pesanan memerlukan jumlah barangnya"),
        ("the line's total is too large to count in rupiah", "total baris terlalu besar untuk dihitung dalam rupiah"),
        ("'{c}' is not a channel", "'{c}' bukan kanal"),
        ("use one of: {list}", "gunakan salah satu dari: {list}"),
        ("order '{ref}' has a second line for {product}", "pesanan '{ref}' memiliki baris kedua untuk {product}"),
        ("the same ref twice for one product is refused: map the two SKUs to two products, or join the lines in the file",
         "ref yang sama dua kali untuk satu produk ditolak: petakan kedua SKU ke dua produk, atau gabungkan barisnya dalam berkas"),
        ("event '{id}' is closed", "acara '{id}' sudah ditutup"),
        ("reopen it with: reopen event {id}", "buka kembali dengan: reopen event {id}"),
        ("the line has no amount and {product} has no list price", "baris tidak memiliki nilai dan {product} belum memiliki harga"),
        ("give the amount in the file, or set a price: edit product {product} price MONEY",
         "isi nilainya dalam berkas, atau tetapkan harga: edit product {product} price MONEY"),
        ("the import's omzet is too large to count in rupiah", "omzet impor terlalu besar untuk dihitung dalam rupiah"),
        ("'{q}' is not a quantity", "'{q}' bukan jumlah barang"),
        ("a quantity is a whole number of units, e.g. 3", "jumlah barang adalah bilangan bulat, misalnya 3"),
        ("the quantity is {n}", "jumlah barangnya {n}"),
        ("an order line is of one unit or more", "satu baris pesanan berisi satu satuan atau lebih"),
        ("{v} is negative", "{v} negatif"),
        ("an order line's amount is zero or more", "nilai baris pesanan nol atau lebih"),
        ("{v} is not an amount of money", "{v} bukan jumlah uang"),
        ("{v}: rupiah amounts are whole numbers", "{v}: rupiah ditulis sebagai bilangan bulat"),
        ("write e.g. 150000, 150.000 or 150,000", "tulis misalnya 150000, 150.000, atau 150,000"),
        ("{v} is too large", "{v} terlalu besar"),
        ("amounts go up to Rp 9.223.372.036.854.775.807", "jumlah paling besar Rp 9.223.372.036.854.775.807"),
        ("'{d}' is not a date", "'{d}' bukan tanggal"),
        ("dates are read as 23-09-2021, 23/09/2021, 2021-09-23 (a time after them is fine)",
         "tanggal dibaca sebagai 23-09-2021, 23/09/2021, 2021-09-23 (boleh diikuti jam)"),
        // import orders: lines that could not be placed
        ("{n} of {m} lines could not be placed; nothing was imported", "{n} dari {m} baris tidak dapat ditempatkan; tidak ada yang diimpor"),
        ("{n} line{s}: {what}, first at row {row}", "{n} baris: {what}, pertama di baris {row}"),
        ("unknown SKU '{t}' (did you mean {sug}?)", "SKU '{t}' tidak dikenal (maksud Anda {sug}?)"),
        ("unknown SKU '{t}'", "SKU '{t}' tidak dikenal"),
        ("unknown product name '{t}' (did you mean {sug}?)", "nama produk '{t}' tidak dikenal (maksud Anda {sug}?)"),
        ("unknown product name '{t}'", "nama produk '{t}' tidak dikenal"),
        ("unknown product '{t}' (did you mean {sug}?)", "produk '{t}' tidak dikenal (maksud Anda {sug}?)"),
        ("unknown product '{t}'", "produk '{t}' tidak dikenal"),
        ("unknown event '{t}'", "acara '{t}' tidak dikenal"),
        ("date {d} is in no online event", "tanggal {d} tidak termasuk acara online mana pun"),
        ("date {d} is in several online events: {e}", "tanggal {d} termasuk beberapa acara online: {e}"),
        ("date {d} is outside event '{e}'", "tanggal {d} di luar acara '{e}'"),
        ("… and {n} more lines, {m} other SKUs, products or dates", "… dan {n} baris lagi, {m} SKU, produk, atau tanggal lain"),
        ("map each to its product with: map sku TEXT to PARTICIPANT/PRODUCT", "petakan masing-masing ke produknya dengan: map sku TEXT to PARTICIPANT/PRODUCT"),
        ("name the event with 'event ID', or open an online event holding those dates", "sebutkan acaranya dengan 'event ID', atau buka acara online yang mencakup tanggal itu"),
        ("then import the file again", "lalu impor berkasnya lagi"),
        // import orders: the summary
        ("{file} ({layout}, sheet '{sheet}'): {n} line{s} read", "{file} ({layout}, lembar '{sheet}'): {n} baris dibaca"),
        ("{file} ({layout}): {n} line{s} read", "{file} ({layout}): {n} baris dibaca"),
        ("  dry run, nothing written: would add {n} sale{s}, {omzet}", "  uji coba, tidak ada yang ditulis: akan menambahkan {n} penjualan, {omzet}"),
        ("  nothing new: no sales added", "  tidak ada yang baru: tidak ada penjualan yang ditambahkan"),
        ("  {n} sale{s} added, {omzet}", "  {n} penjualan ditambahkan, {omzet}"),
        ("  {n} line{s} cancelled or returned, skipped", "  {n} baris dibatalkan atau diretur, dilewati"),
        ("  {n} line{s} already imported, skipped", "  {n} baris sudah pernah diimpor, dilewati"),
        ("Tokopedia order report", "laporan penjualan Tokopedia"),
        ("Tokopedia order report: {h}", "laporan penjualan Tokopedia: {h}"),
        ("Shopee order export: {h}", "ekspor pesanan Shopee: {h}"),
        ("Shopee order export", "ekspor pesanan Shopee"),
        ("'{text}' is now {ref} (was {earlier})", "'{text}' kini {ref} (sebelumnya {earlier})"),
        ("'{text}' is now {ref}", "'{text}' kini {ref}"),
        ("'{text}' is {ref}", "'{text}' adalah {ref}"),
    ]

    /// The patterns as regular expressions, the longest first (the most specific wins).
    static let compiled: [(NSRegularExpression, [String], String)] = patterns.compactMap { english, indonesian in
        var regex = "^"
        var names: [String] = []
        var rest = Substring(english)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            regex += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            let name = String(rest[rest.index(after: open)..<close])
            if name == "s" { regex += "s?" } else { regex += "(.+?)"; names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        regex += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        guard let r = try? NSRegularExpression(pattern: regex, options: [.dotMatchesLineSeparators]) else { return nil }
        return (r, names, indonesian)
    }

    /// One text in Indonesian (when the current language is): whole, or by the patterns; nested
    /// values (a reason inside a message) are translated too.
    static func indonesian(_ text: String) -> String {
        guard Language.current == .id, !text.isEmpty else { return text }
        if let exact = Problem.indonesianReasons[text] { return exact }
        let range = NSRange(text.startIndex..., in: text)
        for (regex, names, template) in compiled {
            guard let m = regex.firstMatch(in: text, range: range) else { continue }
            var values: [String: String] = [:]
            for (i, name) in names.enumerated() {
                guard let r = Range(m.range(at: i + 1), in: text) else { continue }
                let v = String(text[r])
                if name == "headers" {
                    values[name] = v.components(separatedBy: "; ").map(indonesian).joined(separator: "; ")
                } else {
                    values[name] = ["why", "what", "where", "e", "layout"].contains(name) ? indonesian(v) : v
                }
            }
            return Phrase.fill(template, values)
        }
        // Several parts joined by "; " (hints), or lines.
        if text.contains("\n") { return text.split(separator: "\n", omittingEmptySubsequences: false).map { indonesian(String($0)) }.joined(separator: "\n") }
        if text.contains("; ") { return text.components(separatedBy: "; ").map(indonesian).joined(separator: "; ") }
        return text
    }
}
