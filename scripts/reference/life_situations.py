#!/usr/bin/env python3
"""Independent check of Otklik's life-situation detection (issue 19 item 4), from the raw tables (never with Otklik).

  python3 scripts/reference/life_situations.py DATABASE.sqlite

Reads the catalogue (`life_situations.definition`), every customer's records that carry a signal (service requests by
service code, transactions by service code, interactions by topic) and the labelled situations, applies the rule as
docs/life-situations.md states it — per customer and situation, in time order (ties by record id): a signal before the
end of the last detection's window is ignored; otherwise the distinct signals seen within the window (occurrences older
than `window_days`, or exactly that old, dropped) are counted, and reaching `min_signals` makes a detection there and
starts a new count — and prints {"detections", "true_positives", "false_positives", "false_negatives", "precision",
"recall", "matches_stored"} as JSON, `matches_stored` saying whether Otklik's stored detections are the same
(customer, situation, millisecond) triples.
"""
import json
import sqlite3
import sys
from collections import defaultdict


def main():
    db = sqlite3.connect(sys.argv[1])
    catalogue = [json.loads(row[0]) for row in db.execute("SELECT definition FROM life_situations")]
    tables = {
        "service_request": "SELECT id, customer_id, service_code, submitted_at FROM service_requests WHERE customer_id IS NOT NULL",
        "transaction": "SELECT id, customer_id, service_code, ts FROM transactions WHERE service_code IS NOT NULL",
        "interaction_topic": "SELECT id, customer_id, topic, arrived_at FROM interactions WHERE customer_id IS NOT NULL AND topic IS NOT NULL",
    }
    wanted = {(s["kind"], s["code"]) for situation in catalogue for s in situation["signals"]}
    by_customer = defaultdict(list)
    for kind, sql in tables.items():
        for record, customer, code, at in db.execute(sql):
            if (kind, code) in wanted:
                by_customer[customer].append((at, record, f"{kind}:{code}"))
    found = set()
    for customer, items in by_customer.items():
        items.sort()
        for situation in catalogue:
            keys = {f"{s['kind']}:{s['code']}" for s in situation["signals"]}
            window = situation["window_days"] * 86_400_000
            blocked_until, pending = None, []
            for at, record, key in items:
                if key not in keys or (blocked_until is not None and at < blocked_until):
                    continue
                pending = [p for p in pending if p[0] > at - window] + [(at, key)]
                if len({k for _, k in pending}) >= situation["min_signals"]:
                    found.add((customer, situation["code"], at))
                    blocked_until, pending = at + window, []
    stored = set(db.execute("SELECT customer_id, situation_code, detected_at FROM life_situation_detections"))
    detected = {(c, s) for c, s, _ in found}
    labelled = set(db.execute("SELECT customer_id, situation_code FROM life_situation_labels"))
    tp = len(detected & labelled)
    fp, fn = len(detected) - tp, len(labelled) - tp
    print(json.dumps({
        "detections": len(found), "true_positives": tp, "false_positives": fp, "false_negatives": fn,
        "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
        "matches_stored": stored == found,
    }))


if __name__ == "__main__":
    main()
