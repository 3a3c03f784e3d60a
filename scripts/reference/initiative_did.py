#!/usr/bin/env python3
"""Independent check of an initiative's effect (difference-in-differences with a delta-method 95 % interval) on the
stream InitiativeEffectTests and DifferenceInDifferencesTests generate: the same splitmix64 draws, computed here from
scratch without Otklik. Run: python3 scripts/reference/initiative_did.py

The stream: 10 locations x 60 days x 20 NPS answers; promoter probability 0.40 + 0.01*location + 0.002*day, detractor
probability 0.30 - 0.005*location - 0.001*day (a common upward trend, +0.3 NPS points a day); with the planted effect,
locations 1-5 from day 30 get +0.04 promoters and -0.04 detractors (+8 NPS points)."""
import math
import statistics

MASK = (1 << 64) - 1
Z95 = 1.959963984540054


def draws(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield (z ^ (z >> 31)) >> 11


def stream(planted, seed):
    """(location 1-10, day 0-59, score) in the order the Swift generator makes them."""
    uniform = draws(seed)
    rows = []
    for day in range(60):
        for loc in range(1, 11):
            for _ in range(20):
                u = next(uniform) / float(1 << 53)
                p = 0.40 + 0.01 * loc + 0.002 * day
                d = 0.30 - 0.005 * loc - 0.001 * day
                if planted and loc <= 5 and day >= 30:
                    p += 0.04
                    d -= 0.04
                rows.append((loc, day, 10 if u < p else (3 if u < p + d else 8)))
    return rows


def did(rows):
    cells = {}
    for loc, day, score in rows:
        key = ("scope" if loc <= 5 else "control", "after" if day >= 30 else "before")
        n, promoters, detractors = cells.get(key, (0, 0, 0))
        cells[key] = (n + 1, promoters + (score >= 9), detractors + (score <= 6))

    def nps(cell):
        n, promoters, detractors = cell
        p, d = promoters / n, detractors / n
        return 100 * (p - d), 1e4 * (p + d - (p - d) ** 2) / n

    value = {key: nps(cell) for key, cell in cells.items()}
    estimate = (value["scope", "after"][0] - value["scope", "before"][0]) - (value["control", "after"][0] - value["control", "before"][0])
    se = math.sqrt(sum(v[1] for v in value.values()))
    return estimate, se, estimate - Z95 * se, estimate + Z95 * se, {key: (cells[key][0], round(value[key][0], 4)) for key in cells}


if __name__ == "__main__":
    for planted in (True, False):
        estimate, se, low, high, cells = did(stream(planted, 7919))
        print("planted +8" if planted else "no effect", f"estimate={estimate:.6f} se={se:.6f} ci=[{low:.6f}; {high:.6f}]", cells)
    covered_planted = covered_zero = 0
    z = []
    for k in range(1, 41):
        e1, _, l1, h1, _ = did(stream(True, 7919 * k))
        e0, s0, l0, h0, _ = did(stream(False, 7919 * k))
        covered_planted += l1 <= 8 <= h1
        covered_zero += l0 <= 0 <= h0
        z.append(e0 / s0)
    print(f"40 seeds (7919*k): interval covers +8 in {covered_planted}, covers 0 without effect in {covered_zero}; "
          f"z without effect mean {statistics.mean(z):.3f} sd {statistics.stdev(z):.3f}")
    print("seed 2026:", [f"{x:.4f}" for x in did(stream(False, 2026))[:4]])
