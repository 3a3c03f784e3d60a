"""Shared by the DuckDB references of the benchmarks (duckdb_calls.py, duckdb_requests.py): a connection limited to
the threads the server has, CSV loading timed, and each query's best time of several runs."""
import os
import time

import duckdb


def connect(threads=None):
    """An in-memory DuckDB using `threads` threads (default: every core, as the server's scans may)."""
    con = duckdb.connect()
    con.execute(f"SET threads = {threads or os.cpu_count()}")
    return con


def load_csv(con, table, path, **options):
    """Creates `table` from the CSV at `path` (header, ISO-8601 UTC times) and returns the seconds it took."""
    extra = "".join(f", {key}={value}" for key, value in options.items())
    start = time.perf_counter()
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header=true, timestampformat='%Y-%m-%dT%H:%M:%SZ'{extra})")
    return time.perf_counter() - start


def best_of(con, sql, runs=3):
    """The best of `runs` executions of `sql`: (seconds, rows of the last run)."""
    best, rows = None, None
    for _ in range(runs):
        start = time.perf_counter()
        rows = con.execute(sql).fetchall()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, rows
