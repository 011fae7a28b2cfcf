#!/usr/bin/python3
"""tests/data/make-jsonl.py: the JSON Lines fixture of tests/data/jsonl/,
made with Debian's python3-xgboost (1.7.4) (issue 14).  Run it by hand
from the top of the tree; `make check` only reads what it wrote:

    /usr/bin/python3 tests/data/make-jsonl.py

A binary:logistic model with feature names (one with a non-ASCII letter,
one with a quote, so keys need escapes) is trained on random rows; the
rows are then written as JSON objects the way event streams carry them:
keys in random order, missing values as null or as absent keys, the
boolean feature as true/false, numbers in several spellings, and keys
that are not features (an id, a string with escapes, a nested object).
XGBoost scores the same rows as a NumPy matrix (NaN for missing, 1.0 and
0.0 for true and false, as pandas would give them): margin.csv
(output_margin=True) and pred.csv, with a header, as tests/data/xgb-*/
has them, and ids.csv, the id of each line.
"""
import json
import os
import random

import numpy as np
import xgboost as xgb

from fixturecsv import fmt, write_csv

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'jsonl')
NAMES = ['age', 'income', 'flag', 'caf\u00e9', 'q"x']


def spell(rnd, v):
    """A JSON number for v: as repr() writes it, or an integer, or with
    an exponent, all reading back as the same double."""
    k = rnd.randrange(4)
    if k == 1 and v == int(v):
        return str(int(v))
    if k == 2:
        return '%.17e' % v
    if k == 3:
        return '%.17E' % v
    return repr(float(v))


def line(rnd, i, row):
    """Row i as a JSON object, keys shuffled, with extra keys."""
    members = [(json.dumps('id'), str(i)),
               (json.dumps('note'), json.dumps('r\u00e9f "%d"\n' % i)),
               (json.dumps('meta'), '{"a": [1, {"b": null}], "c": "}"}')]
    for name, v in zip(NAMES, row):
        key = json.dumps(name, ensure_ascii=rnd.random() < 0.5)
        if np.isnan(v):
            if rnd.random() < 0.5:
                members.append((key, 'null'))
            continue
        if name == 'flag':
            members.append((key, 'true' if v == 1 else 'false'))
        else:
            members.append((key, spell(rnd, v)))
    rnd.shuffle(members)
    sep = rnd.choice([', ', ',', ' ,\t'])
    colon = rnd.choice([': ', ':', ' : '])
    return '{' + sep.join(k + colon + v for k, v in members) + '}'


def main():
    rng = np.random.default_rng(14)
    rnd = random.Random(14)
    n = 400
    X = np.round(rng.normal(size=(n, len(NAMES))) * [10, 1000, 1, 1, 1], 4)
    X[:, 0] = np.round(X[:, 0] + 40)
    X[:, 2] = (X[:, 2] > 0).astype(float)
    X[rng.random(size=X.shape) < 0.15] = np.nan
    y = ((np.nan_to_num(X[:, 1]) > 0) ^ (np.nan_to_num(X[:, 2]) > 0) ^
         (np.nan_to_num(X[:, 3]) > 0.5)).astype(float)
    bst = xgb.train({'objective': 'binary:logistic', 'max_depth': 4,
                     'eta': 0.3}, xgb.DMatrix(X, y, feature_names=NAMES), 20)
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, 'model.json')
    bst.save_model(path)
    bst = xgb.Booster(model_file=path)
    dm = xgb.DMatrix(X, feature_names=NAMES)
    with open(os.path.join(OUT, 'data.jsonl'), 'w', encoding='utf-8') as fp:
        for i, row in enumerate(X):
            fp.write(line(rnd, i, row) + '\n')
    for fname, kw in [('margin.csv', {'output_margin': True}),
                      ('pred.csv', {})]:
        p = bst.predict(dm, **kw).reshape(n, -1)
        write_csv(os.path.join(OUT, fname),
                  ['pred_%d' % k for k in range(p.shape[1])],
                  [[fmt(v) for v in row] for row in p])
    write_csv(os.path.join(OUT, 'ids.csv'), ['id'],
              [[str(i)] for i in range(n)])


if __name__ == '__main__':
    main()
