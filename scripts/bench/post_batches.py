"""Posts N batches of 1,000 new feedback to a running Otklik over one keep-alive connection; prints records/s."""
import http.client
import json
import os
import sys
import time

url, key, batches = os.environ["OTKLIK_URL"], os.environ["OTKLIK_KEY"], int(sys.argv[1])
host, port = url.split("//")[1].split(":")
connection = http.client.HTTPConnection(host, int(port))
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
run = str(time.time_ns())
start = time.perf_counter()
for b in range(batches):
    items = [{"id": f"batch-{run}-{b}-{i}", "channel": "qr_web", "location": f"L{i % 11 + 1:02d}", "nps": i % 11,
              "comment": "Очень долго ждал в очереди" if i % 7 == 0 else None} for i in range(1000)]
    for item in items:
        if item["comment"] is None:
            del item["comment"]
    connection.request("POST", "/api/v1/feedback", json.dumps({"items": items}), headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 201:
        sys.exit(f"batch {b}: HTTP {response.status} {body[:200]!r}")
print(f"{batches * 1000 / (time.perf_counter() - start):.0f}")
