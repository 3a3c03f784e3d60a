#!/usr/bin/env python3
"""Independent check of a journey's stage figures (docs/methods.md, "Journeys"), computed from the SQLite file alone:
the journey and its bindings from the journey tables, the events from feedback, interactions, service_requests and
cases, the figures from scratch (Wilson, Student's t from the incomplete beta function, Conover's order-statistics
interval, the directly-follows graph). Prints the same JSON fields as GET /api/v1/journeys/{code}/stages.

Run: python3 scripts/reference/journey_stages.py DB.sqlite JOURNEY FROM TO AS_OF [MINIMUM_N] [WINDOW_DAYS]
(FROM, TO, AS_OF as ISO-8601 times, e.g. the API's own `from`, `to` and `as_of`)."""
import json
import math
import sqlite3
import sys
from datetime import datetime

Z95 = 1.959963984540054


def ms(text):
    return int(round(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000))


def wilson(k, n):
    p = k / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Numerical Recipes 6.4)."""
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > 1e-300 else 1e-300)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > 1e-300 else 1e-300)
        c = 1 + aa / c
        c = c if abs(c) > 1e-300 else 1e-300
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > 1e-300 else 1e-300)
        c = 1 + aa / c
        c = c if abs(c) > 1e-300 else 1e-300
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return h


def betai(a, b, x):
    if x <= 0 or x >= 1:
        return 0.0 if x <= 0 else 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    return front * betacf(a, b, x) / a if x < (a + 1) / (a + b + 2) else 1 - front * betacf(b, a, 1 - x) / b


def t_quantile(p, df):
    """Inverse of Student's t CDF by bisection."""
    def cdf(t):
        tail = 0.5 * betai(df / 2, 0.5, df / (df + t * t))
        return 1 - tail if t > 0 else tail
    low, high = -100.0, 100.0
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if cdf(mid) < p else (low, mid)
    return (low + high) / 2


def t_interval(values):
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def median_interval(values):
    values = sorted(values)
    n = len(values)
    median = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
    cumulative, best = 0.0, None
    for j in range(1, n + 1):
        cumulative += math.comb(n, j - 1) / 2 ** n
        if cumulative <= 0.025 + 1e-12:
            best = j
        else:
            break
    if best is None or best > n + 1 - best:
        return median, None
    return median, (values[best - 1], values[n - best])


def split(text):
    return [part for part in (text or "").split(";") if part]


def events(db, journey, start, end):
    stages = db.execute("SELECT code FROM journey_stages WHERE journey_code = ? ORDER BY position", (journey,)).fetchall()
    codes = [row[0] for row in stages]
    found = {}
    for index, code in enumerate(codes):
        for source, channels, services, topics, statuses in db.execute(
                "SELECT source, channels, services, topics, statuses FROM journey_bindings WHERE journey_code = ? AND stage_code = ?",
                (journey, code)):
            channels, services, topics, statuses = split(channels), split(services), split(topics), split(statuses)

            def keep(channel=None, service=None, topic=None):
                return ((not channels or channel in channels) and (not services or service in services)
                        and (not topics or topic in topics))
            if source == "feedback":
                for id_, customer, ts, csat, ces, channel, service in db.execute(
                        "SELECT id, customer_id, ts, csat, ces, channel, service_code FROM feedback WHERE ts >= ? AND ts < ?", (start, end)):
                    if keep(channel, service):
                        found[(index, "f" + id_)] = (customer, ts, csat, ces)
            elif source == "interaction":
                for id_, customer, at, channel, service, topic in db.execute(
                        "SELECT id, customer_id, arrived_at, channel, service_code, topic FROM interactions WHERE arrived_at >= ? AND arrived_at < ?",
                        (start, end)):
                    if keep(channel, service, topic):
                        found[(index, "i" + id_)] = (customer, at, None, None)
            elif source == "request":
                for id_, customer, submitted, closed, status, channel, service in db.execute(
                        "SELECT id, customer_id, submitted_at, closed_at, status, channel, service_code FROM service_requests"):
                    if not keep(channel, service):
                        continue
                    if "open" in statuses and start <= submitted < end:
                        found[(index, "r" + id_ + ":open")] = (customer, submitted, None, None)
                    if status in statuses and status != "open" and closed is not None and start <= closed < end:
                        found[(index, "r" + id_ + ":" + status)] = (customer, closed, None, None)
            elif source == "case":
                for id_, customer, opened, resolved in db.execute(
                        "SELECT c.id, f.customer_id, c.opened_at, c.resolved_at FROM cases c JOIN feedback f ON f.id = c.feedback_id"):
                    if "opened" in statuses and start <= opened < end:
                        found[(index, "c" + id_ + ":opened")] = (customer, opened, None, None)
                    if "closed" in statuses and resolved is not None and start <= resolved < end:
                        found[(index, "c" + id_ + ":closed")] = (customer, resolved, None, None)
    return codes, [(stage, key) + value for (stage, key), value in found.items()]


def figures(db_path, journey, start_text, end_text, as_of_text, minimum_n=30, window_days=30):
    db = sqlite3.connect(db_path)
    start, end, as_of = ms(start_text), ms(end_text), ms(as_of_text)
    window = window_days * 86_400_000
    codes, all_events = events(db, journey, start, min(end + window, max(as_of, end)))
    target = db.execute("SELECT satisfaction_target FROM journeys WHERE code = ?", (journey,)).fetchone()[0]
    period = [e for e in all_events if start <= e[3] < end]
    timeline = {}
    for stage, _, customer, at, _, _ in all_events:
        if customer is not None:
            timeline.setdefault(customer, [[] for _ in codes])[stage].append(at)
    out = []
    for stage, code in enumerate(codes):
        own = [e for e in period if e[0] == stage]
        csat = [e[4] for e in own if e[4] is not None]
        ces = [float(e[5]) for e in own if e[5] is not None]
        entries = {}
        for _, _, customer, at, _, _ in own:
            if customer is not None and (customer not in entries or at < entries[customer]):
                entries[customer] = at
        row = {"code": code, "volume": len(own), "customers": len(entries), "satisfaction": {"n": len(csat)}, "effort": {"n": len(ces)}}
        if len(csat) >= minimum_n:
            k = sum(1 for c in csat if c >= 4)
            low, high = wilson(k, len(csat))
            row["satisfaction"].update(value=100 * k / len(csat), ci_low=100 * low, ci_high=100 * high)
        if len(ces) >= minimum_n:
            mean, low, high = t_interval(ces)
            row["effort"].update(value=mean, ci_low=low, ci_high=high)
        if stage < len(codes) - 1:
            n = dropped = censored = 0
            times = []
            for customer, entered in entries.items():
                if entered + window > as_of:
                    censored += 1
                    continue
                n += 1
                later = [t for times_of_stage in timeline[customer][stage + 1:] for t in times_of_stage if entered < t <= entered + window]
                if later:
                    times.append((min(later) - entered) / 3_600_000)
                else:
                    dropped += 1
            row["censored"] = censored
            row["drop_off"] = {"n": n, "count": dropped}
            if n >= minimum_n:
                low, high = wilson(dropped, n)
                row["drop_off"].update(value=100 * dropped / n, ci_low=100 * low, ci_high=100 * high)
            row["hours_to_next"] = {"n": len(times)}
            if len(times) >= minimum_n:
                median, interval = median_interval(times)
                row["hours_to_next"]["value"] = median
                if interval:
                    row["hours_to_next"].update(ci_low=interval[0], ci_high=interval[1])
        out.append(row)
    gaps = []
    measured = [r for r in out if "value" in r["satisfaction"]]
    if target is not None:
        for r in measured:
            s = r["satisfaction"]
            gaps.append({"stage": r["code"], "gap": target - s["value"], "ci_low": target - s["ci_high"], "ci_high": target - s["ci_low"], "n": s["n"]})
    elif measured:
        best = max(measured, key=lambda r: r["satisfaction"]["value"])
        b = best["satisfaction"]
        for r in measured:
            s = r["satisfaction"]
            p1, p2 = b["value"] / 100, s["value"] / 100
            l1, u1, l2, u2 = b["ci_low"] / 100, b["ci_high"] / 100, s["ci_low"] / 100, s["ci_high"] / 100
            d = p1 - p2
            low, high = (0.0, 0.0) if r is best else (d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2))
            gaps.append({"stage": r["code"], "gap": 100 * d, "ci_low": 100 * low, "ci_high": 100 * high, "n": s["n"]})
    gaps.sort(key=lambda g: (-g["gap"], codes.index(g["stage"])))
    # Paths: each known customer's period events in time order (ties by stage), a stage's repeats in a row merged.
    by_customer = {}
    for stage, key, customer, at, _, _ in period:
        if customer is not None:
            by_customer.setdefault(customer, []).append((at, stage, key))
    edges, variants, two = {}, {}, 0
    for items in by_customer.values():
        if len(items) < 2:
            continue
        two += 1
        sequence = []
        for _, stage, _ in sorted(items):
            if not sequence or sequence[-1] != stage:
                sequence.append(stage)
        variants[tuple(sequence)] = variants.get(tuple(sequence), 0) + 1
        for a, b in zip(sequence, sequence[1:]):
            edges[(a, b)] = edges.get((a, b), 0) + 1
    return {
        "stages": out, "gaps": gaps,
        "paths": {
            "customers": len(by_customer), "customers_with_two_or_more": two,
            "edges": sorted(({"from": codes[a], "to": codes[b], "count": c} for (a, b), c in edges.items()),
                            key=lambda e: (-e["count"], codes.index(e["from"]), codes.index(e["to"]))),
            "top": [{"stages": [codes[s] for s in path], "customers": c, "share": 100 * c / two}
                    for path, c in sorted(variants.items(), key=lambda item: (-item[1], item[0]))[:10]],
        },
    }


if __name__ == "__main__":
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    extra = [int(a) for a in sys.argv[6:8]]
    print(json.dumps(figures(*sys.argv[1:6], *extra), ensure_ascii=False, indent=1))
