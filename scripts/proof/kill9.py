"""kill -9 during sustained writes (issue 21 item 5): writers post single records and batches of 50 without pause while
the server is killed with SIGKILL several times and restarted on the same port; every id the server acknowledged (201)
must be stored. Prints acknowledged vs stored and the lost count per engine; exits 1 if any acknowledged record is lost.

Usage: python3 scripts/proof/kill9.py [--kills 5] [--seconds-between 4]  (OTKLIK_BIN; OTKLIK_TEST_POSTGRES_URL for PostgreSQL)
"""

import argparse
import sys
import tempfile
import threading
import time

from common import Database, api_key, engines, free_port, kill9, request, serve


def run(engine, kills, between, directory):
    database = Database(engine, directory)
    log = open(f"{directory}/serve-{engine}.log", "w")
    port = free_port()
    acknowledged = set()
    single = [0]
    attempted = 0
    errors = {}
    lock = threading.Lock()
    stop = threading.Event()
    process = None
    try:
        process, url = serve(database.url, log, port=port)
        key = api_key(database.url)

        def writer(worker, batch):
            nonlocal attempted
            number = 0
            while not stop.is_set():
                ids = [f"{engine[0]}{worker}-{number}-{n}" for n in range(batch)]
                number += 1
                items = [{"id": i, "channel": "terminal", "nps": len(i) % 11, "ts": "2026-11-30T10:00:00Z"} for i in ids]
                body = items[0] if batch == 1 else {"items": items}
                try:
                    status, _ = request(url + "/api/v1/feedback", "POST", body, key, timeout=10)
                except OSError:
                    status = "connection"
                with lock:
                    attempted += batch
                    if status == 201:
                        acknowledged.update(ids)
                        single[0] += 1 if batch == 1 else 0
                    else:
                        errors[status] = errors.get(status, 0) + 1
                if status != 201:
                    time.sleep(0.05)

        threads = [threading.Thread(target=writer, args=(w, 1 if w < 3 else 50)) for w in range(5)]
        for thread in threads:
            thread.start()
        for kill in range(kills):
            time.sleep(between)
            kill9(process)
            process, url = serve(database.url, log, port=port)
        time.sleep(between)
        stop.set()
        for thread in threads:
            thread.join()
        stored = set(database.query("SELECT id FROM feedback").split())
        lost = acknowledged - stored
        singles = single[0]
        print(f"{engine}: {kills} kills, {attempted} records attempted, {len(acknowledged)} acknowledged "
              f"({singles} single, {len(acknowledged) - singles} in batches), {len(stored)} stored, {len(lost)} lost; "
              f"unacknowledged answers {errors}")
        return len(lost)
    finally:
        stop.set()
        if process and process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()
        database.drop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seconds-between", type=float, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        lost = sum(run(engine, args.kills, args.seconds_between, directory) for engine in engines())
    print("0 lost" if lost == 0 else f"{lost} acknowledged records lost")
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()
