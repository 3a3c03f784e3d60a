#!/usr/bin/env python3
"""SQLite alone, for `otklik import interactions`: Python's sqlite3 inserts the rows of a generated calls CSV
(scripts/bench/generate_calls.py) into an empty copy of Otklik's schema — taken from a database otklik made, so the
same table, indexes, foreign keys and checks — with synchronous=FULL in WAL mode and one transaction, the staff and
customers the rows reference stored first (not timed). No parsing checks, no duplicate check, no identities: the
floor a writer of this table pays. Timed twice: indexes kept row by row, and built after the rows.

Usage: import_floor.py CALLS.csv OTKLIK.sqlite WORKDIR
"""
import csv
import datetime as dt
import os
import sqlite3
import sys
import time

COLUMNS = ("id, channel, queue, location_code, staff_code, service_code, customer_id, topic, arrived_at, outcome, "
           "wait_ms, talk_ms, hold_ms, wrap_ms, transferred, received_at, request_id, feed_position")


def ms(text):
    return int(round(float(text) * 1000)) if text else None


def run(rows, schema, path, build_after):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA cache_size = -524288")
    for sql in schema:
        db.execute(sql)
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO staff (code, name) VALUES (?, ?)", [(c, c) for c in sorted({r[4] for r in rows if r[4]})])
    db.executemany("INSERT INTO customers (id, created_at) VALUES (?, 0)", [(c,) for c in sorted({r[6] for r in rows if r[6]})])
    db.execute("COMMIT")
    wall, cpu = time.perf_counter(), time.process_time()
    db.execute("BEGIN IMMEDIATE")
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interactions' AND sql IS NOT NULL").fetchall()
    if build_after:
        for name, _ in indexes:
            db.execute(f'DROP INDEX "{name}"')
    db.executemany(f"INSERT INTO interactions ({COLUMNS}) VALUES ({', '.join('?' * 18)})", rows)
    if build_after:
        for _, sql in indexes:
            db.execute(sql)
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    calls, source, work = sys.argv[1:4]
    with open(calls, newline="") as f:
        reader = csv.DictReader(f)
        rows = [(r["id"], r["channel"], r.get("queue") or None, r.get("location") or None, r.get("agent") or None,
                 r.get("service") or None, r.get("customer") or None, r.get("topic") or None,
                 int(dt.datetime.fromisoformat(r["arrived_at"].replace("Z", "+00:00")).timestamp() * 1000), r["outcome"],
                 ms(r.get("wait_s")), ms(r.get("talk_s")), ms(r.get("hold_s")), ms(r.get("wrap_s")),
                 1 if (r.get("transferred") or "").lower() in ("true", "1") else 0, 0, r.get("request") or None, 1)
                for r in reader]
    with sqlite3.connect(source) as db:
        schema = [sql for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid")]
    for build_after in (False, True):
        wall, cpu = run(rows, schema, os.path.join(work, "floor.sqlite"), build_after)
        how = "indexes built after the rows" if build_after else "indexes kept row by row"
        print(f"{how}: {len(rows)} rows in {wall:.2f} s wall ({len(rows) / wall:,.0f} rows/s), {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
