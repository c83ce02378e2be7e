/// DKI Jakarta's administrative places: its five kota administrasi and one kabupaten
/// administrasi, their 44 kecamatan and 267 kelurahan (Permendagri 72/2019 on administrative
/// codes and areas, the list Jakarta's offices use).
///
/// Compiled into the program as Swift data rather than shipped as a resource file: a SwiftPM
/// resource bundle must sit beside the binary (and is lost when the binary alone is copied to an
/// officer's machine), it needs Foundation's Bundle to find, and it would be read and parsed at
/// every start. The list is small (about 6 KB), changes once in years, and as code it is checked
/// by the compiler and by `PlacesTests` (the counts per kota and per kecamatan).
enum JakartaPlaces {
    typealias Kecamatan = (name: String, kelurahan: [String])
    typealias Kota = (name: String, kecamatan: [Kecamatan])

    static let list: [Kota] = [
        (name: "Jakarta Pusat", kecamatan: [
            (name: "Gambir", kelurahan: ["Gambir", "Cideng", "Petojo Utara", "Petojo Selatan", "Kebon Kelapa", "Duri Pulo"]),
            (name: "Sawah Besar", kelurahan: ["Pasar Baru", "Karang Anyar", "Kartini", "Gunung Sahari Utara", "Mangga Dua Selatan"]),
            (name: "Kemayoran", kelurahan: ["Kemayoran", "Kebon Kosong", "Harapan Mulya", "Cempaka Baru", "Utan Panjang",
                                             "Sumur Batu", "Serdang", "Gunung Sahari Selatan"]),
            (name: "Senen", kelurahan: ["Senen", "Kwitang", "Kenari", "Paseban", "Kramat", "Bungur"]),
            (name: "Cempaka Putih", kelurahan: ["Cempaka Putih Timur", "Cempaka Putih Barat", "Rawasari"]),
            (name: "Menteng", kelurahan: ["Menteng", "Pegangsaan", "Cikini", "Gondangdia", "Kebon Sirih"]),
            (name: "Tanah Abang", kelurahan: ["Bendungan Hilir", "Karet Tengsin", "Kebon Melati", "Kebon Kacang", "Kampung Bali",
                                               "Petamburan", "Gelora"]),
            (name: "Johar Baru", kelurahan: ["Johar Baru", "Kampung Rawa", "Galur", "Tanah Tinggi"]),
        ]),
        (name: "Jakarta Utara", kecamatan: [
            (name: "Penjaringan", kelurahan: ["Penjaringan", "Pluit", "Pejagalan", "Kapuk Muara", "Kamal Muara"]),
            (name: "Pademangan", kelurahan: ["Pademangan Timur", "Pademangan Barat", "Ancol"]),
            (name: "Tanjung Priok", kelurahan: ["Tanjung Priok", "Kebon Bawang", "Sungai Bambu", "Papanggo", "Warakas",
                                                 "Sunter Agung", "Sunter Jaya"]),
            (name: "Koja", kelurahan: ["Koja", "Tugu Utara", "Lagoa", "Rawa Badak Utara", "Rawa Badak Selatan", "Tugu Selatan"]),
            (name: "Kelapa Gading", kelurahan: ["Kelapa Gading Barat", "Kelapa Gading Timur", "Pegangsaan Dua"]),
            (name: "Cilincing", kelurahan: ["Cilincing", "Sukapura", "Marunda", "Kalibaru", "Semper Timur", "Semper Barat", "Rorotan"]),
        ]),
        (name: "Jakarta Barat", kecamatan: [
            (name: "Cengkareng", kelurahan: ["Cengkareng Barat", "Cengkareng Timur", "Duri Kosambi", "Kapuk", "Kedaung Kali Angke",
                                              "Rawa Buaya"]),
            (name: "Grogol Petamburan", kelurahan: ["Grogol", "Jelambar", "Jelambar Baru", "Wijaya Kusuma", "Tanjung Duren Selatan",
                                                     "Tanjung Duren Utara", "Tomang"]),
            (name: "Taman Sari", kelurahan: ["Taman Sari", "Krukut", "Maphar", "Tangki", "Mangga Besar", "Keagungan", "Glodok",
                                              "Pinangsia"]),
            (name: "Tambora", kelurahan: ["Tambora", "Kali Anyar", "Duri Utara", "Tanah Sereal", "Krendang", "Jembatan Besi", "Angke",
                                           "Jembatan Lima", "Pekojan", "Roa Malaka", "Duri Selatan"]),
            (name: "Kebon Jeruk", kelurahan: ["Kebon Jeruk", "Sukabumi Utara", "Sukabumi Selatan", "Kelapa Dua", "Duri Kepa",
                                               "Kedoya Selatan", "Kedoya Utara"]),
            (name: "Kalideres", kelurahan: ["Kalideres", "Semanan", "Tegal Alur", "Kamal", "Pegadungan"]),
            (name: "Palmerah", kelurahan: ["Palmerah", "Slipi", "Kota Bambu Utara", "Kota Bambu Selatan", "Jati Pulo", "Kemanggisan"]),
            (name: "Kembangan", kelurahan: ["Kembangan Selatan", "Kembangan Utara", "Meruya Utara", "Meruya Selatan", "Srengseng", "Joglo"]),
        ]),
        (name: "Jakarta Selatan", kecamatan: [
            (name: "Kebayoran Baru", kelurahan: ["Selong", "Gunung", "Kramat Pela", "Gandaria Utara", "Cipete Utara", "Pulo", "Melawai",
                                                  "Petogogan", "Rawa Barat", "Senayan"]),
            (name: "Kebayoran Lama", kelurahan: ["Grogol Utara", "Grogol Selatan", "Cipulir", "Kebayoran Lama Selatan",
                                                  "Kebayoran Lama Utara", "Pondok Pinang"]),
            (name: "Pesanggrahan", kelurahan: ["Pesanggrahan", "Bintaro", "Petukangan Utara", "Petukangan Selatan", "Ulujami"]),
            (name: "Cilandak", kelurahan: ["Cilandak Barat", "Lebak Bulus", "Pondok Labu", "Gandaria Selatan", "Cipete Selatan"]),
            (name: "Pasar Minggu", kelurahan: ["Pasar Minggu", "Jati Padang", "Cilandak Timur", "Ragunan", "Pejaten Timur",
                                                "Pejaten Barat", "Kebagusan"]),
            (name: "Jagakarsa", kelurahan: ["Jagakarsa", "Srengseng Sawah", "Ciganjur", "Lenteng Agung", "Tanjung Barat", "Cipedak"]),
            (name: "Mampang Prapatan", kelurahan: ["Mampang Prapatan", "Bangka", "Pela Mampang", "Tegal Parang", "Kuningan Barat"]),
            (name: "Pancoran", kelurahan: ["Pancoran", "Kalibata", "Rawajati", "Duren Tiga", "Pengadegan", "Cikoko"]),
            (name: "Tebet", kelurahan: ["Tebet Barat", "Tebet Timur", "Kebon Baru", "Bukit Duri", "Manggarai", "Manggarai Selatan",
                                         "Menteng Dalam"]),
            (name: "Setiabudi", kelurahan: ["Setiabudi", "Karet", "Karet Semanggi", "Karet Kuningan", "Kuningan Timur", "Menteng Atas",
                                             "Pasar Manggis", "Guntur"]),
        ]),
        (name: "Jakarta Timur", kecamatan: [
            (name: "Matraman", kelurahan: ["Pisangan Baru", "Utan Kayu Utara", "Utan Kayu Selatan", "Kayu Manis", "Pal Meriam",
                                            "Kebon Manggis"]),
            (name: "Pulo Gadung", kelurahan: ["Pulo Gadung", "Pisangan Timur", "Cipinang", "Jatinegara Kaum", "Jati", "Rawamangun",
                                               "Kayu Putih"]),
            (name: "Jatinegara", kelurahan: ["Kampung Melayu", "Bidara Cina", "Bali Mester", "Rawa Bunga", "Cipinang Cempedak",
                                              "Cipinang Muara", "Cipinang Besar Selatan", "Cipinang Besar Utara"]),
            (name: "Duren Sawit", kelurahan: ["Pondok Bambu", "Duren Sawit", "Pondok Kelapa", "Pondok Kopi", "Malaka Jaya",
                                               "Malaka Sari", "Klender"]),
            (name: "Kramat Jati", kelurahan: ["Kramat Jati", "Batu Ampar", "Balekambang", "Kampung Tengah", "Dukuh", "Cawang",
                                               "Cililitan"]),
            (name: "Makasar", kelurahan: ["Pinang Ranti", "Makasar", "Halim Perdana Kusuma", "Cipinang Melayu", "Kebon Pala"]),
            (name: "Pasar Rebo", kelurahan: ["Pekayon", "Kalisari", "Baru", "Cijantung", "Gedong"]),
            (name: "Ciracas", kelurahan: ["Cibubur", "Kelapa Dua Wetan", "Ciracas", "Susukan", "Rambutan"]),
            (name: "Cipayung", kelurahan: ["Cipayung", "Cilangkap", "Pondok Ranggon", "Munjul", "Setu", "Bambu Apus", "Lubang Buaya",
                                            "Ceger"]),
            (name: "Cakung", kelurahan: ["Cakung Barat", "Cakung Timur", "Rawa Terate", "Jatinegara", "Penggilingan", "Pulo Gebang",
                                          "Ujung Menteng"]),
        ]),
        (name: "Kepulauan Seribu", kecamatan: [
            (name: "Kepulauan Seribu Utara", kelurahan: ["Pulau Panggang", "Pulau Kelapa", "Pulau Harapan"]),
            (name: "Kepulauan Seribu Selatan", kelurahan: ["Pulau Tidung", "Pulau Pari", "Pulau Untung Jawa"]),
        ]),
    ]

    /// Other ways officers write a kota (after `Places.key`): the short names of the city's
    /// offices (Jakpus, Jaksel, …) and the abbreviated kabupaten.
    static let kotaAliases: [String: String] = [
        "jakpus": "Jakarta Pusat", "jakut": "Jakarta Utara", "jakbar": "Jakarta Barat",
        "jaksel": "Jakarta Selatan", "jaktim": "Jakarta Timur",
        "kepseribu": "Kepulauan Seribu", "pulauseribu": "Kepulauan Seribu",
    ]
}
