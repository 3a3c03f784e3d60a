"""An `otklik import feedback` while a server runs on the same database reaches that server's figures within one
second, on SQLite and on PostgreSQL (issue 17's first "done means"). Measured here, as a separate process against a
real server, rather than in the Swift suites, where dozens of parallel tests share the two cores and a one-second
promise would measure the scheduler.

Run by scripts/test with OTKLIK_BIN; the PostgreSQL case also needs OTKLIK_TEST_POSTGRES_URL.
"""

import os
import subprocess
import time
import uuid

import pytest

from test_three_servers import BASE_URL, BIN, free_port, psql, request, wait_until_healthy

pytestmark = pytest.mark.skipif(not BIN, reason="needs OTKLIK_BIN (scripts/test sets it)")


def engines():
    yield "sqlite"
    if BASE_URL:
        yield "postgresql"


@pytest.mark.parametrize("engine", list(engines()))
def test_an_import_reaches_the_running_server_within_a_second(engine, tmp_path):
    name = None
    if engine == "sqlite":
        database = f"sqlite:{tmp_path}/import.sqlite"
    else:
        name = "otklik_import_" + uuid.uuid4().hex[:8]
        psql(BASE_URL, f"CREATE DATABASE {name}")
        database = BASE_URL.rsplit("/", 1)[0] + "/" + name
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([BIN, "serve", "--db", database, "--port", str(port), "--log-level", "warning"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(url, tries=200)
        # The server created and migrated the database; the command line only opens existing ones.
        created = subprocess.run([BIN, "apikey", "create", "--db", database, "--log-level", "warning", "import"],
                                 check=True, capture_output=True, text=True).stdout
        key = next(word for word in created.split() if word.startswith("otk_"))
        assert request(url + "/api/v1/metrics?metric=count", key=key)[1]["overall"]["value"] == 0

        rows = ["id,ts,channel,nps"] + [f"imp-{n},2026-11-30T10:00:00Z,terminal,{n % 11}" for n in range(51)]
        (tmp_path / "feedback.csv").write_text("\n".join(rows) + "\n")
        subprocess.run([BIN, "import", "feedback", str(tmp_path / "feedback.csv"), "--db", database,
                        "--log-level", "warning"], check=True, capture_output=True, text=True)
        imported = time.monotonic()
        count = 0
        while count < 51 and time.monotonic() - imported < 5:
            count = request(url + "/api/v1/metrics?metric=count", key=key)[1]["overall"]["value"]
            if count < 51:
                time.sleep(0.02)
        seen = time.monotonic() - imported
        print(f"\n{engine}: 51 imported records in the running server's figures {seen * 1000:.0f} ms after the import ended")
        assert count == 51
        assert seen < 1.0
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if name:
            psql(BASE_URL, f"DROP DATABASE {name} WITH (FORCE)")
