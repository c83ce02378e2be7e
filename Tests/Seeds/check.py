#!/usr/bin/env python3
"""Independent check of the seed scripts (Python 3 standard library only).

Parses every Tests/Seeds/*.bazar file on its own (it shares no code with
generate.py), checks that each script is well formed and self-contained, that
the four scripts can share one store, recomputes the report totals of SPEC
section 4 and compares them with
  (a) the figures of the news articles (hard-coded below), and
  (b) expected.json.
Prints the figures; exits 1 on any mismatch.
"""
import json
import os
import re
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = ["borju-2020.bazar", "jakpus-hybrid-2021.bazar", "jbl-jaksel-2021.bazar", "jakbar-2023.bazar"]
FAILS = []


def fail(msg):
    FAILS.append(msg)
    print("FAIL: " + msg)


# ---------------------------------------------------------------- lexing
def tokens(line):
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t":
            i += 1
        elif c == "#":
            break
        elif c == '"':
            i += 1
            buf = []
            while True:
                if i >= n:
                    raise ValueError("unterminated string")
                if line[i] == "\\":
                    buf.append(line[i + 1])
                    i += 2
                elif line[i] == '"':
                    i += 1
                    break
                else:
                    buf.append(line[i])
                    i += 1
            out.append(("s", "".join(buf)))
        else:
            j = i
            while j < n and line[j] not in ' \t"':
                j += 1
            out.append(("w", line[i:j]))
            i = j
    return out


SLUG = re.compile(r"^[A-Za-z0-9_-]+$")


def money(toks, i):
    """Parse money at toks[i]; returns (value, next index). Accepts the forms the seeds use."""
    t = toks[i][1]
    if t.lower() == "rp":
        i += 1
        t = toks[i][1]
    elif t.lower().startswith("rp"):
        t = t[2:]
    m = re.fullmatch(r"(\d+)rb", t)
    if m:
        return int(m.group(1)) * 1000, i + 1
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        return int(t.replace(".", "")), i + 1
    if re.fullmatch(r"\d+", t):
        return int(t), i + 1
    raise ValueError("bad money %r" % t)


def attrs(toks, i, money_keys=()):
    d = {}
    while i < len(toks):
        k = toks[i][1].lower()
        if k in money_keys:
            d[k], i = money(toks, i + 1)
        elif k == "products":
            d[k] = [t[1] for t in toks[i + 1:]]
            i = len(toks)
        else:
            d[k] = toks[i + 1][1]
            i += 2
    return d


# ---------------------------------------------------------------- store
class Store:
    def __init__(self, name):
        self.name = name
        self.events = {}        # id -> dict(start, end, attrs)
        self.parts = {}         # id -> attrs
        self.products = {}      # "p/x" -> attrs
        self.stalls = {}        # (pid, ev) -> set(product refs)
        self.sales = []         # dicts
        self.refs = set()
        self.cur = None
        self.cur_date = None
        self.closed = set()

    def err(self, ln, msg):
        fail("%s:%d: %s" % (self.name, ln, msg))

    def run(self, text):
        for ln, raw in enumerate(text.split("\n"), 1):
            try:
                toks = tokens(raw)
            except ValueError as e:
                self.err(ln, str(e))
                continue
            if not toks:
                continue
            try:
                self.command(ln, toks)
            except (ValueError, IndexError, KeyError) as e:
                self.err(ln, "cannot parse: %s | %s" % (e, raw[:120]))

    def command(self, ln, toks):
        w = [t[1].lower() for t in toks]
        if w[:2] == ["open", "event"]:
            eid = toks[2][1]
            if not SLUG.match(eid) or eid.lower() in self.events:
                self.err(ln, "bad or duplicate event id " + eid)
            a = {}
            i = 3
            while i < len(toks):
                k = w[i]
                if k == "on":
                    a["start"] = a["end"] = date.fromisoformat(toks[i + 1][1]); i += 2
                elif k == "from":
                    a["start"] = date.fromisoformat(toks[i + 1][1]); i += 2
                elif k == "to":
                    a["end"] = date.fromisoformat(toks[i + 1][1]); i += 2
                elif k == "target":
                    a["target"], i = money(toks, i + 1)
                else:
                    a[k] = toks[i + 1][1]; i += 2
            if "start" not in a or a["end"] < a["start"]:
                self.err(ln, "event without valid dates")
            self.events[eid.lower()] = a
            self.cur, self.cur_date = eid.lower(), None
        elif w[:2] == ["close", "event"]:
            self.closed.add(self.cur)
            self.cur = None
        elif w[0] == "date":
            d = date.fromisoformat(toks[1][1])
            e = self.events[self.cur]
            if not (e["start"] <= d <= e["end"]):
                self.err(ln, "date %s outside event %s" % (d, self.cur))
            self.cur_date = d
        elif w[:2] == ["add", "participant"]:
            pid = toks[2][1].lower()
            if not SLUG.match(pid) or pid in self.parts:
                self.err(ln, "bad or duplicate participant " + pid)
            self.parts[pid] = attrs(toks, 3)
        elif w[:2] == ["add", "product"]:
            ref = toks[2][1].lower()
            pid, _, prid = ref.partition("/")
            if pid not in self.parts or not SLUG.match(prid) or ref in self.products:
                self.err(ln, "bad product " + ref)
            a = attrs(toks, 3, ("price",))
            if not (5000 <= a.get("price", 0) <= 500000):
                self.err(ln, "price out of 5rb..500rb: %s" % a.get("price"))
            a.setdefault("category", self.parts[pid].get("category"))
            self.products[ref] = a
        elif w[:2] == ["add", "stall"]:
            pid = toks[2][1].lower()
            if self.cur is None or self.cur in self.closed:
                self.err(ln, "stall outside an open event")
            if pid not in self.parts:
                self.err(ln, "unknown participant " + pid)
            a = attrs(toks, 3)
            s = self.stalls.setdefault((pid, self.cur), set())
            for prid in a.get("products", []):
                ref = pid + "/" + prid.lower()
                if ref not in self.products:
                    self.err(ln, "unknown product " + ref)
                s.add(ref)
        elif w[:2] == ["add", "sale"]:
            ref = toks[2][1].lower()
            if self.cur is None or self.cur_date is None:
                self.err(ln, "sale without event/date")
            a = attrs(toks, 3, ("price", "amount"))
            if "/" in ref:
                pid = ref.split("/")[0]
                if ref not in self.products:
                    self.err(ln, "unknown product " + ref)
                qty = int(a.get("qty", 1))
                if "amount" in a:
                    amount = a["amount"]
                else:
                    amount = qty * a.get("price", self.products[ref]["price"])
                prod = ref
            else:
                pid, prod, qty = ref, None, int(a.get("qty", 1))
                if "amount" not in a:
                    self.err(ln, "whole-stall sale without amount")
                amount = a["amount"]
            if pid not in self.parts:
                self.err(ln, "unknown participant " + pid)
            if qty < 1 or amount < 0:
                self.err(ln, "qty < 1 or amount < 0")
            if "ref" in a:
                if a["ref"] in self.refs:
                    self.err(ln, "duplicate ref " + a["ref"])
                self.refs.add(a["ref"])
            s = self.stalls.setdefault((pid, self.cur), set())
            if prod:
                s.add(prod)  # a sale lists its product
            ev = self.events[self.cur]
            ch = a.get("channel") or ("offline" if ev.get("mode") in ("offline", "hybrid") else "online")
            self.sales.append(dict(event=self.cur, date=self.cur_date, pid=pid, product=prod, qty=qty,
                                   amount=amount, channel=ch, buyer=a.get("buyer"), ref=a.get("ref")))
        else:
            raise ValueError("unknown command")

    # ------------------------------------------------------------ reports
    def totals(self, ev_pred=lambda eid, e: True, sale_pred=None, sales_only=False):
        evs = {eid for eid, e in self.events.items() if ev_pred(eid, e)}
        sl = [s for s in self.sales if s["event"] in evs and (sale_pred is None or sale_pred(s))]
        t = {"events": len(evs), "omzet": sum(s["amount"] for s in sl), "units": sum(s["qty"] for s in sl),
             "sales": len(sl)}
        if sales_only:
            return t
        st = [(k, v) for k, v in self.stalls.items() if k[1] in evs]
        t["participants"] = len({k[0] for k, v in st})
        t["stalls"] = len(st)
        t["products"] = len({p for k, v in st for p in v})
        t["listings"] = sum(len(v) for k, v in st)
        return t


def in_month(y, m):
    first = date(y, m, 1)
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))
    return lambda eid, e: e["start"] <= last and e["end"] >= first


def in_year(y):
    return lambda eid, e: e["start"].year <= y <= e["end"].year


def fmt(v):
    return "Rp " + "{:,}".format(v).replace(",", ".")


def expect(label, got, want):
    bad = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
    if bad:
        fail("%s: %s" % (label, ", ".join("%s=%s (want %s)" % (k, g, w) for k, (g, w) in bad.items())))
    else:
        print("  ok  %-40s %s" % (label, ", ".join("%s=%s" % (k, fmt(v) if k in ("omzet", "target") else v)
                                                      for k, v in want.items())))


def main():
    with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    stores = {}
    for name in SCRIPTS:
        path = os.path.join(HERE, name)
        size = os.path.getsize(path)
        st = Store(name)
        with open(path, encoding="utf-8") as f:
            st.run(f.read())
        stores[name] = st
        print("%s: %d bytes, %d events, %d participants, %d products, %d stalls, %d sales" % (
            name, size, len(st.events), len(st.parts), len(st.products), len(st.stalls), len(st.sales)))
        if size > 2 * 1024 * 1024:
            fail("%s larger than 2 MiB" % name)
        if st.cur is not None:
            fail("%s leaves event %s open" % (name, st.cur))
        # every defined participant and product takes part (no dead definitions)
        used_p = {k[0] for k in st.stalls}
        used_pr = {p for v in st.stalls.values() for p in v}
        if set(st.parts) - used_p:
            fail("%s: participants without a stall: %d" % (name, len(set(st.parts) - used_p)))
        if set(st.products) - used_pr:
            fail("%s: products never listed: %d" % (name, len(set(st.products) - used_pr)))

    # ids across scripts must not clash (all four can go into one store)
    for kind in ("events", "parts", "products", "refs"):
        seen = {}
        for name, st in stores.items():
            for k in getattr(st, kind):
                if k in seen:
                    fail("%s %s in both %s and %s" % (kind, k, seen[k], name))
                seen[k] = name

    # ---------------- 1. BORJU 2020 (seeds/000)
    print("\nborju-2020.bazar  (seeds/000 TribunJakarta 23/12/2020)")
    st = stores["borju-2020.bazar"]
    borju = lambda eid, e: e.get("program", "").upper() == "BORJU"
    yr = st.totals(lambda i, e: borju(i, e) and in_year(2020)(i, e))
    expect("year 2020 (article)", yr, {"events": 10, "omzet": 105890050, "products": 642, "participants": 188})
    aug = st.totals(lambda i, e: borju(i, e) and in_month(2020, 8)(i, e))
    expect("August 2020 (article)", aug, {"omzet": 18944500, "products": 356, "participants": 127})
    months = {}
    for m in range(1, 13):
        t = st.totals(lambda i, e: borju(i, e) and in_month(2020, m)(i, e))
        if t["events"]:
            months[m] = t["omzet"]
            if t["events"] != 1:
                fail("BORJU month %d has %d events" % (m, t["events"]))
    print("  months: " + ", ".join("%02d=%s" % (m, fmt(v)) for m, v in months.items()))
    want_months = {int(k[5:]): v["omzet"] for k, v in expected["borju-2020.bazar"]["months"].items()}
    if want_months != months:
        fail("BORJU monthly omzet differs from expected.json")
    else:
        print("  ok  expected.json months (10 monthly omzet figures)")
    best = max(months, key=months.get)
    if best != 8 or any(v >= months[8] for m, v in months.items() if m != 8):
        fail("August is not strictly the best month")
    else:
        print("  ok  best month 2020-08 %s, every other month lower" % fmt(months[8]))
    if yr["products"] >= yr["listings"]:
        fail("BORJU: products should be < listings")
    unsold = {(k, p) for k, v in st.stalls.items() for p in v} - {((s["pid"], s["event"]), s["product"]) for s in st.sales}
    print("  listings %d > products %d; %d listings unsold" % (yr["listings"], yr["products"], len(unsold)))
    if not unsold:
        fail("BORJU: no unsold listings")
    if {p["kota"] for p in st.parts.values()} != {"Jakarta Utara"} or \
            {p["kecamatan"] for p in st.parts.values()} != {"Cilincing", "Koja", "Kelapa Gading", "Tanjung Priok", "Pademangan", "Penjaringan"}:
        fail("BORJU participants not from the 6 kecamatan of Jakarta Utara")
    buyers = {s["buyer"] for s in st.sales}
    if not {"Jakarta Utara", "Bekasi", "Surabaya"} <= buyers or any(s["channel"] != "online" for s in st.sales):
        fail("BORJU buyers/channel")
    for k, want in expected["borju-2020.bazar"]["scopes"].items():
        got = yr if k == "whole" else aug
        expect("expected.json " + k, got, want["totals"])

    # ---------------- 2. Jakarta Pusat hybrid (seeds/001)
    print("\njakpus-hybrid-2021.bazar  (seeds/001)")
    st = stores["jakpus-hybrid-2021.bazar"]
    ev = lambda i, e: i == "jakpus-2021-09"
    whole = st.totals(ev)
    d1 = st.totals(ev, lambda s: s["date"] == date(2021, 9, 23), sales_only=True)
    d2 = st.totals(ev, lambda s: s["date"] == date(2021, 9, 24), sales_only=True)
    expect("2021-09-23 (article)", d1, {"omzet": 87922000})
    expect("2021-09-24 (article)", d2, {"omzet": 79551750})
    expect("whole event (article: 428 participants)", whole, {"participants": 428, "events": 1})
    print("  total omzet %s (= 87.922.000 + 79.551.750; the article prints Rp 167.437.750, see README)" % fmt(whole["omzet"]))
    e = st.events["jakpus-2021-09"]
    if e.get("mode") != "hybrid" or not (e.get("target", 0) < whole["omzet"]) or \
            (e["start"], e["end"]) != (date(2021, 9, 23), date(2021, 9, 24)):
        fail("jakpus event attributes (mode hybrid, dates, target below total)")
    else:
        print("  ok  target %s exceeded (%.3f%%)" % (fmt(e["target"]), 100.0 * whole["omzet"] / e["target"]))
    kecs = {st.parts[k[0]]["kecamatan"] for k in st.stalls}
    if kecs != {"Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih", "Menteng", "Tanah Abang", "Johar Baru"} \
            or {p["kota"] for p in st.parts.values()} != {"Jakarta Pusat"}:
        fail("jakpus kecamatan/kota")
    else:
        print("  ok  participants from exactly the 8 kecamatan of Jakarta Pusat")
    food = {"makanan", "minuman"}
    for s in st.sales:
        cat = st.products[s["product"]]["category"]
        if (cat in food) != (s["channel"] == "offline"):
            fail("jakpus: food must sell offline, crafts/fashion online")
            break
    ex = expected["jakpus-hybrid-2021.bazar"]["scopes"]
    w2 = dict(whole, target=e["target"])
    expect("expected.json whole", w2, ex["whole"]["totals"])
    expect("expected.json 2021-09-23", d1, ex["2021-09-23"]["totals"])
    expect("expected.json 2021-09-24", d2, ex["2021-09-24"]["totals"])
    for ch in ("offline", "online"):
        t = st.totals(ev, lambda s: s["channel"] == ch, sales_only=True)
        t.pop("events")
        expect("expected.json channel " + ch, t, ex["channel " + ch]["totals"])

    # ---------------- 3. JBL Jakarta Selatan (seeds/004)
    print("\njbl-jaksel-2021.bazar  (seeds/004 ANTARA 10/12/2021)")
    st = stores["jbl-jaksel-2021.bazar"]
    rng_ev = lambda i, e: e.get("program") == "JBL" and date(2021, 11, 26) <= e["start"] and e["end"] <= date(2021, 12, 5)
    whole = st.totals(rng_ev)
    expect("26 Nov + 5 Dec 2021 (article)", whole, {"events": 2, "units": 3484, "omzet": 105000000})
    days = sorted((e["start"], e["end"]) for e in st.events.values())
    if days != [(date(2021, 11, 26),) * 2, (date(2021, 12, 5),) * 2]:
        fail("JBL dates")
    wb = st.parts.get("wedang-batavia", {})
    if wb.get("name") != "Wedang Batavia 86" or wb.get("owner") != "Teguh Cahya Gumelar" or \
            st.products.get("wedang-batavia/bir-pletok", {}).get("name") != "Bir Pletok Tubruk" or \
            not {"wedang-batavia/wedang-komplit", "wedang-batavia/wedang-korea", "wedang-batavia/wedang-bunga-telang"} <= set(st.products) or \
            "suwe-ora-jamu" not in st.parts:
        fail("JBL named businesses/products")
    else:
        print("  ok  Wedang Batavia 86 (Teguh Cahya Gumelar) with its 4 products; Suwe Ora Jamu present")
    ex = expected["jbl-jaksel-2021.bazar"]["scopes"]
    expect("expected.json whole", whole, ex["whole"]["totals"])
    for k, v in ex.items():
        if k != "whole":
            expect("expected.json " + k, st.totals(lambda i, e, k=k: i == k), v["totals"])

    # ---------------- 4. Jakarta Barat 2023 (seeds/002)
    print("\njakbar-2023.bazar  (seeds/002)")
    st = stores["jakbar-2023.bazar"]
    off = st.totals(lambda i, e: in_year(2023)(i, e) and e.get("mode") == "offline")
    on = st.totals(lambda i, e: in_year(2023)(i, e) and e.get("mode") == "online" and e.get("program") == "JBL")
    whole = st.totals(in_year(2023))
    expect("offline (article)", off, {"events": 130, "stalls": 4100, "omzet": 3300000000})
    expect("online JBL (article)", on, {"events": 4, "stalls": 178, "omzet": 170000000})
    print("  combined: %d distinct businesses, %d stalls (article's 4.352 > 4.100 + 178 = 4.278: impossible)" % (
        whole["participants"], whole["stalls"]))
    offev = [e for e in st.events.values() if e.get("mode") == "offline"]
    if not all(date(2023, 3, 1) <= e["start"] and e["end"] <= date(2023, 12, 31) for e in offev):
        fail("offline events outside March-December 2023")
    levels = {e.get("level") for e in offev}
    if levels != {"kecamatan", "kota", "provinsi"}:
        fail("levels %s" % levels)
    if {e.get("channel") for e in st.events.values() if e.get("mode") == "online"} != {"tokopedia/jabfestofficial"}:
        fail("online channel")
    ex = expected["jakbar-2023.bazar"]["scopes"]
    expect("expected.json whole", whole, ex["whole"]["totals"])
    expect("expected.json offline", off, ex["offline"]["totals"])
    expect("expected.json online", on, ex["online"]["totals"])

    print()
    if FAILS:
        print("%d check(s) FAILED" % len(FAILS))
        sys.exit(1)
    print("all figures verified")


if __name__ == "__main__":
    main()
