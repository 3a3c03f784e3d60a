"""Helpers of the proof scripts (scripts/proof-*): start and stop `otklik serve`, HTTP requests, a database per engine."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

BIN = os.environ.get("OTKLIK_BIN", "")
PG = os.environ.get("OTKLIK_TEST_POSTGRES_URL", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=None, key=None, timeout=10, headers=None):
    all_headers = {"Content-Type": "application/json"}
    if key:
        all_headers["Authorization"] = f"Bearer {key}"
    all_headers.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            try:
                return response.status, json.loads(raw or b"null")
            except ValueError:
                return response.status, raw.decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def psql(url, sql):
    return subprocess.run(["psql", url, "-At", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def sqlite(path, sql):
    return subprocess.run(["sqlite3", path, sql], check=True, capture_output=True, text=True).stdout.strip()


class Database:
    """A fresh database on one engine: `url` for otklik, `query(sql)` for a scalar, `drop()` at the end."""

    def __init__(self, engine, directory):
        self.engine = engine
        self.name = None
        if engine == "sqlite":
            self.path = os.path.join(directory, f"proof-{uuid.uuid4().hex[:8]}.sqlite")
            self.url = "sqlite:" + self.path
        else:
            self.name = "otklik_proof_" + uuid.uuid4().hex[:8]
            psql(PG, f"CREATE DATABASE {self.name}")
            self.url = PG.rsplit("/", 1)[0] + "/" + self.name

    def query(self, sql):
        return sqlite(self.path, sql) if self.engine == "sqlite" else psql(self.url, sql)

    def drop(self):
        if self.name:
            psql(PG, f"DROP DATABASE {self.name} WITH (FORCE)")


def api_key(database_url, name="proof"):
    created = subprocess.run([BIN, "apikey", "create", "--db", database_url, "--log-level", "warning", name],
                             check=True, capture_output=True, text=True).stdout
    return next(word for word in created.split() if word.startswith("otk_"))


def serve(database_url, log, port=None, env=None, extra=()):
    port = port or free_port()
    process = subprocess.Popen([BIN, "serve", "--db", database_url, "--port", str(port), "--log-level", "warning", *extra],
                               stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if request(url + "/health", timeout=2)[0] == 200:
                return process, url
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server on {url} did not start")


def kill9(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def engines():
    return ["sqlite"] + (["postgresql"] if PG else [])
