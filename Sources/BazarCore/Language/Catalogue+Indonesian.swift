extension Phrase {
    /// Teks bahasa Indonesia setiap pesan.
    var indonesian: String {
        switch self {
        case .errorLabel: return "kesalahan"
        case .warningLabel: return "peringatan"
        case .didYouMean: return "maksud Anda '{suggestion}'?"
        case .didYouMeanIn: return "maksud Anda '{suggestion}' ({where})?"
        case .usage: return "cara penulisan: {usage}"

        case .placeNotIn: return "{level} '{value}' tidak terdapat di {where}"
        case .placeNotInJakarta: return "{level} '{value}' tidak terdapat di DKI Jakarta"
        case .placeInOtherPlace: return "{level} '{value}' terletak di {where}, bukan di {notWhere}"
        case .placeKeptApart: return "disimpan sesuai tulisan: laporan menghitungnya terpisah dari '{suggestion}'"
        case .placeKeptOutside: return "disimpan sesuai tulisan (tempat di luar Jakarta tetap boleh)"
        case .placeKeptCheck: return "disimpan sesuai tulisan; periksa kembali kota, kecamatan, dan kelurahannya"

        case .languageIs: return "bahasa: {language} (Bahasa Indonesia); 'set language en' untuk bahasa Inggris"
        case .languageSet: return "bahasa: Bahasa Indonesia"
        case .rcFailed: return "{count} baris berkas awal {path} gagal; shell tetap berjalan"

        case .cliAbstract: return "Mencatat dan melaporkan penjualan bazar UMKM Jakarta."
        case .cliDiscussion:
            return "Tanpa FILE, -f, atau -c, bazar membuka shell interaktif (atau membaca skrip dari masukan standar bila bukan terminal). Skrip diterapkan seluruhnya atau tidak sama sekali.\n\nStatus keluar: 0 semua berhasil, 1 ada perintah yang gagal, 2 penggunaan salah, 3 basis data tidak dapat digunakan."
        case .cliFiles: return "Berkas skrip yang dijalankan, berurutan."
        case .cliScript: return "Jalankan berkas skrip (boleh berulang; -f dan -c dijalankan sesuai urutan)."
        case .cliCommand: return "Jalankan satu perintah (boleh berulang)."
        case .cliStore: return "Berkas basis data (bawaan: $BAZAR_STORE, selain itu $XDG_DATA_HOME/bazar/store.sqlite)."
        case .cliMemory: return "Gunakan basis data di memori, hilang saat keluar."
        case .cliOnError: return "Dalam skrip: berhenti pada kesalahan pertama tanpa menyimpan apa pun, atau lewati baris yang salah."
        case .cliFormat: return "Format keluaran."
        case .cliToday: return "Arti 'today' (bawaan: $BAZAR_TODAY, selain itu tanggal sistem)."
        case .cliLang: return "Bahasa yang digunakan bazar (bawaan: $BAZAR_LANG, selain itu locale: LC_ALL, LC_MESSAGES, LANG)."
        case .cliNoRc: return "Jangan jalankan berkas awal $XDG_CONFIG_HOME/bazar/bazarrc di shell."
        case .cliOnErrorValue: return "--on-error diisi stop atau continue, bukan '{value}'"
        case .cliFormatValue: return "--format diisi table, csv, json, atau markdown, bukan '{value}'"
        case .cliStoreAndMemory: return "pilih --store atau --memory, jangan keduanya"
        case .langFlagValue: return "--lang diisi id atau en, bukan '{value}'"
        case .seeHelp: return "lihat 'bazar --help'"
        case .todayNotADate: return "--today: '{value}' bukan tanggal"
        case .todayHint: return "tulis misalnya --today 2021-09-23"
        case .cannotReadScript: return "skrip '{path}' tidak dapat dibaca: {reason}"
        case .checkFileName: return "periksa nama berkasnya"
        case .cannotOpenStore: return "basis data '{path}' tidak dapat dibuka: {reason}"
        }
    }
}
