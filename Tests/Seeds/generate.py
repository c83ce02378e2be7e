#!/usr/bin/env python3
"""Deterministic generator of the seed programmes (bazar scripts).

Writes, next to this file:
  borju-2020.bazar          BORJU Jakarta Utara 2020 (10 online events)
  jakpus-hybrid-2021.bazar  Jakarta Pusat hybrid bazaar 23-24 Sep 2021
  jbl-jaksel-2021.bazar     Jumat Beli Lokal Jakarta Selatan (26 Nov, 5 Dec 2021)
  jakbar-2023.bazar         Jakarta Barat 2023 (130 offline + 4 online JBL)
  expected.json             figures each script must produce

Python 3 standard library only; every script has its own fixed-seed RNG, so the
output is byte-for-byte the same on every run.  Run `python3 check.py` after
this to re-parse the scripts independently and verify every figure.
"""
import json
import os
import random
import re
import sys
from collections import defaultdict
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Places (real kecamatan / kelurahan of DKI Jakarta)
# --------------------------------------------------------------------------
JAKUT = {
    "Cilincing": ["Cilincing", "Kalibaru", "Marunda", "Rorotan", "Semper Barat", "Semper Timur", "Sukapura"],
    "Koja": ["Koja", "Lagoa", "Rawa Badak Utara", "Rawa Badak Selatan", "Tugu Utara", "Tugu Selatan"],
    "Kelapa Gading": ["Kelapa Gading Barat", "Kelapa Gading Timur", "Pegangsaan Dua"],
    "Tanjung Priok": ["Tanjung Priok", "Kebon Bawang", "Sungai Bambu", "Papanggo", "Warakas", "Sunter Agung", "Sunter Jaya"],
    "Pademangan": ["Pademangan Barat", "Pademangan Timur", "Ancol"],
    "Penjaringan": ["Penjaringan", "Pluit", "Pejagalan", "Kapuk Muara", "Kamal Muara"],
}
JAKPUS = {
    "Gambir": ["Gambir", "Cideng", "Petojo Utara", "Petojo Selatan", "Kebon Kelapa", "Duri Pulo"],
    "Sawah Besar": ["Pasar Baru", "Gunung Sahari Utara", "Mangga Dua Selatan", "Karang Anyar", "Kartini"],
    "Kemayoran": ["Kemayoran", "Kebon Kosong", "Harapan Mulya", "Serdang", "Gunung Sahari Selatan", "Cempaka Baru", "Sumur Batu", "Utan Panjang"],
    "Senen": ["Senen", "Kwitang", "Kenari", "Paseban", "Kramat", "Bungur"],
    "Cempaka Putih": ["Cempaka Putih Timur", "Cempaka Putih Barat", "Rawasari"],
    "Menteng": ["Menteng", "Pegangsaan", "Cikini", "Gondangdia", "Kebon Sirih"],
    "Tanah Abang": ["Bendungan Hilir", "Karet Tengsin", "Kebon Melati", "Kebon Kacang", "Kampung Bali", "Petamburan", "Gelora"],
    "Johar Baru": ["Johar Baru", "Kampung Rawa", "Tanah Tinggi", "Galur"],
}
JAKSEL = {
    "Kebayoran Baru": ["Gandaria Utara", "Cipete Utara", "Pulo", "Melawai", "Kramat Pela", "Senayan", "Selong", "Gunung", "Rawa Barat", "Petogogan"],
    "Kebayoran Lama": ["Grogol Utara", "Grogol Selatan", "Cipulir", "Kebayoran Lama Utara", "Kebayoran Lama Selatan", "Pondok Pinang"],
    "Pesanggrahan": ["Bintaro", "Pesanggrahan", "Ulujami", "Petukangan Utara", "Petukangan Selatan"],
    "Cilandak": ["Cipete Selatan", "Gandaria Selatan", "Cilandak Barat", "Lebak Bulus", "Pondok Labu"],
    "Pasar Minggu": ["Pejaten Barat", "Pejaten Timur", "Pasar Minggu", "Kebagusan", "Jati Padang", "Ragunan", "Cilandak Timur"],
    "Jagakarsa": ["Jagakarsa", "Srengseng Sawah", "Ciganjur", "Lenteng Agung", "Tanjung Barat", "Cipedak"],
    "Mampang Prapatan": ["Kuningan Barat", "Pela Mampang", "Bangka", "Tegal Parang", "Mampang Prapatan"],
    "Pancoran": ["Kalibata", "Rawajati", "Duren Tiga", "Cikoko", "Pengadegan", "Pancoran"],
    "Tebet": ["Tebet Barat", "Tebet Timur", "Kebon Baru", "Bukit Duri", "Manggarai", "Manggarai Selatan", "Menteng Dalam"],
    "Setiabudi": ["Setiabudi", "Karet", "Karet Semanggi", "Karet Kuningan", "Kuningan Timur", "Menteng Atas", "Pasar Manggis", "Guntur"],
}
JAKBAR = {
    "Cengkareng": ["Cengkareng Barat", "Cengkareng Timur", "Duri Kosambi", "Kapuk", "Kedaung Kali Angke", "Rawa Buaya"],
    "Grogol Petamburan": ["Grogol", "Jelambar", "Jelambar Baru", "Wijaya Kusuma", "Tanjung Duren Utara", "Tanjung Duren Selatan", "Tomang"],
    "Taman Sari": ["Glodok", "Keagungan", "Krukut", "Taman Sari", "Maphar", "Pinangsia", "Mangga Besar", "Tangki"],
    "Tambora": ["Tambora", "Kali Anyar", "Duri Utara", "Tanah Sereal", "Krendang", "Jembatan Besi", "Angke", "Jembatan Lima", "Pekojan", "Roa Malaka", "Duri Selatan"],
    "Kebon Jeruk": ["Kebon Jeruk", "Sukabumi Utara", "Sukabumi Selatan", "Kelapa Dua", "Duri Kepa", "Kedoya Utara", "Kedoya Selatan"],
    "Kalideres": ["Kalideres", "Semanan", "Tegal Alur", "Kamal", "Pegadungan"],
    "Palmerah": ["Palmerah", "Slipi", "Kota Bambu Utara", "Kota Bambu Selatan", "Jatipulo", "Kemanggisan"],
    "Kembangan": ["Kembangan Utara", "Kembangan Selatan", "Meruya Utara", "Meruya Selatan", "Srengseng", "Joglo"],
}

BUYERS_FAR = ["Bekasi", "Depok", "Tangerang", "Tangerang Selatan", "Bogor", "Bandung", "Surabaya",
              "Semarang", "Yogyakarta", "Medan", "Makassar", "Palembang", "Balikpapan", "Denpasar",
              "Pekanbaru", "Malang", "Banten", "Jawa Barat", "Jawa Tengah", "Jawa Timur",
              "Sumatera Utara", "Kalimantan Timur", "Sulawesi Selatan", "Bali", "Lampung"]
BUYERS_DKI = ["Jakarta Utara", "Jakarta Pusat", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur"]

# --------------------------------------------------------------------------
# Product catalogue: category -> [(name, unit, min price, max price)]
# --------------------------------------------------------------------------
CATALOG = {
    "makanan": [
        ("Keripik Singkong Balado", "bungkus", 12000, 25000), ("Keripik Singkong Original", "bungkus", 10000, 20000),
        ("Keripik Pisang Cokelat", "bungkus", 15000, 30000), ("Keripik Tempe Sagu", "bungkus", 12000, 25000),
        ("Keripik Kaca Pedas", "bungkus", 10000, 20000), ("Keripik Bayam", "bungkus", 12000, 22000),
        ("Kue Lapis Legit", "loyang", 150000, 350000), ("Kue Talam Ubi", "kotak", 25000, 45000),
        ("Kue Putu Mayang", "kotak", 20000, 35000), ("Kue Cucur", "kotak", 20000, 35000),
        ("Lemper Ayam", "pcs", 5000, 8000), ("Risoles Mayo", "pcs", 5000, 8000), ("Pastel Isi Bihun", "pcs", 5000, 7000),
        ("Onde-onde Wijen", "kotak", 20000, 35000), ("Kue Pancong", "porsi", 10000, 20000),
        ("Asinan Betawi", "porsi", 20000, 35000), ("Asinan Buah", "cup", 15000, 30000),
        ("Kerak Telor", "porsi", 20000, 35000), ("Dodol Betawi", "bungkus", 35000, 75000),
        ("Roti Buaya", "pasang", 150000, 350000), ("Sambal Roa", "botol", 35000, 65000),
        ("Rendang Daging", "toples", 85000, 175000), ("Nastar Keju", "toples", 80000, 160000),
        ("Kastengel", "toples", 85000, 165000), ("Putri Salju", "toples", 70000, 130000),
        ("Rempeyek Kacang", "bungkus", 15000, 30000), ("Kembang Goyang", "toples", 35000, 60000),
        ("Kue Akar Kelapa", "toples", 35000, 60000), ("Abon Ikan Tongkol", "bungkus", 35000, 65000),
        ("Kerupuk Ikan Tenggiri", "bungkus", 20000, 40000), ("Otak-otak Bandeng", "pack", 35000, 60000),
        ("Bakso Ikan Beku", "pack", 30000, 55000), ("Salad Buah", "cup", 20000, 35000),
        ("Pempek Kapal Selam", "pack", 45000, 90000), ("Cireng Rujak", "pack", 20000, 35000),
        ("Sayur Besan Beku", "pack", 35000, 55000), ("Semur Jengkol", "toples", 40000, 75000),
        ("Ikan Asin Jambal Roti", "pack", 45000, 95000), ("Terasi Udang", "bungkus", 15000, 30000),
        ("Kue Bugis", "kotak", 20000, 35000), ("Kue Kembang Loyang", "toples", 35000, 60000),
        ("Bolu Pandan", "loyang", 45000, 85000), ("Brownies Kukus", "kotak", 45000, 80000),
        ("Dimsum Ayam", "pack", 30000, 55000), ("Kacang Sangrai", "bungkus", 15000, 30000),
    ],
    "minuman": [
        ("Bir Pletok", "botol", 15000, 30000), ("Es Selendang Mayang", "cup", 10000, 20000),
        ("Jus Jambu Merah", "botol", 12000, 25000), ("Kopi Bubuk Robusta", "bungkus", 35000, 75000),
        ("Jamu Kunyit Asam", "botol", 12000, 25000), ("Wedang Jahe Merah", "bungkus", 20000, 40000),
        ("Sirup Pala", "botol", 30000, 55000), ("Teh Bunga Telang", "bungkus", 25000, 45000),
        ("Sari Kedondong", "botol", 10000, 20000), ("Kopi Susu Gula Aren", "botol", 18000, 35000),
        ("Jamu Beras Kencur", "botol", 12000, 25000), ("Es Kopi Literan", "botol", 60000, 95000),
        ("Sirup Markisa", "botol", 35000, 60000), ("Minuman Rosela", "botol", 12000, 25000),
    ],
    "fesyen": [
        ("Kemeja Batik Betawi", "pcs", 200000, 450000), ("Kain Batik Tulis Ondel-ondel", "lembar", 300000, 500000),
        ("Kain Batik Cap", "lembar", 125000, 250000), ("Hijab Segi Empat", "pcs", 50000, 120000),
        ("Kaos Sablon Ondel-ondel", "pcs", 85000, 150000), ("Masker Kain Batik", "pcs", 10000, 25000),
        ("Sarung Tenun", "lembar", 150000, 300000), ("Dompet Kulit", "pcs", 120000, 250000),
        ("Tas Batik", "pcs", 95000, 200000), ("Daster Batik", "pcs", 75000, 135000),
        ("Peci Betawi", "pcs", 45000, 85000), ("Tunik Batik", "pcs", 150000, 275000),
    ],
    "kerajinan": [
        ("Miniatur Ondel-ondel", "pcs", 75000, 250000), ("Gantungan Kunci Ondel-ondel", "pcs", 10000, 20000),
        ("Tas Rajut", "pcs", 100000, 250000), ("Hiasan Kerang", "pcs", 25000, 150000),
        ("Vas Bunga Daur Ulang", "pcs", 35000, 85000), ("Lilin Aromaterapi", "pcs", 35000, 75000),
        ("Sabun Herbal", "pcs", 15000, 30000), ("Tempat Tisu Anyaman", "pcs", 35000, 75000),
        ("Bros Rajut", "pcs", 15000, 35000), ("Lukisan Kaca Betawi", "pcs", 150000, 450000),
        ("Keset Perca", "pcs", 25000, 45000), ("Pot Tanaman Semen", "pcs", 25000, 65000),
    ],
}
FOOD = ("makanan", "minuman")

OWNER_FIRST = ["Siti", "Nur", "Sri", "Dewi", "Rina", "Yanti", "Lilis", "Wati", "Ani", "Endang", "Fitri", "Rahmawati",
               "Ratna", "Suryani", "Aisyah", "Nurhayati", "Ida", "Eka", "Dian", "Ningsih", "Budi", "Agus", "Hendra",
               "Rudi", "Ahmad", "Dedi", "Joko", "Slamet", "Bambang", "Yusuf", "Rizky", "Fajar", "Imam", "Taufik",
               "Hasan", "Ujang", "Asep", "Mulyadi", "Sarah", "Maya", "Lestari", "Intan", "Putri", "Mega", "Wulan",
               "Yuni", "Tuti", "Neneng", "Romlah", "Hamidah", "Juleha", "Mpok Nori", "Haji Mamat", "Rohani"]
OWNER_LAST = ["Rahayu", "Susanti", "Handayani", "Kusuma", "Saputra", "Hidayat", "Setiawan", "Wibowo", "Santoso",
              "Nugroho", "Pratama", "Lubis", "Siregar", "Nasution", "Hasibuan", "Sitompul", "Tanjung", "Harahap",
              "Maulana", "Ramadhan", "Firmansyah", "Kurniawan", "Purnomo", "Sulistyo", "Rahman", "Fauzi",
              "Hakim", "Wijaya", "Gunawan", "Halim", "Permana", "Marlina", "Yuliani", "Fitriani", "Anggraini"]
BRAND_PREFIX = {
    "makanan": ["Dapur", "Kedai", "Warung", "Pawon", "Rumah Kue", "Keripik", "Camilan", "Kue"],
    "minuman": ["Kedai", "Jamu", "Kopi", "Minuman", "Wedang", "Es"],
    "fesyen": ["Batik", "Butik", "Konveksi", "Griya Batik", "Rajutan", "Sablon"],
    "kerajinan": ["Kriya", "Kerajinan", "Sanggar", "Galeri", "Kreasi", "Rumah Kriya"],
}
BRAND_SUFFIX = ["Mpok Ijah", "Bu Sri", "Mak Romlah", "Bang Jali", "Ci Lilis", "Bunda Ani", "Mama Rina",
                "Pak Haji", "Nyak Minah", "Teh Wulan", "Uni Fitri", "Kak Intan", "Mbak Yuni", "Babe Sanip",
                "Ondel", "Betawi", "Sejahtera", "Barokah", "Berkah", "Mandiri", "Lestari", "Rizki", "Ceria",
                "Nusantara", "Melati", "Kenanga", "Anggrek", "Cempaka", "Kemuning", "Sawo", "Kelapa", "Tiga Saudara",
                "Ibu Kota", "Jaya", "Makmur", "Harmoni", "Srikandi", "Kinanti", "Sekar", "Asri", "Bahari", "Pesisir"]


def slug(s):
    s = s.lower().replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Script:
    """Collects the lines of one script and the facts needed for expected.json."""

    def __init__(self, name, seed, header):
        self.name = name
        self.rng = random.Random(seed)
        self.lines = list(header)
        self.used_pids = set()
        self.ref_counter = 0

    def money(self, v):
        """Mostly plain digits, now and then a readable spelling (all exact)."""
        r = self.rng.random()
        if r < 0.04 and v % 1000 == 0 and 0 < v < 1000000:
            return "%drb" % (v // 1000)
        if r < 0.07 and v >= 1000:
            return "Rp " + "{:,}".format(v).replace(",", ".")
        return str(v)

    def emit(self, line):
        self.lines.append(line)

    def write(self):
        path = os.path.join(HERE, self.name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")
        return path


def round_to(v, step):
    return max(step, int(round(v / step)) * step)


def pick_price(rng, lo, hi):
    step = 500 if hi <= 40000 else (1000 if hi <= 150000 else 5000)
    return rng.randrange(lo // step, hi // step + 1) * step


def owner_name(rng):
    return rng.choice(OWNER_FIRST) + " " + rng.choice(OWNER_LAST)


def phone(rng):
    return "08" + rng.choice(["12", "13", "21", "22", "52", "53", "57", "58", "77", "78", "95", "96"]) + \
        "".join(str(rng.randrange(10)) for _ in range(rng.choice([7, 8])))


class Participant:
    def __init__(self, pid, name, owner, kota, kec, kel, category, kind, ph):
        self.pid, self.name, self.owner = pid, name, owner
        self.kota, self.kec, self.kel = kota, kec, kel
        self.category, self.kind, self.phone = category, kind, ph
        self.products = []  # list of Product

    def line(self, with_phone=True):
        s = "add participant %s name %s" % (self.pid, q(self.name))
        if self.owner:
            s += " owner %s" % q(self.owner)
        s += " kota %s kecamatan %s kelurahan %s category %s kind %s" % (
            q(self.kota), q(self.kec), q(self.kel), self.category, self.kind)
        if with_phone and self.phone:
            s += " phone %s" % q(self.phone)
        return s


class Product:
    def __init__(self, part, prid, name, category, price, unit):
        self.part, self.prid, self.name = part, prid, name
        self.category, self.price, self.unit = category, price, unit

    @property
    def ref(self):
        return self.part.pid + "/" + self.prid


def make_participants(sc, n, kota, kecs, code, cat_weights, n_products, kinds=("umkm", "ukm", "ikm")):
    """n participants of `kota`; n_products: list of product counts (len n)."""
    rng = sc.rng
    cats = list(cat_weights)
    weights = [cat_weights[c] for c in cats]
    kec_names = list(kecs)
    out = []
    for i in range(n):
        cat = rng.choices(cats, weights)[0]
        kec = kec_names[i % len(kec_names)] if len(kec_names) <= n else rng.choice(kec_names)
        kel = rng.choice(kecs[kec])
        while True:
            name = rng.choice(BRAND_PREFIX[cat]) + " " + rng.choice(BRAND_SUFFIX)
            pid = "%s-%s%d" % (slug(name), code, i + 1)
            if pid not in sc.used_pids:
                break
        sc.used_pids.add(pid)
        kind = "ikm" if cat in ("fesyen", "kerajinan") and rng.random() < 0.6 else rng.choice(kinds)
        p = Participant(pid, name, owner_name(rng), kota, kec, kel, cat, kind, phone(rng))
        add_products(sc, p, n_products[i])
        out.append(p)
    return out


def add_products(sc, p, k):
    rng = sc.rng
    # mostly the participant's own category, sometimes a neighbour one
    pool = list(CATALOG[p.category])
    rng.shuffle(pool)
    extra = []
    for c in CATALOG:
        if c != p.category:
            extra.extend(CATALOG[c])
    rng.shuffle(extra)
    names = set()
    variants = ["", " Original", " Pedas", " Premium", " Mini", " Jumbo", " Spesial", " Manis", " Keju", " Cokelat"]
    src = pool + extra
    idx = 0
    while len(p.products) < k:
        base = src[idx % len(src)]
        var = variants[(idx // len(src)) % len(variants)]
        idx += 1
        name = base[0] + var
        if name in names:
            continue
        names.add(name)
        cat = p.category if base in CATALOG[p.category] else next(c for c in CATALOG if base in CATALOG[c])
        price = pick_price(rng, base[2], base[3])
        p.products.append(Product(p, slug(name), name, cat, price, base[1]))


def product_line(sc, pr, short=False):
    """short: leave out the category when it is the participant's (it defaults to it)."""
    if short and pr.category == pr.part.category:
        return "add product %s name %s price %s unit %s" % (pr.ref, q(pr.name), sc.money(pr.price), pr.unit)
    return "add product %s name %s category %s price %s unit %s" % (
        pr.ref, q(pr.name), pr.category, sc.money(pr.price), pr.unit)


def split_total(rng, total, n, lo_frac, hi_frac, step):
    """n positive multiples of `step` (except the last, which takes the odd rest) summing to total."""
    w = [rng.uniform(lo_frac, hi_frac) for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s) // step * step for x in w]
    parts[-1] += total - sum(parts)
    return parts


# --------------------------------------------------------------------------
# Sales fitting: lines whose amounts sum exactly to a target
# --------------------------------------------------------------------------
class Line:
    __slots__ = ("prod", "qty", "price", "amount", "day", "channel", "buyer", "ref", "whole", "part")

    def __init__(self, prod, qty, price, day, channel=None, buyer=None, ref=None, whole=False, part=None):
        self.prod, self.qty, self.price = prod, qty, price
        self.amount = qty * price if prod is not None else price
        self.day, self.channel, self.buyer, self.ref = day, channel, buyer, ref
        self.whole = whole
        self.part = part if part is not None else (prod.part if prod else None)


def discount_to(rng, lines, target):
    """Lower some line amounts (promo/discount; written with `amount`) so the sum is exactly target."""
    d = sum(l.amount for l in lines) - target
    assert d >= 0, (d, target)
    cand = [l for l in lines if l.prod is not None and l.amount >= 10000]
    rng.shuffle(cand)
    i = 0
    while d > 0:
        l = cand[i % len(cand)]
        i += 1
        cap = l.amount // 5  # at most 20% off a line (repeated visits stay bounded by floor)
        if cap <= 0:
            continue
        cut = min(d, max(500, (rng.randint(cap // 4, cap) // 500) * 500))
        cut = min(cut, l.amount - l.amount * 3 // 5)  # never below 60% of list
        if cut <= 0:
            continue
        l.amount -= cut
        d -= cut
        if i > 100000:
            raise RuntimeError("cannot fit")


def fill_lines(rng, products, target, days, qty_max, make_extra, unsold_frac=0.2, weights=None):
    """Random product lines until the sum reaches target, then discount down to exactly target.
    products: listed products that may sell.  Some are deliberately left unsold."""
    sellers = list(products)
    rng.shuffle(sellers)
    n_unsold = int(len(sellers) * unsold_frac)
    unsold = set(id(p) for p in sellers[:n_unsold])
    sellers = sellers[n_unsold:] or list(products)
    lines = []
    s = 0
    # first pass: each selling product at least once
    order = list(sellers)
    while s < target:
        if order:
            pr = order.pop()
        else:
            pr = rng.choice(sellers)
        qmax = qty_max if pr.price < 100000 else max(1, qty_max // 3)
        qty = rng.randint(1, qmax)
        qty = min(qty, max(1, -(-(target - s) // pr.price)))  # the last line overshoots by < 1 unit
        ln = Line(pr, qty, pr.price, rng.choice(days))
        make_extra(ln)
        lines.append(ln)
        s += ln.amount
    if s - target > target * 0.3 and len(lines) > 1:
        raise RuntimeError("overshoot")
    discount_to(rng, lines, target)
    return lines, unsold


def sale_line(sc, ln):
    rng = sc.rng
    if ln.whole:
        s = "add sale %s amount %s" % (ln.part.pid, sc.money(ln.amount))
    elif ln.amount == ln.qty * ln.price:
        if ln.price == ln.prod.price and rng.random() < 0.25:
            s = "add sale %s qty %d" % (ln.prod.ref, ln.qty)  # list price
        else:
            s = "add sale %s qty %d price %s" % (ln.prod.ref, ln.qty, sc.money(ln.price))
    else:
        s = "add sale %s qty %d amount %s" % (ln.prod.ref, ln.qty, sc.money(ln.amount))
    if ln.channel:
        s += " channel " + ln.channel
    if ln.buyer:
        s += " buyer " + q(ln.buyer)
    if ln.ref:
        s += " ref " + q(ln.ref)
    return s


ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def inv_ref(sc, d, base):
    sc.ref_counter += 1
    return "INV/%s/MPL/%s/%d" % (d.strftime("%Y%m%d"), ROMAN[d.month], base + sc.ref_counter * 7 + sc.rng.randrange(7))


def online_buyer(rng, home):
    r = rng.random()
    if r < 0.45:
        return home
    if r < 0.7:
        return rng.choice(BUYERS_DKI)
    return rng.choice(BUYERS_FAR)


def emit_sales(sc, lines):
    lines = sorted(lines, key=lambda l: l.day)  # stable: keeps generation order within a day
    cur = None
    for ln in lines:
        if ln.day != cur:
            sc.emit("date %s" % ln.day.isoformat())
            cur = ln.day
        sc.emit(sale_line(sc, ln))


def daterange(a, b):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


# --------------------------------------------------------------------------
# Figures straight from the generated data (used for expected.json)
# --------------------------------------------------------------------------
class Tally:
    def __init__(self):
        self.events = set()
        self.omzet = 0
        self.units = 0
        self.sales = 0
        self.participants = set()
        self.stalls = set()
        self.products = set()
        self.listings = set()

    def stall(self, ev, part, prods):
        self.events.add(ev)
        self.participants.add(part.pid)
        self.stalls.add((part.pid, ev))
        for pr in prods:
            self.products.add(pr.ref)
            self.listings.add((pr.ref, ev))

    def sale(self, ev, ln):
        self.omzet += ln.amount
        self.units += ln.qty
        self.sales += 1

    def as_dict(self):
        return {"events": len(self.events), "omzet": self.omzet, "units": self.units, "sales": self.sales,
                "participants": len(self.participants), "stalls": len(self.stalls),
                "products": len(self.products), "listings": len(self.listings)}


# ==========================================================================
# 1. BORJU 2020
# ==========================================================================
def gen_borju():
    sc = Script("borju-2020.bazar", 2020_08_01, [
        "# BORJU 2020 - Bazar Online JakPreneur Jakarta Utara (Sudin PPKUMKM Jakarta Utara)",
        "# Source: TribunJakarta 23/12/2020 (seeds/000): 10 events in 2020, omzet Rp 105.890.050,",
        "# 642 products from 188 UKM/IKM; best month August 2020: Rp 18.944.500, 356 products from 127 UKM/IKM.",
        "# Generated by Tests/Seeds/generate.py - do not edit by hand.",
    ])
    rng = sc.rng
    N_PART, N_PROD, AUG_PART, AUG_PROD = 188, 642, 127, 356
    TOTAL, AUG = 105890050, 18944500
    months = list(range(3, 13))  # March..December 2020

    # product counts per participant: 1..7, sum 642
    counts = [rng.randint(2, 5) for _ in range(N_PART)]
    while sum(counts) != N_PROD:
        i = rng.randrange(N_PART)
        if sum(counts) < N_PROD and counts[i] < 7:
            counts[i] += 1
        elif sum(counts) > N_PROD and counts[i] > 1:
            counts[i] -= 1
    parts = make_participants(sc, N_PART, "Jakarta Utara", JAKUT, "ju",
                              {"makanan": 55, "minuman": 15, "fesyen": 15, "kerajinan": 15}, counts)

    # August: 127 participants listing 356 products
    aug_parts = rng.sample(parts, AUG_PART)
    aug_k = {p.pid: 1 for p in aug_parts}
    while sum(aug_k.values()) < AUG_PROD:
        p = rng.choice(aug_parts)
        if aug_k[p.pid] < len(p.products):
            aug_k[p.pid] += 1
    listing = {}  # month -> {pid: [products]}
    listing[8] = {p.pid: rng.sample(p.products, aug_k[p.pid]) for p in aug_parts}
    # other months: random participants, random subsets
    for m in months:
        if m == 8:
            continue
        n = rng.randint(55, 105)
        sel = rng.sample(parts, n)
        listing[m] = {p.pid: rng.sample(p.products, rng.randint(1, len(p.products))) for p in sel}
    # every participant and every product listed at least once (outside August)
    other = [m for m in months if m != 8]
    listed = set()
    for m in months:
        for prods in listing[m].values():
            listed.update(pr.ref for pr in prods)
    for p in parts:
        missing = [pr for pr in p.products if pr.ref not in listed]
        if not missing:
            continue
        m = rng.choice(other)
        cur = listing[m].setdefault(p.pid, [])
        for pr in missing:
            cur.append(pr)
            listed.add(pr.ref)
    # monthly omzet: August is the best, the other nine share the rest (each well below August)
    rest = split_total(rng, TOTAL - AUG, 9, 0.6, 1.4, 500)
    assert all(r < AUG for r in rest), rest
    month_target = dict(zip(other, rest))
    month_target[8] = AUG

    pmap = {p.pid: p for p in parts}
    sc.emit("")
    sc.emit("# --- peserta (UKM/IKM JakPreneur Jakarta Utara) ---")
    for p in parts:
        sc.emit(p.line())
    sc.emit("")
    sc.emit("# --- produk ---")
    for p in parts:
        for pr in p.products:
            sc.emit(product_line(sc, pr))

    bulan = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
    whole = Tally()
    aug = Tally()
    monthly = {}
    for m in months:
        ev = "borju-2020-%02d" % m
        # one online week per month, starting on the second Monday
        d = date(2020, m, 1)
        while d.weekday() != 0:
            d += timedelta(days=1)
        start = d + timedelta(days=7)
        end = start + timedelta(days=6)
        days = list(daterange(start, end))
        sc.emit("")
        sc.emit("# === BORJU %s 2020: omzet bulan ini Rp %s ===" % (bulan[m], "{:,}".format(month_target[m]).replace(",", ".")))
        sc.emit('open event %s name "BORJU %s 2020" program BORJU mode online channel "tokopedia/borjujakut" '
                'kota "Jakarta Utara" kecamatan "Tanjung Priok" level kota from %s to %s' % (
                    ev, bulan[m], start.isoformat(), end.isoformat()))
        t = Tally()
        prods_all = []
        for pid in sorted(listing[m], key=lambda x: parts.index(pmap[x])):
            prods = listing[m][pid]
            sc.emit("add stall %s products %s" % (pid, " ".join(pr.prid for pr in prods)))
            for tl in (whole, t):
                tl.stall(ev, pmap[pid], prods)
            prods_all.extend(prods)

        def extra(ln):
            ln.channel = "online"
            ln.buyer = online_buyer(rng, "Jakarta Utara")
            ln.ref = inv_ref(sc, ln.day, 562000000 + m * 1000000)
        lines, _ = fill_lines(rng, prods_all, month_target[m], days, 2, extra, unsold_frac=0.2)
        emit_sales(sc, lines)
        for ln in lines:
            whole.sale(ev, ln)
            t.sale(ev, ln)
        sc.emit("close event")
        monthly["2020-%02d" % m] = t.as_dict()
        if m == 8:
            aug = t
    path = sc.write()
    exp = {
        "source": "seeds/000 (TribunJakarta, 23 Dec 2020)",
        "scopes": {
            "whole": {"report": "report year 2020 program BORJU", "totals": whole.as_dict(),
                      "article": ["events", "omzet", "products", "participants"],
                      "best": {"key": "2020-08", "omzet": AUG}},
            "2020-08": {"report": "report month 2020-08 program BORJU", "totals": aug.as_dict(),
                        "article": ["omzet", "products", "participants"]},
        },
        "months": {k: {"omzet": v["omzet"]} for k, v in monthly.items()},
    }
    return path, exp


# ==========================================================================
# 2. Jakarta Pusat hybrid bazaar, 23-24 September 2021
# ==========================================================================
def gen_jakpus():
    sc = Script("jakpus-hybrid-2021.bazar", 2021_09_23, [
        "# Bazar hybrid Jakpreneur Jakarta Pusat, 23-24 September 2021 (Sudin PPKUKM Jakarta Pusat)",
        "# Source: seeds/001: Rp 87.922.000 on 23 Sep, Rp 79.551.750 on 24 Sep, total Rp 167.437.750",
        "# (above target), 428 Jakpreneur from the 8 kecamatan of Jakarta Pusat.",
        "# Food is sold offline at the venue; crafts and fashion online.",
        "# Generated by Tests/Seeds/generate.py - do not edit by hand.",
    ])
    rng = sc.rng
    N = 428
    D1, D2 = 87922000, 79551750
    days = [date(2021, 9, 23), date(2021, 9, 24)]
    counts = [rng.choice([1, 1, 2, 2, 2, 3, 3, 4]) for _ in range(N)]
    parts = make_participants(sc, N, "Jakarta Pusat", JAKPUS, "jp",
                              {"makanan": 62, "minuman": 16, "fesyen": 12, "kerajinan": 10}, counts)
    assert len(set(p.kec for p in parts)) == 8
    sc.emit("")
    sc.emit("# --- 428 Jakpreneur dari 8 kecamatan ---")
    for p in parts:
        sc.emit(p.line())
    sc.emit("")
    for p in parts:
        for pr in p.products:
            sc.emit(product_line(sc, pr))
    ev = "jakpus-2021-09"
    sc.emit("")
    sc.emit('open event %s name "Bazar Hybrid Jakpreneur Jakarta Pusat" program JAKPRENEUR mode hybrid '
            'channel "tokopedia/jakpreneurjakpus" kota "Jakarta Pusat" kecamatan "Gambir" level kota '
            'venue "Kantor Wali Kota Jakarta Pusat" from 2021-09-23 to 2021-09-24 target Rp 150.000.000' % ev)
    whole = Tally()
    allp = []
    for p in parts:
        sc.emit("add stall %s products %s" % (p.pid, " ".join(pr.prid for pr in p.products)))
        whole.stall(ev, p, p.products)
        allp.extend(p.products)
    dayt = {}
    all_lines = []
    for d, target in zip(days, [D1, D2]):
        def extra(ln):
            if ln.prod.category in FOOD:
                ln.channel = "offline"
            else:
                ln.channel = "online"
                ln.buyer = online_buyer(rng, "Jakarta Pusat")
                ln.ref = inv_ref(sc, ln.day, 1093000000)
        lines, _ = fill_lines(rng, allp, target, [d], 5, extra, unsold_frac=0.12)
        t = Tally()
        t.events.add(ev)
        for ln in lines:
            t.sale(ev, ln)
            whole.sale(ev, ln)
        dayt[d.isoformat()] = t
        all_lines.extend(lines)
    emit_sales(sc, all_lines)
    sc.emit("close event")
    path = sc.write()

    def day_dict(t):
        d = t.as_dict()
        return {k: d[k] for k in ("events", "omzet", "units", "sales")}
    chan = defaultdict(lambda: {"omzet": 0, "units": 0, "sales": 0})
    for ln in all_lines:
        c = chan[ln.channel]
        c["omzet"] += ln.amount
        c["units"] += ln.qty
        c["sales"] += 1
    tot = whole.as_dict()
    tot["target"] = 150000000
    exp = {
        "source": "seeds/001 (Bazar Hybrid di Jakpus, Sep 2021)",
        "scopes": {
            "whole": {"report": "report event jakpus-2021-09", "totals": tot,
                      "article": ["omzet", "participants"], "kecamatan": 8},
            "2021-09-23": {"report": "report range 2021-09-23..2021-09-23 event jakpus-2021-09",
                           "totals": day_dict(dayt["2021-09-23"]), "article": ["omzet"]},
            "2021-09-24": {"report": "report range 2021-09-24..2021-09-24 event jakpus-2021-09",
                           "totals": day_dict(dayt["2021-09-24"]), "article": ["omzet"]},
            "channel offline": {"report": "report event jakpus-2021-09 channel offline", "totals": dict(chan["offline"]),
                                "article": []},
            "channel online": {"report": "report event jakpus-2021-09 channel online", "totals": dict(chan["online"]),
                               "article": []},
        },
        "note": "day and channel scopes list only sale-based fields (participants/stalls of a part of an event are not defined by the articles)",
    }
    return path, exp


# ==========================================================================
# 3. Jumat Beli Lokal Jakarta Selatan, 26 Nov and 5 Dec 2021
# ==========================================================================
def gen_jbl_jaksel():
    sc = Script("jbl-jaksel-2021.bazar", 2021_11_26, [
        "# Jumat Beli Lokal (JBL) Jakarta Selatan, Tokopedia, 26 November and 5 December 2021",
        "# Source: seeds/004 (ANTARA, 10 Dec 2021): two events, 3.484 units, omzet Rp 105 juta.",
        "# NOTE: the article says 5 December 2021 although that day is a Sunday (not a Friday); the date is kept.",
        "# Generated by Tests/Seeds/generate.py - do not edit by hand.",
    ])
    rng = sc.rng
    UNITS, OMZET = 3484, 105000000
    # named businesses from the article
    wb = Participant("wedang-batavia", "Wedang Batavia 86", "Teguh Cahya Gumelar", "Jakarta Selatan", "Pasar Minggu",
                     "Pejaten Timur", "minuman", "umkm", phone(rng))
    sc.used_pids.add(wb.pid)
    wb.products = [
        Product(wb, "wedang-komplit", "Wedang Komplit", "minuman", 35000, "botol"),
        Product(wb, "bir-pletok", "Bir Pletok Tubruk", "minuman", 25000, "botol"),
        Product(wb, "wedang-korea", "Wedang Korea", "minuman", 30000, "botol"),
        Product(wb, "wedang-bunga-telang", "Wedang Bunga Telang Sehat", "minuman", 28000, "botol"),
    ]
    soj = Participant("suwe-ora-jamu", "Suwe Ora Jamu", None,  # owner not named in the article
                      "Jakarta Selatan", "Kebayoran Baru",
                      "Petogogan", "minuman", "ukm", phone(rng))
    sc.used_pids.add(soj.pid)
    soj.products = [
        Product(soj, "jamu-kunyit-asam", "Jamu Kunyit Asam Suwe Ora Jamu", "minuman", 30000, "botol"),
        Product(soj, "jamu-beras-kencur", "Jamu Beras Kencur Suwe Ora Jamu", "minuman", 30000, "botol"),
        Product(soj, "jamu-temulawak", "Jamu Temulawak", "minuman", 32000, "botol"),
    ]
    N = 88
    counts = [rng.choice([1, 2, 2, 3, 3, 4]) for _ in range(N)]
    others = make_participants(sc, N, "Jakarta Selatan", JAKSEL, "js",
                               {"makanan": 60, "minuman": 20, "fesyen": 10, "kerajinan": 10}, counts)
    # JBL buyers pay modest prices: cap list prices so 3.484 units make about Rp 105 juta
    for p in others:
        for pr in p.products:
            if pr.price > 150000:
                pr.price = round_to(pr.price / 2.5, 5000)
            elif pr.price > 50000:
                pr.price = round_to(pr.price * 0.7, 1000)
    # participants per event: both named businesses in both, others 64 and 68
    sel = [[wb, soj] + rng.sample(others, 64), [wb, soj] + rng.sample(others, 68)]
    # define only businesses that take part
    used = set(p.pid for ps in sel for p in ps)
    others = [p for p in others if p.pid in used]
    parts = [wb, soj] + others
    sc.emit("")
    sc.emit("# --- pelaku usaha Jakpreneur Jakarta Selatan ---")
    for p in parts:
        sc.emit(p.line())
    sc.emit("")
    for p in parts:
        for pr in p.products:
            sc.emit(product_line(sc, pr))
    evs = [("jbl-jaksel-2021-11-26", date(2021, 11, 26), "Jumat Beli Lokal Jakarta Selatan 26 November 2021"),
           ("jbl-jaksel-2021-12-05", date(2021, 12, 5), "Jumat Beli Lokal Jakarta Selatan 5 Desember 2021")]
    unit_split = [1842, UNITS - 1842]
    # find an omzet split and lines with exact units whose list-price sum is a bit above the target share
    whole = Tally()
    per_event = {}
    ev_lines = []
    omzet_split = [55650000, OMZET - 55650000]
    for (ev, d, nm), ps, U, T in zip(evs, sel, unit_split, omzet_split):
        prods = [pr for p in ps for pr in p.products]
        for attempt in range(200):
            r2 = random.Random(rng.random())
            sellers = [pr for pr in prods if pr.part in (wb, soj) or r2.random() > 0.15]
            lines = []
            u = 0
            order = list(sellers)
            r2.shuffle(order)
            while u < U:
                pr = order.pop() if order else r2.choice(sellers)
                qty = min(U - u, r2.randint(1, 5 if pr.price < 60000 else 2))
                lines.append(Line(pr, qty, pr.price, d))
                u += qty
            s = sum(l.amount for l in lines)
            # nudge the mix of products (same quantities) towards the omzet
            for _ in range(5000):
                if T <= s <= T * 1.04:
                    break
                ln = r2.choice(lines)
                pr = r2.choice(sellers)
                delta = ln.qty * (pr.price - ln.price)
                if (s > T * 1.04 and delta < 0 and s + delta >= T) or (s < T and delta > 0):
                    lines[lines.index(ln)] = Line(pr, ln.qty, pr.price, d)
                    s += delta
            if T <= s <= T * 1.04:
                break
        else:
            raise RuntimeError("JBL fit failed")
        discount_to(r2, lines, T)
        for ln in lines:
            ln.channel = "online"
            ln.buyer = online_buyer(r2, "Jakarta Selatan")
            ln.ref = inv_ref(sc, d, 1402000000)
        ev_lines.append((ev, d, nm, ps, prods, lines))
    for ev, d, nm, ps, prods, lines in ev_lines:
        sc.emit("")
        sc.emit('open event %s name "%s" program JBL mode online channel "tokopedia/jakpreneurofficial" '
                'kota "Jakarta Selatan" level kota on %s' % (ev, nm, d.isoformat()))
        t = Tally()
        for p in ps:
            sc.emit("add stall %s products %s" % (p.pid, " ".join(pr.prid for pr in p.products)))
            t.stall(ev, p, p.products)
            whole.stall(ev, p, p.products)
        sc.emit("date %s" % d.isoformat())
        for ln in lines:
            sc.emit(sale_line(sc, ln))
            t.sale(ev, ln)
            whole.sale(ev, ln)
        sc.emit("close event")
        per_event[ev] = t.as_dict()
    path = sc.write()
    exp = {
        "source": "seeds/004 (ANTARA, 10 Dec 2021)",
        "scopes": {
            "whole": {"report": "report range 2021-11-26..2021-12-05 program JBL", "totals": whole.as_dict(),
                      "article": ["events", "units", "omzet"]},
        },
    }
    for ev, t in per_event.items():
        exp["scopes"][ev] = {"report": "report event %s" % ev, "totals": t, "article": []}
    return path, exp


# ==========================================================================
# 4. Jakarta Barat 2023: 130 offline bazaars + 4 online JBL
# ==========================================================================
def gen_jakbar():
    sc = Script("jakbar-2023.bazar", 2023_01_04, [
        "# Sudin PPKUKM Jakarta Barat, bazaars 2023 (press release 4 Jan 2024; seeds/002)",
        "# Offline: 130 bazaars March-December 2023 (kecamatan, kota and provinsi level),",
        "#          4.100 UMKM participations, omzet Rp 3.300.000.000 (article: 'kurang lebih Rp 3,3 miliar').",
        "# Online:  4 x Jumat Beli Lokal in tokopedia/jabfestofficial, 178 UKM, omzet Rp 170.000.000 ('kurang lebih').",
        "# The article's combined 4.352 businesses cannot be reproduced: at most 4.100 + 178 = 4.278 distinct",
        "# businesses can have these stalls. Here every participation is a distinct business (4.278). See README.",
        "# Generated by Tests/Seeds/generate.py - do not edit by hand.",
    ])
    rng = sc.rng
    OFF_STALLS, OFF_OMZET, OFF_EVENTS = 4100, 3300000000, 130
    ON_STALLS, ON_OMZET, ON_EVENTS = 178, 170000000, 4
    kecs = list(JAKBAR)

    # ---- offline events: 80 kecamatan-level (8 kec x 10 months), 30 kota-level, 20 provinsi-level
    events = []  # (id, name, program, level, kota, kec, venue, start, end, stall_count_weight)
    n = 0
    for m in range(3, 13):
        for k in kecs:
            n += 1
            day = rng.randint(2, 24)
            start = date(2023, m, day)
            end = start + timedelta(days=rng.choice([0, 1, 2]))
            events.append(dict(id="jakbar-2023-off-%03d" % n, name="Bazar UMKM Kecamatan %s" % k,
                               program="BAZAR-JAKBAR", level="kecamatan", kota="Jakarta Barat", kec=k,
                               venue="Kantor Kecamatan %s" % k, start=start, end=end, w=rng.uniform(0.6, 1.0),
                               pool=k))
    kota_venues = ["Kantor Wali Kota Jakarta Barat", "Taman Cattleya", "Kawasan Kota Tua", "Lapangan Jelambar",
                   "Taman Menteng Kembangan"]
    for i in range(30):
        m = 3 + i % 10
        n += 1
        start = date(2023, m, rng.randint(3, 22))
        end = start + timedelta(days=rng.choice([1, 2, 3]))
        events.append(dict(id="jakbar-2023-off-%03d" % n, name="Bazar Jakpreneur Jakarta Barat %s" % start.strftime("%m/%Y"),
                           program="BAZAR-JAKBAR", level="kota", kota="Jakarta Barat", kec="Kembangan",
                           venue=kota_venues[i % len(kota_venues)], start=start, end=end, w=rng.uniform(1.2, 1.8),
                           pool=None))
    prov = ([("Bazar UMKM Balai Kota", "BAZAR-BALKOT", "Balai Kota DKI Jakarta", "Jakarta Pusat", "Gambir")] * 10 +
            [("Pameran Produk UMKM DKI Jakarta", "PAMERAN-DKI", "JIExpo Kemayoran", "Jakarta Pusat", "Kemayoran")] * 5 +
            [("Bazar Muda Mudi Jakarta Kota Global", "JKG-MUDA", "Lapangan Banteng", "Jakarta Pusat", "Sawah Besar")] * 5)
    for i, (nm, prog, venue, kota, kec) in enumerate(prov):
        m = 3 + (i * 7) % 10
        n += 1
        start = date(2023, m, rng.randint(5, 20))
        end = start + timedelta(days=rng.choice([2, 3, 4]))
        events.append(dict(id="jakbar-2023-off-%03d" % n, name="%s %s" % (nm, start.strftime("%m/%Y")),
                           program=prog, level="provinsi", kota=kota, kec=kec, venue=venue, start=start, end=end,
                           w=rng.uniform(0.3, 0.7), pool=None))
    assert len(events) == OFF_EVENTS
    events.sort(key=lambda e: (e["start"], e["id"]))
    # renumber by date so ids follow the calendar
    for i, e in enumerate(events):
        e["id"] = "jakbar-2023-off-%03d" % (i + 1)
    # stalls per event, exactly 4100
    ws = sum(e["w"] for e in events)
    for e in events:
        e["n"] = max(8, int(OFF_STALLS * e["w"] / ws))
    while sum(e["n"] for e in events) < OFF_STALLS:
        rng.choice(events)["n"] += 1
    while sum(e["n"] for e in events) > OFF_STALLS:
        e = rng.choice(events)
        if e["n"] > 8:
            e["n"] -= 1
    # participants: one per stall (4.100 distinct offline businesses)
    kec_of = []
    for e in events:
        for j in range(e["n"]):
            kec_of.append(e["pool"] or kecs[(len(kec_of)) % 8])
    counts = [rng.choice([1, 1, 1, 1, 1, 1, 2]) for _ in range(OFF_STALLS)]
    off_parts = []
    for i in range(OFF_STALLS):
        # make one participant of the right kecamatan
        p = make_participants(sc, 1, "Jakarta Barat", {kec_of[i]: JAKBAR[kec_of[i]]}, "jb%04d-" % (i + 1),
                              {"makanan": 58, "minuman": 14, "fesyen": 16, "kerajinan": 12}, [counts[i]])[0]
        off_parts.append(p)
    # online participants: 178 more distinct businesses
    on_counts = [rng.choice([1, 2, 2, 3]) for _ in range(ON_STALLS)]
    on_parts = []
    for i in range(ON_STALLS):
        kec = kecs[i % 8]
        p = make_participants(sc, 1, "Jakarta Barat", {kec: JAKBAR[kec]}, "jbo%03d-" % (i + 1),
                              {"makanan": 50, "minuman": 15, "fesyen": 20, "kerajinan": 15}, [on_counts[i]])[0]
        on_parts.append(p)
    # ids: make_participants numbers from 1, so strip the "-1" suffix it appends
    for p in off_parts + on_parts:
        assert p.pid.endswith("-1")
        p.pid = p.pid[:-2]

    sc.emit("")
    sc.emit("# --- pelaku UMKM Jakarta Barat ---")
    for i, p in enumerate(off_parts + on_parts):
        sc.emit(p.line(with_phone=(i % 20 == 0)))
    sc.emit("")
    for p in off_parts + on_parts:
        for pr in p.products:
            sc.emit(product_line(sc, pr, short=True))

    whole, off, on = Tally(), Tally(), Tally()
    # omzet per event proportional to stalls x a random factor, exact total
    wts = [e["n"] * rng.uniform(0.6, 1.5) * (1.6 if e["level"] == "provinsi" else 1.0) for e in events]
    sw = sum(wts)
    ev_omzet = [int(OFF_OMZET * w / sw) // 1000 * 1000 for w in wts]
    ev_omzet[-1] += OFF_OMZET - sum(ev_omzet)
    pi = 0
    for e, T in zip(events, ev_omzet):
        ev = e["id"]
        sc.emit("")
        if e["start"] == e["end"]:
            dates = "on %s" % e["start"].isoformat()
        else:
            dates = "from %s to %s" % (e["start"].isoformat(), e["end"].isoformat())
        sc.emit('open event %s name %s program %s mode offline kota %s kecamatan %s level %s venue %s %s' % (
            ev, q(e["name"]), e["program"], q(e["kota"]), q(e["kec"]), e["level"], q(e["venue"]), dates))
        ps = off_parts[pi:pi + e["n"]]
        pi += e["n"]
        days = list(daterange(e["start"], e["end"]))
        lines = []
        prods = []
        for p in ps:
            sc.emit("add stall %s products %s" % (p.pid, " ".join(pr.prid for pr in p.products)))
            for tl in (whole, off):
                tl.stall(ev, p, p.products)
        # most stalls (70%) report one recap total (whole-stall sale), the rest by product
        share = T // len(ps)
        product_stalls = []
        for p in ps:
            if rng.random() < 0.7:
                # the stall's recap for the whole bazaar, booked on its last day
                amt = round_to(share * rng.uniform(0.5, 1.0), 5000)
                lines.append(Line(None, 1, amt, days[-1], whole=True, part=p))
            else:
                product_stalls.append(p)
                prods.extend(p.products)
        W = sum(l.amount for l in lines)
        if not prods:  # keep at least one stall selling by product
            lines = [l for l in lines if l.part is not ps[0]]
            prods = list(ps[0].products)
        assert W < T * 0.9, (ev, W, T)

        def extra(ln):
            pass
        pl, _ = fill_lines(rng, prods, T - W, days, 20, extra, unsold_frac=0.1)
        lines.extend(pl)
        emit_sales(sc, lines)
        for ln in lines:
            whole.sale(ev, ln)
            off.sale(ev, ln)
        sc.emit("close event")
    assert pi == OFF_STALLS

    # ---- online JBL (tokopedia/jabfestofficial): 4 Fridays
    fridays = [date(2023, 5, 26), date(2023, 7, 28), date(2023, 9, 29), date(2023, 11, 24)]
    on_n = [45, 45, 44, 44]
    on_omzet = split_total(rng, ON_OMZET, ON_EVENTS, 0.8, 1.2, 5000)
    pi = 0
    for i, (d, k, T) in enumerate(zip(fridays, on_n, on_omzet)):
        ev = "jakbar-2023-jbl-%d" % (i + 1)
        sc.emit("")
        sc.emit('open event %s name "Jumat Beli Lokal Jakarta Barat #%d" program JBL mode online '
                'channel "tokopedia/jabfestofficial" kota "Jakarta Barat" level kota on %s' % (ev, i + 1, d.isoformat()))
        ps = on_parts[pi:pi + k]
        pi += k
        prods = []
        for p in ps:
            sc.emit("add stall %s products %s" % (p.pid, " ".join(pr.prid for pr in p.products)))
            for tl in (whole, on):
                tl.stall(ev, p, p.products)
            prods.extend(p.products)

        def extra(ln):
            ln.channel = "online"
            ln.buyer = online_buyer(rng, "Jakarta Barat")
            ln.ref = inv_ref(sc, ln.day, 2310000000)
        lines, _ = fill_lines(rng, prods, T, [d], 5, extra, unsold_frac=0.15)
        emit_sales(sc, lines)
        for ln in lines:
            whole.sale(ev, ln)
            on.sale(ev, ln)
        sc.emit("close event")
    assert pi == ON_STALLS
    path = sc.write()
    exp = {
        "source": "seeds/002 (Sudin PPKUKM Jakarta Barat, press release 4 Jan 2024)",
        "scopes": {
            "whole": {"report": "report year 2023 kota \"Jakarta Barat\"", "totals": whole.as_dict(),
                      "article": [],
                      "note": "article's combined 4.352 businesses is inconsistent with 4.100 + 178; this data has 4.278"},
            "offline": {"report": "report year 2023 mode offline", "totals": off.as_dict(),
                        "article": ["events", "stalls", "omzet"]},
            "online": {"report": "report year 2023 mode online program JBL", "totals": on.as_dict(),
                       "article": ["events", "stalls", "omzet"]},
        },
    }
    return path, exp


def main():
    expected = {}
    for gen in (gen_borju, gen_jakpus, gen_jbl_jaksel, gen_jakbar):
        path, exp = gen()
        expected[os.path.basename(path)] = exp
        print("wrote %s (%d bytes)" % (os.path.relpath(path), os.path.getsize(path)))
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False, sort_keys=False)
        f.write("\n")
    print("wrote expected.json")


if __name__ == "__main__":
    main()
