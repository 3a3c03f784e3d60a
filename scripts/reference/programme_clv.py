#!/usr/bin/env python3
"""Independent check of a programme report's `clv` outcome (ProgrammeTriggerPatternsContractTests.theClvOutcome…),
computed from scratch with NumPy and SciPy through scripts/reference/clv.py's functions (never with Otklik).

  python3 scripts/reference/programme_clv.py

Builds the test's population — 120 customers V000…V119 buying at noon UTC from day B = 2026-01-01 up to B + 120,
drawn with a 64-bit linear congruential generator (seed 2026): each customer a mean gap (3, 7, 14, 28 or 56 days), a
chance to stop after each purchase (10, 20 or 40 %), a spend base (20-319) and a first day (B + 0…16); each purchase
1 + base·u²/2500 (u = 0…99, integer division), the next one 1…2·gap days later — and V120, whose only purchase (500) is
on day B + 90. Customers 0-23 and V120 are enrolled on day B + 20 + i % 4 (V120: B + 20) with a
30-day window; i % 3 == 0 are held out, the rest (and V120) treated. The model (BG/NBD + Gamma-Gamma) is fitted once on
every purchase up to the latest window end (B + 53); each enrolled customer's CLV (12 months, 1 % a month) is computed
from their own purchases up to their own window end (0 without one). Prints each arm's n and mean CLV, the effect and
its 95 % Welch interval.
"""
import json
import os
import sys
from collections import defaultdict

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(__file__))
from clv import bgnbd_ll, expected, fit, gg_ll  # noqa: E402

B = 20454


class LCG:
    """Knuth's MMIX linear congruential generator; next() is the high 31 bits (as the Swift test draws them)."""

    def __init__(self, seed):
        self.x = seed

    def next(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & ((1 << 64) - 1)
        return self.x >> 33


def population():
    g = LCG(2026)
    days = defaultdict(lambda: defaultdict(float))
    for i in range(120):
        customer = f"V{i:03d}"
        gap = [3, 7, 14, 28, 56][g.next() % 5]
        drop = [1, 2, 4][g.next() % 3]
        base = 20 + g.next() % 300
        day = B + g.next() % 17
        while day <= B + 120:
            u = g.next() % 100
            days[customer][day] += 1 + base * u * u // 2500
            if g.next() % 10 < drop:
                break
            day += 1 + g.next() % (2 * gap)
    days["V120"][B + 90] += 500
    return days


def summary(occasions, end):
    seen = sorted(d for d in occasions if d <= end)
    if not seen:
        return None
    repeat = seen[1:]
    x = len(repeat)
    mean = sum(occasions[d] for d in repeat) / x if x else 0.0
    return x, (seen[-1] - seen[0]) / 7, (end - seen[0]) / 7, mean


def main():
    days = population()
    enrolled = {f"V{i:03d}": ("holdout" if i % 3 == 0 else "treated", B + 20 + i % 4 + 30) for i in range(24)}
    enrolled["V120"] = ("treated", B + 20 + 30)
    fit_day = max(end for _, end in enrolled.values())
    rows = [s for s in (summary(o, fit_day) for o in days.values()) if s is not None]
    x = np.array([r[0] for r in rows], dtype=float)
    tx = np.array([r[1] for r in rows])
    T = np.array([r[2] for r in rows])
    m = np.array([r[3] for r in rows])
    bg, _ = fit(bgnbd_ll, [1, 1, 1, 1], x, tx, T)
    usable = (x > 0) & (m > 0)
    gg, _ = fit(gg_ll, [1, 1, 1], x[usable], m[usable])
    p, q, v = gg
    values = defaultdict(list)
    for customer, (arm, end) in sorted(enrolled.items()):
        s = summary(days[customer], end)
        if s is None:
            values[arm].append(0.0)
            continue
        cx, ctx, cT, cm = s
        spend = p * (v + cx * cm) / (p * cx + q - 1) if cx > 0 and cm > 0 else p * v / (q - 1)
        clv, previous = 0.0, 0.0
        for month in range(1, 13):
            cumulative = expected(bg, month * 4.345, cx, ctx, cT)
            clv += spend * (cumulative - previous) / 1.01 ** month
            previous = cumulative
        values[arm].append(clv)
    t, h = np.array(values["treated"]), np.array(values["holdout"])
    effect = t.mean() - h.mean()
    vt, vh = t.var(ddof=1) / len(t), h.var(ddof=1) / len(h)
    se = (vt + vh) ** 0.5
    df = (vt + vh) ** 2 / (vt ** 2 / (len(t) - 1) + vh ** 2 / (len(h) - 1))
    half = stats.t.ppf(0.975, df) * se
    print(json.dumps({
        "fit_customers": len(rows), "bgnbd": list(bg), "gamma_gamma": list(gg),
        "treated": {"n": len(t), "value": t.mean()}, "holdout": {"n": len(h), "value": h.mean()},
        "effect": effect, "ci_low": effect - half, "ci_high": effect + half,
        "p_value": 2 * stats.t.sf(abs(effect) / se, df),
    }, indent=1))


if __name__ == "__main__":
    main()
