"""kill -9 of a server after its commits and before the work that follows them (issue 17's third "done means"): after
the restart every case is opened exactly once, every notification is stored once, every webhook is delivered at least
once and a re-delivery carries the same `webhook-id` — for feedback and for case changes, whose webhooks and
notifications the `case-webhooks` and `case-notifications` consumers write from the change feed (issue 17 item 2).

Two hidden environment variables, read only for this test, hold the server at the moment to kill it:
OTKLIK_TEST_CONSUMER_PAUSE_MS pauses the case-opening, webhook and case- and problem-notification consumers before their work (the
feedback or the case change is committed, nothing derived from it yet); OTKLIK_TEST_DELIVERY_PAUSE_MS pauses the webhook dispatcher after a send and
before it records the outcome (the receiver has the message, the store still says pending).

Run by scripts/test with OTKLIK_BIN; the PostgreSQL case also needs OTKLIK_TEST_POSTGRES_URL.
"""

import http.server
import json
import os
import signal
import subprocess
import threading
import time
import urllib.request
import uuid

import pytest

from test_three_servers import BASE_URL, BIN, free_port, psql, request

pytestmark = pytest.mark.skipif(not BIN, reason="needs OTKLIK_BIN (scripts/test sets it)")


class Receiver:
    """A webhook receiver on loopback that answers 200 and remembers every request's webhook-id, type and record."""

    def __init__(self):
        self.received = []  # (webhook-id, type, record id)
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                data = body.get("data") or {}
                record = data.get("feedback_id") if body.get("type", "").startswith("case.") else data.get("id")
                with outer.lock:
                    outer.received.append((self.headers.get("webhook-id"), body.get("type"), record))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def snapshot(self):
        with self.lock:
            return list(self.received)


def start(database, log, **pauses):
    port = free_port()
    env = dict(os.environ, OTKLIK_WEBHOOK_ALLOW_HOSTS="127.0.0.1", OTKLIK_WEBHOOK_BACKOFF_SECONDS="1")
    for name in ("OTKLIK_TEST_CONSUMER_PAUSE_MS", "OTKLIK_TEST_DELIVERY_PAUSE_MS"):
        env.pop(name, None)
    for name, value in pauses.items():
        env[name] = str(value)
    process = subprocess.Popen([BIN, "serve", "--db", database, "--port", str(port), "--log-level", "warning"],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if request(url + "/health")[0] == 200:
                return process, url
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    pytest.fail("the server did not start")


def kill9(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def complaint(id):
    return {"id": id, "channel": "qr_web", "kind": "complaint", "csat": 1, "comment": "Долго ждал", "contact": "+7 900 000-00-00"}


def praise(id):
    return {"id": id, "channel": "terminal", "nps": 10}


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"not within {seconds} s: {what}")


def engines():
    yield "sqlite"
    if BASE_URL:
        yield "postgresql"


@pytest.mark.parametrize("engine", list(engines()))
def test_a_killed_server_derives_everything_once_after_its_restart(engine, tmp_path):
    name = None
    if engine == "sqlite":
        database = f"sqlite:{tmp_path}/kill9.sqlite"
    else:
        name = "otklik_kill9_" + uuid.uuid4().hex[:8]
        psql(BASE_URL, f"CREATE DATABASE {name}")
        database = BASE_URL.rsplit("/", 1)[0] + "/" + name
    receiver = Receiver()
    log = open(tmp_path / "serve.log", "w")
    process = None
    try:
        process, url = start(database, log)
        created = subprocess.run([BIN, "apikey", "create", "--db", database, "--log-level", "warning", "kill9"],
                                 check=True, capture_output=True, text=True).stdout
        key = next(word for word in created.split() if word.startswith("otk_"))
        status, hook = request(url + "/api/v1/webhooks", "POST", {"url": receiver.url, "events": ["*"]}, key)
        assert status == 201, hook
        process.terminate()
        process.wait(timeout=30)

        def cases():
            return request(url + "/api/v1/cases?limit=1000", key=key)[1]["items"]

        def notifications():
            return request(url + "/api/v1/notifications?limit=1000", key=key)[1]["items"]

        # 1. Killed after the commit, before the cases and webhooks that follow from it.
        process, url = start(database, log, OTKLIK_TEST_CONSUMER_PAUSE_MS=120_000)
        first = [complaint(f"k1-c{n}") for n in range(5)] + [praise(f"k1-p{n}") for n in range(5)]
        started = time.monotonic()
        status, body = request(url + "/api/v1/feedback", "POST", {"items": first}, key, timeout=30)
        answered = time.monotonic() - started
        assert status == 201, body
        assert cases() == [] and notifications() == [], "the consumers are held before their work"
        kill9(process)
        print(f"\n{engine}: the write answered after {answered:.2f} s with its consumers held; killed before any case")
        assert receiver.snapshot() == []

        restarted = time.monotonic()
        process, url = start(database, log)
        wait_for(lambda: len(cases()) == 5, 60, "the five cases after the restart")
        wait_for(lambda: len(receiver.snapshot()) >= 15, 60, "ten feedback.received and five case.opened webhooks")
        print(f"{engine}: after the restart, cases and webhooks within {time.monotonic() - restarted:.1f} s")

        def recorded():
            items = request(url + f"/api/v1/webhooks/{hook['id']}/deliveries", key=key)[1]["items"]
            return len(items) == 15 and all(item["status"] == "delivered" for item in items)

        wait_for(recorded, 30, "the fifteen deliveries recorded")
        # Opening the cases appended their history lines to the feed after the consumers read it: they pass those
        # events on their next run, so wait for both to reach the head rather than read it once.
        def caught_up():
            health = request(url + "/health")[1]
            consumers = {c["name"]: c for c in health["consumers"]}
            return all(consumers[name]["position"] == health["feed"]["head"] and not consumers[name]["failing"]
                       for name in ("case-opening", "feedback-webhooks", "case-webhooks", "case-notifications", "problem-webhooks",
                                    "problem-notifications"))

        wait_for(caught_up, 30, "case opening, the feedback and case webhooks and the case notifications at the feed's head, not failing")
        with urllib.request.urlopen(url + "/metrics", timeout=10) as response:
            metrics = response.read().decode()
        for consumer in ("case-opening", "case-webhooks", "case-notifications", "problem-webhooks", "problem-notifications"):
            assert f'otklik_feed_consumer_lag_seconds{{consumer="{consumer}"}}' in metrics, consumer

        # 1b. Killed after case changes were committed and before their webhooks and notifications.
        kill9(process)
        process, url = start(database, log, OTKLIK_TEST_CONSUMER_PAUSE_MS=120_000)
        changed = sorted(cases(), key=lambda c: c["id"])[:3]
        for case in changed:
            status, body = request(url + f"/api/v1/cases/{case['id']}/actions", "POST", {"action": "assign", "owner": "S-kill9"}, key, timeout=30)
            assert status == 200, body
        time.sleep(1)
        assert not any(kind == "case.updated" for _, kind, _ in receiver.snapshot()), "the case consumers are held before their work"
        kill9(process)
        restarted = time.monotonic()
        process, url = start(database, log)
        wait_for(lambda: {r for _, t, r in receiver.snapshot() if t == "case.updated"} == {c["feedback_id"] for c in changed}, 60,
                 "the three case.updated webhooks after the restart")
        print(f"{engine}: after the restart, the case changes' webhooks within {time.monotonic() - restarted:.1f} s")
        wait_for(caught_up, 30, "the case consumers at the feed's head after the restart")

        # 2. Killed after a webhook was sent and before its delivery was recorded: sent again, with the same id.
        kill9(process)
        process, url = start(database, log, OTKLIK_TEST_DELIVERY_PAUSE_MS=120_000)
        before = len(receiver.snapshot())
        status, body = request(url + "/api/v1/feedback", "POST", {"items": [complaint(f"k2-c{n}") for n in range(3)]}, key, timeout=30)
        assert status == 201, body
        wait_for(lambda: len(receiver.snapshot()) > before, 60, "a webhook of the second write sent")
        time.sleep(0.5)
        kill9(process)
        sent_once = receiver.snapshot()[before:]
        assert all(record.startswith("k2-") for _, _, record in sent_once)
        assert len(sent_once) == 1, "one delivery at a time is claimed; the dispatcher was held after sending it"
        restarted = time.monotonic()
        process, url = start(database, log)
        first_id = sent_once[0][0]
        # The killed server's claim expires (30 s) and the delivery is sent again.
        wait_for(lambda: sum(1 for r in receiver.snapshot() if r[0] == first_id) >= 2, 90, "the re-delivery")
        wait_for(lambda: len({(t, r) for _, t, r in receiver.snapshot()}) == 15 + 3 + 6, 60, "every webhook of the writes and case changes")
        print(f"{engine}: re-delivered with the same webhook-id {time.monotonic() - restarted:.1f} s after the restart")
        time.sleep(2)  # anything sent twice would arrive now

        opened = cases()
        assert sorted(c["feedback_id"] for c in opened) == sorted([f"k1-c{n}" for n in range(5)] + [f"k2-c{n}" for n in range(3)])
        stored = [n for n in notifications() if n["kind"] == "case.opened"]
        assert len(stored) == 8 and len({n["case_id"] for n in stored}) == 8, "one opening notification per case"
        received = receiver.snapshot()
        ids = {}
        for webhook_id, kind, record in received:
            ids.setdefault((kind, record), set()).add(webhook_id)
        expected = {("feedback.received", i["id"]) for i in first} | {("feedback.received", f"k2-c{n}") for n in range(3)}
        expected |= {("case.opened", c["feedback_id"]) for c in opened}
        expected |= {("case.updated", c["feedback_id"]) for c in changed}
        assert set(ids) == expected, "every webhook delivered at least once"
        assert all(len(v) == 1 for v in ids.values()), "a re-delivery carries the same webhook-id"
        assert len({next(iter(v)) for v in ids.values()}) == len(ids), "one webhook-id per event"
        # Eight openings and three assignments, each notified once (one per case and kind).
        for sql, count in (("SELECT count(*) FROM cases", 8), ("SELECT count(*) FROM notifications", 8 + 3),
                           ("SELECT count(*) FROM (SELECT DISTINCT case_id, kind FROM notifications) AS once", 8 + 3),
                           ("SELECT count(*) FROM notifications WHERE kind = 'case.assigned' AND recipient = 'S-kill9'", 3)):
            if engine == "sqlite":
                stored_count = subprocess.run(["sqlite3", database.removeprefix("sqlite:"), sql], check=True, capture_output=True, text=True).stdout
            else:
                stored_count = psql(database, sql)
            assert int(stored_count.strip()) == count, f"{sql}: stored once each"
    finally:
        if process and process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()
        receiver.server.shutdown()
        if name:
            psql(BASE_URL, f"DROP DATABASE {name} WITH (FORCE)")
