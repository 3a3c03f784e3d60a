#!/usr/bin/env python3
"""Independent reference for `otklik analyze retention` (the shifted-beta-geometric model, Fader & Hardie 2007).

Usage: sbg.py COUNTS [DISCOUNT_RATE] [PERIODS]   e.g. sbg.py 1000,631,468,382,326,289,262,241 0.1 12

Fits alpha and beta by maximum likelihood with SciPy (L-BFGS-B on log-parameters, from several starts), then prints JSON:
the parameters, the log-likelihood, survival S(t) for t = 0..PERIODS from the closed form
S(t) = B(alpha, beta + t) / B(alpha, beta), and the discounted expected lifetime of a new subscriber from the Gauss
hypergeometric function, DEL = 2F1(1, beta; alpha + beta; 1 / (1 + d)) (Fader & Hardie 2010) — neither the
recursion nor the term-by-term sum the Swift code uses.
"""
import json
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, hyp2f1


def log_likelihood(alpha, beta, counts):
    n = len(counts) - 1
    t = np.arange(1, n + 1)
    # P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta); S(n) = B(alpha, beta + n) / B(alpha, beta)
    log_p = betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta)
    churned = np.array(counts[:-1]) - np.array(counts[1:])
    log_s = betaln(alpha, beta + n) - betaln(alpha, beta)
    return float(np.sum(churned * log_p) + counts[-1] * log_s)


def main():
    counts = [int(x) for x in sys.argv[1].split(",")]
    d = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    periods = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    best = None
    for start in ([0.0, 0.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]):
        result = minimize(lambda x: -log_likelihood(np.exp(x[0]), np.exp(x[1]), counts), start, method="L-BFGS-B",
                          options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000})
        if best is None or result.fun < best.fun:
            best = result
    alpha, beta = float(np.exp(best.x[0])), float(np.exp(best.x[1]))
    survival = [float(np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))) for t in range(periods + 1)]
    print(json.dumps({
        "alpha": alpha, "beta": beta, "log_likelihood": log_likelihood(alpha, beta, counts),
        "survival": survival, "discounted_expected_lifetime": float(hyp2f1(1.0, beta, alpha + beta, 1.0 / (1.0 + d))),
    }))


if __name__ == "__main__":
    main()
