"""scripts/bench/consumer_lag.py, which `scripts/bench-server` uses to report the change feed's consumers under load
(issue 22): its arithmetic on samples whose answers are worked out by hand, and a run against a real server, where
the rows it counts must be the rows written and every consumer the server has must be reported.

Run by scripts/test with OTKLIK_BIN (the server part is skipped without it).
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_three_servers import BIN, free_port, request, wait_until_healthy

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "bench"
sys.path.insert(0, str(SCRIPTS))
import consumer_lag  # noqa: E402


def feed(path, events):
    """A change_feed table with events of the given rows, positions 1…n."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE change_feed (position INTEGER PRIMARY KEY, kind TEXT, records INTEGER, created_at INTEGER)")
    connection.executemany("INSERT INTO change_feed (position, kind, records, created_at) VALUES (?, 'feedback', ?, 0)",
                           [(index + 1, records) for index, records in enumerate(events)])
    connection.commit()
    connection.close()


def test_the_rows_between_two_positions_are_the_events_rows(tmp_path):
    feed(tmp_path / "feed.sqlite", [1, 1, 1000, 1, 20000])
    rows = consumer_lag.Rows(tmp_path / "feed.sqlite")
    assert rows.between(0, 5) == 21003
    assert rows.between(2, 3) == 1000
    assert rows.between(3, 3) == 0
    assert rows.through(0) == 0


def test_a_consumer_that_falls_behind_and_catches_up(tmp_path):
    # 10 events of 100 rows. The load runs from t=0 to t=1; the consumer stands at 2 then 4 of a head of 6 then 10 (lag
    # 4, 0.3 s; then 6, 0.5 s), and after the load reaches the head (10) at t=1.5: 6 events, 600 rows in 0.5 s.
    feed(tmp_path / "feed.sqlite", [100] * 10)
    rows = consumer_lag.Rows(tmp_path / "feed.sqlite")
    samples = [
        {"t": 0.5, "head": 6, "c": [["slow", 2, 4, 0.3], ["quick", 6, 0, 0.0]]},
        {"t": 1.0, "head": 10, "c": [["slow", 4, 6, 0.5], ["quick", 10, 0, 0.0]]},
        {"t": 1.25, "head": 10, "c": [["slow", 8, 2, 0.1], ["quick", 10, 0, 0.0]]},
        {"t": 1.5, "head": 10, "c": [["slow", 10, 0, 0.0], ["quick", 10, 0, 0.0]]},
    ]
    assert consumer_lag.consumer_rows(samples, 0, 0.0, 1.0, rows) == ("6, 0.50 s", "0.50", "12, 1,200")
    assert consumer_lag.consumer_rows(samples, 1, 0.0, 1.0, rows) == ("0, 0.00 s", "0 (kept up)", "–")
    # A consumer that waits for its next round: 0.5 s to the head, but it moved in one interval of 0.25 s, so its rate
    # is 6 events (600 rows) in 0.25 s.
    waiting = [samples[0], samples[1], {"t": 1.25, "head": 10, "c": [["slow", 4, 6, 0.75], ["quick", 10, 0, 0.0]]}, samples[3]]
    assert consumer_lag.consumer_rows(waiting, 0, 0.0, 1.0, rows) == ("6, 0.50 s", "0.50", "24, 2,400")
    # Never at the head within the samples: said so, with no rate.
    assert consumer_lag.consumer_rows(samples[:3], 0, 0.0, 1.0, rows)[1:] == ("not within the samples", "–")
    # No sample while the load ran.
    assert consumer_lag.consumer_rows(samples, 0, 2.0, 3.0, rows) == ("–", "–", "–")


@pytest.mark.skipif(not BIN, reason="needs OTKLIK_BIN (scripts/test sets it)")
def test_the_report_of_a_real_server_counts_what_was_written(tmp_path):
    database = tmp_path / "lag.sqlite"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([BIN, "serve", "--db", f"sqlite:{database}", "--port", str(port), "--log-level", "warning"],
                              stdout=log, stderr=subprocess.STDOUT)
    sampler = None
    try:
        wait_until_healthy(url)
        created = subprocess.run([BIN, "apikey", "create", "--db", f"sqlite:{database}", "--log-level", "warning", "lag"],
                                 check=True, capture_output=True, text=True).stdout
        key = next(word for word in created.split() if word.startswith("otk_"))
        environment = dict(os.environ, OTKLIK_URL=url)
        samples = tmp_path / "lag.jsonl"
        sampler = subprocess.Popen([sys.executable, str(SCRIPTS / "consumer_lag.py"), "sample", str(samples)], env=environment)
        head = request(url + "/health")[1]["feed"]["head"]
        time.sleep(0.6)
        start = time.time()
        for batch in range(3):
            items = [{"id": f"lag-{batch}-{n}", "channel": "terminal", "nps": n % 11} for n in range(200)]
            status, body = request(url + "/api/v1/feedback", "POST", {"items": items}, key=key)
            assert status == 201, body
        end = time.time()
        subprocess.run([sys.executable, str(SCRIPTS / "wait_consumers.py"), "60"], env=environment, check=True,
                       capture_output=True)
        time.sleep(0.6)
        sampler.terminate()
        sampler.wait(timeout=10)
        consumers = [c["name"] for c in request(url + "/health")[1]["consumers"]]
        report = subprocess.run(
            [sys.executable, str(SCRIPTS / "consumer_lag.py"), "report", str(samples), str(database), f"posts={start},{end}"],
            check=True, capture_output=True, text=True).stdout.splitlines()
        lines = [line for line in report if line.startswith("| ") and not line.startswith("| consumer")]
        assert [line.split(" | ")[0][2:] for line in lines[:-1]] == consumers
        assert "analytics" in consumers and "case-opening" in consumers
        # Every consumer stood at the head at the end, with the 600 rows written behind it.
        last = json.loads(samples.read_text().splitlines()[-1])
        assert all(lag == 0 for _, _, lag, _ in last["c"])
        assert consumer_lag.Rows(database).between(head, last["head"]) == 600
    finally:
        if sampler and sampler.poll() is None:
            sampler.kill()
        server.terminate()
        server.wait(timeout=60)
