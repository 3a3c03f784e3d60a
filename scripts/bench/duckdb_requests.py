#!/usr/bin/env python3
"""Reference engine for scripts/bench-requests: DuckDB reads the same CSVs (requests.csv, contacts.csv,
agent_states.csv of generate_requests.py, times in UTC) and computes each public-service and agent-state KPI the
benchmark asks the API for, under METHODS.md's definitions as Otklik states them in each report's `definition`.
Prints one JSON object: load seconds, rows, and per KPI the best seconds of three and its rows
[label..., value, n] (the overall figure has no labels), for compare_kpis.py.

Usage: duckdb_requests.py DIR [--threads N]"""
import argparse
import json
import os

from duckdb_timing import best_of, connect, load_csv

ONLINE = "('web', 'mobile_app')"
# The 3rd working day (Mon-Fri, no holidays imported) after each day: a day's count of working days so far, plus 3.
DEADLINES = """deadlines AS (
    WITH days AS (SELECT CAST(range AS DATE) AS d FROM range(DATE '2024-12-01', DATE '2026-12-31', INTERVAL 1 DAY)),
         numbered AS (SELECT d, sum(CASE WHEN isodow(d) <= 5 THEN 1 ELSE 0 END) OVER (ORDER BY d) AS k FROM days),
         working AS (SELECT d, k FROM numbered WHERE isodow(d) <= 5)
    SELECT numbered.d AS received, working.d AS deadline FROM numbered JOIN working ON working.k = numbered.k + 3)"""
AGENT_DAYS = """agent_days AS (
    SELECT agent, CAST("start" AS DATE) AS d,
           coalesce(sum(epoch("end") - epoch("start")) FILTER (state IN ('handling', 'wrap')), 0) AS handle,
           coalesce(sum(epoch("end") - epoch("start")) FILTER (state {base}), 0) AS base
    FROM agent_states GROUP BY 1, 2)"""
QUERIES = {
    "completion": "SELECT 100.0 * count(*) FILTER (status = 'completed') / count(*), count(*) FROM requests",
    "online_share": f"SELECT 100.0 * count(*) FILTER (channel IN {ONLINE}) / count(*), count(*) FROM requests",
    "cost_per_service": "SELECT avg(cost), count(cost) FROM requests WHERE status = 'completed' AND cost IS NOT NULL",
    "contacts_per_request": """SELECT avg(greatest(1, coalesce(k, 0))), count(*) FROM requests
        LEFT JOIN (SELECT "request", count(*) AS k FROM contacts GROUP BY 1) linked ON linked."request" = requests.id
        WHERE status = 'completed'""",
    "platform_users": f"""SELECT count(DISTINCT customer), count(DISTINCT customer) FROM (
        SELECT customer FROM requests WHERE channel IN {ONLINE} AND customer IS NOT NULL
        UNION ALL SELECT customer FROM contacts WHERE channel IN {ONLINE} AND customer IS NOT NULL)""",
    "phone_answered": """SELECT 100.0 * count(*) FILTER (outcome = 'answered' AND wait_s <= 60) / count(*), count(*)
        FROM contacts WHERE channel = 'call_center' AND outcome <> 'self_service'""",
    "email_answered": f"""WITH {DEADLINES}
        SELECT 100.0 * count(*) FILTER (outcome = 'answered'
                 AND CAST(arrived_at + to_seconds(CAST(wait_s AS BIGINT)) AS DATE) <= deadline) / count(*), count(*)
        FROM contacts JOIN deadlines ON deadlines.received = CAST(arrived_at AS DATE)
        WHERE channel = 'email' AND outcome <> 'self_service' AND (outcome = 'answered' OR deadline < current_date)""",
    "completion_by_service_month": """SELECT service, strftime(submitted_at, '%Y-%m'),
        100.0 * count(*) FILTER (status = 'completed') / count(*), count(*) FROM requests GROUP BY 1, 2""",
    "cost_per_service_by_location": """SELECT coalesce(location, ''), avg(cost), count(cost) FROM requests
        WHERE status = 'completed' AND cost IS NOT NULL GROUP BY 1""",
    "platform_users_by_month": f"""SELECT m, count(DISTINCT customer), count(DISTINCT customer) FROM (
        SELECT strftime(submitted_at, '%Y-%m') AS m, customer FROM requests WHERE channel IN {ONLINE} AND customer IS NOT NULL
        UNION ALL SELECT strftime(arrived_at, '%Y-%m'), customer FROM contacts WHERE channel IN {ONLINE} AND customer IS NOT NULL)
        GROUP BY 1""",
    "platform_users_by_service_month": f"""SELECT coalesce(service, ''), m, count(DISTINCT customer), count(DISTINCT customer) FROM (
        SELECT service, strftime(submitted_at, '%Y-%m') AS m, customer FROM requests WHERE channel IN {ONLINE} AND customer IS NOT NULL
        UNION ALL SELECT service, strftime(arrived_at, '%Y-%m'), customer FROM contacts WHERE channel IN {ONLINE} AND customer IS NOT NULL)
        GROUP BY 1, 2""",
    "occupancy": f"""WITH {AGENT_DAYS.format(base="<> 'aux'")}
        SELECT 100.0 * sum(handle) / sum(base), count(*) FROM agent_days WHERE base > 0""",
    "utilisation_by_agent": f"""WITH {AGENT_DAYS.format(base="IS NOT NULL")}
        SELECT agent, 100.0 * sum(handle) / sum(base), count(*) FROM agent_days WHERE base > 0 GROUP BY 1""",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()
    con = connect(args.threads)
    load = sum(load_csv(con, table, os.path.join(args.dir, f"{table}.csv"))
               for table in ("requests", "contacts", "agent_states"))
    rows = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("requests", "contacts", "agent_states")}
    result = {"load_s": load, "rows": rows, "threads": con.execute("SELECT current_setting('threads')").fetchone()[0], "kpis": {}}
    for name, sql in QUERIES.items():
        seconds, found = best_of(con, sql)
        result["kpis"][name] = {"s": seconds, "rows": [list(row) for row in found]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
