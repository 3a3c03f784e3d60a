"""Backup and restore round-trip (issue 21 item 5): a demo database served by `otklik serve`, copied while the server
runs — SQLite with `otklik backup` (SQLite's online backup API), PostgreSQL with pg_dump -Fc — then restored
(a copy of the file; pg_restore into a new database) and served again. Prints the row count of every table and
whether the metrics JSON of the restored server equals the original's; exits 1 on any difference. A second SQLite
backup is taken under sustained writes: the copy passes `PRAGMA integrity_check` and holds between the counts
before and after it.

Usage: python3 scripts/proof/backup.py [--records 20000]  (OTKLIK_BIN; OTKLIK_TEST_POSTGRES_URL for PostgreSQL)
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from common import BIN, PG, Database, api_key, engines, psql, request, serve, sqlite

METRICS = ["/api/v1/metrics?metric=nps&by=region", "/api/v1/metrics?metric=csat&by=location", "/api/v1/metrics?metric=count"]


def tables(database):
    if database.engine == "sqlite":
        names = database.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").split()
    else:
        names = database.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").split()
    return {name: int(database.query(f'SELECT count(*) FROM "{name}"')) for name in names}


def figures(url, key):
    out = {}
    for path in METRICS:
        status, body = request(url + path, key=key, timeout=60)
        assert status == 200, (path, status, body)
        if isinstance(body, dict):
            body.pop("generated_at", None)
        out[path] = body
    return out


def restored_database(database, directory):
    copy = Database.__new__(Database)
    copy.engine, copy.name = database.engine, None
    if database.engine == "sqlite":
        copy.path = os.path.join(directory, f"restored-{uuid.uuid4().hex[:6]}.sqlite")
        copy.url = "sqlite:" + copy.path
    else:
        copy.name = "otklik_restored_" + uuid.uuid4().hex[:8]
        psql(PG, f"CREATE DATABASE {copy.name}")
        copy.url = PG.rsplit("/", 1)[0] + "/" + copy.name
    return copy


def run(engine, records, directory):
    database = Database(engine, directory)
    copy = None
    log = open(f"{directory}/serve-{engine}.log", "w")
    processes = []
    try:
        subprocess.run([BIN, "demo", "--db", database.url, "--records", str(records), "--until", "2026-11-22", "--log-level", "warning"],
                       check=True, capture_output=True)
        process, url = serve(database.url, log)
        processes.append(process)
        key = api_key(database.url)
        before_tables, before_figures = tables(database), figures(url, key)
        started = time.monotonic()
        copy = restored_database(database, directory)
        if engine == "sqlite":
            backup = os.path.join(directory, "backup.sqlite")
            subprocess.run([BIN, "backup", "--db", database.url, "--to", backup, "--log-level", "warning"], check=True, capture_output=True)
            size = os.path.getsize(backup)
            shutil.copyfile(backup, copy.path)
        else:
            dump = os.path.join(directory, "backup.dump")
            subprocess.run(["pg_dump", "-Fc", "-f", dump, database.url], check=True)
            size = os.path.getsize(dump)
            subprocess.run(["pg_restore", "--no-owner", "-d", copy.url, dump], check=True)
        took = time.monotonic() - started
        restored, restored_url = serve(copy.url, log)
        processes.append(restored)
        after_tables, after_figures = tables(copy), figures(restored_url, key)
        differing = [name for name in before_tables if before_tables[name] != after_tables.get(name)]
        same_figures = before_figures == after_figures
        total = sum(before_tables.values())
        print(f"{engine}: {len(before_tables)} tables, {total} rows; backup {size / 1e6:.1f} MB and restore in {took:.1f} s; "
              f"tables differing: {len(differing)} {differing[:5]}; metrics JSON equal: {same_figures}")
        ok = not differing and same_figures
        if engine == "sqlite":
            ok = under_writes(database, url, key, directory) and ok
        return ok
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        log.close()
        database.drop()
        if copy:
            copy.drop()


def under_writes(database, url, key, directory):
    stop = threading.Event()
    acknowledged = [0]

    def write(worker):
        number = 0
        while not stop.is_set():
            items = [{"id": f"bw{worker}-{number}-{n}", "channel": "terminal", "nps": n % 11} for n in range(20)]
            number += 1
            if request(url + "/api/v1/feedback", "POST", {"items": items}, key, timeout=30)[0] == 201:
                acknowledged[0] += 20

    before = int(database.query("SELECT count(*) FROM feedback"))
    threads = [threading.Thread(target=write, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    backup = os.path.join(directory, "backup-under-writes.sqlite")
    subprocess.run([BIN, "backup", "--db", database.url, "--to", backup, "--log-level", "warning"], check=True, capture_output=True)
    time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join()
    after = int(database.query("SELECT count(*) FROM feedback"))
    check = sqlite(backup, "PRAGMA integrity_check")
    copied = int(sqlite(backup, "SELECT count(*) FROM feedback"))
    ok = check == "ok" and before <= copied <= after
    print(f"sqlite under writes: {acknowledged[0]} records acknowledged meanwhile; feedback {before} before, {copied} in the copy, "
          f"{after} after; integrity_check: {check}")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        ok = all([run(engine, args.records, directory) for engine in engines()])
    print("round-trip: equal" if ok else "round-trip: DIFFERENCES")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
