#!/usr/bin/env python3
"""Deterministic data generator for scripts/bench (issue 6).

Writes the same N sales three ways into OUT:
  bench.bazar   the bazar language (participants, products, then events with their sales)
  bench.sql     schema + INSERTs in one BEGIN/COMMIT, for the sqlite3 CLI
  bench.ledger  one transaction per sale, for ledger and hledger
plus small files for the "add" tasks (bench-add.bazar, bench-add.sql) and
bench.env, a shell fragment with facts the runner needs (ids of the last event,
a product to sell, ...).

Only the standard library, one fixed seed: the same N gives byte-identical files.
Speed matters (1M sales in a few seconds), so the inner loop works on
precomputed strings and writes one joined chunk per event.

usage: gen.py N OUT [--seed S] [--participants P] [--products Q]
"""
import argparse
import datetime as dt
import os
import random
import sys

KOTA = {
    "Jakarta Pusat": ["Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih",
                      "Menteng", "Tanah Abang", "Johar Baru"],
    "Jakarta Utara": ["Penjaringan", "Pademangan", "Tanjung Priok", "Koja",
                      "Kelapa Gading", "Cilincing"],
    "Jakarta Barat": ["Cengkareng", "Grogol Petamburan", "Taman Sari", "Tambora",
                      "Kebon Jeruk", "Kalideres", "Palmerah", "Kembangan"],
    "Jakarta Selatan": ["Tebet", "Setiabudi", "Mampang Prapatan", "Pasar Minggu",
                        "Kebayoran Lama", "Cilandak", "Kebayoran Baru", "Pancoran",
                        "Jagakarsa", "Pesanggrahan"],
    "Jakarta Timur": ["Matraman", "Pulo Gadung", "Jatinegara", "Duren Sawit", "Kramat Jati",
                      "Makasar", "Pasar Rebo", "Ciracas", "Cipayung", "Cakung"],
    "Kepulauan Seribu": ["Kepulauan Seribu Utara", "Kepulauan Seribu Selatan"],
}
KOTA_SHORT = {"Jakarta Pusat": "jakpus", "Jakarta Utara": "jakut", "Jakarta Barat": "jakbar",
              "Jakarta Selatan": "jaksel", "Jakarta Timur": "jaktim",
              "Kepulauan Seribu": "kepseribu"}
# category -> (business-name words, product words, price range in rupiah)
CATEGORIES = {
    "kuliner": (["Dapur", "Warung", "Kedai", "Rumah Makan", "Sambal"],
                ["Kue Lapis", "Kué Putu", "Rendang", "Keripik Pedas", "Sambal Bawang",
                 "Nastar", "Kerak Telor", "Dodol Betawi", "Roti Buaya", "Asinan"],
                (10_000, 150_000)),
    "minuman": (["Kopi", "Teh", "Jamu", "Sari"],
                ["Bir Pletok", "Kopi Bubuk", "Teh Serai", "Jamu Kunyit", "Wedang Jahe",
                 "Sirup Pala"], (8_000, 90_000)),
    "fashion": (["Batik", "Butik", "Konveksi", "Tenun"],
                ["Kemeja Batik", "Kain Tenun", "Hijab", "Kaos Sablon", "Gamis", "Sarung"],
                (50_000, 750_000)),
    "kriya": (["Kriya", "Sanggar", "Galeri"],
              ["Ondel-ondel Mini", "Tas Anyaman", "Gantungan Kunci", "Vas Keramik",
               "Lukisan Kaca"], (15_000, 500_000)),
    "kosmetik": (["Herbal", "Cantik", "Sehat"],
                 ["Sabun Sereh", "Lulur", "Minyak Urut", "Masker Beras", "Lilin Aroma"],
                 (12_000, 200_000)),
    "aksesoris": (["Pernak", "Kreasi", "Manik"],
                  ["Gelang Manik", "Kalung", "Bros", "Dompet Kulit", "Peci"],
                  (10_000, 300_000)),
}
OWNERS = ["Bu Sari", "Pak Udin", "Mpok Ida", "Bang Jali", "Bu Ningsih", "Pak Rahmat",
          "Ci Lina", "Mas Bayu", "Bu Endang", "Pak Haji Mamat", "Teh Rina", "Bu Ani"]
KINDS = ["ukm", "ukm", "ukm", "ikm", "umkm"]
QTYS = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 10, 12]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20240806)
    ap.add_argument("--participants", type=int, default=20_000)
    ap.add_argument("--products", type=int, default=60_000)
    a = ap.parse_args()
    if a.n < 1 or a.participants < 1 or a.products < a.participants:
        sys.exit("gen.py: need N >= 1 and products >= participants >= 1")
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    P = a.participants
    nprod = a.products

    # ---- participants -------------------------------------------------------
    cats = list(CATEGORIES)
    kotas = list(KOTA)
    kota_w = [22, 14, 20, 24, 22, 1]       # Kepulauan Seribu is small
    parts = []                              # (slug, name, kota, kec, cat, kind)
    for i in range(P):
        cat = rng.choice(cats)
        kota = rng.choices(kotas, kota_w)[0]
        kec = rng.choice(KOTA[kota])
        words = CATEGORIES[cat][0]
        name = f"{rng.choice(words)} {rng.choice(OWNERS)} {i + 1:05d}"
        parts.append((f"ukm-{i + 1:05d}", name, kota, kec, cat, rng.choice(KINDS)))

    # ---- products: every participant has >= 1, the rest spread at random -----
    counts = [1] * P
    for i in rng.choices(range(P), k=nprod - P):
        counts[i] += 1
    products = []                           # (participant index, slug, name, price)
    prod_of = []                            # participant index -> [product indexes]
    for pi in range(P):
        cat = parts[pi][4]
        lo, hi = CATEGORIES[cat][2]
        mine = []
        for k in range(counts[pi]):
            pname = rng.choice(CATEGORIES[cat][1])
            price = rng.randrange(lo, hi, 500)
            mine.append(len(products))
            products.append((pi, f"p{k + 1}", f"{pname} {k + 1}", price))
        prod_of.append(mine)

    # ---- events: ~400 over 2019-2024 -----------------------------------------
    # (slug, name, program, mode, start date, days, stall count, weight)
    events = []
    for year in range(2019, 2025):
        for month in range(1, 13):
            start = dt.date(year, month, rng.randrange(1, 20))
            events.append((f"borju-{year}-{month:02d}", f"BORJU {year}-{month:02d}",
                           "BORJU", "online", start, rng.randrange(3, 8), 250, 5.0))
            # Jumat Beli Lokal: two one-day Fridays a month
            d = dt.date(year, month, 1)
            fridays = [d + dt.timedelta(days=k) for k in range(28)
                       if (d + dt.timedelta(days=k)).weekday() == 4]
            for f in (fridays[0], fridays[2]):
                events.append((f"jbl-{f.isoformat()}", f"Jumat Beli Lokal {f.isoformat()}",
                               "JBL", "online", f, 1, 60, 0.6))
        for k in range(20):                 # offline bazaars at kecamatan level
            kota = rng.choices(kotas, kota_w)[0]
            start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 360))
            events.append((f"bazar-{KOTA_SHORT[kota]}-{year}-{k + 1:02d}",
                           f"Bazar UMKM {rng.choice(KOTA[kota])} {year}", "JAKPRENEUR",
                           "offline", start, rng.randrange(1, 4), 80, 1.2))
        for k in range(10):                 # hybrid bazaars at kota/province level
            kota = kotas[k % 5]
            start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 355))
            events.append((f"hybrid-{KOTA_SHORT[kota]}-{year}-{k + 1:02d}",
                           f"Bazar Hybrid {kota} {year}", "EXPO", "hybrid",
                           start, rng.randrange(2, 5), 400, 6.0))
    # Events are entered in date order; the last one is left open for the add tasks.
    events.sort(key=lambda e: (e[4], e[0]))

    # sales per event: proportional to weight x days, remainder to the largest
    w = [e[7] * e[5] for e in events]
    tw = sum(w)
    per = [int(a.n * x / tw) for x in w]
    per[w.index(max(w))] += a.n - sum(per)

    # ---- write --------------------------------------------------------------
    fb = open(os.path.join(a.out, "bench.bazar"), "w", encoding="utf-8")
    fs = open(os.path.join(a.out, "bench.sql"), "w", encoding="utf-8")
    fl = open(os.path.join(a.out, "bench.ledger"), "w", encoding="utf-8")

    fb.write(f"# bazar benchmark: {a.n} sales, seed {a.seed} (generated by scripts/bench.d/gen.py)\n")
    fs.write(f"-- bazar benchmark: {a.n} sales, seed {a.seed} (generated by scripts/bench.d/gen.py)\n"
             # The same work as bazar's load: bazar does not re-check foreign keys row by row while a
             # script loads (every row refers to what the script looked up), so neither does sqlite3 here.
             "PRAGMA foreign_keys = OFF;\n"
             "BEGIN;\n"
             "CREATE TABLE participant(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,\n"
             "  name TEXT NOT NULL, kota TEXT, kecamatan TEXT, category TEXT, kind TEXT);\n"
             "CREATE TABLE product(id INTEGER PRIMARY KEY,\n"
             "  participant_id INTEGER NOT NULL REFERENCES participant(id),\n"
             "  slug TEXT NOT NULL, name TEXT NOT NULL, price INTEGER,\n"
             "  UNIQUE(participant_id, slug));\n"
             "CREATE TABLE event(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,\n"
             "  name TEXT NOT NULL, program TEXT, mode TEXT NOT NULL,\n"
             "  start_day TEXT NOT NULL, end_day TEXT NOT NULL);\n"
             "CREATE TABLE sale(id INTEGER PRIMARY KEY,\n"
             "  event_id INTEGER NOT NULL REFERENCES event(id),\n"
             "  product_id INTEGER NOT NULL REFERENCES product(id),\n"
             "  day TEXT NOT NULL, qty INTEGER NOT NULL, amount INTEGER NOT NULL,\n"
             "  channel TEXT NOT NULL);\n"
             "CREATE INDEX sale_day ON sale(day);\n")
    fl.write(f"; bazar benchmark: {a.n} sales, seed {a.seed} (generated by scripts/bench.d/gen.py)\n"
             "\n")

    # participants
    bl, sl = [], []
    for i, (slug, name, kota, kec, cat, kind) in enumerate(parts):
        bl.append(f'add participant {slug} name "{name}" kota "{kota}" kecamatan "{kec}" '
                  f'category {cat} kind {kind}\n')
        sl.append(f"INSERT INTO participant(id,slug,name,kota,kecamatan,category,kind) "
                  f"VALUES({i + 1},'{slug}','{name}','{kota}','{kec}','{cat}','{kind}');\n")
    fb.write("".join(bl))
    fs.write("".join(sl))
    # products
    bl, sl = [], []
    for j, (pi, slug, name, price) in enumerate(products):
        bl.append(f'add product {parts[pi][0]}/{slug} name "{name}" price {price}\n')
        sl.append(f"INSERT INTO product(id,participant_id,slug,name,price) "
                  f"VALUES({j + 1},{pi + 1},'{slug}','{name}',{price});\n")
    fb.write("".join(bl))
    fs.write("".join(sl))

    # Per-product strings, computed once: the sales loop only glues them together.
    ref = [f"{parts[pi][0]}/{slug}" for (pi, slug, _, _) in products]
    price_of = [p[3] for p in products]
    payee = [parts[pi][1] for (pi, _, _, _) in products]

    sid = 0
    rnd = rng.random
    for ei, (eslug, ename, prog, mode, start, days, nstalls, _) in enumerate(events):
        n_e = per[ei]
        end = start + dt.timedelta(days=days - 1)
        bl = [f'\nopen event {eslug} name "{ename}" program {prog} mode {mode} '
              f'from {start.isoformat()} to {end.isoformat()}\n']
        sl = [f"INSERT INTO event(id,slug,name,program,mode,start_day,end_day) "
              f"VALUES({ei + 1},'{eslug}','{ename}','{prog}','{mode}',"
              f"'{start.isoformat()}','{end.isoformat()}');\n"]
        ll = []
        # the stalls of this event, and their products
        stalls = rng.sample(range(P), min(nstalls, P))
        pool = [j for pi in stalls for j in prod_of[pi]]
        # a few best sellers: the square of a uniform skews picks to the front
        picks = [pool[int(rnd() * rnd() * len(pool))] for _ in range(n_e)]
        qtys = rng.choices(QTYS, k=n_e)
        dayidx = sorted(rng.randrange(days) for _ in range(n_e))
        if mode == "hybrid":                # hybrid: 40 % online; default channel offline
            online = [rnd() < 0.4 for _ in range(n_e)]
        else:
            online = [mode == "online"] * n_e
        acct = f"Income:Bazar:{eslug}"
        cur = -1
        for k in range(n_e):
            if dayidx[k] != cur:
                cur = dayidx[k]
                day = (start + dt.timedelta(days=cur)).isoformat()
                bl.append(f"date {day}\n")
            j = picks[k]
            q = qtys[k]
            amt = q * price_of[j]
            ch = "online" if online[k] else "offline"
            sid += 1
            if mode == "hybrid" and online[k]:
                bl.append(f"add sale {ref[j]} qty {q} amount {amt} channel online\n")
            else:
                bl.append(f"add sale {ref[j]} qty {q} amount {amt}\n")
            sl.append(f"INSERT INTO sale(event_id,product_id,day,qty,amount,channel) "
                      f"VALUES({ei + 1},{j + 1},'{day}',{q},{amt},'{ch}');\n")
            ll.append(f"{day} {payee[j]}\n    ; product: {ref[j]}\n"
                      f"    Assets:Receivable  IDR {amt}\n    {acct}\n\n")
        if ei < len(events) - 1:
            bl.append("close event\n")
        else:
            bl.append("# the last event stays open: scripts/bench adds sales to it\n")
        fb.write("".join(bl))
        fs.write("".join(sl))
        fl.write("".join(ll))
    fs.write("COMMIT;\n")
    fb.close()
    fs.close()
    fl.close()

    # ---- the add tasks: 1000 sales into the last (open) event ---------------
    eslug, _, _, mode, start, days, _, _ = events[-1]
    last = len(events)
    day = (start + dt.timedelta(days=days - 1)).isoformat()
    stalls = rng.sample(range(P), 50)
    pool = [j for pi in stalls for j in prod_of[pi]]
    ch = "online" if mode == "online" else "offline"
    bl = [f"open event {eslug}\n", f"date {day}\n"]
    sl = ["BEGIN;\n"]
    for _ in range(1000):
        j = rng.choice(pool)
        q = rng.choice(QTYS)
        bl.append(f"add sale {ref[j]} qty {q} amount {q * price_of[j]}\n")
        sl.append(f"INSERT INTO sale(event_id,product_id,day,qty,amount,channel) "
                  f"VALUES({last},{j + 1},'{day}',{q},{q * price_of[j]},'{ch}');\n")
    sl.append("COMMIT;\n")
    with open(os.path.join(a.out, "bench-add.bazar"), "w", encoding="utf-8") as f:
        f.write("".join(bl))
    with open(os.path.join(a.out, "bench-add.sql"), "w", encoding="utf-8") as f:
        f.write("".join(sl))
    j = pool[0]
    with open(os.path.join(a.out, "bench.env"), "w", encoding="utf-8") as f:
        f.write(f"LAST_EVENT={eslug}\nLAST_EVENT_ID={last}\nLAST_DAY={day}\n"
                f"ADD_REF={ref[j]}\nADD_PRODUCT_ID={j + 1}\nADD_AMOUNT={price_of[j]}\nADD_CHANNEL={ch}\n"
                f"EVENTS={len(events)}\nSALES={sid}\n")
    print(f"gen.py: {sid} sales, {len(events)} events, {P} participants, "
          f"{len(products)} products -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
