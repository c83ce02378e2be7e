/// Pesan kesalahan dalam bahasa Indonesia: satu `case` untuk setiap `Problem` (BazarError.swift).
extension Problem {
    /// A thing's kind in Indonesian (`participant` → `peserta`).
    static func indonesianKind(_ kind: String) -> String {
        switch kind {
        case "event": return "acara"
        case "participant": return "peserta"
        case "product": return "produk"
        case "sale": return "penjualan"
        case "stall": return "stan"
        case "map", "mapping": return "pemetaan"
        case "report": return "jenis laporan"
        case "ranking": return "peringkat"
        case "dimension": return "dimensi"
        case "format": return "format"
        default: return kind
        }
    }

    /// The words `.expected(…)` is given where the parser and commands throw it, in Indonesian.
    static func indonesianExpected(_ what: String) -> String {
        func between(_ s: String, _ prefix: String, _ suffix: String) -> String? {
            guard s.hasPrefix(prefix), s.hasSuffix(suffix), s.count >= prefix.count + suffix.count else { return nil }
            return String(s.dropFirst(prefix.count).dropLast(suffix.count))
        }
        switch what {
        case "a command": return "sebuah perintah"
        case "a command before '>'": return "sebuah perintah sebelum '>'"
        case "an amount of money": return "sejumlah uang"
        case "a number of rows, 1 or more": return "jumlah baris, 1 atau lebih"
        case "a date": return "sebuah tanggal"
        case "a month": return "sebuah bulan"
        case "a year": return "sebuah tahun"
        case "a period": return "sebuah periode"
        default: break
        }
        if let w = between(what, "a value after '", "'") { return "sebuah nilai sesudah '\(w)'" }
        if let w = between(what, "one or more ids after '", "'") { return "satu id atau lebih sesudah '\(w)'" }
        if let rest = between(what, "a value (", "'"), let close = rest.range(of: ") after '") {
            return "sebuah nilai (\(rest[..<close.lowerBound])) sesudah '\(rest[close.upperBound...])'"
        }
        if let n = between(what, "a sale date: this event has ", " days (write 'day N' or 'date DATE' first, or add 'day N' to the sale)") {
            return "tanggal penjualan: acara ini berlangsung \(n) hari (tulis 'day N' atau 'date DATE' lebih dulu, atau tambahkan 'day N' pada penjualan)"
        }
        return what
    }

    var indonesianMessage: String {
        let kind = Problem.indonesianKind
        switch self {
        case .unterminatedString: return "teks dalam tanda petik belum ditutup"
        case .badEscape(let e): return "escape '\\\(e)' tidak dikenal dalam teks"
        case .ambiguousMoney(let t): return "jumlah '\(t)' bermakna ganda"
        case .fractionalRupiah(let t): return "'\(t)': rupiah ditulis sebagai bilangan bulat"
        case .badMoney(let t): return "'\(t)' bukan jumlah uang"
        case .moneyOverflow(let t): return "jumlah '\(t)' terlalu besar"
        case .negativeMoney(let t): return "jumlah '\(t)' negatif"
        case .badNumber(let t): return "'\(t)' bukan bilangan bulat"
        case .badDate(let t): return "'\(t)' bukan tanggal"
        case .impossibleDate(let t): return "tanggal '\(t)' tidak ada"
        case .badMonth(let t): return "'\(t)' bukan bulan"
        case .badYear(let t): return "'\(t)' bukan tahun"
        case .badPeriod(let t): return "'\(t)' bukan periode"
        case .badId(let t): return "'\(t)' bukan id yang sah"
        case .lineTooLong(let n): return "baris terlalu panjang (\(n) bita)"

        case .unknownCommand(let w, _): return "perintah '\(w)' tidak dikenal"
        case .incompleteCommand(let usage): return "perintah belum lengkap; cara penulisan: \(usage)"
        case .expected(let what, let found):
            if let found { return "seharusnya \(Problem.indonesianExpected(what)), bukan '\(found)'" }
            return "seharusnya \(Problem.indonesianExpected(what))"
        case .unknownAttribute(let a, let command, _): return "'\(a)' bukan atribut \(command)"
        case .duplicateAttribute(let a): return "'\(a)' diberikan dua kali"
        case .badChoice(let attribute, let value, _): return "'\(value)' bukan nilai \(Problem.indonesianKind(attribute)) yang sah"
        case .unexpectedWord(let w, _): return "'\(w)' tidak pada tempatnya"
        case .badRedirect: return "'>' atau '>>' harus diikuti nama berkas"

        case .unknownThing(let k, let id, _): return "\(kind(k)) '\(id)' tidak dikenal"
        case .alreadyExists(let k, let id): return "\(kind(k)) '\(id)' sudah ada"
        case .noCurrentEvent: return "belum ada acara yang dibuka"
        case .noCurrentStall: return "belum ada stan yang dipilih"
        case .productWithoutParticipant(let id, _): return "'\(id)' adalah produk, dan belum ada stan yang dipilih"
        case .eventNeedsDates(let id): return "acara '\(id)' belum ada dan memerlukan tanggalnya"
        case .eventDatesReversed(let from, let to): return "acara berakhir (\(to)) sebelum dimulai (\(from))"
        case .eventClosed(let id): return "acara '\(id)' sudah ditutup"
        case .eventNotClosed(let id): return "acara '\(id)' belum ditutup"
        case .dayOutsideEvent(let day, let event, let from, let to):
            return from == to
                ? "\(day) bukan hari acara '\(event)' (\(from))"
                : "\(day) di luar tanggal acara '\(event)' (\(from) s.d. \(to))"
        case .dayNumberOutsideEvent(let n, let event, let days):
            return "hari ke-\(n) di luar acara '\(event)', yang berlangsung \(days) hari"
        case .duplicateRef(let ref, let sale): return "ref '\(ref)' sudah dipakai oleh penjualan #\(sale)"
        case .noPrice(let product): return "produk '\(product)' belum memiliki harga"
        case .amountRequired(let participant): return "penjualan untuk seluruh stan '\(participant)' memerlukan amount (jumlah total)"
        case .priceAndAmount: return "berikan price atau amount, jangan keduanya"
        case .qtyTooSmall(let q): return "qty paling sedikit 1, bukan \(q)"
        case .amountOverflow: return "jumlahnya terlalu besar untuk dihitung dalam rupiah"
        case .unknownSale(let n): return "penjualan #\(n) tidak ada"
        case .saleAlreadyVoid(let n): return "penjualan #\(n) sudah dibatalkan"
        case .eventHasSalesOutside(let event, let count):
            return "acara '\(event)' memiliki \(count) penjualan di luar tanggal yang baru"
        case .nothingToUndo: return "tidak ada yang dapat dibatalkan dalam sesi ini"
        case .reportOverflow: return "jumlah dalam laporan terlalu besar untuk dihitung dalam rupiah"
        case .reportFailed: return "laporan tidak dapat dihitung dari basis data"
        case .noSuchValue(let attribute, let value, _): return "\(attribute) '\(value)' tidak ada dalam basis data"
        case .undoConflict(let what): return "'\(what)' tidak dapat dibatalkan: basis data telah diubah oleh pengguna lain"

        case .cannotOpenFile(let path, let reason): return "'\(path)' tidak dapat dibuka: \(Problem.reason(reason))"
        case .cannotWriteFile(let path, let reason): return "'\(path)' tidak dapat ditulis: \(Problem.reason(reason))"
        case .unknownFileFormat(let ext, _): return "bazar tidak dapat menulis berkas .\(ext)"
        case .formatNotForCommand(let ext, let command, _): return "'\(command)' tidak dapat ditulis sebagai .\(ext)"
        case .cannotAppendDocument(let ext): return "tidak dapat menambahkan ke berkas .\(ext)"
        case .tooLargeForSpreadsheet(let what): return "\(what) terlalu besar untuk ditulis dengan tepat di lembar kerja"
        case .scriptRecursion(let path): return "skrip '\(path)' menjalankan dirinya sendiri"
        case .storeNotBazar(let path): return "'\(path)' adalah basis data SQLite program lain, bukan basis data bazar"
        case .storeNotSQLite(let path): return "'\(path)' bukan basis data bazar (bukan basis data SQLite)"
        case .storeLocked(let path): return "basis data '\(path)' sedang dikunci oleh penulis lain"
        case .storeUnusable(let path, let reason): return "basis data '\(path)' tidak dapat digunakan: \(Problem.reason(reason))"
        case .storeTooNew(let path, let version): return "basis data '\(path)' memakai skema versi \(version), lebih baru daripada bazar ini"
        case .storeFailure(let reason): return "basis data gagal: \(Problem.reason(reason))"
        case .server(let e): return e.pesan

        case .notUTF8: return "baris ini bukan teks UTF-8 (ada bita pengodean lain, misalnya Latin-1 atau Windows-1252)"
        case .controlCharacter(let name): return "ada karakter kendali (\(name)) dalam teks"
        case .noLastSale: return "'last' adalah penjualan terakhir yang ditambahkan sesi ini, dan belum ada (atau baris itu gagal)"
        case .noStore(let path): return "tidak ada basis data di \(path)"
        case .storeNeedsUpdate(let path, let version):
            return "basis data '\(path)' memakai skema versi \(version) dan tidak dapat diperbarui ke versi \(Schema.version) dalam mode hanya-baca"
        case .noStoreYet(let path): return "belum ada basis data di \(path): belum ada yang dapat ditampilkan atau dilaporkan"
        case .readOnly(let command): return "'\(command)' mengubah basis data, yang dibuka hanya-baca"
        case .importFailed(let f): return Problem.reason(f.message)
        case .interrupted: return "dihentikan"
        }
    }

    var indonesianHint: String? {
        switch self {
        case .unterminatedString: return "tutup teks dengan '\"'"
        case .badEscape: return "di dalam tanda petik tulis \\\" untuk tanda petik dan \\\\ untuk garis miring terbalik"
        case .ambiguousMoney(let t):
            let h = Money.ambiguityHint(t)
            if h.hasPrefix("write whole") {
                return "tulis rupiah utuh dengan titik sebagai pemisah ribuan, misalnya 1.500, atau koma desimal sebelum rb/jt, misalnya 1,5rb"
            }
            return h.hasPrefix("write ") ? "tulis " + h.dropFirst("write ".count).replacing(" or ", with: " atau ") : h
        case .fractionalRupiah: return "tulis misalnya 12 atau 12.500 (titik memisahkan ribuan), atau 12,5rb"
        case .badMoney, .negativeMoney:
            return "tulis misalnya 25000, 25.000, Rp 25.000, 25rb, 1,5jt, atau 3,3miliar"
        case .moneyOverflow, .amountOverflow: return "jumlah paling besar Rp 9.223.372.036.854.775.807"
        case .badNumber: return "tulis angka saja, misalnya 3"
        case .badDate, .impossibleDate:
            return "tulis misalnya 2020-08-07, 7/8/2020, 7 Agustus 2020, today, atau yesterday"
        case .badMonth: return "tulis misalnya 2020-08, 08/2020, Agustus 2020, atau this month"
        case .badYear: return "tulis tahun empat angka, misalnya 2020"
        case .badPeriod(let t) where t.contains(".."):
            return "rentang ditulis AWAL..AKHIR, yang lebih awal di depan, masing-masing tanggal atau bulan: misalnya 2021-11-01..2021-12-31 atau 2021-11..2021-12"
        case .badPeriod:
            return "tulis tanggal, bulan (2020-08), tahun (2020), triwulan (2020-Q3), rentang (2021-11-01..2021-12-31), this month, atau last year"
        case .badId: return "id terdiri atas huruf, angka, '-', dan '_', misalnya wedang-batavia"
        case .lineTooLong: return "pecah perintahnya; satu baris paling banyak 1 MiB"

        case .unknownCommand(_, let s):
            if let s { return "maksud Anda '\(s)'?" }
            return "ketik 'help' untuk daftar perintah"
        case .incompleteCommand: return nil
        case .expected: return nil
        case .unknownAttribute(_, let command, let s):
            if let s { return "maksud Anda '\(s)'?" }
            return "ketik 'help \(command)' untuk atributnya"
        case .duplicateAttribute: return "berikan setiap atribut sekali saja"
        case .badChoice(_, _, let allowed): return "gunakan salah satu dari: \(allowed.joined(separator: ", "))"
        case .unexpectedWord(_, let usage): return "cara penulisan: \(usage)"
        case .badRedirect: return "misalnya list sales > penjualan.csv"

        case .unknownThing(let kind, _, let s):
            if let s { return "maksud Anda '\(s)'?" }
            switch kind {
            case "event": return "buat dengan: open event ID from DATE to DATE"
            case "participant": return "tambahkan dengan: add participant ID name \"…\""
            case "product": return "tambahkan dengan: add product PARTICIPANT/PRODUCT price MONEY"
            default: return "lihat 'list \(kind)s'"
            }
        case .alreadyExists(let kind, _): return "pilih id lain, atau ubah dengan 'edit \(kind)'"
        case .noCurrentEvent: return "buka acara lebih dulu: open event ID"
        case .noCurrentStall: return "pilih stan dengan 'at PARTICIPANT', atau tulis PARTICIPANT/PRODUCT"
        case .productWithoutParticipant(let id, let owner): return "tulis \(owner)/\(id), atau pilih stannya lebih dulu: at \(owner)"
        case .eventNeedsDates: return "tulis: open event ID on DATE, atau open event ID from DATE to DATE"
        case .eventDatesReversed: return "tukar kedua tanggalnya"
        case .eventClosed(let id): return "buka kembali dengan: reopen event \(id)"
        case .eventNotClosed: return nil
        case .dayOutsideEvent, .dayNumberOutsideEvent: return "pilih tanggal di dalam masa acara, atau ubah tanggal acara dengan 'edit event'"
        case .duplicateRef: return "setiap nomor pesanan dicatat sekali saja; periksa yang sebelumnya dengan 'show sale'"
        case .noPrice(let product): return "berikan price atau amount, atau tetapkan harganya: edit product \(product) price MONEY"
        case .amountRequired: return "tambahkan: amount MONEY"
        case .priceAndAmount: return "amount adalah total baris; price adalah harga per satuan"
        case .qtyTooSmall: return "satu penjualan berisi satu satuan atau lebih"
        case .unknownSale: return "lihat 'list sales'"
        case .saleAlreadyVoid: return nil
        case .eventHasSalesOutside: return "batalkan (void) penjualan itu lebih dulu, atau pilih tanggal yang mencakupnya"
        case .nothingToUndo: return nil
        case .reportOverflow: return "persempit laporan dengan periode yang lebih pendek atau filter (program, event, kota …); jumlah paling besar Rp 9.223.372.036.854.775.807"
        case .reportFailed: return "tidak ada yang diubah; periksa basis data dengan 'sqlite3 FILE \"PRAGMA integrity_check\"', dan laporkan ini kepada pengembang bazar"
        case .noSuchValue(let attribute, _, let s):
            if let s { return "maksud Anda '\(s)'?" }
            return attribute == "program" ? "lihat 'list events' untuk daftar program" : "lihat 'list participants' dan 'list products' untuk nilai-nilainya"
        case .undoConflict: return "tidak ada yang dibatalkan; perbaiki sendiri dengan 'edit' atau 'void sale'"

        case .cannotOpenFile: return "periksa jalur berkas dan izinnya"
        case .cannotWriteFile(let path, let reason):
            if reason.contains("space") { return "kosongkan ruang disk atau tulis ke tempat lain; berkasnya dibiarkan seperti semula" }
            if reason.contains("directory '") { return "buat direktorinya lebih dulu, atau tulis ke tempat lain" }
            if reason.contains("is a directory") { return "sebutkan berkas di dalamnya, misalnya \(path.hasSuffix("/") ? path : path + "/")laporan.xlsx" }
            if reason.contains("read-only") { return "jadikan dapat ditulisi (chmod u+w FILE) atau tulis dengan nama lain; berkasnya dibiarkan seperti semula" }
            return "periksa bahwa direktorinya ada dan dapat ditulisi"
        case .unknownFileFormat(_, let known): return "tulis salah satu dari: " + known.map { "." + $0 }.joined(separator: ", ")
        case .formatNotForCommand(_, _, let allowed):
            if allowed.contains("(.svg)") { return "grafik (.svg) dibuat untuk laporan; tulis .xlsx atau .html, atau format teks" }
            if allowed == "write it as .txt" { return "tulis sebagai .txt" }
            return "laporan dan daftar dapat ditulis sebagai .xlsx, .html dan .svg; tulis yang ini sebagai .txt, .md, .csv atau .json"
        case .cannotAppendDocument: return "tulis utuh dengan '>' alih-alih '>>'"
        case .tooLargeForSpreadsheet: return "lembar kerja menyimpan bilangan bulat dengan tepat hingga 9.007.199.254.740.992; tulis .csv atau .json"
        case .scriptRecursion: return "skrip tidak boleh menjalankan dirinya sendiri, langsung atau melalui skrip lain"
        case .storeNotBazar, .storeNotSQLite: return "pilih berkas lain dengan --store PATH; berkas ini tidak diubah"
        case .storeLocked: return "tunggu bazar yang lain selesai, lalu coba lagi"
        case .storeUnusable: return "periksa jalur berkas dan izinnya, atau gunakan --store PATH"
        case .storeTooNew: return "gunakan bazar versi yang lebih baru"
        case .storeFailure: return nil
        case .server(let e): return e.saran
        case .notUTF8: return "simpan skrip sebagai UTF-8 (di kebanyakan penyunting: Save As… dengan pengodean UTF-8), lalu jalankan lagi"
        case .controlCharacter: return "teks tidak boleh memuat karakter kendali (tab, escape, …): ketik teksnya tanpa itu, misalnya spasi sebagai ganti tab"
        case .noLastSale: return "berikan nomor penjualannya: void sale N (lihat 'list sales last 5')"
        case .noStore: return "periksa jalurnya (basis data dibuat oleh perintah pertama yang mengubah sesuatu), atau gunakan --store PATH"
        case .storeNeedsUpdate: return "buka sekali tanpa --read-only (di tempat yang dapat ditulisi) untuk memperbaruinya"
        case .noStoreYet: return "basis data dibuat oleh perubahan pertama (add participant, open event …)"
        case .readOnly: return "hanya daftar dan laporan; jalankan bazar tanpa --read-only untuk membuat perubahan"
        case .importFailed(let f): return f.hint.map(Problem.reason)
        case .interrupted: return "tidak ada yang disimpan"
        }
    }
}
