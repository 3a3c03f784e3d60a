"""The analytics engine's snapshot across real restarts (issue 22: start-up in seconds). A server on SQLite writes
`<database>.analytics` after it starts and when it stops; the next start reads it and then only what was written after
it — by this server, by `otklik import` while it ran or while it was stopped, or before a kill -9 — and every figure
equals a start that reads the whole store (`otklik.analytics.snapshot=off`).

Run by scripts/test with OTKLIK_BIN.
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from test_three_servers import BIN, free_port, request

pytestmark = pytest.mark.skipif(not BIN, reason="needs OTKLIK_BIN (scripts/test sets it)")

QUERIES = ["metric=count", "metric=nps&by=location&min_n=1", "metric=sl&threshold=20&by=queue&min_n=1",
           "metric=aht&by=agent&min_n=1", "metric=fcr&fcr_days=7", "metric=abandonment&by=month&min_n=1"]


STARTED = []


@pytest.fixture(autouse=True)
def stop_servers():
    """Every server a test started is stopped, also when the test fails."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


def serve(database, log_path, **env):
    port = free_port()
    environment = dict(os.environ, **env)
    log = open(log_path, "a")
    process = subprocess.Popen([BIN, "serve", "--db", database, "--port", str(port), "--log-level", "info"],
                               stdout=log, stderr=subprocess.STDOUT, env=environment)
    STARTED.append(process)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if request(url + "/health")[0] == 200:
                return process, url
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    pytest.fail("the server did not start: " + open(log_path).read()[-2000:])


def last_load(log_path):
    """The server's last "analytics loaded" line."""
    return [line for line in log_path.read_text().splitlines() if "analytics loaded" in line][-1]


def figures(url, key):
    answers = {}
    for query in QUERIES:
        status, body = request(f"{url}/api/v1/metrics?{query}", key=key)
        assert status == 200, (query, body)
        answers[query] = (body["overall"], body["groups"])
    return answers


def run(*arguments):
    subprocess.run([BIN, *arguments, "--log-level", "warning"], check=True, capture_output=True, text=True)


def import_feedback(tmp_path, database, prefix, n):
    rows = ["id,ts,channel,location,nps"] + [f"{prefix}{i},2026-11-{1 + i % 28:02d}T10:{i % 60:02d}:00Z,terminal,L0{1 + i % 3},{i % 11}"
                                             for i in range(n)]
    (tmp_path / f"{prefix}.csv").write_text("\n".join(rows) + "\n")
    run("import", "feedback", str(tmp_path / f"{prefix}.csv"), "--db", database)


def import_calls(tmp_path, database, rows):
    """Imports the generated log's calls `rows` (a slice): the log is made once, its ids are unique across slices."""
    log = tmp_path / "calls.csv"
    if not log.exists():
        subprocess.run([sys.executable, "scripts/bench/generate_calls.py", "3500", str(log), "--seed", "1"], check=True)
    lines = log.read_text().splitlines()
    path = tmp_path / f"calls-{rows.start}.csv"
    path.write_text("\n".join([lines[0]] + lines[1:][rows]) + "\n")
    run("import", "interactions", "--format", "csv", "--db", database, "--timezone", "UTC", str(path))


def wait_for(url, key, count):
    for _ in range(100):
        if request(f"{url}/api/v1/metrics?metric=count", key=key)[1]["overall"]["value"] == count:
            return
        time.sleep(0.1)
    pytest.fail(f"the server never held {count} records")


def test_restarts_read_the_snapshot_and_what_came_after(tmp_path):
    database = f"sqlite:{tmp_path}/otklik.sqlite"
    snapshot = tmp_path / "otklik.sqlite.analytics"
    log = tmp_path / "serve.log"
    import_feedback(tmp_path, database, "a", 600)
    import_calls(tmp_path, database, slice(0, 3000))
    key = subprocess.run([BIN, "apikey", "create", "snap", "--db", database, "--log-level", "warning"],
                         check=True, capture_output=True, text=True).stdout.strip().split()[-1]

    server, url = serve(database, log)
    for _ in range(100):
        if snapshot.exists():
            break
        time.sleep(0.1)
    assert snapshot.exists(), "written after a start that read the store"
    import_feedback(tmp_path, database, "b", 200)  # another process, while the server runs
    wait_for(url, key, 800)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    text = log.read_text()
    assert text.count("analytics snapshot written") == 2, "after the start and at the stop"
    stop_snapshot = snapshot.stat().st_mtime_ns

    import_feedback(tmp_path, database, "c", 150)  # while no server runs
    import_calls(tmp_path, database, slice(3000, 3500))
    server, url = serve(database, log)
    assert "from=snapshot at" in last_load(log) and "and 650 facts after it" in last_load(log), last_load(log)
    restarted = figures(url, key)
    assert snapshot.stat().st_mtime_ns == stop_snapshot, "650 facts after it: not rewritten at the start"
    assert restarted["metric=count"][0]["value"] == 950
    import_feedback(tmp_path, database, "d", 50)
    wait_for(url, key, 1000)
    server.send_signal(signal.SIGKILL)  # no snapshot at the stop: the next start reads every fact after the first stop's

    server.wait(timeout=30)

    server, url = serve(database, log)
    assert "from=snapshot at" in last_load(log) and "and 700 facts after it" in last_load(log), last_load(log)
    after_kill = figures(url, key)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    server, url = serve(database, log, OTKLIK_ANALYTICS_SNAPSHOT="off")
    from_store = figures(url, key)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    assert "from=database" in last_load(log)
    assert after_kill == from_store
    assert after_kill["metric=count"][0]["value"] == 1000
