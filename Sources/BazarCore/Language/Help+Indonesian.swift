/// `help` in the current language: the syntax (`usage`) and the example stay as they are (they are
/// the language); the purpose is said in Indonesian here, one case per command, so a command added
/// without its Indonesian purpose does not compile.
extension CommandSpec {
    public var purpose: String { Language.current == .id ? indonesianPurpose : summary }

    var indonesianPurpose: String {
        switch kind {
        case .openEvent: return "membuat acara (bazar) beserta tanggalnya, atau menjadikan acara yang sudah ada sebagai acara aktif"
        case .closeEvent: return "menutup acara (bawaan: acara aktif): penjualan tidak dapat ditambahkan lagi"
        case .reopenEvent: return "membuka kembali acara yang sudah ditutup agar penjualan dapat ditambahkan lagi"
        case .editEvent: return "mengubah atribut atau tanggal acara"
        case .editParticipant: return "mengubah atribut peserta"
        case .editProduct: return "mengubah atribut produk"
        case .day: return "menjadikan hari ke-N acara aktif sebagai tanggal penjualan (hari 1 adalah hari pertamanya)"
        case .date: return "menjadikan DATE (di dalam masa acara aktif) sebagai tanggal penjualan"
        case .at: return "memilih stan peserta agar ref produk dapat ditulis singkat; '-' untuk tanpa stan"
        case .addParticipant: return "mendaftarkan usaha yang ikut serta dalam bazar"
        case .addProduct: return "menambahkan produk yang dijual peserta, beserta harganya"
        case .addStall: return "memberi peserta stan di acara aktif dan mencatat produk yang dipajangnya"
        case .addSale: return "mencatat penjualan di acara aktif: amount adalah total baris, price adalah harga per satuan (bawaan: harga produk)"
        case .voidSale: return "membatalkan penjualan: tetap tersimpan, tetapi tidak dihitung dalam laporan ('last': penjualan yang terakhir Anda tambahkan)"
        case .undo: return "membatalkan perubahan terakhir dalam sesi ini (dapat diulang)"
        case .listEvents: return "menampilkan daftar acara, dari yang paling awal"
        case .listParticipants: return "menampilkan daftar peserta menurut id"
        case .listProducts: return "menampilkan daftar produk menurut peserta dan id"
        case .listStalls: return "menampilkan daftar stan dan produk yang dipajangnya (bawaan: acara aktif)"
        case .listSales: return "menampilkan daftar penjualan berurutan (bawaan: acara aktif; yang dibatalkan ikut ditampilkan, ditandai, beserta alasannya); 'last N': N yang terbaru"
        case .showEvent: return "menampilkan atribut acara (bawaan: acara aktif)"
        case .showParticipant: return "menampilkan atribut peserta"
        case .showProduct: return "menampilkan atribut produk"
        case .showSale: return "menampilkan satu penjualan"
        case .report: return "menampilkan omzet, unit, penjualan, peserta, dan produk dalam suatu periode, dengan filter dan 'by DIMENSION'"
        case .run: return "menjalankan berkas skrip: seluruhnya, atau bila berhenti karena kesalahan, tidak sama sekali"
        case .record: return "menambahkan setiap perintah perubahan yang berhasil ke FILE sebagai skrip"
        case .dump: return "mencetak seluruh isi basis data sebagai skrip yang dapat membangunnya kembali"
        case .history: return "menampilkan perintah yang sudah diketik, yang terbaru di akhir"
        case .log: return "menampilkan catatan perubahan basis data: kapan, oleh siapa, dan apa, dari yang paling awal"
        case .setFormat: return "memilih bentuk keluaran"
        case .setOnError: return "dalam skrip: berhenti pada kesalahan pertama (tanpa menyimpan apa pun) atau melewati baris yang salah"
        case .setTiming: return "menampilkan lama waktu setiap perintah"
        case .setPager: return "mengirim keluaran yang lebih panjang dari layar melalui $PAGER"
        case .setCsvBom: return "mengawali berkas CSV dengan penanda urutan bita UTF-8, untuk Excel di Windows"
        case .setLanguage: return "berbahasa Indonesia (id) atau Inggris (en); tanpa nilai, menampilkan bahasa yang dipakai"
        case .importOrders: return "mengubah ekspor pesanan marketplace (.xlsx atau .csv) menjadi penjualan: seluruhnya, atau bila ada kesalahan, tidak sama sekali"
        case .mapSku: return "menetapkan produk mana yang dimaksud SKU atau nama produk marketplace, untuk 'import orders'"
        case .listMaps: return "menampilkan pemetaan SKU dan nama produk yang dibuat dengan 'map sku'"
        case .help: return "menampilkan daftar perintah, atau cara penulisan dan contoh satu perintah"
        case .quit: return "keluar dari bazar (juga: \(name == "exit" ? "quit" : "exit"), Ctrl-D)"
        }
    }
}

extension ReportHelp {
    static let indonesian = """

        Laporan:
          report month [MONTH]                 satu bulan (bawaan: bulan ini), per acara
          report year [YEAR]                   satu tahun (bawaan: tahun ini), per bulan; menyebut bulan terbaik
          report event [ID]                    satu acara (bawaan: acara aktif), per hari; target dan capaian
          report range PERIOD                  periode apa pun (hari, bulan, triwulan 2020-Q3, tahun, A..B), per hari atau bulan
          report participant ID [year YEAR]    satu usaha, per acara
          report top products|participants|categories [PERIOD|EVENT] [limit N]   yang paling laris (bawaan 10)
          report unsold [PERIOD|EVENT] [limit N]   produk yang dipajang tetapi tidak terjual, lalu N yang paling sedikit terjual
        Filter (semua laporan): program P, mode online|offline|hybrid, event ID, kota K, kecamatan K,
          category C, channel online|offline; kota dan kecamatan adalah tempat usaha peserta. Nilai yang
          tidak ada dalam basis data menjadi kesalahan. Nilai teks dikelompokkan tanpa membedakan huruf besar-kecil.
        by DIMENSION: month, day, event, program, mode, participant, product, category, kota,
          kecamatan, channel, buyer.
        Jumlah: acara, omzet, unit, penjualan, peserta, stan, produk, produk dipajang, target, capaian
          (hanya bila tidak ada filter peserta, tempat, kategori, atau kanal yang mempersempit cakupan).
          Baris menyebut nama acara, peserta, atau produknya. Penjualan yang dibatalkan tidak pernah
          dihitung. Acara yang hanya sebagian masuk periode dihitung dengan semua stan dan produknya;
          penjualannya dihitung pada hari-hari di dalam periode.
        Contoh:
          report year 2020 program BORJU
          report month Agustus 2020
          report event jakpus-2021-09 by kecamatan
          report range 2021-11-26..2021-12-05 program JBL by event
          report top products 2021 limit 5
          report unsold year 2020 program BORJU
          report unsold borju-2020-08

        """
}
