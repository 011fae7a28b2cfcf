"""shapes.py DIR: the benchmark's model shapes beyond the HIGGS-like one.

Writes, under DIR, one directory per shape holding data.csv (rows to
score, no header, no label) and model.json, trained by the XGBoost found
by /usr/bin/python3 (Debian's python3-xgboost, 1.7.4) on rows drawn from
the same generator with another seed:

  cover  a covertype-like 7-class multi:softprob model, depth 8, 100
         rounds (700 trees), 54 features (10 measurements, 44 one-hot
         flags), 200,000 rows;
  deep   binary:logistic of depth 12, 100 rounds, 28 features, 200,000
         rows;
  wide   2,000 features of which each tree uses a few, depth 6, 200
         rounds, 5,000 rows;
  tiny   4 features, 10 trees of depth 3, 1,000,000 rows: parsing is all.

Deterministic for a given XGBoost build: hist method, fixed seeds.
"""
import os
import sys

import numpy as np
import xgboost as xgb


def cover(rng, n):
    m = np.empty((n, 54), dtype=np.float32)
    m[:, 0] = rng.integers(1850, 3900, n)           # elevation
    m[:, 1] = rng.integers(0, 361, n)               # aspect
    m[:, 2] = rng.integers(0, 67, n)                # slope
    m[:, 3:10] = rng.integers(0, 7000, (n, 7))      # distances, shade
    m[:, 10:] = 0
    m[np.arange(n), 10 + rng.integers(0, 4, n)] = 1     # wilderness
    m[np.arange(n), 14 + rng.integers(0, 40, n)] = 1    # soil
    s = (m[:, 0] - 1850) / 2050 * 5 + np.sin(m[:, 1] / 57.3) + \
        m[:, 2] / 40 + m[:, 10:14] @ np.arange(4) * 0.4 + \
        rng.normal(0, 0.6, n)
    y = np.clip(s, 0, 6.999).astype(int)
    return m, y


def deep(rng, n):
    m = rng.normal(0, 1, (n, 28)).astype(np.float32)
    s = m[:, 0] * m[:, 1] + np.sin(3 * m[:, 2]) + m[:, 3] ** 2 - \
        np.abs(m[:, 4] * m[:, 5]) + 0.5 * m[:, 6:12].sum(1) + \
        rng.normal(0, 0.5, n)
    return m, (s > 0.5).astype(int)


def wide(rng, n):
    m = rng.normal(0, 1, (n, 2000)).astype(np.float32)
    w = rng.normal(0, 1, 2000) * (rng.random(2000) < 0.2)
    return m, (m @ w + rng.normal(0, 1, n) > 0).astype(int)


def tiny(rng, n):
    m = rng.normal(0, 1, (n, 4)).astype(np.float32)
    return m, m[:, 0] + 2 * m[:, 1] * m[:, 2] - m[:, 3]


SHAPES = {
    # name: generator, rows to score, training rows, parameters, rounds
    "cover": (cover, 200000, 50000,
              {"objective": "multi:softprob", "num_class": 7,
               "max_depth": 8, "eta": 0.3}, 100),
    "deep": (deep, 200000, 100000,
             {"objective": "binary:logistic", "max_depth": 12,
              "eta": 0.1}, 100),
    "wide": (wide, 5000, 10000,
             {"objective": "binary:logistic", "max_depth": 6,
              "eta": 0.1, "colsample_bytree": 0.05}, 200),
    "tiny": (tiny, 1000000, 50000,
             {"objective": "reg:squarederror", "max_depth": 3,
              "eta": 0.3}, 10),
}


def main():
    top = sys.argv[1]
    names = sys.argv[2:] or list(SHAPES)
    for name in names:
        gen, nscore, ntrain, params, rounds = SHAPES[name]
        d = os.path.join(top, name)
        os.makedirs(d, exist_ok=True)
        x, y = gen(np.random.default_rng(1), ntrain)
        p = dict(params, tree_method="hist", seed=0, nthread=2)
        bst = xgb.train(p, xgb.DMatrix(x, label=y), num_boost_round=rounds)
        # XGBoost picks the format by the name's end: JSON for ".json".
        bst.save_model(os.path.join(d, "model.tmp.json"))
        x, _ = gen(np.random.default_rng(2), nscore)
        # Integers as integers, the rest with 7 significant digits.
        fmt = "%d" if name == "cover" else "%.7g"
        np.savetxt(os.path.join(d, "data.csv.tmp"), x, fmt=fmt,
                   delimiter=",")
        os.rename(os.path.join(d, "data.csv.tmp"),
                  os.path.join(d, "data.csv"))
        os.rename(os.path.join(d, "model.tmp.json"),
                  os.path.join(d, "model.json"))
        print("shapes: %s: %d rows, %d trees" %
              (name, nscore, bst.num_boosted_rounds() *
               params.get("num_class", 1)))


if __name__ == "__main__":
    main()
