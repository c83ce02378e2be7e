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
        case .rcError: return "dalam berkas awal {path}; shell tetap berjalan"
        }
    }
}
