"""Soak test (issue 21 item 5): one `otklik serve` on a demo SQLite database under a steady load for --minutes N
(single writes, batches of 20, metrics and health reads at fixed rates); each writer cycles through a fixed set of
record ids (--ids per writer), so after the first pass its writes are re-deliveries taking the idempotent write path
and the data stops growing: a leak shows as growth, the data does not. Samples the server's RSS each minute and prints
the samples, the drift of memory from the first minute's sample (warm-up) to the last, and every error. Exits 1 when
memory grew more than 10 % or any request failed.

Usage: python3 scripts/proof/soak.py [--minutes 60] [--rate 40]  (OTKLIK_BIN)
"""

import argparse
import sys
import tempfile
import threading
import time

from common import Database, api_key, request, serve


def memory_kib(pid):
    """VmRSS and its two parts, RssAnon (the heap: allocator arenas, SQLite's page caches) and RssFile (mapped files)."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                values[name] = int(rest.split()[0])
    return values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--rate", type=float, default=40, help="requests per second in all")
    parser.add_argument("--ids", type=int, default=300, help="distinct request ids per writer (300: the first minute writes them all)")
    args = parser.parse_args()
    import subprocess
    from common import BIN
    with tempfile.TemporaryDirectory() as directory:
        database = Database("sqlite", directory)
        subprocess.run([BIN, "demo", "--db", database.url, "--records", "20000", "--until", "2026-11-22", "--log-level", "warning"],
                       check=True, capture_output=True)
        log = open(f"{directory}/serve.log", "w")
        process, url = serve(database.url, log)
        key = api_key(database.url)
        counts, errors = {}, {}
        lock = threading.Lock()
        stop = threading.Event()
        paths = ["/api/v1/metrics?metric=nps&by=region", "/api/v1/metrics?metric=csat&by=location", "/health"]

        def work(worker, workers):
            number = 0
            interval = workers / args.rate
            start = time.monotonic()
            while not stop.is_set():
                kind = number % 5
                cycle = number % args.ids
                if kind in (0, 1, 2):
                    body = {"id": f"s{worker}-{cycle}", "channel": "terminal", "nps": cycle % 11}
                    status, answer = request(url + "/api/v1/feedback", "POST", body, key, timeout=30)
                    name, ok = "single write", status in (200, 201)
                elif kind == 3:
                    items = [{"id": f"s{worker}-{cycle}-{n}", "channel": "terminal", "csat": 1 + n % 5} for n in range(20)]
                    status, answer = request(url + "/api/v1/feedback", "POST", {"items": items}, key, timeout=30)
                    name, ok = "batch of 20", status in (200, 201)
                else:
                    path = paths[(number // 5) % len(paths)]
                    status, answer = request(url + path, key=key, timeout=30)
                    name, ok = "read", status == 200
                with lock:
                    counts[name] = counts.get(name, 0) + 1
                    if not ok:
                        errors[f"{name} {status}"] = errors.get(f"{name} {status}", 0) + 1
                number += 1
                pause = start + number * interval - time.monotonic()
                if pause > 0:
                    stop.wait(pause)

        workers = 8
        threads = [threading.Thread(target=work, args=(w, workers)) for w in range(workers)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        samples = []
        minutes = max(1, int(round(args.minutes)))
        for minute in range(1, minutes + 1):
            stop.wait(max(0, started + minute * 60 - time.monotonic()))
            memory = memory_kib(process.pid)
            samples.append(memory.get("VmRSS", 0))
            with lock:
                done = sum(counts.values())
            print(f"minute {minute}: RSS {samples[-1] / 1024:.1f} MiB (anonymous {memory.get('RssAnon', 0) / 1024:.1f}, "
                  f"files {memory.get('RssFile', 0) / 1024:.1f}), {done} requests, errors {sum(errors.values())}", flush=True)
        stop.set()
        for thread in threads:
            thread.join()
        process.terminate()
        process.wait(timeout=30)
        log.close()
        stored = database.query("SELECT count(*) FROM feedback")
        first, last = samples[0], samples[-1]
        drift = (last - first) / first * 100
        total = sum(counts.values())
        print(f"soak: {args.minutes:g} min at {args.rate:g} requests/s: {total} requests ({counts}), {sum(errors.values())} errors {errors}; "
              f"RSS {first / 1024:.1f} MiB after the first minute, {last / 1024:.1f} MiB at the end, drift {drift:+.1f} %, "
              f"peak {max(samples) / 1024:.1f} MiB; {stored} feedback records stored at the end (20000 demo + the writers' distinct ids)")
        sys.exit(0 if drift <= 10 and not errors else 1)


if __name__ == "__main__":
    main()
