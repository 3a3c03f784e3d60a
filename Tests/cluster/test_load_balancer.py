"""Three `otklik serve` on one PostgreSQL behind Debian's haproxy on loopback, round-robin (issue 21 item 2): a session
made through one server works through the others; the per-account login limit holds across servers (it is counted in
the database); background work runs once — each complaint opens one case and one notification, each webhook event is
delivered once, and each background job's lease has one holder.

The per-address limits are shared too (in the database on PostgreSQL): an address sending to the public form through
the balancer is refused after the one-server budget, not three times it. The API has no rate limit of its own.

Run by scripts/test with OTKLIK_BIN and OTKLIK_TEST_POSTGRES_URL; skipped without haproxy (scripts/test installs it).
"""

import http.client
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.parse
import uuid

import pytest

from test_three_servers import BASE_URL, BIN, free_port, psql, request

pytestmark = pytest.mark.skipif(not BIN or not BASE_URL or not shutil.which("haproxy"),
                                reason="needs OTKLIK_BIN, OTKLIK_TEST_POSTGRES_URL and haproxy (scripts/test provides them)")

PASSWORD = "correct horse battery staple"


class Receiver:
    def __init__(self):
        self.received = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with outer.lock:
                    outer.received.append((self.headers.get("webhook-id"), body.get("type")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def raw(port, method, path, body=None, headers=None):
    """One request through the balancer without following redirects: (status, headers, text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    text = response.read().decode(errors="replace")
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, text


def login(port, user, password):
    body = urllib.parse.urlencode({"username": user, "password": password})
    return raw(port, "POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    name = "otklik_lb_" + uuid.uuid4().hex[:8]
    psql(BASE_URL, f"CREATE DATABASE {name}")
    database = BASE_URL.rsplit("/", 1)[0] + "/" + name
    logs = tmp_path_factory.mktemp("balanced")
    env = dict(os.environ, OTKLIK_TRUSTED_PROXIES="127.0.0.1", OTKLIK_WEBHOOK_ALLOW_HOSTS="127.0.0.1", OTKLIK_WEBHOOK_BACKOFF_SECONDS="1")
    servers, ports = [], []
    for index in range(3):
        port = free_port()
        log = open(logs / f"server{index}.log", "w")
        servers.append((subprocess.Popen([BIN, "serve", "--db", database, "--port", str(port), "--log-level", "warning"],
                                         stdout=log, stderr=subprocess.STDOUT, env=env), log))
        ports.append(port)
        if index == 0:  # the first one migrates; the others start on a migrated database
            for _ in range(300):
                try:
                    if request(f"http://127.0.0.1:{port}/health")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
    for port in ports:
        for _ in range(300):
            try:
                if request(f"http://127.0.0.1:{port}/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail(f"server on {port} did not start")
    created = subprocess.run([BIN, "apikey", "create", "--db", database, "--log-level", "warning", "lb"], check=True, capture_output=True, text=True).stdout
    key = next(word for word in created.split() if word.startswith("otk_"))
    for user in ("anna", "boris"):
        subprocess.run([BIN, "user", "create", user, "--role", "manager", "--db", database, "--log-level", "warning"],
                       input=PASSWORD + "\n", check=True, capture_output=True, text=True)
    balancer_port = free_port()
    config = logs / "haproxy.cfg"
    config.write_text(f"""
global
    maxconn 1000
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option forwardfor
frontend otklik
    bind 127.0.0.1:{balancer_port}
    http-response set-header X-Otklik-Server %s
    default_backend servers
backend servers
    balance roundrobin
""" + "".join(f"    server s{i} 127.0.0.1:{port}\n" for i, port in enumerate(ports)))
    balancer_log = open(logs / "haproxy.log", "w")
    balancer = subprocess.Popen(["haproxy", "-f", str(config), "-db"], stdout=balancer_log, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            if raw(balancer_port, "GET", "/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    yield database, key, balancer_port
    balancer.terminate()
    balancer.wait(timeout=30)
    balancer_log.close()
    for process, log in servers:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    psql(BASE_URL, f"DROP DATABASE {name} WITH (FORCE)")


def test_a_session_made_through_one_server_works_through_the_others(balanced):
    _, _, port = balanced
    status, headers, _ = login(port, "anna", PASSWORD)
    assert status == 303, status
    cookie = headers["set-cookie"].split(";")[0]
    answered = []
    for _ in range(6):
        status, headers, text = raw(port, "GET", "/", headers={"Cookie": cookie})
        assert status == 200, (status, text[:200])
        answered.append(headers["x-otklik-server"])
    print(f"\nsigned in through {headers['x-otklik-server']}; the dashboard answered by {answered}")
    assert set(answered) == {"s0", "s1", "s2"}, "round-robin reached all three servers with the one session"


def test_the_per_account_login_limit_holds_across_servers(balanced):
    _, _, port = balanced
    seen, statuses = set(), []
    for attempt in range(13):
        status, headers, _ = login(port, "boris", f"wrong-{attempt}")
        statuses.append(status)
        seen.add(headers.get("x-otklik-server"))
    print(f"\nfailed sign-ins for one account through {sorted(seen)}: {statuses}")
    assert seen == {"s0", "s1", "s2"}
    assert statuses[:10] == [401] * 10 and statuses[10:] == [429] * 3, "ten failures in all servers, then the account waits"
    assert login(port, "boris", PASSWORD)[0] == 429, "the right password waits too, on every server"
    assert login(port, "anna", PASSWORD)[0] == 303, "another account behind the same balancer signs in"


def test_the_per_address_form_limit_holds_across_servers(balanced):
    """45 answers to the public form from one address (X-Forwarded-For, believed from the trusted balancer), spread
    round-robin over the three servers: the bucket of 30 (refilled 30 a minute) is one for all three, so about 30 pass
    and the rest are refused 429 — per server, 15 each would all have passed. Another address is untouched."""
    _, _, port = balanced
    body = json.dumps({"items": []})
    statuses, seen = [], set()
    start = time.monotonic()
    for _ in range(45):
        status, headers, _ = raw(port, "POST", "/public/v1/feedback", body,
                                 {"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.50"})
        statuses.append(status)
        seen.add(headers.get("x-otklik-server"))
    elapsed = time.monotonic() - start
    passed = sum(1 for status in statuses if status != 429)
    refill = int(elapsed * 30 / 60) + 1
    print(f"\n45 form answers from one address through {sorted(seen)} in {elapsed:.1f} s: {passed} passed, "
          f"{statuses.count(429)} refused 429 (budget 30, at most {refill} refilled meanwhile)")
    assert seen == {"s0", "s1", "s2"}
    assert 30 <= passed <= 30 + refill, statuses
    assert statuses[:30].count(429) == 0, "the first 30 pass"
    other, _, _ = raw(port, "POST", "/public/v1/feedback", body, {"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.51"})
    assert other != 429, "another address has its own bucket"


def test_background_work_runs_once(balanced):
    database, key, port = balanced
    receiver = Receiver()
    url = f"http://127.0.0.1:{port}"
    status, hook = request(url + "/api/v1/webhooks", "POST", {"url": receiver.url, "events": ["feedback.received", "case.opened"]}, key)
    assert status == 201, hook
    ids = [f"lb-c{n}" for n in range(6)]
    for feedback_id in ids:  # one at a time, so round-robin spreads them over the three servers
        status, body = request(url + "/api/v1/feedback", "POST",
                               {"id": feedback_id, "channel": "qr_web", "kind": "complaint", "csat": 1, "comment": "Долго ждал",
                                "contact": "+7 900 000-00-00"}, key)
        assert status == 201, body
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(receiver.received) < 12:
        time.sleep(0.25)
    time.sleep(3)  # anything done twice would arrive now
    cases = int(psql(database, "SELECT count(*) FROM cases"))
    notifications = int(psql(database, "SELECT count(*) FROM notifications"))
    received = list(receiver.received)
    by_type = {}
    for webhook_id, kind in received:
        by_type.setdefault(kind, []).append(webhook_id)
    leases = psql(database, "SELECT name || '=' || holder FROM service_leases ORDER BY name").splitlines()
    holders = {line.split("=")[1] for line in leases}
    print(f"\n6 complaints through the balancer: {cases} cases, {notifications} notifications, "
          f"{ {k: len(v) for k, v in by_type.items()} } webhooks received; {len(leases)} leases held by {len(holders)} server(s)")
    receiver.server.shutdown()
    assert cases == 6 and notifications == 6
    assert len(by_type.get("feedback.received", [])) == 6 and len(by_type.get("case.opened", [])) == 6
    assert len({w for w, _ in received}) == len(received), "no event delivered twice"
    assert len(leases) == len({line.split("=")[0] for line in leases}), "one holder per background job"
