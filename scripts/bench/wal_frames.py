"""How many write-ahead-log frames (pages) a group commit of new feedback writes, with Python's sqlite3 on a copy of an
Otklik SQLite database (the original is not touched). Each commit inserts a change-feed row and GROUP feedback rows
like the server's (the shape of a stored row, a new id and time, staff and locations cycling as scripts/bench/post-feedback.lua
does), with automatic checkpoints off, and the log's growth is divided by the commits. SQLite writes every page a
commit changed into the log whole, so this is the durable write volume per record before any checkpoint copies it back.

With --calls it writes calls instead (the interactions table: a stored call's shape, a third of them anonymous as in
scripts/bench/generate_calls.py, the others cycling through stored customers, none with a service request).

Usage: python3 scripts/bench/wal_frames.py OTKLIK.sqlite [--calls] [GROUP ...]   (default groups: 1 6 30)"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time


def measure(db, group, commits, calls=False):
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("PRAGMA wal_autocheckpoint=0")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("PRAGMA foreign_keys=ON")
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = c.execute("PRAGMA page_size").fetchone()[0]
    table = "interactions" if calls else "feedback"
    cols = [r[1] for r in c.execute(f"PRAGMA table_info({table})")]
    example = ("SELECT * FROM interactions WHERE customer_id IS NOT NULL ORDER BY arrived_at DESC LIMIT 1" if calls else
               "SELECT * FROM feedback WHERE location_code IS NOT NULL AND staff_code IS NOT NULL LIMIT 1")
    row = dict(zip(cols, c.execute(example).fetchone()))
    fcols = [r[1] for r in c.execute("PRAGMA table_info(change_feed)")]
    feed = dict(zip(fcols, c.execute("SELECT * FROM change_feed ORDER BY position DESC LIMIT 1").fetchone()))
    staff = [r[0] for r in c.execute("SELECT code FROM staff ORDER BY code")]
    locations = [r[0] for r in c.execute("SELECT code FROM locations ORDER BY code")]
    customers = [r[0] for r in c.execute("SELECT id FROM customers ORDER BY id LIMIT 5000")] if calls else []
    ts = int(time.time() * 1000)
    wal = db + "-wal"
    start = os.path.getsize(wal) if os.path.exists(wal) else 0
    n = 0
    for _ in range(commits):
        c.execute("BEGIN IMMEDIATE")
        feed["position"] += 1
        feed["records"] = group
        c.execute(f"INSERT INTO change_feed ({','.join(feed)}) VALUES ({','.join('?' * len(feed))})", list(feed.values()))
        for _ in range(group):
            n += 1
            if calls:
                r = dict(row, id=f"walframes-{ts}-{n}", arrived_at=ts + n, received_at=ts + n, feed_position=feed["position"],
                         customer_id=None if n % 3 == 0 else customers[n % len(customers)], request_id=None)
            else:
                r = dict(row, id=f"walframes-{ts}-{n}", ts=ts + n, received_at=ts + n, feed_position=feed["position"],
                         staff_code=staff[n % 72 % len(staff)], location_code=locations[n % 11 % len(locations)],
                         contact=None, customer_id=None)
            c.execute(f"INSERT INTO {table} ({','.join(r)}) VALUES ({','.join('?' * len(r))})", list(r.values()))
        c.execute("COMMIT")
    grown = os.path.getsize(wal) - start
    c.close()
    frames = grown / (page + 24) / commits
    return frames, grown / commits / group / 1024


def main():
    calls = "--calls" in sys.argv[2:]
    source, groups = sys.argv[1], [int(g) for g in sys.argv[2:] if g != "--calls"] or [1, 6, 30]
    with tempfile.TemporaryDirectory(prefix="otklik-walframes-") as work:
        copy = os.path.join(work, "d.sqlite")
        shutil.copyfile(source, copy)
        if os.path.exists(source + "-wal"):
            shutil.copyfile(source + "-wal", copy + "-wal")
        print(f"| {'calls' if calls else 'feedback'} per commit | log frames per commit | KiB written to the log per record |")
        print("|---:|---:|---:|")
        for group in groups:
            frames, per_record = measure(copy, group, max(100, 3000 // group), calls)
            print(f"| {group} | {frames:.1f} | {per_record:.1f} |")


main()
