#!/usr/bin/env python3
"""numpy reference of the hierarchical-spectral sweep (SCIENCE.md 3-4), what a competent researcher
writes: vectorised, BLAS-backed, data drawn once per seed and sliced for every n (nested sweeps).

Gaussian-equivalent teacher: z ~ N(0, I_D), A (p x D) orthonormal rows, b_j = s_j j^-gamma,
y = sum_j b_j (h_j^2 - 1) with h = A z, standardised with training statistics. Estimator: dense
first-layer operator M = Z^T diag(y) Z / n - mean(y) I, eigh, top p by |lambda|, B^ = H^T diag(y) H
/ (2n) - mean(y)/2 I, score s = h^T B^ h - tr B^, unit-variance rescale, affine calibration.

usage: numpy_reference.py SPEC.json  -> one JSON line per (n, seed) with nmse, then total seconds
"""
import json
import sys
import time

import numpy as np


def sweep_points(spec):
    n = spec["sweep"]["n"]
    if isinstance(n, list):
        return sorted(set(n))
    pts = n["points"]
    return sorted(set(int(round(n["from"] * (n["to"] / n["from"]) ** (i / (pts - 1)))) for i in range(pts)))


def main():
    spec = json.load(open(sys.argv[1]))
    t = spec["teacher"]
    d, p, gamma = t["d"], t["p"], t["secondLayer"]["gamma"]
    D = d * (d + 1) // 2
    ns = sweep_points(spec)
    seeds = spec["sweep"]["seeds"]
    seeds = list(range(seeds)) if isinstance(seeds, int) else seeds
    n_test = spec.get("test", {}).get("n", 5000)
    k = spec["estimators"][0].get("directions", p)
    start = time.perf_counter()
    for seed in seeds:
        rng = np.random.default_rng(seed)
        a, _ = np.linalg.qr(rng.standard_normal((D, p)))
        a = a.T                                            # p x D, orthonormal rows
        b = rng.choice([-1.0, 1.0], p) * np.arange(1, p + 1) ** -gamma
        z_all = rng.standard_normal((max(ns), D))
        z_test = rng.standard_normal((n_test, D))

        def labels(z):
            h = z @ a.T
            return (h * h - 1) @ b

        y_all, y_test_raw = labels(z_all), labels(z_test)
        for n in ns:
            z, y = z_all[:n], y_all[:n]
            mu, sd = y.mean(), y.std()
            y = (y - mu) / sd
            y_test = (y_test_raw - mu) / sd
            m = (z * y[:, None]).T @ z / n
            m[np.diag_indices(D)] -= y.mean()
            w, v = np.linalg.eigh(m)
            top = np.argsort(-np.abs(w))[:k]
            ahat = v[:, top].T
            h = z @ ahat.T
            bh = (h * y[:, None]).T @ h / (2 * n) - y.mean() / 2 * np.eye(k)
            s = np.einsum("ij,jk,ik->i", h, bh, h) - np.trace(bh)
            scale = 1 / s.std()
            x = np.column_stack([np.ones(n), s * scale])
            coef, *_ = np.linalg.lstsq(x, y, rcond=None)
            ht = z_test @ ahat.T
            st = np.einsum("ij,jk,ik->i", ht, bh, ht) - np.trace(bh)
            pred = coef[0] + coef[1] * st * scale
            nmse = np.mean((pred - y_test) ** 2) / np.mean(y_test ** 2)
            print(json.dumps({"n": n, "seed": seed, "nmse": float(nmse)}), flush=True)
    print(json.dumps({"seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
