"""How many write-ahead-log frames (pages) a group commit of new feedback writes, with Python's sqlite3 on a copy of an
Otklik SQLite database (the original is not touched). Each commit inserts a change-feed row and GROUP feedback rows
like the server's (the shape of a stored row, a new id and time, staff and locations cycling as scripts/bench/post-feedback.lua
does), with automatic checkpoints off, and the log's growth is divided by the commits. SQLite writes every page a
commit changed into the log whole, so this is the durable write volume per record before any checkpoint copies it back.

Usage: python3 scripts/bench/wal_frames.py OTKLIK.sqlite [GROUP ...]   (default groups: 1 6 30)"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time


def measure(db, group, commits):
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("PRAGMA wal_autocheckpoint=0")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("PRAGMA foreign_keys=ON")
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = c.execute("PRAGMA page_size").fetchone()[0]
    cols = [r[1] for r in c.execute("PRAGMA table_info(feedback)")]
    row = dict(zip(cols, c.execute(
        "SELECT * FROM feedback WHERE location_code IS NOT NULL AND staff_code IS NOT NULL LIMIT 1").fetchone()))
    fcols = [r[1] for r in c.execute("PRAGMA table_info(change_feed)")]
    feed = dict(zip(fcols, c.execute("SELECT * FROM change_feed ORDER BY position DESC LIMIT 1").fetchone()))
    staff = [r[0] for r in c.execute("SELECT code FROM staff ORDER BY code")]
    locations = [r[0] for r in c.execute("SELECT code FROM locations ORDER BY code")]
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
            r = dict(row, id=f"walframes-{ts}-{n}", ts=ts + n, received_at=ts + n, feed_position=feed["position"],
                     staff_code=staff[n % 72 % len(staff)], location_code=locations[n % 11 % len(locations)],
                     contact=None, customer_id=None)
            c.execute(f"INSERT INTO feedback ({','.join(r)}) VALUES ({','.join('?' * len(r))})", list(r.values()))
        c.execute("COMMIT")
    grown = os.path.getsize(wal) - start
    c.close()
    frames = grown / (page + 24) / commits
    return frames, grown / commits / group / 1024


def main():
    source, groups = sys.argv[1], [int(g) for g in sys.argv[2:]] or [1, 6, 30]
    with tempfile.TemporaryDirectory(prefix="otklik-walframes-") as work:
        copy = os.path.join(work, "d.sqlite")
        shutil.copyfile(source, copy)
        if os.path.exists(source + "-wal"):
            shutil.copyfile(source + "-wal", copy + "-wal")
        print("| feedback per commit | log frames per commit | KiB written to the log per record |")
        print("|---:|---:|---:|")
        for group in groups:
            frames, per_record = measure(copy, group, max(100, 3000 // group))
            print(f"| {group} | {frames:.1f} | {per_record:.1f} |")


main()
