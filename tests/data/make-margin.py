#!/usr/bin/python3
"""tests/data/make-margin.py: the fixtures of tests/data/margin/, per-row
base margins (offsets) scored by Debian's python3-xgboost (1.7.4) through
DMatrix(base_margin=...), for --base-margin (issue 14).  Every model here
was trained by XGBoost, most with a base margin too; every expected
output is XGBoost's own prediction for that very model file and data.
Run it by hand from the top of the tree; `make check` only reads what it
wrote:

    /usr/bin/python3 tests/data/make-margin.py

Each case is a directory holding model.json; data.csv, a header line,
then the features and the base margin columns (bm, or bm_0, bm_1, ...
for a model of several outputs, one per output in output order;
log_exposure for the Poisson case); and
XGBoost's outputs for those rows with those base margins: margin.csv
(output_margin=True), pred.csv, and for some contribs.csv
(pred_contribs), contribs_approx.csv (approx_contribs), interactions.csv
(pred_interactions) and manifest.json, which holds XGBoost's own
additivity error on the case (contribs_sum_minus_margin_max_abs: the
largest |sum of a row's contributions - its margin|), as the fixtures of
tests/data/xgb-*/ do.
"""
import json
import os

import numpy as np
import xgboost as xgb

from fixturecsv import fmt, write_csv

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'margin')


def text(v):
    """A float32 value as CSV text that reads back as that float32."""
    return '' if np.isnan(v) else repr(float(np.float32(v)))


def rows(rng, n, nf, nan=0.0):
    """Random float32 rows, a share nan of the values missing."""
    X = rng.normal(size=(n, nf)).astype(np.float32)
    X[rng.random(size=X.shape) < nan] = np.nan
    return X


def write_case(name, bst, X, bm, names, explain=False, interactions=False,
               bnames=None):
    """Save bst, then X with its base margins bm (n x G), in columns
    bnames, and XGBoost's outputs for them, scored from the saved file."""
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, 'model.json')
    bst.save_model(path)
    bst = xgb.Booster(model_file=path)
    bm = np.asarray(bm, dtype=np.float32).reshape(len(X), -1)
    G = bm.shape[1]
    if bnames is None:
        bnames = ['bm'] if G == 1 else ['bm_%d' % g for g in range(G)]
    write_csv(os.path.join(d, 'data.csv'), names + bnames,
              [[text(v) for v in row] + [text(v) for v in b]
               for row, b in zip(X, bm)])
    dm = xgb.DMatrix(X, feature_names=names,
                     base_margin=bm if G > 1 else bm.ravel())
    outs = [('margin.csv', {'output_margin': True}), ('pred.csv', {})]
    if explain:
        outs += [('contribs.csv', {'pred_contribs': True}),
                 ('contribs_approx.csv', {'pred_contribs': True,
                                          'approx_contribs': True})]
    if interactions:
        outs += [('interactions.csv', {'pred_interactions': True})]
    for fname, kw in outs:
        p = bst.predict(dm, **kw).reshape(len(X), -1)
        write_csv(os.path.join(d, fname),
                  ['pred_%d' % k for k in range(p.shape[1])],
                  [[fmt(v) for v in row] for row in p])
    if explain:
        c = bst.predict(dm, pred_contribs=True).reshape(len(X), G, -1)
        mg = bst.predict(dm, output_margin=True).reshape(len(X), G)
        err = np.abs(c.astype(np.float64).sum(axis=2) - mg).max()
        with open(os.path.join(d, 'manifest.json'), 'w') as fp:
            json.dump({'xgboost': xgb.__version__,
                       'contribs_sum_minus_margin_max_abs': float(err)},
                      fp, indent=1)
            fp.write('\n')


def poisson_exposure(rng):
    """count:poisson with a log-exposure offset, the insurance case:
    counts over exposures of 0.1 to 5 years, trained and scored with
    base_margin = log(exposure)."""
    names = ['age', 'power', 'density']
    X = rows(rng, 400, 3, nan=0.05)
    expo = rng.uniform(0.1, 5, size=400).astype(np.float32)
    rate = np.exp(0.3 * np.nan_to_num(X[:, 0]) - 0.2 *
                  np.nan_to_num(X[:, 1]))
    y = rng.poisson(rate * expo)
    off = np.log(expo).astype(np.float32)
    dm = xgb.DMatrix(X[:300], label=y[:300], base_margin=off[:300],
                     feature_names=names)
    bst = xgb.train({'objective': 'count:poisson', 'max_depth': 3,
                     'eta': 0.3, 'seed': 1}, dm, 12)
    write_case('poisson_exposure', bst, X[300:], off[300:], names,
               explain=True, interactions=True, bnames=['log_exposure'])


def softprob(rng):
    """multi:softprob of 4 classes, trained and scored with an n x 4
    base margin (a prior per class and row)."""
    names = ['f0', 'f1', 'f2', 'f3', 'f4']
    X = rows(rng, 360, 5, nan=0.05)
    y = (np.nan_to_num(X[:, 0]) > 0) * 2 + (np.nan_to_num(X[:, 1]) > 0.3)
    bm = rng.normal(scale=0.5, size=(360, 4)).astype(np.float32)
    dm = xgb.DMatrix(X[:300], label=y[:300], base_margin=bm[:300],
                     feature_names=names)
    bst = xgb.train({'objective': 'multi:softprob', 'num_class': 4,
                     'max_depth': 3, 'eta': 0.3, 'seed': 2}, dm, 6)
    write_case('softprob', bst, X[300:], bm[300:], names)


def binary_logistic(rng):
    """binary:logistic trained without a base margin, scored with one."""
    names = ['a', 'b']
    X = rows(rng, 260, 2, nan=0.05)
    y = (np.nan_to_num(X[:, 0]) - np.nan_to_num(X[:, 1]) > 0)
    bst = xgb.train({'objective': 'binary:logistic', 'max_depth': 2,
                     'seed': 3}, xgb.DMatrix(X[:200], label=y[:200],
                                             feature_names=names), 5)
    write_case('binary_logistic', bst, X[200:],
               rng.normal(size=60).astype(np.float32), names)


def dart(rng):
    """A dart reg:squarederror model with dropped trees, so tree weights
    differ from 1, scored with a base margin."""
    names = ['a', 'b', 'c']
    X = rows(rng, 260, 3, nan=0.05)
    y = np.nan_to_num(X[:, 0]) * 2 + np.nan_to_num(X[:, 2])
    bm = rng.normal(size=260).astype(np.float32)
    dm = xgb.DMatrix(X[:200], label=y[:200], base_margin=bm[:200],
                     feature_names=names)
    bst = xgb.train({'booster': 'dart', 'rate_drop': 0.3,
                     'skip_drop': 0, 'max_depth': 3, 'seed': 4}, dm, 8)
    write_case('dart', bst, X[200:], bm[200:], names)


def gblinear(rng):
    """gblinear multi:softprob of 3 classes: group g starts from
    base_margin[r][g] (GBLinear::PredictBatchInternal)."""
    names = ['a', 'b', 'c', 'd']
    X = rows(rng, 260, 4, nan=0.05)
    y = (np.nan_to_num(X[:, 0]) > 0) + (np.nan_to_num(X[:, 1]) > 0)
    bm = rng.normal(scale=0.5, size=(260, 3)).astype(np.float32)
    dm = xgb.DMatrix(X[:200], label=y[:200], base_margin=bm[:200],
                     feature_names=names)
    bst = xgb.train({'booster': 'gblinear', 'objective': 'multi:softprob',
                     'num_class': 3, 'seed': 5, 'nthread': 1}, dm, 10)
    write_case('gblinear', bst, X[200:], bm[200:], names, explain=True)


def main():
    rng = np.random.default_rng(14)
    poisson_exposure(rng)
    softprob(rng)
    binary_logistic(rng)
    dart(rng)
    gblinear(rng)
    print(xgb.__version__)


if __name__ == '__main__':
    main()
