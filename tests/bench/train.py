"""train.py TRAIN.csv MODEL.json: the benchmark's model.

A 500-round, depth-6 binary:logistic model trained by the XGBoost found by
/usr/bin/python3 (Debian's python3-xgboost, 1.7.4) on rows written by
gen -l: label first, then 28 features.  Deterministic for a given XGBoost
build: hist method, fixed seed, no subsampling.
"""
import sys

import numpy as np
import xgboost as xgb


def main():
    train, out = sys.argv[1], sys.argv[2]
    a = np.loadtxt(train, delimiter=",", dtype=np.float64)
    d = xgb.DMatrix(a[:, 1:].astype(np.float32), label=a[:, 0])
    params = {"objective": "binary:logistic", "max_depth": 6, "eta": 0.1,
              "tree_method": "hist", "seed": 0, "nthread": 2}
    bst = xgb.train(params, d, num_boost_round=500)
    bst.save_model(out)


if __name__ == "__main__":
    main()
