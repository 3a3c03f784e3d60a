"""The change feed's consumers under load (issue 22: measure their throughput separately and report their lag).

  consumer_lag.py sample FILE            polls the running Otklik's /health (OTKLIK_URL) every 0.25 s and appends one
                                         JSON line a poll to FILE until it is stopped (SIGTERM or SIGINT)
  consumer_lag.py report FILE DB LABEL=START,END ...
                                         prints one Markdown row a consumer from the samples, for each stretch of load
                                         (START..END, Unix seconds): its peak lag while the load ran, and after it the
                                         seconds it took to reach the head and its rate while it caught up. DB is the
                                         server's SQLite file, read only for the rows each event carries
                                         (change_feed.records).

A consumer's rate while catching up after a load (the events and rows it moved over, divided by the sampling intervals
in which its position moved, so the wait for a consumer's next round is left out) is its throughput with no write
competing for the cores (the other consumers still run beside it): the figure that says how fast it is on its own. While a load runs it applies what
arrives, so its rate then is the rate of the writes, and its lag says whether it keeps up. The samples' resolution is
0.25 s: a consumer that reaches the head within one sample shows a catch-up time of about 0.25 s and a rate that is a
lower bound. A consumer's lag is bounded below by how often it runs: its background rounds come every 0.25 s
(analytics) to 5 s (life situations); a feedback write also starts the text analysis, the case opening (and after it
the case webhooks and notifications) and the red-press alerts at once, and this server's analytics engine takes its
own commits from memory.
"""
import bisect
import json
import os
import signal
import sqlite3
import sys
import time
import urllib.request

INTERVAL = 0.25


def sample(path):
    url = os.environ["OTKLIK_URL"] + "/health"
    running = True

    def stop(*_):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with open(path, "a", encoding="utf-8") as out:
        while running:
            started = time.time()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    health = json.load(response)
            except OSError:
                health = None
            if health is not None:
                consumers = [[c["name"], c["position"], c["lag_events"], c["lag_seconds"]] for c in health.get("consumers", [])]
                head = health.get("feed", {}).get("head", 0)
                out.write(json.dumps({"t": started, "head": head, "c": consumers}) + "\n")
                out.flush()
            time.sleep(max(0.0, INTERVAL - (time.time() - started)))


class Rows:
    """The rows of the feed's events between two positions, from the change_feed table."""

    def __init__(self, db):
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        self.positions, self.cumulative = [], []
        total = 0
        for position, records in connection.execute("SELECT position, records FROM change_feed ORDER BY position"):
            total += records
            self.positions.append(position)
            self.cumulative.append(total)
        connection.close()

    def through(self, position):
        index = bisect.bisect_right(self.positions, position) - 1
        return self.cumulative[index] if index >= 0 else 0

    def between(self, after, through):
        return self.through(through) - self.through(after)


def consumer_rows(samples, index, start, end, rows):
    """One consumer's figures for one stretch of load: its peak lag (events, seconds) while the load ran, the seconds
    after the load until it stood at the head, and its rate meanwhile (events and rows a second)."""
    during = [s for s in samples if start <= s["t"] <= end]
    after = [s for s in samples if s["t"] > end]
    if not during:
        return "–", "–", "–"
    at = lambda s: s["c"][index]
    peak = f"{max(at(s)[2] for s in during):,}, {max(at(s)[3] for s in during):.2f} s"
    last = during[-1]
    if at(last)[2] == 0:
        return peak, "0 (kept up)", "–"
    reached = next((s for s in after if at(s)[2] == 0), None)
    if reached is None:
        return peak, "not within the samples", "–"
    seconds = reached["t"] - last["t"]
    events = at(reached)[1] - at(last)[1]
    # Its rate counts only the sampling intervals in which it moved: a consumer that runs in rounds (every 5 s for
    # the life situations) waits for its next round, and that wait is its interval, not its speed.
    stretch = [last] + [s for s in after if s["t"] <= reached["t"]]
    moving = sum(b["t"] - a["t"] for a, b in zip(stretch, stretch[1:]) if at(b)[1] > at(a)[1])
    rate = f"{events / moving:,.0f}, {rows.between(at(last)[1], at(reached)[1]) / moving:,.0f}" if moving > 0 else "–"
    return peak, f"{seconds:.2f}", rate


def report(path, db, phases):
    samples = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    if not samples:
        sys.exit("no samples: was the server answering /health?")
    rows = Rows(db)
    names = [c[0] for c in samples[0]["c"]]
    header, rule = ["consumer"], ["---"]
    for label, _, _ in phases:
        header += [f"{label}: peak lag (events, s)", f"{label}: s to the head after", f"{label}: catching up (events/s, rows/s)"]
        rule += ["---:"] * 3
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(rule) + "|")
    for index, name in enumerate(names):
        cells = [name]
        for _, start, end in phases:
            cells += consumer_rows(samples, index, start, end, rows)
        print("| " + " | ".join(cells) + " |")
    cells = ["(the feed: events, rows written a second under the load)"]
    for _, start, end in phases:
        during = [s for s in samples if start <= s["t"] <= end]
        span = during[-1]["t"] - during[0]["t"] if len(during) > 1 else 0
        if span > 0:
            first, last = during[0]["head"], during[-1]["head"]
            cells += [f"{(last - first) / span:,.0f}, {rows.between(first, last) / span:,.0f}", "", ""]
        else:
            cells += ["–", "", ""]
    print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "sample":
        sample(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "report":
        # each phase as LABEL=START,END (Unix seconds)
        phases = []
        for argument in sys.argv[4:]:
            label, _, span = argument.partition("=")
            start, _, end = span.partition(",")
            phases.append((label, float(start), float(end)))
        report(sys.argv[2], sys.argv[3], phases)
    else:
        sys.exit(__doc__)
