#!/usr/bin/env python3
"""Independent check of the NPS step detector (OtklikMetrics/Alerts/NPSShiftDetector.swift): the same one-sided CUSUM
written again in NumPy, on its own random numbers. Prints false alarms per location-year at NPS 30 and 50 answers a
day, and the share of −10-point steps found within 3, 7, 14 and 30 days. Usage: scripts/sim-nps-shift.py [runs]"""
import sys

import numpy as np

K, H, BASE, MIN_N = 0.5, 4.5, 28, 5
rng = np.random.default_rng(7)


def days(count, n, p, q):
    draws = rng.multinomial(n, [p, q, 1 - p - q], size=count)
    return draws[:, 0], draws[:, 1], np.full(count, n)


def scan(P, D, N):
    alarms, s, start, resume = [], 0.0, BASE, 0
    for d in range(BASE, len(P)):
        if d < resume or N[d] < MIN_N:
            continue
        wp, wd, wn = P[d - BASE:d].sum(), D[d - BASE:d].sum(), N[d - BASE:d].sum()
        b = (wp - wd) / wn
        v = max((wp + wd) / wn - b * b, 1e-6)
        z = (b - (P[d] - D[d]) / N[d]) / np.sqrt(v / N[d] + v / wn)
        if s == 0.0:
            start = d
        s = max(0.0, s + z - K)
        if s > H:
            alarms.append(d)
            s, resume = 0.0, start + BASE
    return alarms


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
years = max(1, runs // 3)
false_alarms = sum(len(scan(*days(365 + BASE, 50, 0.5, 0.2))) for _ in range(years)) / years
delays = []
for _ in range(runs):
    P1, D1, N1 = days(60, 50, 0.5, 0.2)
    P2, D2, N2 = days(30, 50, 0.45, 0.25)
    found = [a - 60 for a in scan(np.concatenate([P1, P2]), np.concatenate([D1, D2]), np.concatenate([N1, N2])) if a >= 60]
    delays.append(found[0] if found else 10**6)
delays = np.array(delays)
print(f"{false_alarms:.2f} false alarms per location-year; −10 points found within 3 days {np.mean(delays < 3):.3f}, "
      f"7 days {np.mean(delays < 7):.3f}, 14 days {np.mean(delays < 14):.3f}, 30 days {np.mean(delays < 30):.3f}")
