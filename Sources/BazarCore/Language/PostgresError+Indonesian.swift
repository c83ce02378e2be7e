/// A PostgreSQL server's problems in Indonesian (the English words are `PostgresError.message` and `.hint`).
extension PostgresError {
    private var tempat: String { server?.place ?? "server" }
    private var basisData: String { server.map { "'\($0.database)'" } ?? "basis data" }
    private var pengguna: String { server.map { "'\($0.user)'" } ?? "pengguna" }

    var pesan: String {
        switch kind {
        case .badAddress(let a): return "'\(a)' bukan alamat PostgreSQL yang dapat dibaca bazar"
        case .serverDown: return "tidak ada server PostgreSQL yang menjawab di \(tempat) (basis data \(basisData))"
        case .wrongPassword: return "server di \(tempat) menolak kata sandi pengguna \(pengguna) untuk basis data \(basisData)"
        case .passwordNeeded: return "server di \(tempat) meminta kata sandi pengguna \(pengguna), dan tidak ada yang ditemukan"
        case .noSuchUser: return "server di \(tempat) tidak punya pengguna \(pengguna)"
        case .noSuchDatabase: return "tidak ada basis data \(basisData) di server \(tempat)"
        case .refused: return "server di \(tempat) menolak pengguna \(pengguna) untuk basis data \(basisData)"
        case .notBazar: return "basis data \(basisData) di \(tempat) berisi tabel program lain, bukan basis data bazar"
        case .tooNew(let v): return "basis data \(basisData) di \(tempat) memakai skema bazar versi \(v), lebih baru dari bazar ini"
        case .connectionLost: return "sambungan ke server di \(tempat) terputus"
        case .cancelled: return "dihentikan"
        case .valueOutOfRange: return "angka dari basis data terlalu besar untuk dihitung dalam rupiah"
        case .statementFailed:
            switch sqlState ?? "" {
            case "55P03": return "perubahan petugas lain yang belum selesai menahan yang diperlukan perintah ini di server \(tempat)"
            case "40001", "40P01": return "perubahan petugas lain bertabrakan dengan perubahan ini di server"
            case "42501": return "pengguna \(pengguna) tidak boleh membaca atau mengubah basis data \(basisData) di \(tempat)"
            case let s: return "server di \(tempat) gagal menjalankan perintah (SQLSTATE \(s.isEmpty ? "tidak diketahui" : s))"
            }
        }
    }

    var saran: String? {
        switch kind {
        case .badAddress: return "tulis postgres://USER@HOST:PORT/DATABASE, atau postgres:///DATABASE?host=/run/postgresql untuk socket"
        case .serverDown: return "jalankan servernya (atau minta pengelolanya), atau periksa host dan port di alamatnya"
        case .wrongPassword, .passwordNeeded:
            return "taruh kata sandinya di ~/.pgpass (baris HOST:PORT:DATABASE:USER:PASSWORD, chmod 600) atau di $PGPASSWORD, seperti untuk psql"
        case .notBazar: return "beri bazar basis data sendiri (createdb …); basis data ini tidak diubah"
        case .tooNew: return "pakai bazar yang lebih baru"
        case .cancelled: return "tidak ada yang disimpan"
        default: return "tidak ada yang disimpan; periksa server dan jaringannya, lalu coba lagi"
        }
    }
}
