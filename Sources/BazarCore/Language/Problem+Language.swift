/// Errors in the current language: `Problem.englishMessage`/`englishHint` (BazarError.swift) and
/// `indonesianMessage`/`indonesianHint` (Problem+Indonesian.swift), each an exhaustive switch, so an
/// error added without its Indonesian text does not compile.
extension Problem {
    public var message: String { Language.current == .id ? indonesianMessage : englishMessage }
    public var hint: String? { Language.current == .id ? indonesianHint : englishHint }

    /// A reason the system or the store gave in English (`strerror`, SQLite), in the current language.
    public static func reason(_ text: String) -> String {
        guard Language.current == .id else { return text }
        return Translate.indonesian(text)
    }

    static let indonesianReasons: [String: String] = [
        "No such file or directory": "berkas atau direktori tidak ada",
        "Permission denied": "izin ditolak",
        "Is a directory": "itu sebuah direktori",
        "Not a directory": "bagian jalurnya bukan direktori",
        "No space left on device": "ruang disk habis",
        "Read-only file system": "sistem berkas hanya-baca",
        "File exists": "berkas sudah ada",
        "File name too long": "nama berkas terlalu panjang",
        "Too many open files": "terlalu banyak berkas terbuka",
        "Input/output error": "kesalahan baca/tulis disk",
        "it is read-only": "basis data hanya dapat dibaca",
        "it cannot be opened": "basis data tidak dapat dibuka",
        "the disk is full": "disk penuh",
        "no permission": "tidak ada izin",
        "the store could not be used": "basis data tidak dapat digunakan",
        "not valid UTF-8": "bukan UTF-8 yang sah",
        "the file is damaged": "berkasnya rusak",
        "a disk error": "terjadi kesalahan disk",
    ]
}
