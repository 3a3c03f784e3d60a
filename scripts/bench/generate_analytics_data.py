#!/usr/bin/env python3
"""The analytics benchmark's data set (issue 7): N feedback records over the year 2025 (UTC), in
time order, written as CSV by DuckDB from its deterministic hash, so the same N gives the same file.

Columns: ts (epoch ms), channel (6 values), location (200), staff (2,000, ten per location),
service (30), segment (6), nps (~60 % empty), csat (~50 % empty), ces (~70 % empty).
Usage: generate_analytics_data.py N OUT.csv   (scripts/bench-analytics; generate_feedback.py writes import CSV)
"""
import sys

import duckdb

def main() -> None:
    n, out = int(sys.argv[1]), sys.argv[2]
    con = duckdb.connect()
    con.execute("SET threads = 2")
    year_ms = 365 * 86_400_000
    start_ms = 1_735_689_600_000  # 2025-01-01T00:00:00Z
    con.execute(f"""
        COPY (
          SELECT
            {start_ms} + (i * {year_ms}) // {n} AS ts,
            ['button', 'terminal', 'qr_web', 'call_center', 'email', 'mobile_app'][1 + (hash(i * 16 + 1) % 6)::INTEGER] AS channel,
            printf('L%03d', 1 + loc) AS location,
            printf('S%04d', 1 + loc * 10 + (hash(i * 16 + 3) % 10)::INTEGER) AS staff,
            printf('SV%02d', 1 + (hash(i * 16 + 4) % 30)::INTEGER) AS service,
            ['mass', 'affluent', 'premium', 'sme', 'corporate', 'youth'][1 + (hash(i * 16 + 5) % 6)::INTEGER] AS segment,
            CASE WHEN hash(i * 16 + 6) % 100 < 60 THEN NULL
                 WHEN r_nps < 50 - (loc % 10) * 3 THEN 9 + (hash(i * 16 + 8) % 2)::INTEGER
                 WHEN r_nps < 78 - (loc % 10) * 2 THEN 7 + (hash(i * 16 + 8) % 2)::INTEGER
                 ELSE (hash(i * 16 + 8) % 7)::INTEGER END AS nps,
            CASE WHEN hash(i * 16 + 9) % 100 < 50 THEN NULL
                 WHEN r_csat < 55 THEN 5 WHEN r_csat < 80 THEN 4 WHEN r_csat < 90 THEN 3
                 WHEN r_csat < 95 THEN 2 ELSE 1 END AS csat,
            CASE WHEN hash(i * 16 + 11) % 100 < 70 THEN NULL ELSE 1 + (hash(i * 16 + 12) % 7)::INTEGER END AS ces
          FROM (
            SELECT range AS i, (hash(range * 16 + 2) % 200)::INTEGER AS loc,
                   (hash(range * 16 + 7) % 100)::INTEGER AS r_nps, (hash(range * 16 + 10) % 100)::INTEGER AS r_csat
            FROM range({n})
          )
          ORDER BY i
        ) TO '{out}' (HEADER, DELIMITER ',')
    """)

if __name__ == "__main__":
    main()
