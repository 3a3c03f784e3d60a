#!/usr/bin/env python3
"""Reference engine for the call benchmark: DuckDB reads the same CSV and computes the same KPIs
under the same definitions (IVR-only contacts not offered; a wait of T counts as within; short
abandon = wait <= 5 s). Prints one JSON object: load time and, per KPI, seconds and value."""
import json
import sys

from duckdb_timing import best_of, connect, load_csv

path = sys.argv[1]
con = connect()
load = load_csv(con, "calls", path)
QUERIES = {
    "sl_offered_T20": "SELECT 100.0 * count(*) FILTER (outcome = 'answered' AND wait_s <= 20) / count(*) FILTER (outcome <> 'self_service') FROM calls",
    "asa": "SELECT avg(wait_s) FROM calls WHERE outcome = 'answered'",
    "abandonment_without_short": """SELECT 100.0 * count(*) FILTER (outcome = 'abandoned' AND wait_s > 5)
        / count(*) FILTER (outcome = 'answered' OR (outcome = 'abandoned' AND wait_s > 5)) FROM calls""",
    "sl_by_queue_month": """SELECT queue, date_trunc('month', arrived_at) AS m,
        count(*) FILTER (outcome = 'answered' AND wait_s <= 20) * 100.0 / count(*) FILTER (outcome <> 'self_service')
        FROM calls GROUP BY 1, 2""",
    "aht_by_agent": "SELECT agent, avg(talk_s) FROM calls WHERE outcome = 'answered' GROUP BY 1",
    "fcr_7d": """WITH offered AS (
            SELECT customer, topic, outcome, arrived_at,
                   lead(arrived_at) OVER (PARTITION BY customer, topic ORDER BY arrived_at, id) AS next_at
            FROM calls WHERE outcome <> 'self_service' AND customer IS NOT NULL)
        SELECT 100.0 * count(*) FILTER (next_at IS NULL OR next_at > arrived_at + INTERVAL 7 DAY) / count(*)
        FROM offered WHERE outcome = 'answered'""",
}
result = {"load_s": load, "rows": con.execute("SELECT count(*) FROM calls").fetchone()[0], "kpis": {}}
for name, sql in QUERIES.items():
    best, rows = best_of(con, sql)
    value = rows[0][0] if len(rows) == 1 else len(rows)
    result["kpis"][name] = {"s": best, "value": value}
print(json.dumps(result))
