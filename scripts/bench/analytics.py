#!/usr/bin/env python3
"""DuckDB beside Otklik on the analytics benchmark (issues 7 and 22).

Reads Otklik's figures (the JSON printed by `otklik bench analytics`), loads the same CSV into an
in-memory DuckDB with the same number of threads twice — the categorical columns as ENUM types (the
reference issue 22 names) and as VARCHAR as read — runs Q1-Q5 in SQL the same number of times on
each, checks that every group's value and n agree, and prints the table with each query's distance
from the machine's memory-bandwidth bound (bytes the scan must read / read bandwidth, both measured
by `otklik bench analytics` in the same run). The last line is `worst ratio otklik/duckdb: X`, the
largest of the five median-time ratios against DuckDB with ENUM columns.
Usage: analytics.py DATA.csv OTKLIK.json
"""
import json
import math
import statistics
import sys
import time

import duckdb

NPS = "100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6))"
QUERIES = {
    "Q1": f"SELECT location, {NPS} / count(nps), count(nps) FROM {{t}} GROUP BY location",
    "Q2": f"SELECT location, {NPS} / count(*), count(*) FROM {{t}} GROUP BY location",
    "Q3": """SELECT staff, 100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat), count(csat) FROM {t}
             WHERE ts >= TIMESTAMP '2025-12-02' AND ts < TIMESTAMP '2026-01-01' GROUP BY staff""",
    "Q4": f"SELECT CAST(ts AS DATE), {NPS} / count(nps), count(nps) FROM {{t}} GROUP BY 1",
    "Q5": f"""SELECT CAST(location AS VARCHAR) || '|' || CAST(service AS VARCHAR), {NPS} / count(nps), count(nps) FROM {{t}}
              WHERE channel IN ('terminal', 'qr_web') GROUP BY location, service""",
}
CATEGORICAL = ("channel", "location", "staff", "service", "segment")


def timed(con, sql: str, repeat: int) -> tuple[list, list[float]]:
    """Runs the query `repeat` times; its rows and each run's milliseconds (fetching the rows included)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = con.execute(sql).fetchall()
        times.append(1000 * (time.perf_counter() - started))
    return rows, times


def main() -> None:
    data, otklik_path = sys.argv[1], sys.argv[2]
    otklik = json.load(open(otklik_path))
    threads = otklik["threads"]
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    started = time.perf_counter()
    con.execute(f"""
        CREATE TABLE feedback AS
        SELECT epoch_ms(ts) AS ts, channel, location, staff, service, segment, nps, csat, ces
        FROM read_csv('{data}', header = true, columns = {{
            'ts': 'BIGINT', 'channel': 'VARCHAR', 'location': 'VARCHAR', 'staff': 'VARCHAR', 'service': 'VARCHAR',
            'segment': 'VARCHAR', 'nps': 'TINYINT', 'csat': 'TINYINT', 'ces': 'TINYINT'}})
    """)
    duck_load = time.perf_counter() - started
    # The same rows with each categorical column as an ENUM of its values (DuckDB's dictionary type).
    for column in CATEGORICAL:
        con.execute(f"CREATE TYPE {column}_enum AS ENUM (SELECT DISTINCT {column} FROM feedback WHERE {column} IS NOT NULL ORDER BY 1)")
    casts = ", ".join(f"CAST({c} AS {c}_enum) AS {c}" if c in CATEGORICAL else c
                      for c in ("ts", "channel", "location", "staff", "service", "segment", "nps", "csat", "ces"))
    con.execute(f"CREATE TABLE feedback_enum AS SELECT {casts} FROM feedback")
    bandwidth = otklik["bandwidth_bytes_per_second"]
    records = otklik["records"]
    print(f"records: {records:,}   threads: {threads}   duckdb {duckdb.__version__}")
    print(f"otklik ingest into the engine: {records / otklik['append_seconds']:,.0f} records/s "
          f"({1e6 * otklik['append_seconds'] / records:.3f} µs a record; parsing the CSV too: "
          f"{records / otklik['load_seconds']:,.0f} records/s); "
          f"duckdb CSV load: {records / duck_load:,.0f} records/s")
    print(f"otklik engine memory: {otklik['memory_bytes'] / 2**20:,.1f} MiB "
          f"({otklik['memory_bytes'] / records:.1f} bytes a record, {otklik['bytes_per_record']} in the columns)")
    print()
    print(f"memory read bandwidth ({threads} threads, 1 GiB summed, best of "
          f"{len(otklik['bandwidth_passes_gb_s'])} passes): {bandwidth / 1e9:.1f} GB/s "
          f"(passes: {', '.join(f'{r:.1f}' for r in otklik['bandwidth_passes_gb_s'])})")
    print()
    print("| query | otklik median ms (best) | duckdb ENUM median ms (best) | faster than ENUM | duckdb VARCHAR median ms | "
          "faster than VARCHAR | MB read | bandwidth bound ms | otklik / bound | groups |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    mismatches = 0
    for query in otklik["queries"]:
        repeat = len(query["times_ms"])
        enum_rows, enum_times = timed(con, QUERIES[query["id"]].format(t="feedback_enum"), repeat)
        rows, times = timed(con, QUERIES[query["id"]].format(t="feedback"), repeat)
        expected = {str(key): (value, n) for key, value, n in rows}
        mismatches += compare(query["id"], query["groups"], expected)
        mismatches += compare(query["id"] + " (ENUM)", query["groups"], {str(key): (value, n) for key, value, n in enum_rows})
        o_med, e_med, d_med = (statistics.median(t) for t in (query["times_ms"], enum_times, times))
        ratio = o_med / e_med
        worst = max(worst, ratio)
        bound_ms = 1000 * query["bytes_read"] / bandwidth
        print(f"| {query['id']} {query['title']} | {o_med:.2f} ({min(query['times_ms']):.2f}) | "
              f"{e_med:.2f} ({min(enum_times):.2f}) | {e_med / o_med:.1f}× | {d_med:.2f} | {d_med / o_med:.1f}× | "
              f"{query['bytes_read'] / 1e6:.0f} | {bound_ms:.2f} | {o_med / bound_ms:.2f} | {len(expected)} |")
    print("(MB read: the bytes of the columns each query's scan reads, over the rows of its period; "
          "bound: those bytes at the measured read bandwidth)")
    print()
    print(f"dashboard day rollups (location, service, channel, kind: every measure; staff: rated/negative): "
          f"built from the rows in {otklik['rollup_seconds']:.2f} s, {otklik['rollup_bytes'] / 2**20:.1f} MiB")
    for name, label in (("year", "the whole year"), ("last_90_days", "the default period, the last 90 days"),
                        ("year_channel_terminal", "the year, terminal channel only (rows scanned)"),
                        ("year_location_L007", "the year, one location (its rows scanned)")):
        page = otklik["dashboard"][name]
        print(f"dashboard page over {label} (scans + view model + template, no HTTP), {page['html_bytes']:,} bytes: "
              f"cold median {statistics.median(page['cold_ms']):.1f} ms (best {min(page['cold_ms']):.1f}); "
              f"viewed again after 1,000 new records median {statistics.median(page['warm_ms']):.1f} ms (best {min(page['warm_ms']):.1f}); "
              f"cold split: view model with its scans {statistics.median(p[0] for p in page['cold_view_model_and_template_ms']):.1f} ms, "
              f"template {statistics.median(p[1] for p in page['cold_view_model_and_template_ms']):.1f} ms")
    print("values: identical to DuckDB's" if mismatches == 0 else f"values: {mismatches} MISMATCHES")
    print(f"worst ratio otklik/duckdb: {worst:.3f}")
    if mismatches:
        sys.exit(1)


def compare(query_id: str, otklik: dict, duck: dict) -> int:
    """Counts groups whose n or value differ (values to 1e-9 relative)."""
    bad = 0
    if set(otklik) != set(duck):
        print(f"{query_id}: groups differ: only otklik {sorted(set(otklik) - set(duck))[:5]}, "
              f"only duckdb {sorted(set(duck) - set(otklik))[:5]}", file=sys.stderr)
        bad += 1
    for key in set(otklik) & set(duck):
        (o_value, o_n), (d_value, d_n) = otklik[key], duck[key]
        if d_value is not None and math.isnan(d_value):
            d_value = None  # DuckDB's 0/0 on a group without answers; Otklik reports no value
        same_value = (o_value is None and d_value is None) or (
            o_value is not None and d_value is not None and abs(o_value - float(d_value)) <= 1e-9 * max(1.0, abs(o_value)))
        if o_n != d_n or not same_value:
            if bad < 5:
                print(f"{query_id} {key}: otklik {o_value} n={o_n}, duckdb {d_value} n={d_n}", file=sys.stderr)
            bad += 1
    return bad


if __name__ == "__main__":
    main()
