"""Waits until every feed consumer of a running Otklik has reached the feed's head (/health `consumers`, lag_events 0);
prints the seconds it took, or exits 1 after the limit (seconds, default 300) with the consumers still behind."""
import json
import os
import sys
import time
import urllib.request

url, limit = os.environ["OTKLIK_URL"], float(sys.argv[1]) if len(sys.argv) > 1 else 300.0
start = time.perf_counter()
while True:
    with urllib.request.urlopen(url + "/health") as response:
        behind = [c["name"] for c in json.load(response).get("consumers", []) if c.get("lag_events", 0) > 0]
    if not behind:
        print(f"{time.perf_counter() - start:.1f}")
        break
    if time.perf_counter() - start > limit:
        sys.exit(f"consumers still behind after {limit:.0f} s: {', '.join(behind)}")
    time.sleep(0.1)
