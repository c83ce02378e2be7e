#!/usr/bin/env python3
"""Turns bench.bazar into the `import` task's files (scripts/bench, issue 12):
  import-setup.bazar  participants, products and events (left open), no sales
  orders.csv          every sale as a line of bazar's CSV: ref,date,event,product,qty,amount,channel
  import.bazar        the one command timed: import orders orders.csv
  import.sql          the sqlite3 peer: a table with bazar's sale indexes, then .import --csv --skip 1
  import.duckdb.sql   the DuckDB peer: read_csv into a table

usage: orders.py OUT
"""
import os
import sys

out = sys.argv[1]
src = open(os.path.join(out, "bench.bazar"), encoding="utf-8")
setup = open(os.path.join(out, "import-setup.bazar"), "w", encoding="utf-8")
csv = open(os.path.join(out, "orders.csv"), "w", encoding="utf-8")
csv.write("ref,date,event,product,qty,amount,channel\n")
event = mode = day = None
n = 0
buf = []
for line in src:
    if line.startswith(("add participant", "add product")):
        setup.write(line)
    elif line.startswith("open event") and " from " in line:
        setup.write(line)
        words = line.split()
        event = words[2]
        mode = line.split(" mode ")[1].split()[0]
    elif line.startswith("date "):
        day = line[5:].strip()
    elif line.startswith("add sale"):
        w = line.split()
        # add sale REF qty Q amount A [channel online]
        channel = "online" if (mode == "online" or "channel online" in line) else "offline"
        n += 1
        buf.append(f"B{n},{day},{event},{w[2]},{w[4]},{w[6]},{channel}\n")
        if len(buf) >= 10000:
            csv.write("".join(buf))
            buf = []
csv.write("".join(buf))
csv.close()
setup.close()
with open(os.path.join(out, "import.bazar"), "w") as f:
    f.write(f"import orders {os.path.join(out, 'orders.csv')}\n")
with open(os.path.join(out, "import.sql"), "w") as f:
    f.write("""CREATE TABLE sale (ref TEXT, day TEXT NOT NULL, event TEXT NOT NULL, product TEXT, qty INTEGER NOT NULL,
  amount INTEGER NOT NULL, channel TEXT NOT NULL);
-- bazar's sale indexes: the covering one reports read, and a ref unique per product.
CREATE INDEX sale_day ON sale (day, event, product, qty, amount, channel);
CREATE UNIQUE INDEX sale_ref ON sale (ref, product) WHERE ref IS NOT NULL;
""")
    f.write(f".import --csv --skip 1 {os.path.join(out, 'orders.csv')} sale\n")
with open(os.path.join(out, "import.duckdb.sql"), "w") as f:
    f.write(f"CREATE TABLE sale AS SELECT * FROM read_csv('{os.path.join(out, 'orders.csv')}', header = true);\n")
print(n)
