#!/usr/bin/python3
"""tests/data/make-libsvm.py: the fixtures of tests/data/libsvm/, LibSVM
input scored by Debian's python3-xgboost (1.7.4), as XGBoost reads it
with DMatrix('FILE?format=libsvm').  It needs XGBoost's agaricus demo
files; from a checkout of dmlc/xgboost, by hand from the top of the tree:

    git -C XGBOOST show v1.7.4:demo/data/agaricus.txt.train >/tmp/a.train
    git -C XGBOOST show v1.7.4:demo/data/agaricus.txt.test >/tmp/a.test
    /usr/bin/python3 tests/data/make-libsvm.py /tmp/a.train /tmp/a.test

`make check` only reads what it wrote.  Each case is a directory holding
model.json, its input (agaricus.txt.test, in the demo's layout, or
data.txt), and XGBoost's outputs for that input as tests/data/xgb-*/ has
them: margin.csv (output_margin=True), pred.csv and contribs_approx.csv
(pred_contribs=True, approx_contribs=True).  A case whose file is read
1-based holds a file named base1.

XGBoost 1.7.4 parses LibSVM values with dmlc-core's own strtof, which is
not correctly rounded ("1.614" gives 1.6140001), and xgbp reads them as
it does.  The scored cases use values both readings agree on (checked:
DMatrix.get_data() equals float32(float(text))); the case "readings" holds
values of every form and, in values.csv, the floats XGBoost read for them.
"""
import os
import sys

import numpy as np
import xgboost as xgb

from fixturecsv import fmt, write_csv

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'libsvm')


def uri(path, base):
    return path + '?format=libsvm' + ('&indexing_mode=1' if base else '')


def check_values(path, base):
    """XGBoost read a row from every line of path but blank ones, and
    every value as float32(float(text)) (of an index given twice, the
    predictions tell)."""
    got = xgb.DMatrix(uri(path, base)).get_data()
    with open(path, 'rb') as fp:
        rows = [line for line in fp.read().splitlines()
                if line.strip() != b'']
    assert got.shape[0] == len(rows), (path, got.shape, len(rows))
    for r, line in enumerate(rows):
        pairs = [f.split(b':') for f in line.split()[1:]
                 if not f.startswith(b'qid:')]
        idx = [int(i) - base for i, _ in pairs]
        for i, v in pairs:
            i = int(i) - base
            if idx.count(i) == 1:
                assert got[r, i] == np.float32(float(v)), (path, r, i)


def write_case(name, bst, path, base):
    """Save bst, and XGBoost's margins and predictions for the LibSVM
    file path (already in the case's directory)."""
    d = os.path.join(OUT, name)
    model = os.path.join(d, 'model.json')
    bst.save_model(model)
    bst = xgb.Booster(model_file=model)
    check_values(path, base)
    dm = xgb.DMatrix(uri(path, base))
    for fname, kw in [('margin.csv', {'output_margin': True}),
                      ('pred.csv', {}),
                      ('contribs_approx.csv', {'pred_contribs': True,
                                               'approx_contribs': True})]:
        p = bst.predict(dm, **kw)
        p = p.reshape(p.shape[0], -1)
        write_csv(os.path.join(d, fname),
                  ['pred_%d' % k for k in range(p.shape[1])],
                  [[fmt(v) for v in row] for row in p])
    if base:
        open(os.path.join(d, 'base1'), 'w').close()


def agaricus(train, test, base):
    """The agaricus demo: a model trained on the whole training file,
    scored on its test file's first 300 rows, read 0-based as XGBoost
    reads it by default (127 features, 0 never used) or 1-based (126)."""
    name = 'agaricus' if base == 0 else 'agaricus_base1'
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, 'agaricus.txt.test')
    with open(test) as src, open(path, 'w') as dst:
        dst.writelines(src.readlines()[:300])
    dtrain = xgb.DMatrix(uri(train, base))
    bst = xgb.train({'objective': 'binary:logistic', 'max_depth': 3,
                     'eta': 1.0}, dtrain, 4)
    write_case(name, bst, path, base)


def short(rng):
    """A value as text that both parsers read alike: a few digits."""
    return str(float(rng.integers(-24, 24)) / 8)


def sparse_qid(rng):
    """A 3-class model of 20 features trained on rows with many missing
    values, scored on a file of what LibSVM allows: qid:N, indices out of
    order, an index twice (the later value counts), a stored 0, labels
    alone, tabs and runs of blanks, blank lines and CRLF."""
    d = os.path.join(OUT, 'sparse_qid')
    os.makedirs(d, exist_ok=True)
    nf = 20
    X = np.round(rng.normal(size=(600, nf)) * 4) / 4
    X[rng.random(X.shape) < 0.6] = np.nan
    y = np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 1]) > 0
    y = y.astype(int) + (np.nan_to_num(X[:, 2]) > 0.5)
    bst = xgb.train({'objective': 'multi:softprob', 'num_class': 3,
                     'max_depth': 3}, xgb.DMatrix(X, y), 5)
    lines = []
    for r in range(200):
        idx = [i for i in range(nf) if rng.random() < 0.4]
        rng.shuffle(idx)
        fields = ['%d' % rng.integers(0, 3)]
        if r % 3 == 0:
            fields.append('qid:%d' % (r // 10))
        for i in idx:
            if rng.random() < 0.1:		# a wrong value, then the right
                fields.append('%d:%s' % (i, short(rng)))
            fields.append('%d:%s' % (i, '0' if rng.random() < 0.1 else
                                     short(rng)))
        sep = [' ', '\t', '  ', ' \t'][r % 4]
        line = sep.join(fields)
        if r % 7 == 0:
            line += ' '
        lines.append(line + ('\r\n' if r % 5 == 0 else '\n'))
        if r % 50 == 49:
            lines.append('\n')
    path = os.path.join(d, 'data.txt')
    with open(path, 'w', newline='') as fp:
        fp.writelines(lines)
    write_case('sparse_qid', bst, path, 0)


def number(rng):
    """A LibSVM value as text, of one of the forms people write, within
    float's range once rounded."""
    sign = ['', '', '-', '+'][rng.integers(0, 4)]
    form = rng.integers(0, 6)
    digits = lambda k: ''.join(str(d) for d in rng.integers(0, 10, k))
    if form == 0:       # fixed: a few digits either side of the point
        t = digits(rng.integers(0, 7)) + '.' + digits(rng.integers(1, 10))
    elif form == 1:     # fixed, long fractions, past 19 digits
        t = digits(rng.integers(0, 3)) + '.' + digits(rng.integers(10, 30))
    elif form == 2:     # scientific, over the whole range of float
        t = (digits(1) + '.' + digits(rng.integers(0, 9)) +
             ['e', 'E'][rng.integers(0, 2)] + ['', '+', '-'][
                 rng.integers(0, 3)] + str(rng.integers(0, 38)))
    elif form == 3:     # integers, past 19 digits, where dmlc's wraps
        t = digits(rng.integers(1, 26))
    elif form == 4:     # short decimals, as data files hold them
        t = str(rng.integers(0, 10000)) + '.' + digits(rng.integers(1, 4))
    else:               # corners
        t = ['.5', '1.', '0', '0.0', '0e0', '1e38', '3.4e38',
             '1.17549435e-38', '1e-38', '1e-39', '1e-45', '9.99e-46',
             '0.1', '1.614', '100000000', '16777217', '1e8', '1e9',
             '123456789012345678901234'][rng.integers(0, 19)]
    t = sign + t
    return t if np.isfinite(np.float32(float(t))) else number(rng)


def readings(rng):
    """Values of every form XGBoost reads, one a line (3000), with the
    floats it reads for them in values.csv (DMatrix.get_data()): dmlc's
    strtof, not correctly rounded, which xgbp reads as XGBoost does."""
    d = os.path.join(OUT, 'readings')
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, 'data.txt')
    texts = [number(rng) for _ in range(3000)]
    with open(path, 'w') as fp:
        fp.writelines('0 0:%s\n' % t for t in texts)
    got = xgb.DMatrix(uri(path, 0)).get_data().toarray()
    assert got.shape == (len(texts), 1), got.shape
    write_csv(os.path.join(d, 'values.csv'), ['x'],
              [[fmt(v)] for v in got.astype(np.float32)[:, 0]])
    # A model whose margin is its one feature, to read them back by.
    with open(os.path.join(d, 'model.json'), 'w') as fp:
        fp.write('{"learner":{"attributes":{},"feature_names":[],'
                 '"feature_types":[],"gradient_booster":{"model":'
                 '{"weights":[1.0,0.0]},"name":"gblinear"},'
                 '"learner_model_param":{"base_score":"0",'
                 '"num_class":"0","num_feature":"1"},"objective":'
                 '{"name":"reg:squarederror","reg_loss_param":'
                 '{"scale_pos_weight":"1"}}},"version":[1,7,4]}')
    bst = xgb.Booster(model_file=os.path.join(d, 'model.json'))
    margin = bst.predict(xgb.DMatrix(uri(path, 0)), output_margin=True)
    assert (margin.view(np.uint32) ==
            got[:, 0].astype(np.float32).view(np.uint32)).all()
    nearest = sum(np.float32(v) == np.float32(float(t))
                  for v, t in zip(got[:, 0], texts))
    print('readings: %d of %d values are the nearest float' %
          (nearest, len(texts)))


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: make-libsvm.py AGARICUS_TRAIN AGARICUS_TEST')
    assert xgb.__version__ == '1.7.4', xgb.__version__
    rng = np.random.default_rng(14)
    agaricus(sys.argv[1], sys.argv[2], 0)
    agaricus(sys.argv[1], sys.argv[2], 1)
    sparse_qid(rng)
    readings(rng)


if __name__ == '__main__':
    main()
