# Usage: python3 scripts/bench/request_import_check.py BEFORE.sqlite AFTER.sqlite DATA_DIR (requests.csv, agent_states.csv)
"""Compares the request and agent-state tables of two Otklik SQLite databases (before/after import) with each other and
with the CSVs read by DuckDB: counts, distinct ids, the cost sum, completed requests, agent-state seconds."""
import sqlite3, sys, duckdb
before, after, data = sys.argv[1], sys.argv[2], sys.argv[3]
def rows(path, sql):
    c = sqlite3.connect(path)
    return c.execute(sql).fetchall()
req = "SELECT id, service_code, location_code, channel, submitted_at, status, closed_at, cost FROM service_requests ORDER BY id"
st = "SELECT id, staff_code, state, started_at, ended_at FROM agent_states ORDER BY id"
ok = True
for name, sql in [("requests", req), ("agent states", st)]:
    a, b = rows(before, sql), rows(after, sql)
    print(f"{name}: before {len(a)} rows, after {len(b)} rows, identical: {a == b}")
    ok &= a == b
for label, sql in [("codes", "SELECT 'services', code FROM services UNION ALL SELECT 'locations', code FROM locations UNION ALL SELECT 'staff', code FROM staff ORDER BY 1, 2"),
                   ("feed records", "SELECT kind, SUM(records) FROM change_feed GROUP BY kind ORDER BY kind")]:
    a, b = rows(before, sql), rows(after, sql)
    print(f"{label}: before {len(a)}, after {len(b)}, identical: {a == b}" + (f" {a}" if label == "feed records" else ""))
    ok &= a == b
db = duckdb.connect()
csv = db.execute(f"""SELECT COUNT(*), COUNT(DISTINCT id), ROUND(SUM(cost), 2), SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END)
    FROM read_csv('{data}/requests.csv', header=true, all_varchar=false)""").fetchone()
mine = rows(after, "SELECT COUNT(*), COUNT(DISTINCT id), ROUND(SUM(cost), 2), SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) FROM service_requests")[0]
print(f"requests CSV (DuckDB): {csv}; after's table: {mine}; equal: {tuple(csv) == tuple(mine)}")
ok &= tuple(csv) == tuple(mine)
csv = db.execute(f"""SELECT COUNT(*), SUM(epoch(CAST("end" AS TIMESTAMP)) - epoch(CAST(start AS TIMESTAMP)))
    FROM read_csv('{data}/agent_states.csv', header=true)""").fetchone()
mine = rows(after, "SELECT COUNT(*), SUM(ended_at - started_at) / 1000.0 FROM agent_states")[0]
print(f"agent states CSV (DuckDB): {csv}; after's table: {mine}; equal: {csv[0] == mine[0] and abs(csv[1] - mine[1]) < 1e-6}")
ok &= csv[0] == mine[0] and abs(csv[1] - mine[1]) < 1e-6
for path in (before, after):
    print(path, rows(path, "PRAGMA integrity_check")[0][0])
sys.exit(0 if ok else 1)
