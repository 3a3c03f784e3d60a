"""Survey sampling as an ordered change-feed consumer (issue 17 item 2), with real servers: three `otklik serve` on one
PostgreSQL take offers of interactions to one every-5th survey round-robin and at once; the `survey-sampling`
consumer (one server at a time, under its lease) decides each interaction once, and in the order the offers reached
the store exactly every 5th is invited. Every server lists the consumer on `/health` and exports its lag and error
series on `/metrics`.

Run by scripts/test with OTKLIK_BIN (the otklik binary) and OTKLIK_TEST_POSTGRES_URL (a throw-away server).
"""

import os
import subprocess
import threading
import time
import urllib.request
import uuid

import pytest

from test_three_servers import free_port, psql, request, serve_three

BIN = os.environ.get("OTKLIK_BIN")
BASE_URL = os.environ.get("OTKLIK_TEST_POSTGRES_URL")

pytestmark = pytest.mark.skipif(not BIN or not BASE_URL, reason="needs OTKLIK_BIN and OTKLIK_TEST_POSTGRES_URL (scripts/test sets them)")

SURVEY = {
    "code": "every5", "title_ru": "Визит", "title_en": "Visit", "max_questions": 1,
    "sampling": {"method": "systematic", "interval": 5, "fatigue_days": 0, "seed": 4},
    "questions": [{"code": "nps", "type": "nps", "text_ru": "Порекомендуете?", "text_en": "Recommend?", "integral": True}],
}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    yield from serve_three(tmp_path_factory, "otklik_sampling")


def test_three_servers_decide_each_offer_once_every_fifth_in_feed_order(servers):
    database, key, urls = servers
    assert request(urls[0] + "/api/v1/surveys", "POST", SURVEY, key)[0] == 201
    # 30 requests of 4 interactions, one worker per server at once; a replay of the first request at the end.
    answers, lock = [], threading.Lock()

    def worker(index):
        for batch in range(index, 30, 3):
            items = [{"id": f"b{batch}-{n}", "at": "2026-11-20T10:00:00Z", "location": "L1"} for n in range(4)]
            started = time.monotonic()
            status, body = request(urls[index] + "/api/v1/surveys/every5/interactions", "POST", {"items": items}, key, timeout=30)
            with lock:
                answers.append((status, body, time.monotonic() - started))

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted({status for status, _, _ in answers})
    assert statuses == [201], statuses  # decided within the 5 s wait on every server
    outcomes = {item["interaction"]: item["outcome"] for _, body, _ in answers for item in body["items"]}
    assert len(outcomes) == 120 and "pending" not in outcomes.values()
    latencies = sorted(seconds for _, _, seconds in answers)
    print(f"offer latency: median {latencies[len(latencies) // 2] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")

    # In the store's order (the offers' feed positions, each request's order), exactly every 5th is invited, once each.
    rows = psql(database, """
        SELECT d.outcome FROM survey_offers o JOIN survey_decisions d ON d.survey_code = o.survey_code AND d.interaction_id = o.interaction_id
        WHERE o.survey_code = 'every5' ORDER BY o.feed_position, o.item_order""").split("\n")
    assert len(rows) == 120
    invited = [index for index, outcome in enumerate(rows) if outcome == "invited"]
    assert len(invited) == 24 and all(b - a == 5 for a, b in zip(invited, invited[1:])), invited
    assert psql(database, "SELECT COUNT(*) FROM survey_invitations WHERE survey_code = 'every5'") == "24"
    assert psql(database, "SELECT COUNT(*) FROM survey_decisions WHERE survey_code = 'every5'") == "120"

    status, body = request(urls[2] + "/api/v1/surveys/every5/interactions", "POST",
                           {"items": [{"id": "b0-0", "location": "L1"}]}, key)
    assert status == 200 and body["items"][0]["duplicate"] is True and body["items"][0]["outcome"] == outcomes["b0-0"]
    status, body = request(urls[1] + "/api/v1/surveys/every5/interactions/b0-1", key=key)
    assert status == 200 and body["outcome"] == outcomes["b0-1"]

    for url in urls:
        health = request(url + "/health")[1]
        consumer = next(c for c in health["consumers"] if c["name"] == "survey-sampling")
        assert consumer["failing"] is False
        with urllib.request.urlopen(url + "/metrics", timeout=10) as response:
            metrics = response.read().decode()
        assert 'otklik_feed_consumer_lag_seconds{consumer="survey-sampling"}' in metrics


def start(database, log, pause_ms=None):
    port = free_port()
    environment = dict(os.environ)
    if pause_ms:
        environment["OTKLIK_TEST_CONSUMER_PAUSE_MS"] = str(pause_ms)
    process = subprocess.Popen([BIN, "serve", "--db", database, "--port", str(port), "--log-level", "warning"],
                               stdout=log, stderr=subprocess.STDOUT, env=environment)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if request(url + "/health")[0] == 200:
                return url, process
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server {url} did not start")


def test_an_offer_killed_before_its_sampling_is_decided_after_the_restart_once(tmp_path):
    name = "otklik_sampling_kill_" + uuid.uuid4().hex[:8]
    psql(BASE_URL, f"CREATE DATABASE {name}")
    database = BASE_URL.rsplit("/", 1)[0] + "/" + name
    created = subprocess.run([BIN, "apikey", "create", "--db", database, "--log-level", "warning", "sampling"],
                             check=True, capture_output=True, text=True).stdout
    key = next(word for word in created.split() if word.startswith("otk_"))
    log = open(tmp_path / "servers.log", "w")
    try:
        # A server whose consumers pause a minute before their work: the offer is stored and answered 202 pending.
        url, process = start(database, log, pause_ms=60_000)
        assert request(url + "/api/v1/surveys", "POST", SURVEY, key)[0] == 201
        items = [{"id": f"k{n}", "at": "2026-11-20T10:00:00Z", "location": "L1"} for n in range(7)]
        started = time.monotonic()
        status, body = request(url + "/api/v1/surveys/every5/interactions", "POST", {"items": items}, key, timeout=30)
        waited = time.monotonic() - started
        assert status == 202 and [item["outcome"] for item in body["items"]] == ["pending"] * 7, body
        assert 5.0 <= waited < 10.0, waited
        process.kill()  # SIGKILL after the offer's commit, before its sampling
        process.wait(timeout=30)
        assert psql(database, "SELECT COUNT(*) FROM survey_offers") == "7"
        assert psql(database, "SELECT COUNT(*) FROM survey_decisions") == "0"

        # The restart decides them, once — after the killed server's lease (15 s) has expired.
        restarted = time.monotonic()
        url, process = start(database, log)
        for _ in range(400):
            status, body = request(url + "/api/v1/surveys/every5/interactions/k6", key=key)
            if status == 200 and body["outcome"] != "pending":
                break
            time.sleep(0.1)
        else:
            pytest.fail("not decided after the restart")
        print(f"decided {time.monotonic() - restarted:.1f} s after the restart")
        status, body = request(url + "/api/v1/surveys/every5/interactions", "POST", {"items": items}, key, timeout=30)
        assert status == 200 and all(item["duplicate"] for item in body["items"])
        outcomes = [item["outcome"] for item in body["items"]]
        # Every 5th from a start in 0..4: of 7 interactions one or two, 5 apart.
        invited = [index for index, outcome in enumerate(outcomes) if outcome == "invited"]
        assert 1 <= len(invited) <= 2 and all(b - a == 5 for a, b in zip(invited, invited[1:])), outcomes
        assert psql(database, "SELECT COUNT(*) FROM survey_decisions") == "7"
        assert psql(database, "SELECT COUNT(*) FROM survey_invitations") == str(len(invited))
        consumer = next(c for c in request(url + "/health")[1]["consumers"] if c["name"] == "survey-sampling")
        assert consumer["lag_events"] == 0 and consumer["failing"] is False
        process.terminate()
        process.wait(timeout=30)
    finally:
        log.close()
        psql(BASE_URL, f"DROP DATABASE {name} WITH (FORCE)")
