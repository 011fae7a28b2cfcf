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
not correctly rounded ("1.614" gives 1.6140001); xgbp rounds correctly,
as for CSV.  So every value written here is checked to read the same
both ways: XGBoost's reading of the file (DMatrix.get_data()) must equal
float32(float(text)).
"""
import os
import sys

import numpy as np
import xgboost as xgb

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'libsvm')


def fmt(v):
    """A float32 as XGBoost's fixtures write it."""
    return '%.9g' % v


def write_csv(path, header, rows):
    with open(path, 'w') as fp:
        fp.write(','.join(header) + '\n')
        for r in rows:
            fp.write(','.join(r) + '\n')


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


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: make-libsvm.py AGARICUS_TRAIN AGARICUS_TEST')
    assert xgb.__version__ == '1.7.4', xgb.__version__
    rng = np.random.default_rng(14)
    agaricus(sys.argv[1], sys.argv[2], 0)
    agaricus(sys.argv[1], sys.argv[2], 1)
    sparse_qid(rng)


if __name__ == '__main__':
    main()
