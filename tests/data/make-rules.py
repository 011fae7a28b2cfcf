#!/usr/bin/python3
"""tests/data/make-rules.py: the fixtures of tests/data/rules/, made with
Debian's python3-xgboost (1.7.4) for the corners the differential test
found (issue 12).  Every model here was trained by XGBoost, some then
edited (as said per case) to reach a corner training rarely does; every
expected output is XGBoost's own prediction for that very model file.
Run it by hand from the top of the tree; `make check` only reads what it
wrote:

    /usr/bin/python3 tests/data/make-rules.py

Each case is a directory holding model.json, data.csv (header, no index),
and XGBoost's outputs as tests/data/xgb-*/ has them: margin.csv
(output_margin=True), pred.csv, and for some leaf_*.csv.
"""
import ctypes
import ctypes.util
import json
import os

import numpy as np
import xgboost as xgb

from fixturecsv import fmt, write_csv

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rules')


def write_case(name, bst, X, names, extra=None):
    """Save bst and X, and XGBoost's margins and predictions for X."""
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, 'model.json')
    if isinstance(bst, str):
        with open(path, 'w') as fp:
            fp.write(bst)
    else:
        bst.save_model(path)
    bst = xgb.Booster(model_file=path)
    dm = xgb.DMatrix(X, feature_names=names)
    write_csv(os.path.join(d, 'data.csv'), names,
              [['' if np.isnan(v) else repr(float(v)) for v in row]
               for row in X])
    for fname, kw in [('margin.csv', {'output_margin': True}),
                      ('pred.csv', {})]:
        p = bst.predict(dm, **kw).reshape(len(X), -1)
        write_csv(os.path.join(d, fname),
                  ['pred_%d' % k for k in range(p.shape[1])],
                  [[fmt(v) for v in row] for row in p])
    for fname, kw in (extra or {}).items():
        p = bst.predict(dm, **kw).reshape(len(X), -1)
        write_csv(os.path.join(d, fname),
                  ['leaf_%d' % k for k in range(p.shape[1])],
                  [['%d' % v for v in row] for row in p])
    return bst


def rows(rng, n, nf):
    """Random rows rounded to a few digits, so the text is the value."""
    return np.round(rng.normal(size=(n, nf)), 4)


def logistic_base(rng):
    """binary:logistic with base_score at 1e-7 and 1 - 1e-7: XGBoost
    before 3.2 takes the logit as stored (-16.118095), 3.2 and later
    clamp it into [1e-6, 1 - 1e-6] first."""
    X = rows(rng, 200, 3)
    y = (X[:, 0] + X[:, 1] > 0).astype(float)
    names = ['a', 'b', 'c']
    for tag, base in [('lo', 1e-7), ('hi', 1 - 1e-7)]:
        bst = xgb.train({'objective': 'binary:logistic', 'max_depth': 2,
                         'base_score': base},
                        xgb.DMatrix(X, y, feature_names=names), 3)
        write_case('logistic_base_%s' % tag, bst, X, names)


def aft_exp(rng):
    """survival:aft: rows whose margin m gives expf(m) and
    (float)exp((double)m) one ulp apart, and rows that do not."""
    X = rows(rng, 60000, 4)
    t = np.exp(X[:, 0] + 0.5 * rng.normal(size=len(X)))
    names = ['a', 'b', 'c', 'd']
    dm = xgb.DMatrix(X, feature_names=names)
    dm.set_float_info('label_lower_bound', t)
    dm.set_float_info('label_upper_bound', t)
    bst = xgb.train({'objective': 'survival:aft', 'max_depth': 4,
                     'aft_loss_distribution': 'normal', 'eta': 0.3},
                    dm, 20)
    m = bst.predict(dm, output_margin=True).astype(np.float32)
    # The C library's expf and exp, not NumPy's own.
    libm = ctypes.CDLL(ctypes.util.find_library('m'))
    libm.expf.restype = ctypes.c_float
    libm.expf.argtypes = [ctypes.c_float]
    libm.exp.restype = ctypes.c_double
    libm.exp.argtypes = [ctypes.c_double]
    differ = np.array([np.float32(libm.expf(float(v))) !=
                       np.float32(libm.exp(float(v))) for v in m])
    pick = np.concatenate([np.nonzero(differ)[0][:150],
                           np.nonzero(~differ)[0][:150]])
    write_case('aft_exp', bst, X[np.sort(pick)], names)


def zero_leaves(rng):
    """Every leaf set to -0.0 (edited), with a base margin of -0.0
    (binary:logistic, base_score 0.5: -log(1/0.5 - 1)): gbtree adds the
    leaves themselves (-0 + -0 = -0); DART adds each tree's prediction
    made from 0 (0 + -0 = +0)."""
    X = rows(rng, 50, 2)
    y = (X[:, 0] > 0).astype(float)
    names = ['a', 'b']
    for booster in ['gbtree', 'dart']:
        bst = xgb.train({'objective': 'binary:logistic', 'max_depth': 2,
                         'booster': booster, 'rate_drop': 0.5,
                         'base_score': 0.5},
                        xgb.DMatrix(X, y, feature_names=names), 3)
        doc = json.loads(bst.save_raw('json'))
        gb = doc['learner']['gradient_booster']
        trees = (gb['gbtree'] if booster == 'dart' else gb)['model']['trees']
        for t in trees:
            for i, left in enumerate(t['left_children']):
                if left == -1:
                    t['split_conditions'][i] = -0.0
                    t['base_weights'][i] = -0.0
        text = json.dumps(doc, separators=(',', ':'))
        write_case('zero_leaves_%s' % booster, text, X, names)


def diverged(rng):
    """Models whose training diverged: a custom objective's infinite
    gradients give a tree a leaf of -inf; huge gradients give a gblinear
    model a NaN bias.  XGBoost loads both and predicts -inf or NaN."""
    X = rows(rng, 40, 3)
    y = rng.normal(size=len(X))
    names = ['a', 'b', 'c']

    def inf_grad(p, d):
        g = p - d.get_label()
        g[X[:, 0] > 1.0] = np.inf
        return g, np.ones_like(g)

    def huge_grad(p, d):
        g = (p - d.get_label()) * 1e38
        return g, np.full_like(g, 1e-38)

    bst = xgb.train({'booster': 'gbtree', 'max_depth': 2, 'base_score': 0},
                    xgb.DMatrix(X, y, feature_names=names), 2, obj=inf_grad)
    write_case('diverged_tree', bst, X, names)
    bst = xgb.train({'booster': 'gblinear', 'base_score': 0},
                    xgb.DMatrix(X, y, feature_names=names), 3, obj=huge_grad)
    write_case('diverged_linear', bst, X, names)


def leaf_slices(rng):
    """pred_leaf of a slice of rounds: Booster.predict refuses an
    iteration_range that does not start at 0, so the leaves come from the
    sliced model, bst[1:3], as XGBoost's message advises."""
    X = rows(rng, 60, 4)
    y = rng.integers(0, 3, size=len(X))
    names = ['a', 'b', 'c', 'd']
    bst = xgb.train({'objective': 'multi:softprob', 'num_class': 3,
                     'max_depth': 3}, xgb.DMatrix(X, y, feature_names=names),
                    4)
    d = os.path.join(OUT, 'leaf_slices')
    bst = write_case('leaf_slices', bst, X, names,
                     {'leaf.csv': {'pred_leaf': True}})
    dm = xgb.DMatrix(X, feature_names=names)
    for a, b in [(1, 3), (2, 4), (0, 2)]:
        p = bst[a:b].predict(dm, pred_leaf=True).reshape(len(X), -1)
        write_csv(os.path.join(d, 'leaf_slice_%d_%d.csv' % (a, b)),
                  ['leaf_%d' % k for k in range(p.shape[1])],
                  [['%d' % v for v in row] for row in p])


def explain_slices(rng):
    """Explanations of a slice of rounds of a DART model: XGBoost 1.7.4's
    Booster.predict with pred_contribs and an iteration_range (a, b)
    explains rounds 0 to b - 1, as if a were 0 (asserted here), and
    refuses a > 0 for gbtree; xgbp explains the sliced model bst[a:b], as
    for --leaf.  Saabas values (approx_contribs) come bit for bit;
    SHAP values with contribs_slice_A_B.tol: XGBoost's own additivity
    error on these rows, the most a row's sum is from its margin."""
    X = rows(rng, 40, 4)
    y = rng.integers(0, 3, size=len(X))
    names = ['a', 'b', 'c', 'd']
    bst = xgb.train({'objective': 'multi:softprob', 'num_class': 3,
                     'booster': 'dart', 'rate_drop': 0.5, 'one_drop': 1,
                     'num_parallel_tree': 2, 'subsample': 0.8,
                     'max_depth': 3, 'seed': 12},
                    xgb.DMatrix(X, y, feature_names=names), 5)
    d = os.path.join(OUT, 'explain_slices')
    bst = write_case('explain_slices', bst, X, names)
    dm = xgb.DMatrix(X, feature_names=names)
    for a, b in [(1, 3), (2, 5), (0, 2)]:
        part = bst[a:b]
        for fname, kw in (('contribs', {'pred_contribs': True}),
                          ('contribs_approx', {'pred_contribs': True,
                                               'approx_contribs': True})):
            own = bst.predict(dm, iteration_range=(a, b), **kw)
            assert np.array_equal(own, bst.predict(
                dm, iteration_range=(0, b), **kw))
            p = part.predict(dm, **kw).reshape(len(X), -1)
            write_csv(os.path.join(d, '%s_slice_%d_%d.csv' % (fname, a, b)),
                      ['c_%d' % k for k in range(p.shape[1])],
                      [[fmt(v) for v in row] for row in p])
        m = part.predict(dm, output_margin=True).astype(np.float64)
        c = part.predict(dm, pred_contribs=True).astype(np.float64)
        with open(os.path.join(d, 'contribs_slice_%d_%d.tol' % (a, b)),
                  'w') as fp:
            fp.write('%.9g\n' % np.abs(c.sum(axis=2) - m).max())


def interactions_bias(rng):
    """A bias that is a small difference of large values: base_score 1000
    and labels near 0.3, so the trees' expected value E is near -999.7
    and the bias E + 1000 near 0.3 (the first trees are stumps, the
    last ones split).  XGBoost sums it in float, losing
    bits of ulp(1000); xgbp sums it in double for --contrib and for the
    bias cell of --interactions alike, and rounds once: bias.csv holds
    the float nearest E + 1000 for these trees, E the root's mean value
    by the covers the model stores, exactly (fractions).  interactions.csv
    and contribs.csv are XGBoost's, for the tolerance: interactions.tol
    and contribs.tol are XGBoost's own error on these rows (its rows' sums
    against its margin, and for interactions also its matrix against its
    transpose)."""
    import fractions
    X = rows(rng, 30, 2)
    y = 0.3 + 0.1 * X[:, 0] + 0.05 * X[:, 0] * X[:, 1]
    names = ['a', 'b']
    bst = xgb.train({'objective': 'reg:squarederror', 'max_depth': 2,
                     'eta': 1.0, 'base_score': 1000},
                    xgb.DMatrix(X, y, feature_names=names), 6)
    d = os.path.join(OUT, 'interactions_bias')
    bst = write_case('interactions_bias', bst, X, names)
    dm = xgb.DMatrix(X, feature_names=names)
    margin = bst.predict(dm, output_margin=True).astype(np.float64)
    for fname, kw in (('contribs', {'pred_contribs': True}),
                      ('interactions', {'pred_interactions': True})):
        p = bst.predict(dm, **kw).reshape(len(X), -1)
        write_csv(os.path.join(d, fname + '.csv'),
                  ['c_%d' % k for k in range(p.shape[1])],
                  [[fmt(v) for v in row] for row in p])
        err = np.abs(p.astype(np.float64).sum(axis=1) - margin).max()
        if fname == 'interactions':
            m = p.reshape(len(X), 3, 3).astype(np.float64)
            err = max(err, np.abs(m - m.transpose(0, 2, 1)).max())
        with open(os.path.join(d, fname + '.tol'), 'w') as fp:
            fp.write('%.9g\n' % err)
    doc = json.loads(bst.save_raw('json'))
    F = fractions.Fraction

    def mean(t, n):
        left, right = t['left_children'][n], t['right_children'][n]
        if left == -1:
            return F(float(np.float32(t['split_conditions'][n])))
        hl = F(float(np.float32(t['sum_hessian'][left])))
        hr = F(float(np.float32(t['sum_hessian'][right])))
        return (hl * mean(t, left) + hr * mean(t, right)) / (hl + hr)
    trees = doc['learner']['gradient_booster']['model']['trees']
    bias = sum(mean(t, 0) for t in trees) + F(1000)
    with open(os.path.join(d, 'bias.csv'), 'w') as fp:
        fp.write('bias\n%s\n' % fmt(np.float32(float(bias))))


def diverged_explain(rng):
    """A random forest whose training diverged: labels of 3e38 and eta 2
    give three trees of 1.95e38 each, then three of -inf.  XGBoost sums
    in float: 1.95e38 * 2 overflows to inf, and inf - inf is NaN, for the
    margin (as xgbp's --margin does too) and for the bias of
    pred_contribs (contribs.csv), where xgbp, summing in double, gets
    -inf."""
    X = rows(rng, 20, 2)
    names = ['a', 'b']
    bst = xgb.train({'objective': 'reg:squarederror', 'max_depth': 1,
                     'eta': 2.0, 'num_parallel_tree': 3, 'base_score': 0.5},
                    xgb.DMatrix(X, np.full(len(X), 3e38),
                                feature_names=names), 3)
    d = os.path.join(OUT, 'diverged_explain')
    bst = write_case('diverged_explain', bst, X, names)
    p = bst.predict(xgb.DMatrix(X, feature_names=names), pred_contribs=True)
    write_csv(os.path.join(d, 'contribs.csv'),
              ['c_%d' % k for k in range(p.shape[1])],
              [[fmt(v) for v in row] for row in p])


def main():
    rng = np.random.default_rng(12)
    assert xgb.__version__ == '1.7.4', xgb.__version__
    logistic_base(rng)
    aft_exp(rng)
    zero_leaves(rng)
    diverged(rng)
    leaf_slices(rng)
    explain_slices(rng)
    interactions_bias(rng)
    diverged_explain(rng)


if __name__ == '__main__':
    main()
