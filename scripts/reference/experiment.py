#!/usr/bin/env python3
"""Independent check of `otklik analyze experiment`, computed from scratch with NumPy and SciPy (never with Otklik).

  python3 scripts/reference/experiment.py generate   # writes the two fixture CSVs the Swift tests read
  python3 scripts/reference/experiment.py check      # prints the expected figures the tests compare with

Fixtures (Tests/OtklikServerTests/Fixtures/):
  experiment-units.csv: 800 customers randomised 50:50 by a seeded draw; columns unit, variant (control|new_script),
    nps (0-10; the new script plants +10 NPS points), resolved (yes|no; +8 percentage points), ces (1-7, mean; -0.3),
    pre (last year's CES, correlated with this year's), and a few empty nps cells.
  experiment-clusters.csv: 12 locations randomised 6:6 as wholes, 40 visits each; nps with +16 points planted.
"""
import csv
import itertools
import math
import os
import random
import sys

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "OtklikServerTests", "Fixtures")
UNITS = os.path.join(FIXTURES, "experiment-units.csv")
CLUSTERS = os.path.join(FIXTURES, "experiment-clusters.csv")


def score(rng, promoter, detractor):
    u = rng.random()
    if u < promoter:
        return rng.choice([9, 10])
    if u < promoter + detractor:
        return rng.randint(0, 6)
    return rng.choice([7, 8])


def generate():
    rng = random.Random(20261203)
    with open(UNITS, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "variant", "nps", "resolved", "ces", "pre"])
        for i in range(800):
            treated = rng.random() < 0.5
            lift = 0.05 if treated else 0.0
            nps = "" if i % 97 == 13 else score(rng, 0.45 + lift, 0.25 - lift)
            resolved = "yes" if rng.random() < (0.70 + (0.08 if treated else 0.0)) else "no"
            base = rng.gauss(0, 1)
            pre = round(min(7, max(1, 3.5 + 1.1 * base + rng.gauss(0, 0.6))), 1)
            ces = round(min(7, max(1, 3.6 + 1.0 * base + rng.gauss(0, 0.7) - (0.3 if treated else 0.0))), 1)
            w.writerow([f"C{i:04d}", "new_script" if treated else "control", nps, resolved, ces, pre])
    with open(CLUSTERS, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["visit", "location", "arm", "nps"])
        locations = [f"L{k:02d}" for k in range(1, 13)]
        treated = set(rng.sample(locations, 6))
        for loc in locations:
            level = rng.gauss(0, 0.03)
            lift = 0.08 if loc in treated else 0.0
            for j in range(40):
                w.writerow([f"{loc}-{j:02d}", loc, "pilot" if loc in treated else "control", score(rng, 0.42 + level + lift, 0.28 - level - lift)])


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def code_nps(x):
    return 1.0 if x >= 9 else (-1.0 if x <= 6 else 0.0)


def srm(nc, nt, share=0.5):
    chi2, p = stats.chisquare([nc, nt], [share * (nc + nt), (1 - share) * (nc + nt)])
    return p


def msprt(effect, v, n_now, n_planned, alpha=0.05):
    r = 2 * math.log(1 / alpha) + math.log(1 + 2 * math.log(1 / alpha))
    tau2 = r * v * n_now / max(n_planned, n_now)
    log_lambda = 0.5 * math.log(v / (v + tau2)) + tau2 * effect ** 2 / (2 * v * (v + tau2))
    p = min(1.0, math.exp(-log_lambda))
    half = math.sqrt(v * (v + tau2) / tau2 * (2 * math.log(1 / alpha) + math.log((v + tau2) / v)))
    return p, effect - half, effect + half


def show(name, **figures):
    print(name + ": " + ", ".join(f"{k}={v:.12g}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))


def check():
    rows = read(UNITS)
    z = stats.norm.ppf(0.975)
    # NPS, trinomial variance (population variance of the codes / n), z test.
    kept = [r for r in rows if r["nps"] != ""]
    c = np.array([code_nps(int(r["nps"])) for r in kept if r["variant"] == "control"])
    t = np.array([code_nps(int(r["nps"])) for r in kept if r["variant"] == "new_script"])
    v = c.var() / len(c) + t.var() / len(t)
    eff = t.mean() - c.mean()
    show("nps", n_c=len(c), n_t=len(t), control=100 * c.mean(), treatment=100 * t.mean(), effect=100 * eff,
         ci_low=100 * (eff - z * math.sqrt(v)), ci_high=100 * (eff + z * math.sqrt(v)),
         p=2 * stats.norm.sf(abs(eff) / math.sqrt(v)), excluded=len(rows) - len(kept), srm_p=srm(len(c), len(t)))
    p_seq, lo, hi = msprt(eff, v, len(c) + len(t), 2000)
    show("nps sequential planned 2000", p=p_seq, ci_low=100 * lo, ci_high=100 * hi)
    # Proportion: pooled z for the test, unpooled SE for the interval.
    c = np.array([1.0 if r["resolved"] == "yes" else 0.0 for r in rows if r["variant"] == "control"])
    t = np.array([1.0 if r["resolved"] == "yes" else 0.0 for r in rows if r["variant"] == "new_script"])
    pooled = np.concatenate([c, t]).mean()
    eff = t.mean() - c.mean()
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / len(c) + 1 / len(t)))
    se = math.sqrt(c.var() / len(c) + t.var() / len(t))
    show("proportion", control=100 * c.mean(), treatment=100 * t.mean(), effect=100 * eff,
         ci_low=100 * (eff - z * se), ci_high=100 * (eff + z * se), p=2 * stats.norm.sf(abs(eff) / se_pooled))
    # Mean (CES): Welch's t.
    c = np.array([float(r["ces"]) for r in rows if r["variant"] == "control"])
    t = np.array([float(r["ces"]) for r in rows if r["variant"] == "new_script"])
    welch = stats.ttest_ind(t, c, equal_var=False)
    vt, vc = t.var(ddof=1) / len(t), c.var(ddof=1) / len(c)
    df = (vt + vc) ** 2 / (vt ** 2 / (len(t) - 1) + vc ** 2 / (len(c) - 1))
    q = stats.t.ppf(0.975, df)
    eff = t.mean() - c.mean()
    show("mean", effect=eff, ci_low=eff - q * math.sqrt(vt + vc), ci_high=eff + q * math.sqrt(vt + vc), p=welch.pvalue, df=df)
    # CUPED with the pre-period: theta = cov(x, y)/var(x) over both arms; Welch on the adjusted outcome.
    y = np.array([float(r["ces"]) for r in rows])
    x = np.array([float(r["pre"]) for r in rows])
    arm = np.array([r["variant"] == "new_script" for r in rows])
    theta = np.cov(x, y, ddof=1)[0, 1] / x.var(ddof=1)
    ya = y - theta * (x - x.mean())
    welch = stats.ttest_ind(ya[arm], ya[~arm], equal_var=False)
    vt, vc = ya[arm].var(ddof=1) / arm.sum(), ya[~arm].var(ddof=1) / (~arm).sum()
    df = (vt + vc) ** 2 / (vt ** 2 / (arm.sum() - 1) + vc ** 2 / ((~arm).sum() - 1))
    q = stats.t.ppf(0.975, df)
    eff = ya[arm].mean() - ya[~arm].mean()
    show("mean cuped", effect=eff, ci_low=eff - q * math.sqrt(vt + vc), ci_high=eff + q * math.sqrt(vt + vc), p=welch.pvalue,
         variance_reduction=1 - ya.var() / y.var(), rho2=np.corrcoef(x, y)[0, 1] ** 2)
    # Clusters: ratio means, delta-method variance, exact randomisation p over all 924 assignments.
    rows = read(CLUSTERS)
    by = {}
    for r in rows:
        k = by.setdefault(r["location"], [r["arm"], 0.0, 0.0])
        k[1] += 1
        k[2] += code_nps(int(r["nps"]))
    names = sorted(by)
    m = np.array([by[n][1] for n in names])
    s = np.array([by[n][2] for n in names])
    treated = np.array([by[n][0] == "pilot" for n in names])

    def ratio(mask):
        return s[mask].sum() / m[mask].sum()

    def delta_var(mask):
        k = mask.sum()
        r = ratio(mask)
        mbar = m[mask].mean()
        return ((s[mask] - r * m[mask]) ** 2).sum() / (k * (k - 1) * mbar ** 2)

    eff = ratio(treated) - ratio(~treated)
    v = delta_var(treated) + delta_var(~treated)
    df = len(names) - 2
    q = stats.t.ppf(0.975, df)
    reached = total = 0
    for chosen in itertools.combinations(range(len(names)), int(treated.sum())):
        mask = np.zeros(len(names), dtype=bool)
        mask[list(chosen)] = True
        total += 1
        if abs(ratio(mask) - ratio(~mask)) >= abs(eff) - 1e-12:
            reached += 1
    show("clusters", effect=100 * eff, ci_low=100 * (eff - q * math.sqrt(v)), ci_high=100 * (eff + q * math.sqrt(v)),
         p_randomisation=reached / total, p_t=2 * stats.t.sf(abs(eff) / math.sqrt(v), df), assignments=total)


if __name__ == "__main__":
    {"generate": generate, "check": check}[sys.argv[1] if len(sys.argv) > 1 else "check"]()
