"""Webhooks against the running server, checked by an independent implementation: Python's hmac.

A receiver on a free loopback port fails its first delivery; the server must retry with the same
webhook-id (so the receiver keeps one copy) and a valid Standard Webhooks signature each time.
scripts/test runs the server with a 1-second back-off (OTKLIK_WEBHOOK_BACKOFF_SECONDS=1).
"""
import base64
import hashlib
import hmac
import http.server
import json
import os
import threading
import time
import urllib.request

import pytest

URL = os.environ.get("OTKLIK_URL")
KEY = os.environ.get("OTKLIK_KEY")
pytestmark = pytest.mark.skipif(not URL or not KEY, reason="run through scripts/test, which starts the server")


class Receiver(http.server.BaseHTTPRequestHandler):
    secret = b""
    seen = []       # every request: (id, signature valid, body)
    processed = {}  # id -> body, each once
    fail_first = True

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        message_id, timestamp = self.headers["webhook-id"], self.headers["webhook-timestamp"]
        expected = base64.b64encode(hmac.new(Receiver.secret, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()).decode()
        signatures = [part.split(",", 1)[1] for part in self.headers["webhook-signature"].split(" ") if part.startswith("v1,")]
        valid = any(hmac.compare_digest(expected, s) for s in signatures) and abs(time.time() - int(timestamp)) < 300
        Receiver.seen.append((message_id, valid, body))
        if Receiver.fail_first and len(Receiver.seen) == 1:
            self.send_response(503)
        else:
            Receiver.processed.setdefault(message_id, body)
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def api(method, path, body=None):
    request = urllib.request.Request(URL + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response) if response.status != 204 else None


def test_case_events_are_signed_retried_and_deduplicable():
    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = api("POST", "/api/v1/webhooks", {"url": f"http://127.0.0.1:{server.server_port}/hook", "events": ["case.opened"]})
    try:
        Receiver.secret = base64.b64decode(hook["secret"].removeprefix("whsec_"))
        answer = {"id": f"hook-{time.time_ns()}", "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "channel": "qr_web",
                  "location": "L02", "csat": 1, "comment": "Нагрубили", "contact": "+7 900 555-00-11", "consent": True}
        request = urllib.request.Request(URL + "/public/v1/feedback", data=json.dumps({"items": [answer]}).encode(),
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request).read()
        deadline = time.time() + 20
        while time.time() < deadline and not Receiver.processed:
            time.sleep(0.2)
        assert len(Receiver.processed) == 1, "the case.opened event arrived after a retry"
        assert len(Receiver.seen) >= 2 and len({s[0] for s in Receiver.seen}) == 1, "the retry carried the same webhook-id"
        assert all(valid for _, valid, _ in Receiver.seen), "every signature verifies with Python's hmac"
        event = json.loads(next(iter(Receiver.processed.values())))
        assert event["type"] == "case.opened" and event["data"]["feedback_id"] == "qr-" + answer["id"]
        log = api("GET", f"/api/v1/webhooks/{hook['id']}/deliveries")["items"]
        assert log[0]["status"] == "delivered" and log[0]["attempts"] == 2
    finally:
        api("DELETE", f"/api/v1/webhooks/{hook['id']}")
        server.shutdown()
