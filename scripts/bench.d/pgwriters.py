#!/usr/bin/env python3
"""Several officers at once (issue 13): W interactive bazar shells, each adding S sales to one event.

Each shell is a real `bazar --store URL` under its own pseudo-terminal (bazar is interactive only on a
terminal: each command committed before its confirmation, as an officer at a laptop sees it). The shells
are started, each opens the event and sets its day, and once all are at their prompt they start together.
Each shell runs closed-loop, like an officer who types the next sale once the last one is confirmed: the
driver writes one `add sale` line, and the command's latency is the time from writing that line to
reading its confirmation line from the terminal (the line after the echo); the next line is written once
the prompt is back. That time includes the terminal, libedit, parsing, the server round trips, the
commit (its fsync) and the printing: what an officer waits for, nothing left out. Each shell also has
`set timing on`, and bazar's own figure for each command (printed after the confirmation) is reported beside
it: the difference is the terminal and the driver.

A reply that is an error (`error:` / `galat:` or exit status not 0) counts as refused. At the end every
shell gets Ctrl-D; then the driver asks the server (psql) how many sales the event gained and whether
every confirmed sale number is there, each once.

usage: pgwriters.py --bazar BIN --url URL --event SLUG --day DATE --lines FILE
                    [--writers 8] [--sales 1000] [--psql psql] [--json OUT]
--lines: a file of `add sale …` lines (e.g. bench-add.bazar's); shell w takes S of them from offset
w*len/W on, cycling. Prints a summary; exits 0 when every sale is present, once, and none was refused.
"""
import argparse
import json
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

PROMPT = re.compile(rb"> $")
ERROR = re.compile(rb"(?im)^\s*(?:bazar: )?(?:error|galat)\b")
NUMBER = re.compile(rb"(?i)\b(?:sale|penjualan)\s+#?(\d+)")
TIMING = re.compile(rb"(?m)^(?:Time|Waktu): ([0-9.]+) ms")


class Shell:
    def __init__(self, w, args, env):
        self.w = w
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(args[0], args, env)
            finally:
                os._exit(127)
        os.set_blocking(self.fd, False)
        self.buf = b""
        self.log = []          # everything read, for a failure's message
        self.sent_at = None
        self.confirmed_at = None
        self.echo_seen = False
        self.line = b""
        self.latencies = []
        self.inside = []       # bazar's own `set timing on` figure for each add sale
        self.numbers = []
        self.refused = []
        self.status = None

    def read(self):
        try:
            data = os.read(self.fd, 65536)
        except (BlockingIOError, InterruptedError):
            return b""
        except OSError:        # EIO: the shell is gone
            return None
        self.buf += data
        self.log.append(data)
        return data

    def write(self, text):
        data = text.encode() + b"\n"
        self.line = text.encode()
        self.buf = b""
        self.echo_seen = False
        self.confirmed_at = None
        self.sent_at = time.perf_counter()
        os.write(self.fd, data)

    def at_prompt(self):
        return PROMPT.search(self.buf.replace(b"\x1b[K", b"").rstrip(b"\x07")) is not None

    def tail(self, n=400):
        return b"".join(self.log)[-n:].decode(errors="replace")


def wait_prompt(sh, timeout=30.0):
    end = time.monotonic() + timeout
    while not sh.at_prompt():
        left = end - time.monotonic()
        if left <= 0:
            raise SystemExit(f"pgwriters: shell {sh.w}: no prompt after {timeout} s; last output:\n{sh.tail()}")
        r, _, _ = select.select([sh.fd], [], [], left)
        if r and sh.read() is None:
            raise SystemExit(f"pgwriters: shell {sh.w} ended; last output:\n{sh.tail()}")


def command(sh, text):
    """Runs a setup command and waits for the prompt; returns its output."""
    sh.write(text)
    wait_prompt(sh)
    out = sh.buf
    if ERROR.search(out):
        raise SystemExit(f"pgwriters: shell {sh.w}: `{text}` failed:\n{out.decode(errors='replace')}")
    return out


def psql(a, sql):
    r = subprocess.run([a.psql, "-X", "-At", "-d", a.url, "-c", sql], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"pgwriters: psql failed: {r.stderr.strip()}")
    return r.stdout.strip()


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bazar", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--event", required=True)
    ap.add_argument("--day", required=True)
    ap.add_argument("--lines", required=True)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--sales", type=int, default=1000)
    ap.add_argument("--psql", default="psql")
    ap.add_argument("--json")
    a = ap.parse_args()

    lines = [l.strip() for l in open(a.lines, encoding="utf-8") if l.startswith("add sale ")]
    if not lines:
        raise SystemExit(f"pgwriters: no `add sale` lines in {a.lines}")
    W, S = a.writers, a.sales

    before = int(psql(a, "SELECT coalesce(max(id), 0) FROM sale"))
    home = tempfile.mkdtemp(prefix="bazar-writers-")
    shells = []
    for w in range(W):
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "PGPASSWORD", "PGPASSFILE", "LANG", "TZ")}
        env.update(HOME=f"{home}/w{w}", XDG_STATE_HOME=f"{home}/w{w}/state", TERM="dumb", NO_COLOR="1",
                   BAZAR_USER=f"officer{w + 1}", PAGER="cat")
        os.makedirs(env["XDG_STATE_HOME"], exist_ok=True)
        shells.append(Shell(w, [a.bazar, "--store", a.url, "--no-rc"], env))
    for sh in shells:
        wait_prompt(sh)
        command(sh, "set language en")
        command(sh, "set timing on")
        command(sh, f"open event {a.event}")
        command(sh, f"date {a.day}")

    todo = {sh.w: [lines[(sh.w * len(lines) // W + i) % len(lines)] for i in range(S)] for sh in shells}
    nxt = {sh.w: 0 for sh in shells}
    by_fd = {sh.fd: sh for sh in shells}
    poll = select.poll()
    started = time.perf_counter()
    for sh in shells:
        sh.write(todo[sh.w][0])
        nxt[sh.w] = 1
        poll.register(sh.fd, select.POLLIN)
    running = W
    deadline = time.monotonic() + max(120.0, S * W * 0.05)
    while running:
        if time.monotonic() > deadline:
            raise SystemExit("pgwriters: the shells did not finish in time")
        for fd, _ in poll.poll(1000):
            sh = by_fd[fd]
            got = sh.read()
            now = time.perf_counter()
            if got is None:
                raise SystemExit(f"pgwriters: shell {sh.w} ended early; last output:\n{sh.tail()}")
            # The echo of the line ends with a newline; the first whole line after it is the confirmation.
            if sh.confirmed_at is None:
                nl = sh.buf.find(b"\n")
                if nl >= 0 and sh.buf.find(b"\n", nl + 1) >= 0:
                    sh.confirmed_at = now
            if sh.confirmed_at is not None and sh.at_prompt():
                reply = sh.buf[sh.buf.find(b"\n") + 1:]
                sh.latencies.append(sh.confirmed_at - sh.sent_at)
                if ERROR.search(reply):
                    sh.refused.append(reply.decode(errors="replace").strip())
                else:
                    m = NUMBER.search(reply)
                    if m:
                        sh.numbers.append(int(m.group(1)))
                    t = TIMING.search(reply)
                    if t:
                        sh.inside.append(float(t.group(1)) / 1000)
                if nxt[sh.w] < S:
                    sh.write(todo[sh.w][nxt[sh.w]])
                    nxt[sh.w] += 1
                else:
                    poll.unregister(fd)
                    sh.done_at = now
                    running -= 1
    wall = time.perf_counter() - started

    # `quit` rather than Ctrl-D: a Ctrl-D typed in the instant between the prompt and libedit's raw mode is
    # taken by the terminal's line discipline, and that shell never leaves.
    for sh in shells:
        os.write(sh.fd, b"quit\n")
    for sh in shells:
        end = time.monotonic() + 20
        while True:
            pid, st = os.waitpid(sh.pid, os.WNOHANG)
            if pid:
                sh.status = os.waitstatus_to_exitcode(st)
                break
            if time.monotonic() > end:
                os.kill(sh.pid, signal.SIGKILL)
                os.waitpid(sh.pid, 0)
                sh.status = "killed"
                break
            try:
                os.read(sh.fd, 65536)
            except OSError:
                pass
            time.sleep(0.01)
        os.close(sh.fd)

    lat = [x for sh in shells for x in sh.latencies]
    inside = [x for sh in shells for x in sh.inside]
    refused = [r for sh in shells for r in sh.refused]
    numbers = [n for sh in shells for n in sh.numbers]
    rows = psql(a, f"SELECT count(*), count(DISTINCT s.id) FROM sale s JOIN event e ON e.event_no = s.event_no "
                   f"WHERE s.id > {before} AND e.id = '{a.event}'")
    present, distinct = (int(x) for x in rows.split("|"))
    missing = None
    if numbers:
        have = set(int(x) for x in psql(a, f"SELECT id FROM sale WHERE id > {before}").split())
        missing = len(set(numbers) - have)
    res = {
        "writers": W, "sales_each": S, "expected": W * S, "present": present, "distinct_ids": distinct,
        "confirmed_numbers": len(numbers), "distinct_confirmed": len(set(numbers)), "confirmed_missing": missing,
        "refused": len(refused), "exit_statuses": [sh.status for sh in shells],
        "median_ms": statistics.median(lat) * 1000 if lat else None,
        "p95_ms": pct(lat, 0.95) * 1000, "p99_ms": pct(lat, 0.99) * 1000, "max_ms": max(lat) * 1000 if lat else None,
        "mean_ms": statistics.fmean(lat) * 1000 if lat else None,
        "inside_median_ms": statistics.median(inside) * 1000 if inside else None,
        "inside_p95_ms": pct(inside, 0.95) * 1000 if inside else None,
        "wall_s": wall, "sales_per_s": len(lat) / wall if wall > 0 else None,
    }
    ok = (present == W * S and distinct == W * S and not refused and len(lat) == W * S
          and all(s == 0 for s in res["exit_statuses"]) and (missing in (None, 0))
          and (not numbers or len(set(numbers)) == len(numbers)))
    res["ok"] = ok
    print(f"pgwriters: {W} shells x {S} add sale: {present} of {W * S} present ({distinct} distinct ids), "
          f"{len(refused)} refused; add sale median {res['median_ms']:.2f} ms, p95 {res['p95_ms']:.2f} ms, "
          f"p99 {res['p99_ms']:.2f} ms, max {res['max_ms']:.1f} ms; {wall:.1f} s, {res['sales_per_s']:.0f} sales/s",
          file=sys.stderr)
    if inside:
        print(f"pgwriters: bazar's own time per add sale (set timing on: parse, server round trips, commit): "
              f"median {res['inside_median_ms']:.2f} ms, p95 {res['inside_p95_ms']:.2f} ms", file=sys.stderr)
    if numbers:
        print(f"pgwriters: {len(numbers)} confirmations named a sale number, {len(set(numbers))} distinct, "
              f"{missing} of them missing from the server", file=sys.stderr)
    for r in refused[:5]:
        print(f"pgwriters: refused: {r}", file=sys.stderr)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f)
    print(json.dumps(res))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
