#!/usr/bin/env python3
"""Writes N synthetic calls in Otklik's generic interaction CSV, shaped like the Technion "Anonymous
Bank" log of 1999 (../shared/data/callcenter): its queue mix, its weekday and hour-of-day profile,
about 15 % of calls ending in the IVR, 12-13 % of offered calls abandoned, a third of callers
anonymous, answered waits with many zeros and a long tail, talk times log-normal around 3 minutes,
identified customers calling back on the same topic. Deterministic for a seed.

Usage: generate_calls.py N OUT.csv [--seed 1] [--start 2025-01-01]
"""
import argparse
import csv
import datetime as dt
import math
import random
import sys

QUEUES = [("PS", 0.55), ("NW", 0.08), ("NE", 0.06), ("TT", 0.10), ("IN", 0.12), ("PE", 0.09)]
# Share of a day's calls per hour, 00-23 (the bank's profile: a morning peak, a quieter evening).
HOURS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.6, 2.0, 5.5, 8.0, 9.0, 9.0, 8.0, 7.5, 8.0, 8.5, 8.0, 7.0, 5.0, 3.5, 2.5, 1.7, 1.0, 0.6]
# Sunday..Saturday weights (Israel's week: Friday short, Saturday closed-ish).
WEEKDAYS = [1.0, 1.0, 1.0, 1.0, 1.0, 0.45, 0.15]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", default="2025-01-01")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = dt.datetime.fromisoformat(args.start).replace(tzinfo=dt.timezone.utc)
    days = 365
    # Calls per day by weekday weight, then per hour by the profile.
    day_weights = [WEEKDAYS[(start + dt.timedelta(days=d)).isoweekday() % 7] for d in range(days)]
    total_weight = sum(day_weights)
    hour_total = sum(HOURS)
    queue_names = [q for q, _ in QUEUES]
    queue_weights = [w for _, w in QUEUES]
    customers = max(1000, args.n // 5)
    written = 0
    with open(args.out, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "arrived_at", "channel", "queue", "agent", "customer", "topic", "outcome", "wait_s", "talk_s", "transferred"])
        for d in range(days):
            day_calls = round(args.n * day_weights[d] / total_weight) if d < days - 1 else args.n - written
            day_start = start + dt.timedelta(days=d)
            seconds = sorted(_second_of_day(rng, hour_total) for _ in range(day_calls))
            for s in seconds:
                written += 1
                queue = rng.choices(queue_names, queue_weights)[0]
                customer = "" if rng.random() < 0.33 else f"C{int(customers * rng.random() ** 2)}"
                r = rng.random()
                if r < 0.15:
                    outcome, wait, talk, agent = "self_service", "", "", ""
                elif r < 0.15 + 0.85 * 0.125:
                    outcome, wait, talk, agent = "abandoned", str(int(rng.expovariate(1 / 70))), "", ""
                else:
                    wait = 0 if rng.random() < 0.3 else int(rng.expovariate(1 / 55))
                    talk = int(math.exp(rng.gauss(math.log(150), 0.8)))
                    outcome, wait, talk, agent = "answered", str(wait), str(max(talk, 1)), f"A{rng.randrange(60):02d}"
                arrived = (day_start + dt.timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ")
                transferred = "true" if outcome == "answered" and rng.random() < 0.03 else "false"
                writer.writerow([f"B{written:08d}", arrived, "call_center", queue, agent, customer, queue, outcome, wait, talk, transferred])
            if d % 30 == 29:
                print(f"  generated {written:,} calls ({d + 1} days)", file=sys.stderr)
    print(f"  generated {written:,} calls", file=sys.stderr)


def _second_of_day(rng, hour_total):
    r = rng.random() * hour_total
    for hour, weight in enumerate(HOURS):
        if r < weight:
            return hour * 3600 + int(rng.random() * 3600)
        r -= weight
    return 23 * 3600 + int(rng.random() * 3600)


if __name__ == "__main__":
    main()
