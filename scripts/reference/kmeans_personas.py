#!/usr/bin/env python3
"""Independent check of Otklik's persona clustering pieces, from scratch with NumPy and SciPy (never with Otklik).

  python3 scripts/reference/kmeans_personas.py < data.json

Reads {"raw": [[...], ...] (null for a missing value), "labels": [...], "centroids": [[...], ...], "k": K,
"pairs": [[[labels a], [labels b]], ...]} and prints:
  "z": the raw rows standardised per column (population standard deviation; a missing value and a constant column are 0);
  "inertia": the within-cluster sum of squares of `labels` around the means of their clusters, on z;
  "fixed_point": whether `labels` is a fixed point of Lloyd's algorithm (every point is nearest its own cluster's mean);
  "best_inertia": the lowest inertia of 50 Lloyd runs from random starts (NumPy's generator, seed 1);
  "ari": the adjusted Rand index of each pair, from the contingency table with scipy.special.comb (Hubert & Arabie 1985).
"""
import json
import sys

import numpy as np
from scipy.special import comb


def standardise(raw):
    rows = np.array([[np.nan if v is None else float(v) for v in row] for row in raw])
    z = np.zeros_like(rows)
    for c in range(rows.shape[1]):
        column = rows[:, c]
        present = column[~np.isnan(column)]
        if present.size == 0:
            continue
        mean, sd = present.mean(), present.std()
        if sd > 0:
            z[:, c] = np.where(np.isnan(column), 0.0, (column - mean) / sd)
    return z


def inertia(z, labels, k):
    total = 0.0
    for c in range(k):
        members = z[labels == c]
        if len(members):
            total += ((members - members.mean(axis=0)) ** 2).sum()
    return total


def lloyd(z, k, rng):
    centres = z[rng.choice(len(z), size=k, replace=False)]
    labels = None
    for _ in range(300):
        distances = ((z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        new = distances.argmin(axis=1)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        for c in range(k):
            if np.any(labels == c):
                centres[c] = z[labels == c].mean(axis=0)
    return inertia(z, labels, k)


def ari(a, b):
    a, b = np.asarray(a), np.asarray(b)
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)
    index = comb(table, 2).sum()
    rows = comb(table.sum(axis=1), 2).sum()
    cols = comb(table.sum(axis=0), 2).sum()
    expected = rows * cols / comb(len(a), 2)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return float((index - expected) / (maximum - expected))


def main():
    data = json.load(sys.stdin)
    z = standardise(data["raw"])
    k = int(data["k"])
    labels = np.asarray(data["labels"])
    means = np.array([z[labels == c].mean(axis=0) for c in range(k)])
    nearest = ((z[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
    own = nearest[np.arange(len(z)), labels]
    fixed = bool(np.all(own <= nearest.min(axis=1) + 1e-9))
    rng = np.random.default_rng(1)
    best = min(lloyd(z, k, rng) for _ in range(50))
    print(json.dumps({
        "z": z.tolist(), "inertia": inertia(z, labels, k), "fixed_point": fixed, "best_inertia": best,
        "ari": [ari(a, b) for a, b in data.get("pairs", [])],
    }))


if __name__ == "__main__":
    main()
