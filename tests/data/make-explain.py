#!/usr/bin/python3
"""tests/data/make-explain.py: the fixtures of tests/data/explain/, for
explanations ../shared/fixtures has no case of.  Run by hand from the top
of the tree with the XGBoost each case names (a build of that release
from its source, whose python-package PYTHONPATH points at); `make check`
only reads what it wrote:

    PYTHONPATH=.../xgboost-3.4.1/python-package \\
        /usr/bin/python3 tests/data/make-explain.py

vector_leaf_3.4.1: a multi-target regression with vector leaves
(multi_strategy="multi_output_tree"), which XGBoost explains from 3.4 on:
model.json, model.ubj, data.csv (header, with missing values), and
XGBoost's margin.csv and contribs.csv (pred_contribs=True), and in
manifest.json the largest |sum of a row's contributions - its margin|.
"""
import json
import os

import numpy as np
import xgboost as xgb

from fixturecsv import fmt, write_csv

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'explain')


def text(rows):
    return [[fmt(v) for v in r] for r in rows]


def main():
    assert xgb.__version__.startswith('3.4'), xgb.__version__
    rng = np.random.default_rng(20261206)
    n, f, t = 400, 6, 3
    X = rng.normal(size=(n, f)).astype(np.float32)
    Y = np.stack([X[:, 0] * 2 + X[:, 1] ** 2,
                  np.sin(X[:, 2]) + X[:, 3] * X[:, 4],
                  X[:, 5] - X[:, 0]], axis=1) + rng.normal(size=(n, t)) * .1
    X[rng.random(size=X.shape) < .1] = np.nan
    names = ['f%d' % i for i in range(f)]
    dm = xgb.DMatrix(X, label=Y, feature_names=names)
    bst = xgb.train({'tree_method': 'hist', 'multi_strategy':
                     'multi_output_tree', 'max_depth': 4, 'eta': .3,
                     'seed': 1}, dm, num_boost_round=20)
    d = os.path.join(OUT, 'vector_leaf_3.4.1')
    os.makedirs(d, exist_ok=True)
    bst.save_model(os.path.join(d, 'model.json'))
    bst.save_model(os.path.join(d, 'model.ubj'))
    bst = xgb.Booster(model_file=os.path.join(d, 'model.json'))
    Xt = X[:100]
    dt = xgb.DMatrix(Xt, feature_names=names)
    margin = bst.predict(dt, output_margin=True)
    contribs = bst.predict(dt, pred_contribs=True)
    write_csv(os.path.join(d, 'data.csv'), names, text(Xt))
    write_csv(os.path.join(d, 'margin.csv'),
              ['target_%d' % i for i in range(t)], text(margin))
    cols = ['%d:%s' % (g, c) for g in range(t) for c in names + ['bias']]
    write_csv(os.path.join(d, 'contribs.csv'), cols,
              text(contribs.reshape(len(Xt), -1)))
    worst = float(np.max(np.abs(contribs.astype(np.float64).sum(axis=2) -
                                margin.astype(np.float64))))
    with open(os.path.join(d, 'manifest.json'), 'w') as fp:
        json.dump({'case': 'vector_leaf_3.4.1',
                   'xgboost_version': xgb.__version__,
                   'made_by': 'tests/data/make-explain.py',
                   'contribs_shape': list(contribs.shape),
                   'contribs_sum_minus_margin_max_abs': worst}, fp,
                  indent=1)
        fp.write('\n')


if __name__ == '__main__':
    main()
