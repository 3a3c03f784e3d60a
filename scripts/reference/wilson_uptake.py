#!/usr/bin/env python3
"""Independent check of a programme's review-link uptake (docs/methods.md, "Programmes against a hold-out"): the
share of sent review-link offers followed at least once, in percent, with the Wilson score 95 % interval, computed
from scratch (no statistics library). With a SQLite file and a programme code it reads review_offers and
programme_messages; with two numbers it computes the figure for them.

Run: python3 scripts/reference/wilson_uptake.py DB.sqlite CODE     (or: wilson_uptake.py CLICKED OFFERED)
Prints {"offered", "clicked", "rate", "ci_low", "ci_high"} like the report's "uptake"."""
import json
import math
import sqlite3
import sys

Z95 = 1.959963984540054


def wilson(successes, n, z=Z95):
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def uptake(clicked, offered):
    if offered == 0:
        return {"offered": 0, "clicked": clicked, "rate": None, "ci_low": None, "ci_high": None}
    low, high = wilson(clicked, offered)
    return {"offered": offered, "clicked": clicked, "rate": 100 * clicked / offered, "ci_low": 100 * low, "ci_high": 100 * high}


def main():
    if len(sys.argv) == 3 and sys.argv[1].isdigit() and sys.argv[2].isdigit():
        print(json.dumps(uptake(int(sys.argv[1]), int(sys.argv[2]))))
        return
    db, code = sys.argv[1], sys.argv[2]
    rows = sqlite3.connect(db).execute(
        "SELECT o.clicks, m.status FROM review_offers o LEFT JOIN programme_messages m ON m.action_id = o.action_id WHERE o.programme_code = ?",
        (code,)).fetchall()
    sent = [clicks for clicks, status in rows if status == "sent"]
    print(json.dumps(uptake(sum(1 for clicks in sent if clicks > 0), len(sent))))


if __name__ == "__main__":
    main()
