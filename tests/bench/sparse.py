"""sparse.py DIR ROWS: the wide sparse case of `make bench` (issue 14).

Writes, in DIR, a model of 10,000 features trained by the XGBoost found
by /usr/bin/python3 (Debian's python3-xgboost, 1.7.4) on sparse rows, and
ROWS other rows of the same kind, about 1 % of features present, in two
forms holding the same values: sparse.svm (LibSVM, unordered indices) and
sparse.csv (dense CSV, empty fields for absent features, no header);
then XGBoost's predictions for sparse.svm read with
DMatrix('sparse.svm?format=libsvm'), in sparse.pred.  Values are eighths,
which XGBoost's own LibSVM parser reads exactly.  Deterministic: fixed
seeds, hist method.
"""
import os
import sys

import numpy as np
import scipy.sparse as sp
import xgboost as xgb

NF = 10000
DENSITY = 0.01


def rows(rng, n):
    """A CSR matrix of n rows: about NF * DENSITY eighths a row."""
    m = sp.random(n, NF, density=DENSITY, format='csr', random_state=rng,
                  data_rvs=lambda k: rng.integers(-80, 80, k) / 8)
    m.data[m.data == 0] = 0.125
    return m


def main():
    d, n = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(14)
    X = rows(rng, 20000)
    w = rng.normal(size=NF)
    y = (X @ w + rng.normal(size=X.shape[0]) > 0).astype(float)
    params = {'objective': 'binary:logistic', 'max_depth': 6, 'eta': 0.1,
              'tree_method': 'hist', 'seed': 0, 'nthread': 2}
    bst = xgb.train(params, xgb.DMatrix(X, label=y), num_boost_round=200)
    bst.save_model(os.path.join(d, 'sparse.json'))
    X = rows(rng, n)
    with open(os.path.join(d, 'sparse.svm'), 'w') as svm, \
            open(os.path.join(d, 'sparse.csv'), 'w') as csv:
        for r in range(n):
            lo, hi = X.indptr[r], X.indptr[r + 1]
            idx, val = X.indices[lo:hi], X.data[lo:hi]
            order = rng.permutation(len(idx))
            svm.write('0 ' + ' '.join('%d:%r' % (idx[k], float(val[k]))
                                      for k in order) + '\n')
            dense = [''] * NF
            for i, v in zip(idx, val):
                dense[i] = repr(float(v))
            csv.write(','.join(dense) + '\n')
    dm = xgb.DMatrix(os.path.join(d, 'sparse.svm') + '?format=libsvm')
    np.savetxt(os.path.join(d, 'sparse.pred'), bst.predict(dm), fmt='%.9g')


if __name__ == '__main__':
    main()
