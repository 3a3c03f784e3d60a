"""Times a page of feedback for a key scoped to two locations against the same page for one location, and the old and
the new SQL for the scope in Python sqlite3 on the same file (read-only); prints a Markdown table.
Usage: scoped_list.py DB_FILE SCOPED_KEY LOCATION_A LOCATION_B (OTKLIK_URL and OTKLIK_KEY, an admin key, in the environment)."""
import http.client
import json
import os
import sqlite3
import statistics
import sys
import time

path, scoped_key, first, second = sys.argv[1:5]
url, admin_key = os.environ["OTKLIK_URL"], os.environ["OTKLIK_KEY"]
host, port = url.split("//")[1].split(":")
connection = http.client.HTTPConnection(host, int(port))
RUNS = 15


def get(target, key):
    connection.request("GET", target, headers={"Authorization": "Bearer " + key})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"{target}: HTTP {response.status} {body[:200]!r}")
    return json.loads(body)


def timed(run):
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times), result


columns = "id, ts"
old = f"SELECT {columns} FROM feedback WHERE location_code IN (?, ?) ORDER BY ts DESC, id DESC LIMIT 51"
part = f"SELECT {columns} FROM feedback WHERE location_code = ? ORDER BY ts DESC, id DESC LIMIT 51"
new = f"SELECT * FROM ({part}) AS l0 UNION ALL SELECT * FROM ({part}) AS l1 ORDER BY ts DESC, id DESC LIMIT 51"
database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
records = database.execute("SELECT count(*) FROM feedback").fetchone()[0]
in_scope = database.execute("SELECT count(*) FROM feedback WHERE location_code IN (?, ?)", (first, second)).fetchone()[0]

scope = timed(lambda: get("/api/v1/feedback?limit=50", scoped_key))
one = timed(lambda: get(f"/api/v1/feedback?limit=50&location={first}", admin_key))
old_sql = timed(lambda: database.execute(old, (first, second)).fetchall())
new_sql = timed(lambda: database.execute(new, (first, second)).fetchall())
if [r[0] for r in old_sql[2][:50]] != [item["id"] for item in scope[2]["items"]] or old_sql[2] != new_sql[2]:
    sys.exit("the scoped page differs from the one query's rows")
locations = {item["location"] for item in scope[2]["items"]}
print(f"{time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, release build, SQLite: {records:,} records, "
      f"{in_scope:,} of them at {first} or {second}; best and median of {RUNS}, ms.")
print()
print("| read | best | median |")
print("|---|---|---|")
print(f"| Otklik: GET /api/v1/feedback?limit=50, a key scoped to {first} and {second} (the page holds {', '.join(sorted(locations))}) | {scope[0]:.1f} | {scope[1]:.1f} |")
print(f"| reference, Otklik: the same page for one location (?location={first}) | {one[0]:.1f} | {one[1]:.1f} |")
print(f"| reference, Python sqlite3: the one query for the scope the server ran before (IN, sorted) | {old_sql[0]:.1f} | {old_sql[1]:.1f} |")
print(f"| Python sqlite3: the merged query it runs now (same 51 ids) | {new_sql[0]:.1f} | {new_sql[1]:.1f} |")
