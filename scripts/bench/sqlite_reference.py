"""Reference engine for the ingest benchmark: the same rows written straight into SQLite by Python's
sqlite3 (WAL, synchronous=FULL, as Otklik runs it), one transaction per row and one per 1,000 rows."""
import os
import sqlite3
import sys
import tempfile
import time

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
folder = tempfile.mkdtemp()


def connect(name):
    db = sqlite3.connect(os.path.join(folder, name), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE feedback (id TEXT PRIMARY KEY, ts BIGINT, channel TEXT, kind TEXT, location_code TEXT, "
               "staff_code TEXT, service_code TEXT, nps SMALLINT, csat SMALLINT, received_at BIGINT)")
    db.execute("CREATE INDEX feedback_ts ON feedback (ts, id)")
    db.execute("CREATE INDEX feedback_location_ts ON feedback (location_code, ts)")
    db.execute("CREATE INDEX feedback_staff_ts ON feedback (staff_code, ts)")
    return db


def row(i):
    return (f"ref-{i}", 1772000000000 + i, "terminal", "informative", f"L{i % 11 + 1:02d}", f"S{i % 72 + 1:03d}", "SV01", i % 11, i % 5 + 1, 0)


SQL = "INSERT INTO feedback VALUES (?,?,?,?,?,?,?,?,?,?)"
db = connect("single.sqlite")
start = time.perf_counter()
for i in range(rows):
    db.execute("BEGIN IMMEDIATE")
    db.execute(SQL, row(i))
    db.execute("COMMIT")
single = rows / (time.perf_counter() - start)

db = connect("batch.sqlite")
start = time.perf_counter()
for first in range(0, rows * 10, 1000):
    db.execute("BEGIN IMMEDIATE")
    db.executemany(SQL, [row(i) for i in range(first, first + 1000)])
    db.execute("COMMIT")
batch = rows * 10 / (time.perf_counter() - start)
print(f"{single:.0f} {batch:.0f}")
