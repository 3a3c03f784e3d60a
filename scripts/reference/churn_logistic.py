#!/usr/bin/env python3
"""Independent check of Otklik's churn model pieces, from scratch with NumPy and SciPy (never with Otklik).

  python3 scripts/reference/churn_logistic.py < data.json

Reads {"x": [[...], ...], "y": [0|1, ...], "lambda": 1.0, "scores": [...], "positives": [0|1, ...]} and prints
{"intercept", "coefficients", "objective", "auc"}: the L2-regularised logistic regression (intercept not penalised)
minimising -sum[y log p + (1-y) log(1-p)] + lambda/2 * sum(beta_j^2), found by SciPy's L-BFGS-B on the exact
objective and gradient; and the AUC of `scores` for `positives` as SciPy's Mann-Whitney U / (n1 n0) (ties count 1/2).
"""
import json
import sys

import numpy as np
from scipy import optimize, stats


def main():
    data = json.load(sys.stdin)
    x = np.asarray(data["x"], dtype=float)
    y = np.asarray(data["y"], dtype=float)
    lam = float(data.get("lambda", 1.0))
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    penalty = np.ones(design.shape[1]) * lam
    penalty[0] = 0.0

    def objective(beta):
        z = design @ beta
        loglik = np.sum(y * z - np.logaddexp(0.0, z))
        return -loglik + 0.5 * np.sum(penalty * beta * beta)

    def gradient(beta):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        return design.T @ (p - y) + penalty * beta

    fit = optimize.minimize(objective, np.zeros(design.shape[1]), jac=gradient, method="L-BFGS-B",
                            options={"gtol": 1e-12, "ftol": 1e-15, "maxiter": 10000})
    out = {"intercept": float(fit.x[0]), "coefficients": [float(v) for v in fit.x[1:]], "objective": float(fit.fun)}
    if "scores" in data:
        scores = np.asarray(data["scores"], dtype=float)
        positives = np.asarray(data["positives"], dtype=bool)
        u = stats.mannwhitneyu(scores[positives], scores[~positives], alternative="two-sided").statistic
        out["auc"] = float(u) / (positives.sum() * (~positives).sum())
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
