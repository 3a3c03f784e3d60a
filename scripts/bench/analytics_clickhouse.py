#!/usr/bin/env python3
"""ClickHouse beside Otklik on the analytics benchmark (issue 21): the ClickHouse column.

Loads the benchmark CSV into a ClickHouse server (HTTP interface, the URL in CH_URL) as the table the
ClickHouse backend keeps (ReplacingMergeTree ordered by id; here id is the row number), runs Q1-Q5 with
FINAL, as the backend does, the same number of times as Otklik did, with max_threads = Otklik's threads,
checks every group's value and n against Otklik's figures and prints a table. Optionally (CHDB=1) the same
queries on chdb, an embedded current ClickHouse from PyPI, over the same rows.
Usage: CH_URL=http://user:pw@127.0.0.1:PORT analytics_clickhouse.py DATA.csv OTKLIK.json
"""
import base64
import json
import math
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

NPS = "100.0 * (countIf(nps >= 9) - countIf(nps <= 6))"
QUERIES = {
    "Q1": f"SELECT location, {NPS} / count(nps), count(nps) FROM {{t}} GROUP BY location",
    "Q2": f"SELECT location, {NPS} / count(), count() FROM {{t}} GROUP BY location",
    # 2025-12-02T00:00Z and 2026-01-01T00:00Z in epoch milliseconds.
    "Q3": """SELECT staff, 100.0 * countIf(csat >= 4) / count(csat), count(csat) FROM {t}
             WHERE ts >= 1764633600000 AND ts < 1767225600000 GROUP BY staff""",
    "Q4": f"""SELECT toString(toDate(toDateTime(intDiv(ts, 1000)), 'UTC')) AS day, {NPS} / count(nps), count(nps) FROM {{t}}
              GROUP BY day""",
    "Q5": f"""SELECT concat(location, '|', service), {NPS} / count(nps), count(nps) FROM {{t}}
              WHERE channel IN ('terminal', 'qr_web') GROUP BY location, service""",
}
COLUMNS = "id UInt64, ts Int64, channel String, location String, staff String, service String, segment String, " \
          "nps Nullable(Int8), csat Nullable(Int8), ces Nullable(Int8)"


class ClickHouse:
    def __init__(self, url: str, threads: int):
        parts = urllib.parse.urlsplit(url)
        self.endpoint = f"http://{parts.hostname}:{parts.port or 8123}/"
        self.auth = "Basic " + base64.b64encode(f"{parts.username or 'default'}:{parts.password or ''}".encode()).decode()
        self.threads = threads

    def run(self, sql: str, body: bytes | None = None) -> str:
        params = {"max_threads": str(self.threads)}
        if body is None:
            data = sql.encode()
        else:
            params["query"] = sql
            data = body
        request = urllib.request.Request(self.endpoint + "?" + urllib.parse.urlencode(params), data=data,
                                         headers={"Authorization": self.auth})
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:
            sys.exit(f"clickhouse: {error.code} {error.read().decode()[:500]}")


def load(ch: ClickHouse, data: str) -> float:
    ch.run("CREATE DATABASE IF NOT EXISTS otklik_bench")
    ch.run("DROP TABLE IF EXISTS otklik_bench.feedback")
    ch.run(f"CREATE TABLE otklik_bench.feedback ({COLUMNS}) ENGINE = ReplacingMergeTree() ORDER BY id")
    started = time.perf_counter()
    row = 0
    with open(data) as source:
        source.readline()
        while True:
            lines = source.readlines(64 * 2**20)
            if not lines:
                break
            out = []
            for line in lines:
                fields = ["\\N" if f == "" else f for f in line.rstrip("\n").split(",")]
                out.append(f"{row}\t" + "\t".join(fields))
                row += 1
            ch.run("INSERT INTO otklik_bench.feedback FORMAT TabSeparated", ("\n".join(out) + "\n").encode())
    ch.run("OPTIMIZE TABLE otklik_bench.feedback FINAL")
    return time.perf_counter() - started


def rows_of(text: str) -> dict:
    result = {}
    for line in text.splitlines():
        key, value, n = line.split("\t")
        number = float(value)
        result[key] = (None if math.isnan(number) or math.isinf(number) else number, int(n))
    return result


def compare(query_id: str, otklik: dict, other: dict) -> int:
    bad = 0
    if set(otklik) != set(other):
        print(f"{query_id}: groups differ: only otklik {sorted(set(otklik) - set(other))[:5]}, "
              f"only clickhouse {sorted(set(other) - set(otklik))[:5]}", file=sys.stderr)
        bad += 1
    for key in set(otklik) & set(other):
        (o_value, o_n), (c_value, c_n) = otklik[key], other[key]
        same = (o_value is None and c_value is None) or (
            o_value is not None and c_value is not None and abs(o_value - c_value) <= 1e-9 * max(1.0, abs(o_value)))
        if o_n != c_n or not same:
            if bad < 5:
                print(f"{query_id} {key}: otklik {o_value} n={o_n}, clickhouse {c_value} n={c_n}", file=sys.stderr)
            bad += 1
    return bad


def chdb_column(data: str, otklik: dict) -> int:
    """The same table and queries in chdb (an embedded current ClickHouse from PyPI), in process, no HTTP."""
    import chdb
    from chdb import session

    threads = otklik["threads"]
    s = session.Session()
    s.query("CREATE DATABASE IF NOT EXISTS otklik_bench")
    s.query(f"CREATE TABLE otklik_bench.feedback ({COLUMNS}) ENGINE = ReplacingMergeTree() ORDER BY id")
    started = time.perf_counter()
    s.query(f"""INSERT INTO otklik_bench.feedback SELECT rowNumberInAllBlocks(), * FROM file('{data}', 'CSVWithNames',
        'ts Int64, channel String, location String, staff String, service String, segment String,
         nps Nullable(Int8), csat Nullable(Int8), ces Nullable(Int8)') SETTINGS max_threads = 1""")
    s.query("OPTIMIZE TABLE otklik_bench.feedback FINAL")
    seconds = time.perf_counter() - started
    version = str(s.query("SELECT version()", "TabSeparated")).strip()
    print()
    print(f"chdb {chdb.__version__} (ClickHouse {version}, in process), threads {threads}: "
          f"load from the CSV {otklik['records'] / seconds:,.0f} records/s; queries with FINAL as above")
    print()
    print("| query | otklik median ms | chdb median ms | chdb best ms | ratio otklik/chdb | groups |")
    print("|---|---:|---:|---:|---:|---:|")
    bad = 0
    for query in otklik["queries"]:
        sql = QUERIES[query["id"]].format(t="otklik_bench.feedback FINAL") + f" SETTINGS max_threads = {threads}"
        times = []
        for _ in range(len(query["times_ms"])):
            started = time.perf_counter()
            text = str(s.query(sql, "TabSeparated"))
            times.append(1000 * (time.perf_counter() - started))
        found = rows_of(text)
        bad += compare(query["id"], query["groups"], found)
        o_med, c_med = statistics.median(query["times_ms"]), statistics.median(times)
        print(f"| {query['id']} {query['title']} | {o_med:.2f} | {c_med:.2f} | {min(times):.2f} | {o_med / c_med:.3f} | {len(found)} |")
    s.close()
    return bad


def main() -> None:
    data, otklik_path = sys.argv[1], sys.argv[2]
    otklik = json.load(open(otklik_path))
    ch = ClickHouse(os.environ["CH_URL"], otklik["threads"])
    version = ch.run("SELECT version()").strip()
    seconds = load(ch, data)
    records = otklik["records"]
    print(f"clickhouse {version} (Debian), threads {otklik['threads']}: load over HTTP {records / seconds:,.0f} records/s "
          f"(TabSeparated, and OPTIMIZE FINAL); queries with FINAL on a ReplacingMergeTree ordered by id, as the backend asks them")
    print()
    print("| query | otklik median ms | clickhouse median ms | clickhouse best ms | ratio otklik/clickhouse | groups |")
    print("|---|---:|---:|---:|---:|---:|")
    mismatches = 0
    for query in otklik["queries"]:
        sql = QUERIES[query["id"]].format(t="otklik_bench.feedback FINAL")
        times = []
        for _ in range(len(query["times_ms"])):
            started = time.perf_counter()
            text = ch.run(sql + " FORMAT TabSeparated")
            times.append(1000 * (time.perf_counter() - started))
        found = rows_of(text)
        mismatches += compare(query["id"], query["groups"], found)
        o_med, c_med = statistics.median(query["times_ms"]), statistics.median(times)
        print(f"| {query['id']} {query['title']} | {o_med:.2f} | {c_med:.2f} | {min(times):.2f} | {o_med / c_med:.3f} | {len(found)} |")
    ch.run("DROP TABLE IF EXISTS otklik_bench.feedback")
    if os.environ.get("CHDB"):
        mismatches += chdb_column(data, otklik)
    print()
    print("clickhouse values: identical to Otklik's" if mismatches == 0 else f"clickhouse values: {mismatches} MISMATCHES")
    if mismatches:
        sys.exit(1)


if __name__ == "__main__":
    main()
