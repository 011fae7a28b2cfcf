#!/usr/bin/python3
"""diffcheck.py: xgbp against XGBoost itself, on random models and rows
made to fall on the edges of each model's splits.

    diffcheck.py [--xgbp PATH] [--seeds A:B] [--out DIR] [--minutes N]
    diffcheck.py --replay DIR...

Each seed trains one small model with the XGBoost that /usr/bin/python3
imports (Debian's python3-xgboost, 1.7.4): the objective and booster
cycle with the seed (seeds 0 to 62 make every objective with every
booster once), everything else is drawn from the seed: tree method and
growth policy, depth 1 to 12, 1 to 2,000 features, categorical features
(one-hot and partition splits), random forests, DART settings, gblinear
updaters, base_score (default, ordinary and extreme), missing values and a
missing sentinel, multi-target labels, early stopping, and now and then a
training that diverges.  The model is saved in every format 1.7.4 writes
(JSON, UBJSON, legacy binary by any other extension), each gzip-compressed
now and then.

The rows are written as CSV or TSV text: for a sample of the model's
split nodes, a row that reaches the node with the split's feature at the
threshold, its float32 neighbours, the points halfway between (exactly,
and a hair either side, as long decimal strings where rounding to double
first and then to float matters), or at odd category codes; besides these,
rows drawn like the training data and rows of special values (denormals,
signed zeros, long digit strings, long exponents), with every spelling of
a missing value xgbp documents.  What a field means is what Python's
float() makes of it, cast to float32, as xgbp's manual says ("rounded to
the nearest double, then to the nearest float"); XGBoost is given those
float64 values.  With feature names, the columns come in a shuffled
order, matched by name.

Each model file is scored in every mode in one xgbp run per mode
(--margin, the default transform, --leaf, --contrib, --contrib-approx,
--interactions, --iteration-range with each of these, and
--best-iteration) and by Booster.predict (output_margin, pred_leaf,
pred_contribs, approx_contribs, pred_interactions, iteration_range) of
the file loaded back; the two must agree on every float32 bit pattern
(NaN equals NaN), or both must refuse.  The explanations are given a
sample of the rows, as many as TreeSHAP does in a few seconds, the rows
of all missing and all zero values among them; interactions only for
models of 30 features or fewer.  --contrib and --interactions need
agree only within XGBoost's own error (see reference()); the values
that do, not bit for bit, are counted as "near", and those within what
float rounding can do as "loose" (both named by seed).  With a range that
does not begin at 0, --leaf is compared with XGBoost's for the sliced
model bst[a:b], as xgbp documents (XGBoost 1.7.4 refuses it), and the
explanations must be refused, as XGBoost refuses them for gbtree (for
DART it ignores the beginning).  Infinite input
is fed once per model alone, to check that both refuse it.

It prints counts by objective, booster, format and mode, and writes a
reproducer for each disagreement into --out: the model file, a data file
of just the rows that disagree, the command, and both sides' values
(see write_repro()).  --replay DIR runs such a reproducer again.  Exit
status: 0 all agree (or differ only as KNOWN says), 1 some disagreement,
2 the check itself could not run.
"""

import argparse
import csv
import ctypes
import decimal
import gzip
import io
import json
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict

import numpy as np
import xgboost as xgb

decimal.getcontext().prec = 2000        # exact sums of long decimals
np.seterr(all="ignore")                 # overflow to inf is on purpose
F32 = np.float32
FLT_MAX = float(np.finfo(F32).max)
LIBC = ctypes.CDLL(None)
LIBC.strtof.restype = ctypes.c_float
LIBC.strtof.argtypes = [ctypes.c_char_p, ctypes.c_void_p]

# The strings xgbp reads as missing by default (man page, Values, and
# --na), besides an empty field and "nan" in any case.
NA_TOKENS = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "?", "NAN",
             "nAn", '""']

# KNOWN differences: each one explained, and documented where "doc" says
# (the man page).  A disagreement that one of these matches is counted and
# reported, but does not make the exit status 1.  "match" is a function of
# a Disagreement (seed, spec, fmt, mode, kind, status, err, ref: XGBoost's
# error or None) that says whether it is this one, for example
#   {"name": "...", "doc": "man/xgbp.1, --iteration-range",
#    "match": lambda d: d.mode.startswith("range") and d.status == 2},
# Start with none; add only what is explained.
KNOWN = [
    {"name": "empty range",
     "doc": "man/xgbp.1, --iteration-range",
     "why": "xgbp refuses an empty --iteration-range (BEGIN equal to END, "
            "or BEGIN the number of rounds), a usage error; XGBoost scores "
            "it as the base margin alone",
     "match": lambda d: (d.kind == "status" and d.status == 2 and
                         not isinstance(d.ref, str) and
                         "iteration_range" in d.kw and
                         d.kw["iteration_range"][0] in (
                             d.kw["iteration_range"][1],
                             rounds_of(d)))},
    {"name": "range past the end",
     "doc": "man/xgbp.1, --iteration-range",
     "why": "xgbp refuses an --iteration-range that ends past the last "
            "round in every mode; XGBoost 1.7.4 refuses it for predictions "
            "and margins, but for pred_leaf, pred_contribs and "
            "pred_interactions takes the trees there are",
     "match": lambda d: (d.kind == "status" and d.status == 2 and
                         not isinstance(d.ref, str) and
                         "iteration_range" in d.kw and
                         d.kw["iteration_range"][1] > rounds_of(d) >= 0 and
                         (d.kw.keys() & {"pred_leaf", "pred_contribs",
                                         "pred_interactions"}))},
    {"name": "explanation of a range from B > 0",
     "doc": "man/xgbp.1, --iteration-range and EXPLANATIONS",
     "why": "xgbp refuses to explain a range that does not begin at round "
            "0, a usage error; XGBoost 1.7.4 refuses it for gbtree and, "
            "for dart, explains rounds 0 to END - 1 instead",
     "match": lambda d: (d.kind == "status" and d.status == 2 and
                         "iteration_range" in d.kw and
                         d.kw["iteration_range"][0] > 0 and
                         (d.kw.keys() & {"pred_contribs",
                                         "pred_interactions"}))},
    {"name": "explanations summed in double",
     "doc": "man/xgbp.1, -m",
     "why": "a model whose values are not finite or overflow a float when "
            "summed (a training that diverged): XGBoost sums the trees' "
            "shares in float, to inf or NaN (inf - inf), xgbp's TreeSHAP "
            "in double, to a finite value or another infinity",
     "match": lambda d: (d.kind == "values" and d.odd and not d.kw.get(
                         "approx_contribs") and (d.kw.keys() & {
                             "pred_contribs", "pred_interactions"}))},
]


def rounds_of(d):
    """Return the rounds of d's model, as xgbp's message says, or -1."""
    m = re.search(r"the model has (\d+)", d.err)
    return int(m.group(1)) if m else -1

# Every objective of XGBoost 1.7.4 (strings in libxgboost.so), with the
# kind of label it trains on.  survival:aft once per distribution.
OBJECTIVES = [
    ("reg:squarederror", "reg"),
    ("reg:linear", "reg"),              # deprecated alias, kept in .bin
    ("reg:squaredlogerror", "sqlog"),
    ("reg:logistic", "prob"),
    ("reg:pseudohubererror", "reg"),
    ("reg:absoluteerror", "reg"),
    ("reg:gamma", "pos"),
    ("reg:tweedie", "nonneg"),
    ("count:poisson", "nonneg"),
    ("binary:logistic", "bin"),
    ("binary:logitraw", "bin"),
    ("binary:hinge", "bin"),
    ("multi:softmax", "multi"),
    ("multi:softprob", "multi"),
    ("rank:pairwise", "rank"),
    ("rank:ndcg", "rank"),
    ("rank:map", "rank"),
    ("survival:cox", "cox"),
    ("survival:aft/normal", "aft"),
    ("survival:aft/logistic", "aft"),
    ("survival:aft/extreme", "aft"),
]
BOOSTERS = ["gbtree", "dart", "gblinear"]
# Objectives that train on several label columns in 1.7.4 (one tree per
# target; multi_strategy came in 2.0).
MULTI_TARGET = {"reg:squarederror", "reg:linear", "reg:logistic",
                "reg:pseudohubererror", "reg:squaredlogerror",
                "binary:logistic"}
LOGISTIC = {"reg:logistic", "binary:logistic"}
LOG_LINK = {"reg:gamma", "reg:tweedie", "count:poisson", "survival:cox"}


# ---------------------------------------------------------------------
# The model: what to train, drawn from the seed.

def draw_spec(seed):
    """Return the dict that says which model seed trains."""
    r = random.Random(seed)
    obj, kind = OBJECTIVES[seed % len(OBJECTIVES)]
    booster = BOOSTERS[seed // len(OBJECTIVES) % len(BOOSTERS)]
    s = {"seed": seed, "objective": obj, "kind": kind, "booster": booster}
    u = r.random()
    s["n_features"] = (1 if u < 0.08 else r.randint(2, 20) if u < 0.7 else
                       r.randint(21, 200) if u < 0.94 else
                       r.randint(201, 2000))
    s["n_rows"] = r.randint(20, 600)
    s["rounds"] = r.randint(1, 30)
    s["missing_frac"] = r.choice([0, 0, 0.05, 0.2, 0.5])
    s["missing_value"] = -999.0 if r.random() < 0.08 else None
    s["names"] = r.random() < 0.65
    tree = booster != "gblinear"
    s["categorical"] = tree and r.random() < 0.3
    s["features"] = draw_features(r, s["n_features"], s["categorical"])
    s["num_class"] = r.randint(2, 6) if kind == "multi" else 0
    s["targets"] = (r.randint(2, 4) if obj in MULTI_TARGET and
                    r.random() < 0.15 else 1)
    s["early_stopping"] = r.randint(1, 3) if r.random() < 0.3 else 0
    s["diverge"] = (kind == "reg" and obj != "reg:absoluteerror" and
                    r.random() < 0.08)
    # Every label the base_score: no gradient, so every leaf is -0.0, and
    # so is the margin of reg:logistic, as -logf(1/0.5 - 1) is -0.0.  For
    # every other regression model, so that seeds 0 to 62 have some with
    # each booster; and the extreme base_scores below come in turn, so
    # that a short run has these rare models too.
    s["flat"] = kind in ("reg", "prob") and (seed + seed // 21) % 2 == 1
    p = {"objective": obj.split("/")[0], "booster": booster,
         "seed": seed, "nthread": 1, "verbosity": 0}
    if obj.startswith("survival:aft"):
        p["aft_loss_distribution"] = obj.split("/")[1]
        p["aft_loss_distribution_scale"] = r.choice([1.0, 0.5, 2.0])
    if s["num_class"]:
        p["num_class"] = s["num_class"]
    if obj == "reg:tweedie":
        p["tweedie_variance_power"] = r.choice([1.1, 1.5, 1.9])
    if obj == "reg:pseudohubererror":
        p["huber_slope"] = r.choice([1.0, 0.1, 10.0])
    if obj in LOGISTIC:
        # the default, and extremes, in turn: every 7 seeds the next one
        b = [None, 1e-7, 1 - 1e-7, 1e-30, 1e-6, r.random()][seed // 7 % 6]
        if b is not None and not s["flat"]:
            p["base_score"] = b
    elif s["flat"]:                 # -0.0 + -0.0 leaves a margin of -0.0
        p["base_score"] = r.choice([-0.0, 0.0, 0.5])
    elif r.random() < 0.45:
        p["base_score"] = draw_base_score(r, obj)
    p["eta"] = r.choice([0.3, 1.0, r.uniform(0.01, 1), r.uniform(0.01, 1),
                         0.0 if r.random() < 0.2 else 0.5])
    if s["diverge"]:
        p["eta"] = r.choice([10.0, 100.0])
    if tree:
        draw_tree_params(r, s, p)
    else:
        draw_linear_params(r, p)
    s["params"] = p
    return s


def draw_features(r, nf, categorical):
    """Return a recipe for each column: how its values are drawn."""
    out = []
    for _ in range(nf):
        u = r.random()
        if categorical and u < 0.35:
            f = {"kind": "cat", "n": r.choice([2, 3, 5, 8, 20, 40, 70])}
        elif u < 0.6:
            f = {"kind": "normal", "loc": r.choice([0, 0, r.uniform(-1e3,
                 1e3)]), "scale": 10 ** r.uniform(-3, 3)}
        elif u < 0.72:
            f = {"kind": "int", "lo": r.randint(-5, 0), "hi": r.randint(1,
                 100)}
        elif u < 0.82:
            f = {"kind": "few", "values": [r.choice([0.0, -0.0, 1.0, 0.1,
                 r.uniform(-10, 10), 1e-45, 2.5e-40]) for _ in range(3)]}
        elif u < 0.86:
            f = {"kind": "const", "value": r.choice([0.0, 1.0, 0.3])}
        else:
            f = {"kind": "normal", "loc": 0.0, "scale": 10.0 ** r.choice(
                 [-44, -40, -38, -30, -10, 10, 30, 37])}
        out.append(f)
    return out


def draw_base_score(r, obj):
    """Return an explicit base_score that obj accepts, extremes included."""
    if obj in LOG_LINK or obj.startswith("survival:aft"):
        return r.choice([1e-30, 1e-7, 1e30, 1.0, r.uniform(0.01, 100)])
    return r.choice([0.0, -0.0, 0.5, -1e30, 1e30, 1e-37, r.uniform(-100,
                     100), r.uniform(-1, 1)])


def draw_tree_params(r, s, p):
    """Fill p with the parameters of a tree booster (gbtree or dart)."""
    p["tree_method"] = r.choice(["hist", "approx"] if s["categorical"]
                                else ["exact", "approx", "hist"])
    p["max_depth"] = r.randint(1, 12)
    if p["tree_method"] != "exact" and r.random() < 0.25:
        p["grow_policy"] = "lossguide"
        p["max_leaves"] = r.choice([0, 2, 3, 8, 64])
        if p["max_leaves"]:
            p["max_depth"] = r.choice([0, p["max_depth"]])
    if p["tree_method"] != "exact":
        p["max_bin"] = r.choice([256, 2, 3, 16, 64])
    p["min_child_weight"] = r.choice([1, 0, r.uniform(0, 5)])
    p["lambda"] = r.choice([1, 0, r.uniform(0, 10)])
    p["alpha"] = r.choice([0, 0, r.uniform(0, 2)])
    p["gamma"] = r.choice([0, 0, 0, r.uniform(0, 2)])
    if r.random() < 0.2:
        p["num_parallel_tree"] = r.randint(2, 5)
        p["subsample"] = r.choice([1.0, 0.8, 0.5])
        p["colsample_bynode"] = r.choice([1.0, 0.8, 0.5])
    if r.random() < 0.2:
        p["colsample_bytree"] = r.choice([0.5, 0.9])
    if s["categorical"]:
        p["max_cat_to_onehot"] = r.choice([1, 4, 64])
        p["max_cat_threshold"] = r.choice([64, 2, 8])
    if p["booster"] == "dart":
        p["sample_type"] = r.choice(["uniform", "weighted"])
        p["normalize_type"] = r.choice(["tree", "forest"])
        p["rate_drop"] = r.choice([0.0, 0.1, 0.5, r.random()])
        p["one_drop"] = r.choice([0, 1])
        p["skip_drop"] = r.choice([0.0, 0.0, 0.5])


def draw_linear_params(r, p):
    """Fill p with the parameters of gblinear."""
    p["updater"] = r.choice(["shotgun", "coord_descent"])
    if p["updater"] == "shotgun":
        p["feature_selector"] = r.choice(["cyclic", "shuffle"])
    else:
        p["feature_selector"] = r.choice(["cyclic", "shuffle", "random",
                                          "greedy", "thrifty"])
        if p["feature_selector"] in ("greedy", "thrifty"):
            p["top_k"] = r.choice([0, 1, 3])
    p["lambda"] = r.choice([0, 0.1, 1])
    p["alpha"] = r.choice([0, 0.1])


# ---------------------------------------------------------------------
# Training data and labels.

def gen_x(rng, spec, n):
    """Return n rows (float64, NaN for missing) drawn by spec's recipes."""
    cols = []
    for f in spec["features"]:
        k = f["kind"]
        if k == "cat":
            c = rng.integers(0, f["n"], n).astype(np.float64)
        elif k == "normal":
            c = f["loc"] + f["scale"] * rng.standard_normal(n)
        elif k == "int":
            c = rng.integers(f["lo"], f["hi"] + 1, n).astype(np.float64)
        elif k == "few":
            c = np.array(f["values"])[rng.integers(0, 3, n)]
        else:
            c = np.full(n, f["value"])
        frac = spec["missing_frac"] * rng.uniform(0, 2)
        c[rng.random(n) < frac] = np.nan
        cols.append(c)
    return np.stack(cols, axis=1)


def signal(rng, x):
    """Return a label-making score per row from a few of x's columns."""
    n, nf = x.shape
    z = 0.3 * rng.standard_normal(n)
    for j in rng.choice(nf, min(nf, 5), replace=False):
        c = np.nan_to_num(x[:, j])
        o = np.argsort(np.argsort(c, kind="stable"), kind="stable")
        z += rng.standard_normal() * (o / max(n - 1, 1) - 0.5) * 3
    return z


def make_dmatrix(rng, spec, x, names, types):
    """Return a labelled DMatrix for x as spec's objective needs."""
    kind, n = spec["kind"], len(x)
    missing = spec["missing_value"]
    if missing is not None:
        x = np.where(np.isnan(x) & (rng.random(x.shape) < 0.5), missing, x)
    d = xgb.DMatrix(x, missing=np.nan if missing is None else missing,
                    feature_names=names, feature_types=types,
                    enable_categorical=spec["categorical"])
    z = signal(rng, x)
    if spec["diverge"]:
        y = np.where(z > 0, 3e38, -3e38) * rng.uniform(0.5, 1, n)
    elif spec["flat"]:
        y = np.full(n, spec["params"].get("base_score", 0.5))
    elif kind == "reg":
        y = z * 10 ** rng.uniform(-2, 3) + rng.uniform(-5, 5)
    elif kind == "sqlog":
        y = np.abs(z) * 10 ** rng.uniform(-1, 2)
    elif kind == "prob":
        y = 1 / (1 + np.exp(-z))
    elif kind == "bin":
        y = (z > np.median(z)).astype(float)
    elif kind == "pos":
        y = np.exp(z)
    elif kind == "nonneg":
        y = rng.poisson(np.exp(np.clip(z, -5, 5))).astype(float)
    elif kind == "multi":
        k = spec["num_class"]
        y = np.floor((z - z.min()) / (np.ptp(z) + 1e-9) * k).clip(0, k - 1)
    elif kind == "rank":
        y = np.floor((z - z.min()) / (np.ptp(z) + 1e-9) * 5).clip(0, 4)
    elif kind == "cox":
        y = np.exp(z) * np.where(rng.random(n) < 0.3, -1, 1)
    else:
        y = None
    if kind == "aft":
        lo = np.exp(z)
        u = rng.random(n)
        hi = np.where(u < 0.3, np.inf, np.where(u < 0.5, lo * 2, lo))
        d.set_float_info("label_lower_bound", lo)
        d.set_float_info("label_upper_bound", hi)
    elif spec["targets"] > 1:
        k = 1 if kind in ("bin", "prob") or spec["flat"] or \
            spec["diverge"] else 2     # 3e38 * 2 is no label
        cols = [y] + [np.roll(y, t) * k ** t for t in range(1,
                                                           spec["targets"])]
        d.set_label(np.stack(cols, axis=1))
    else:
        d.set_label(y)
    if kind == "rank":
        sizes, left = [], n
        while left > 0:
            sizes.append(min(left, int(rng.integers(1, 21))))
            left -= sizes[-1]
        d.set_group(sizes)
    return d


def feature_names(r, nf):
    """Return nf distinct names of the sorts people use."""
    style = r.choice(["x{}", "feat {}", "f_{}", "col.{}", "Ä{}", "v{}"])
    names = [style.format(i) for i in range(nf)]
    for i in r.sample(range(nf), min(nf, 2)):
        if r.random() < 0.3:
            names[i] = r.choice(['q"uote{}', "sp ace{}", " lead{}",
                                 "tab\t{}", "ünï{}"]).format(i)
    return names


def train(spec):
    """Return (booster, feature names or None) trained as spec says."""
    rng = np.random.default_rng(spec["seed"])
    r = random.Random(spec["seed"] * 7 + 1)
    nf = spec["n_features"]
    names = feature_names(r, nf) if spec["names"] else None
    types = None
    if spec["categorical"]:
        types = ["c" if f["kind"] == "cat" else "q" for f in
                 spec["features"]]
    x = gen_x(rng, spec, spec["n_rows"])
    dtrain = make_dmatrix(rng, spec, x, names, types)
    evals, es = [], None
    if spec["early_stopping"]:
        xv = gen_x(rng, spec, max(10, spec["n_rows"] // 3))
        evals = [(make_dmatrix(rng, spec, xv, names, types), "valid")]
        es = spec["early_stopping"]
    bst = xgb.train(spec["params"], dtrain, spec["rounds"], evals=evals,
                    early_stopping_rounds=es, verbose_eval=False)
    return bst, names


# ---------------------------------------------------------------------
# Text for a value: the many ways of writing a number, and the rows.

def exact(v):
    """Return the exact decimal expansion of the double v."""
    return format(decimal.Decimal(v), "f")


def sci(v, r):
    """Return v (finite, nonzero) in scientific notation, its exponent
    with many leading zeros now and then."""
    d = decimal.Decimal(repr(v))
    sign, digits, e = d.as_tuple()
    m = "".join(map(str, digits))
    if r.random() < 0.5:
        m, e = m[0] + ("." + m[1:] if len(m) > 1 else ""), e + len(m) - 1
    zeros = "0" * r.choice([0, 0, 1, 5, 30])
    es = ("-" if e < 0 else r.choice(["", "+"])) + zeros + str(abs(e))
    return ("-" if sign else "") + m + r.choice(["e", "E"]) + es


def spell(v, r):
    """Return one of the texts that Python's float() reads as v."""
    if v != v:
        return r.choice(NA_TOKENS)
    u = r.random()
    if v == 0:
        if np.signbit(v):
            return r.choice(["-0", "-0.0", "-0E-5", "-1e-400", "-000.000"])
        return r.choice(["0", "0.0", "+0", "0e0", "000", "1e-400",
                         "0.00000000000000000000000000000000000000e+99"])
    if u < 0.55:
        return repr(v)
    if u < 0.7:
        return sci(v, r)
    if u < 0.8:
        t = exact(v)
        return t if len(t) < 400 else repr(v)
    if u < 0.87:
        return repr(v).replace("e", "E")
    if u < 0.92:
        t = repr(v)
        return t if t.startswith("-") else "+" + t
    if u < 0.96:
        t = repr(v)
        neg = t.startswith("-")
        t = t.lstrip("-")
        if "e" not in t and "." in t:
            t = "000" + t + "000"
        return ("-" if neg else "") + t
    return " " + repr(v) + r.choice(["", " "])


def halfway(a, b):
    """Return texts for the point halfway between float32 a and b (a double,
    exactly): the point itself, and a hair either side of it, below the
    double's precision (the double is the midpoint; float rounds it to
    even) and above it (the double is past the midpoint)."""
    m = (a + b) / 2             # exact: a and b have 24-bit significands
    d = decimal.Decimal(m)
    e = d.adjusted()
    out = [exact(m)]
    for k in (30, 12):
        h = decimal.Decimal(10) ** (e - k)
        out.append(format(d + h, "f") if abs(e) < 60 else
                   "{:e}".format(d + h).replace("e", "E"))
        out.append(format(d - h, "f") if abs(e) < 60 else
                   "{:e}".format(d - h).replace("e", "E"))
    return [t for t in out if len(t) < 900]


def next32(v, toward):
    """Return the float32 after v toward toward, as a Python float."""
    return float(np.nextafter(F32(v), F32(toward)))


def near_threshold(t, r):
    """Return texts at and around the float32 threshold t."""
    up, dn = next32(t, np.inf), next32(t, -np.inf)
    out = [spell(t, r), spell(t, r), exact(t) if abs(t) < 1e30 else
           repr(t), spell(up, r), spell(dn, r)]
    if abs(up) <= FLT_MAX:
        out += halfway(t, up)
    if abs(dn) <= FLT_MAX:
        out += halfway(dn, t)
    return out


def odd_codes(cats, ncat, r):
    """Return texts for a categorical split whose right side is cats."""
    c = r.choice(cats) if cats else 0
    nc = [k for k in range(ncat + 2) if k not in cats]
    o = r.choice(nc) if nc else ncat + 5
    return [str(c), "%d.0" % c, "%de0" % c, "%d.5" % c, "%d.999999" % c,
            str(o), "%d.25" % o, "-0", "-0.0", "-0.5", "-1", "-1e-45",
            "1e-45", "0.9999999", "16777215", "16777216", "16777217",
            "1e9", "3e38", "31", "32", "33", "64", str(ncat), str(ncat + 1),
            r.choice(NA_TOKENS)]


SPECIALS = ["1e-45", "1.4e-45", "1.401298464324817e-45", "7e-46", "7.1e-46",
            "-7.1e-46", "1e-40", "-1e-42", "1.17549435e-38", "1.1754942e-38",
            "1.1754943508222875e-38", "2e-310", "4.9e-324", "-4.9e-324",
            "1e-400", "-1e-400", "3.4028235e38", "-3.4028235e38",
            "3.40282356e38", "3.4028235677973362e38", "0", "-0", "+0",
            "-0.0", "0e0", "-0e-5", "0.5", "-0.5", "1", "-1",
            "123456789012345678901234567890", "0." + "0" * 50 + "1234",
            "1" + "0" * 30 + ".5", "9" * 60 + "e-60", "1e+0000000000000000001",
            "1.5e-000000000000000000000000045", "2.5E00000000000000000012",
            "0.1", "0.30000000000000004", "16777216", "16777217",
            "16777216.999999999999", "1.0000000596046447753906251",
            "1.00000005960464477539062499", "1.0000000596046448"]


def is_inf32(text):
    """Whether text, as float() reads it, is infinite as a float32."""
    try:
        v = float(text)
    except ValueError:
        return False
    return v == v and abs(v) > FLT_MAX and not abs(F32(v)) <= FLT_MAX


# ---------------------------------------------------------------------
# The model's splits, and rows that reach each one.

def model_trees(doc):
    """Return the trees of a parsed JSON model, [] for gblinear."""
    gb = doc["learner"]["gradient_booster"]
    if gb["name"] == "gblinear":
        return []
    m = gb["model"] if "model" in gb else gb["gbtree"]["model"]
    return m["trees"]


def tree_cats(tree):
    """Return {node: set of categories that go right} of a tree."""
    out = {}
    for k, node in enumerate(tree.get("categories_nodes", [])):
        a = tree["categories_segments"][k]
        out[node] = set(tree["categories"][a:a + tree["categories_sizes"][k]])
    return out


def paths(tree):
    """Yield (node, [(ancestor, went_left)]) for every split node."""
    left, right = tree["left_children"], tree["right_children"]
    stack = [(0, [])]
    while stack:
        n, path = stack.pop()
        if left[n] == -1:
            continue
        yield n, path
        stack.append((left[n], path + [(n, True)]))
        stack.append((right[n], path + [(n, False)]))


def pick_in(lo, hi, r):
    """Return a float32 x with lo <= x < hi, or None if there is none."""
    c = []
    if lo > -np.inf:
        c.append(lo)
    if hi < np.inf:
        c.append(next32(hi, -np.inf))
    if lo > -np.inf and hi < np.inf:
        c.append(float(F32(lo + (hi - lo) * r.random())))
    elif lo > -np.inf:
        c.append(float(F32(lo + abs(lo) * r.random() + r.random())))
    elif hi < np.inf:
        c.append(float(F32(hi - abs(hi) * r.random() - r.random())))
    else:
        c.append(r.uniform(-10, 10))
    c = [x for x in c if lo <= x < hi and abs(x) <= FLT_MAX]
    return r.choice(c) if c else None


def reach(tree, cats, path, base, ncats, r):
    """Set base's values (texts) so that the row takes path; return False
    if no row can."""
    sidx, cond = tree["split_indices"], tree["split_conditions"]
    dflt, types = tree["default_left"], tree.get("split_type")
    need = defaultdict(list)
    for n, went_left in path:
        need[sidx[n]].append((n, went_left))
    for f, steps in need.items():
        can_miss = all(bool(dflt[n]) == wl for n, wl in steps)
        if can_miss and r.random() < 0.25:
            base[f] = r.choice(NA_TOKENS)
            continue
        if types and any(types[n] == 1 for n, _ in steps):
            ok = set(range(ncats.get(f, 64) + 2))
            for n, wl in steps:
                s = cats.get(n, set())
                ok = ok - s if wl else ok & s
            if not ok:
                return False
            base[f] = spell(float(r.choice(sorted(ok))), r)
            continue
        lo, hi = -np.inf, np.inf
        for n, wl in steps:
            if wl:
                hi = min(hi, cond[n])
            else:
                lo = max(lo, cond[n])
        x = pick_in(lo, hi, r)
        if x is None:
            return False
        base[f] = spell(x, r)
    return True


def edge_rows(doc, spec, random_row, budget, r):
    """Return up to budget rows (lists of texts) at the model's splits,
    and the number of split nodes they reach."""
    trees = model_trees(doc)
    ncats = {j: f["n"] for j, f in enumerate(spec["features"])
             if f["kind"] == "cat"}
    nodes = [(t, n, p) for t, tree in enumerate(trees)
             for n, p in paths(tree)]
    r.shuffle(nodes)
    rows, reached = [], 0
    for t, n, path in nodes:
        if len(rows) >= budget:
            break
        tree = trees[t]
        cats = tree_cats(tree)
        f = tree["split_indices"][n]
        types = tree.get("split_type")
        if types and types[n] == 1:
            texts = odd_codes(sorted(cats.get(n, ())), ncats.get(f, 8), r)
        else:
            cond = tree["split_conditions"][n]
            if not abs(cond) <= FLT_MAX:
                continue
            texts = near_threshold(cond, r) + [r.choice(NA_TOKENS)]
        for k, text in enumerate(texts):
            row = random_row()
            if not reach(tree, cats, path, row, ncats, r):
                break
            row[f] = text
            rows.append(row)
            reached += k == 0
    return rows[:budget], reached


def make_rows(doc, spec, r, rng):
    """Return the rows to score, as lists of texts in the model's order."""
    nf = spec["n_features"]
    budget = max(40, min(2000, 120000 // nf))
    pool = gen_x(rng, spec, budget)
    miss = spec["missing_value"]
    k = [0]

    def random_row():
        x = pool[k[0] % len(pool)]
        k[0] += 1
        row = [spell(float(v), r) for v in x]
        if miss is not None:
            for j in range(nf):
                if r.random() < 0.05:
                    row[j] = r.choice(["-999", "-999.0", "-9.99e2"])
        return row

    rows = [random_row() for _ in range(budget // 6)]
    # every feature missing, or zero: the base margin and the bias alone
    special = [[r.choice(NA_TOKENS) for _ in range(nf)],
               [r.choice(["0", "-0"]) for _ in range(nf)]]
    rows += special
    for _ in range(budget // 12):
        row = random_row()
        for j in r.sample(range(nf), min(nf, r.randint(1, 4))):
            row[j] = r.choice(SPECIALS)
            if spec["features"][j]["kind"] == "cat" and r.random() < 0.5:
                row[j] = r.choice(odd_codes([], spec["features"][j]["n"],
                                            r))
        rows.append(row)
    edge, nodes = edge_rows(doc, spec, random_row, budget - len(rows), r)
    rows += edge
    while len(rows) < budget:
        rows.append(random_row())
    r.shuffle(rows)
    stats = {"split_nodes": nodes, "edge_rows": len(edge)}
    first = [i for i, row in enumerate(rows) if any(row is s for s in
                                                     special)]
    for row in rows:                    # infinite input is checked alone
        for j, text in enumerate(row):
            if is_inf32(text):
                row[j] = "0"
    return rows, stats, first


def explain_rows(doc, spec, nrows, first, r):
    """Return the indices of the rows to explain (first among them): as
    many as TreeSHAP, interactions and their output allow in a few
    seconds, the cost of a row being leaves times depth squared for
    each tree, times 2F + 1 runs of it for interactions."""
    nf = spec["n_features"]
    cost = nf
    for t in model_trees(doc):
        leaves = sum(c == -1 for c in t["left_children"])
        cost += leaves * (tree_depth(t) + 1) ** 2
    groups = max(1, spec["num_class"], spec["targets"])
    width = (nf + 1) * groups
    if nf <= MAX_INTERACTION_FEATURES:
        cost *= 2 * nf + 2
        width *= nf + 1
    k = max(20, min(int(3e7 // cost), 300000 // width))
    if k >= nrows:
        return list(range(nrows))
    rest = [i for i in range(nrows) if i not in first]
    return sorted(first + r.sample(rest, k - len(first)))


def tree_depth(tree):
    """Return the depth of a tree: 0 for a lone leaf."""
    left, right = tree["left_children"], tree["right_children"]
    depth, stack = 0, [(0, 0)]
    while stack:
        n, d = stack.pop()
        depth = max(depth, d)
        if left[n] != -1:
            stack += [(left[n], d + 1), (right[n], d + 1)]
    return depth


# ---------------------------------------------------------------------
# Files: the data as text, and reading it back as XGBoost is given it.

def write_table(path, header, rows, delim, eol, gz):
    """Write header (or None) and rows as CSV or TSV."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator=eol)
    if header is not None:
        w.writerow(header)
    for row in rows:         # numbers, and NA_TOKENS: nothing to quote
        buf.write(delim.join(row) + eol)
    data = buf.getvalue().encode()
    with open(path, "wb") as f:
        f.write(gzip.compress(data) if gz else data)


def read_table(path, delim, header, names, nf, missing):
    """Return (float64 matrix in the model's feature order, data lines).
    header: whether the first line is one; names: the model's feature
    names, or None to take the columns in order.  Each field is what
    Python's float() makes of it, NaN for a missing value."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    lines = data.decode().splitlines(keepends=True)
    # an empty line is a record of one empty field (one column)
    recs = [r or [""] for r in csv.reader(io.StringIO(data.decode()),
                                         delimiter=delim)]
    cols = list(range(nf))
    if header:
        head, recs = recs[0], recs[1:]
        lines = lines[1:]
        if names is not None:
            cols = [head.index(n) for n in names]
    na = {t: np.nan for t in NA_TOKENS}
    x = np.array([[na[t] if t in na else np.nan if t.lower() == "nan"
                   else float(t) for t in (rec[c] for c in cols)]
                  for rec in recs], dtype=np.float64).reshape(-1, nf)
    if missing is not None:
        x[x.astype(F32) == F32(missing)] = np.nan
    return x, lines


# ---------------------------------------------------------------------
# One comparison: XGBoost's values and xgbp's for one model file and mode.

def xgb_predict(bst, x, names_ok, missing, kw, groups=0):
    """Return the values (float32, one row per row) that bst, a Booster or
    a model file, predicts for the rows x, or the error XGBoost raises, as
    a string.  Each call has a DMatrix of its own; with groups, one whose
    base margin is 0 for each of that many outputs, in place of the
    model's base_score."""
    try:
        if isinstance(bst, str):
            bst = xgb.Booster(model_file=bst)
        bst.set_param({"nthread": 1})
        dm = xgb.DMatrix(x, missing=np.nan if missing is None else missing,
                         nthread=1,
                         feature_names=bst.feature_names if names_ok else
                         None, feature_types=bst.feature_types,
                         enable_categorical=True)
        if groups:
            dm.set_base_margin(np.zeros(len(x) * groups))
        out = bst.predict(dm, **kw)
    except xgb.core.XGBoostError as e:
        return str(e).splitlines()[0]
    return np.asarray(out, dtype=F32).reshape(len(x), -1)


def reference(bst, x, names_ok, missing, mode):
    """Return (XGBoost's values or error, how, tolerance) for mode: how is
    None, or for a sliced mode what XGBoost's own iteration_range gave
    ("refused", "same", "differs"); tolerance is None for a comparison bit
    for bit, else (A, R).  A is XGBoost's own error, the largest of three
    measures of it on these rows:
    - additivity: the most any row's explanation sums (in double) away
      from XGBoost's margin over the same trees, with the model's
      base_score and again with a base margin of 0 (a large base_score,
      1e30 say, swallows the sums and with them any error);
    - rounding: the most XGBoost's margin over the trees (from a base
      margin of 0) is from the sum of the leaves it reached, in double.
      XGBoost sums each feature's share of every tree in float as it sums
      the margin; where the trees' values cancel, both lose the same low
      bits, and the additivity error does not show it;
    - symmetry, for interaction values: the most that XGBoost's value for
      features i, j differs from its value for j, i (equal in exact
      arithmetic; XGBoost computes each in float, and derives the diagonal
      from them).
    xgbp's value x may differ from XGBoost's y by A + 4 ulp(y) ("near").
    R bounds what float arithmetic can do to such a value: 2^-23 times the
    depth plus 3 times the sum over trees of the largest leaf (see
    rounding()); a value within A + R + 4 ulp(y) but not A + 4 ulp(y) is
    counted as "loose", not as a disagreement, as this is XGBoost's
    rounding where the trees' values cancel more than the margins show.  A
    mistake in the walk, the covers or the weights is of the size of the
    values themselves."""
    kw, how = mode.kw, None
    if mode.slice is not None:
        direct = xgb_predict(bst, x, names_ok, missing, kw)
        try:
            bst = bst[mode.slice[0]:mode.slice[1]]
        except (xgb.core.XGBoostError, ValueError, IndexError):
            return direct, None, None
        kw = {k: v for k, v in kw.items() if k != "iteration_range"}
    ref = xgb_predict(bst, x, names_ok, missing, kw)
    if mode.slice is not None and not isinstance(ref, str):
        how = "refused" if isinstance(direct, str) else "same" if (
            direct.shape == ref.shape and same_bits(direct, ref).all()) \
            else "differs"
    if not mode.tol or isinstance(ref, str):
        return ref, how, None
    mk = {k: v for k, v in kw.items() if k == "iteration_range"}
    mk["output_margin"] = True
    margin = xgb_predict(bst, x, names_ok, missing, mk)
    if isinstance(margin, str):
        return ref, how, None
    g = margin.shape[1]
    tol, bound = additivity(ref, margin), 0.0
    ref0 = xgb_predict(bst, x, names_ok, missing, kw, g)
    margin0 = xgb_predict(bst, x, names_ok, missing, mk, g)
    if not isinstance(ref0, str) and not isinstance(margin0, str):
        err, bound = rounding(bst, x, names_ok, missing, kw, margin0)
        tol = max(tol, additivity(ref0, margin0), err)
    if "pred_interactions" in kw:
        phi = ref.astype(np.float64).reshape(len(x), g, x.shape[1] + 1, -1)
        asym = np.abs(phi - phi.swapaxes(2, 3))
        asym = asym[np.isfinite(asym)]
        tol = max(tol, float(asym.max()) if asym.size else 0.0)
    return ref, how, (tol, bound)


def additivity(phi, margin):
    """Return the most that a row's explanation phi, summed in double for
    an output, differs from its margin for it (0 if none is finite)."""
    g = margin.shape[1]
    sums = phi.astype(np.float64).reshape(len(phi), g, -1).sum(axis=2)
    err = np.abs(sums - margin.astype(np.float64))
    err = err[np.isfinite(err)]
    return float(err.max()) if err.size else 0.0


def rounding(bst, x, names_ok, missing, kw, margin0):
    """Return (err, bound): err the most that XGBoost's margin margin0
    (from a base margin of 0) differs from the exact sum, in double, of
    what the trees in kw's iteration_range (times their DART weights) give
    the rows x, or for gblinear, of the weights times the features; bound
    2^-23 times (the depth + 3) times, for the output where it is largest,
    the sum over trees of the largest leaf's magnitude (for gblinear, of
    the terms' magnitudes)."""
    doc = json.loads(bst.save_raw("json"))
    gb = doc["learner"]["gradient_booster"]
    n, g = margin0.shape
    exact = np.zeros((n, g))
    if gb["name"] == "gblinear":
        w = np.array(gb["model"]["weights"], dtype=F32).astype(
            np.float64).reshape(-1, g)
        xs = np.nan_to_num(x.astype(F32).astype(np.float64), nan=0.0)
        exact = xs @ w[:-1] + w[-1]
        scale, depth = np.abs(xs) @ np.abs(w[:-1]) + np.abs(w[-1]), 0
    else:
        rng = {k: v for k, v in kw.items() if k == "iteration_range"}
        leaves = xgb_predict(bst, x, names_ok, missing, dict(rng,
                                                             pred_leaf=True))
        if isinstance(leaves, str):
            return 0.0, 0.0
        m = gb["model"] if "model" in gb else gb["gbtree"]["model"]
        drop = gb.get("weight_drop", [1.0] * len(m["trees"]))
        scale, depth = np.zeros(g), 0
        for t in range(leaves.shape[1]):
            tree = m["trees"][t]
            v = np.array(tree["split_conditions"], dtype=F32).astype(
                np.float64) * float(F32(drop[t]))
            k = m["tree_info"][t]
            exact[:, k] += v[leaves[:, t].astype(int)]
            isleaf = np.array(tree["left_children"]) == -1
            scale[k] += np.abs(v[isleaf]).max()
            depth = max(depth, tree_depth(tree))
    err = np.abs(exact - margin0.astype(np.float64))
    err = err[np.isfinite(err)]
    scale = np.asarray(scale)[np.isfinite(scale)]
    return (float(err.max()) if err.size else 0.0,
            2.0 ** -23 * (depth + 3) * float(scale.max() if scale.size
                                              else 0.0))


def same_bits(a, b):
    """Return where float32 arrays a and b hold the same bits, or both
    NaN."""
    return (a.view(np.uint32) == b.view(np.uint32)) | (np.isnan(a) &
                                                        np.isnan(b))


def run_xgbp(xgbp, args, cwd):
    """Run xgbp; return (status, stdout text, stderr text)."""
    p = subprocess.run([xgbp] + args, cwd=cwd, capture_output=True)
    return (p.returncode, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


def parse_f32(texts):
    """Return the float32 values of xgbp's texts, as strtof() reads them.
    float() then a cast to float32 is the same except for a text whose
    double lies exactly halfway between two floats; those go to strtof()."""
    d = np.array([float(t) for t in texts], dtype=np.float64)
    f = d.astype(F32)
    back = f.astype(np.float64)
    other = np.nextafter(f, np.where(d > back, F32(np.inf),
                                     F32(-np.inf))).astype(np.float64)
    tie = (d != back) & np.isfinite(d) & ((d == (back + other) / 2) |
                                          (np.abs(d) > FLT_MAX))
    for i in np.flatnonzero(tie):
        f[i] = LIBC.strtof(texts[i].encode(), None)
    return f


def compare(ref, status, out, nrows, delim, leaf, tol=None):
    """Compare XGBoost's result with xgbp's.  Return (kind, rows, got,
    near, loose): kind None when they agree, else "status", "shape" or
    "values"; rows the indices that differ; got xgbp's values by row
    (None if unreadable); near and loose the values that agree only within
    tol's A, or A and R (see reference()), as (how many, the most
    |x - y| - A in ulp(y)) and (how many, the most (|x - y| - A) / R)."""
    none = (0, 0.0)
    if isinstance(ref, str) or status != 0:
        if isinstance(ref, str) and status != 0:
            return None, [], None, none, none
        return "status", [], None, none, none
    lines = out.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    width = ref.shape[1]
    cells = [ln.split(delim) for ln in lines]
    if len(cells) != nrows or any(len(c) != width for c in cells):
        return "shape", [], None, none, none
    flat = [t for c in cells for t in c]
    try:
        got = (np.array([int(t) for t in flat], dtype=F32) if leaf else
               parse_f32(flat)).reshape(nrows, width)
    except ValueError:
        return "shape", [], None, none, none
    fail, near, loose = failing(ref, got, tol)
    bad = np.flatnonzero(fail.any(axis=1))
    return ("values" if len(bad) else None), list(bad), got, near, loose


def failing(ref, got, tol):
    """Return (where got differs from ref, near, loose) as compare()."""
    none = (0, 0.0)
    same = same_bits(ref, got)
    near = loose = none
    if tol is not None:
        a, bound = tol
        beyond = np.abs(got.astype(np.float64) - ref.astype(np.float64)) - a
        ulp = np.spacing(np.abs(ref)).astype(np.float64)
        finite = ~same & np.isfinite(ref) & np.isfinite(got)
        close = finite & (beyond <= 4 * ulp)
        if close.any():
            near = (int(close.sum()), float((beyond / ulp)[close].max()))
        far = finite & ~close & (beyond <= bound + 4 * ulp)
        if far.any():
            loose = (int(far.sum()), float((beyond / bound)[far].max()))
        same |= close | far
    return ~same, near, loose


def blame(err, header, nrows):
    """Return the row that xgbp's message names ("FILE:LINE:..."), or the
    first: when the two differ on the whole file, one row shows it."""
    m = re.search(r"^xgbp: [^:]*:(\d+):", err, re.M)
    if m and 0 <= int(m.group(1)) - 1 - header < nrows:
        return [int(m.group(1)) - 1 - header]
    return [0]


def hexf(v):
    """Return a float32 as its shortest text and its bit pattern."""
    return "%s (0x%08x)" % (np.format_float_scientific(F32(v), unique=True,
                            trim="-"), F32(v).view(np.uint32))


# ---------------------------------------------------------------------
# Modes: which xgbp options and which Booster.predict arguments.

class Mode:
    """One way of scoring: its name, xgbp's options, Booster.predict's
    arguments, and how the two are compared.  slice (a, b): XGBoost's
    values are those of the model bst[a:b], as xgbp documents for --leaf
    with a range that does not begin at 0 (XGBoost 1.7.4 refuses it; the
    explanations of such a range xgbp refuses, as XGBoost does for gbtree;
    for DART XGBoost explains from round 0: see KNOWN).  tol: values agree
    within XGBoost's own error (see reference()), not bit for bit.  few:
    scored on the few rows of the explanation file, as TreeSHAP is
    slow."""

    def __init__(self, name, opts, kw, slice=None, tol=False, few=False):
        self.name, self.opts, self.kw = name, opts, kw
        self.slice, self.tol, self.few = slice, tol, few

    def leaf(self):
        return "pred_leaf" in self.kw


# Most features explained by --interactions: (F + 1)^2 values a row.
MAX_INTERACTION_FEATURES = 30

# (name, xgbp option, Booster.predict arguments, within tolerance)
EXPLAIN = [
    ("contrib", "--contrib", {"pred_contribs": True}, True),
    ("contrib-approx", "--contrib-approx", {"pred_contribs": True,
                                            "approx_contribs": True}, False),
    ("interactions", "--interactions", {"pred_interactions": True}, True),
]


def xgbp_range(a, b):
    """Return xgbp's --iteration-range for XGBoost's iteration_range (a, b),
    whose b of 0 means to the last round, as xgbp's empty END does."""
    return "%d:%s" % (a, b if b else "")


def modes(bst, spec, r):
    """Return the Modes in which a model is scored."""
    rounds = bst.num_boosted_rounds()
    explain = [e for e in EXPLAIN if e[0] != "interactions" or
               spec["n_features"] <= MAX_INTERACTION_FEATURES]
    m = [Mode("margin", ["--margin"], {"output_margin": True}),
         Mode("pred", [], {}),
         Mode("leaf", ["--leaf"], {"pred_leaf": True})]
    m += [Mode(name, [opt], kw, tol=tol, few=True)
          for name, opt, kw, tol in explain]
    ranges = []
    if rounds >= 1:
        b = r.randint(1, rounds)
        ranges.append((0, b))
        a = r.randint(0, rounds - 1)
        ranges.append((a, r.randint(a + 1, rounds)))
    if r.random() < 0.2:           # edges: XGBoost's (a, 0) means to the end
        edges = [(0, 0), (rounds - 1, 0), (rounds, rounds)]
        if spec["booster"] != "dart":   # 1.7.4's DART reads past its trees
            edges.append((0, rounds + 1))
        ranges.append(r.choice(edges))
    for k, (a, b) in enumerate(dict.fromkeys(ranges)):      # each once
        opts = ["--iteration-range", xgbp_range(a, b)]
        rng = {"iteration_range": (a, b)}
        part = (a, b or rounds) if 0 < a < (b or rounds) else None
        m.append(Mode("range-margin", ["--margin"] + opts,
                      dict(rng, output_margin=True)))
        m.append(Mode("range-pred", opts, rng))
        m.append(Mode("range-leaf", ["--leaf"] + opts,
                      dict(rng, pred_leaf=True), slice=part))
        for name, opt, kw, tol in explain:
            if name != "interactions" or k == 0:
                m.append(Mode("range-" + name, [opt] + opts, dict(rng, **kw),
                              tol=tol, few=True))
    best = bst.attributes().get("best_iteration")
    if best is not None:
        rng = {"iteration_range": (0, int(best) + 1)}
        m.append(Mode("best-pred", ["--best-iteration"], rng))
        m.append(Mode("best-margin", ["--best-iteration", "--margin"],
                      dict(rng, output_margin=True)))
    return m


# ---------------------------------------------------------------------
# Saving the model in every format.

def save_formats(bst, spec, d, r):
    """Save bst in d in every format 1.7.4 writes; return [(format name,
    file for xgbp, file for XGBoost)] (XGBoost reads no gzip)."""
    out = []
    ext = r.choice([".bin", ".model", ".deprecated", ""])
    for fmt, name in (("json", "model.json"), ("ubj", "model.ubj"),
                      ("bin", "model-bin" + ext)):
        path = os.path.join(d, name)
        try:
            bst.save_model(path)
        except xgb.core.XGBoostError:   # categorical splits: JSON/UBJ only
            continue
        xp = name
        if r.random() < 0.3:
            xp = name + ".gz"
            with open(path, "rb") as f, open(path + ".gz", "wb") as g:
                g.write(gzip.compress(f.read(), compresslevel=r.choice(
                        [1, 6, 9])))
            fmt += "+gz"
        out.append((fmt, xp, name))
    return out


class Tally:
    """Counts by category: models, runs, rows, values, disagreements."""

    def __init__(self):
        self.c = defaultdict(Counter)
        self.notes = Counter()
        self.maxes = {}

    def add(self, keys, **kw):
        for k in keys:
            self.c[k].update(kw)

    def most(self, what, v):
        """Keep the largest v seen of what."""
        self.maxes[what] = max(self.maxes.get(what, v), v)


class Disagreement:
    """One model file and mode on which xgbp and XGBoost differ."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def summary(self):
        """Return what the parent process needs to know of it."""
        return Disagreement(seed=self.seed, spec=self.spec, fmt=self.fmt,
                            mode=self.mode, kind=self.kind, bad=self.bad,
                            status=self.status, ref=self.ref if isinstance(
                                self.ref, str) else None, kw=self.kw,
                            odd=self.odd,
                            args=self.args, err=self.err, repro=self.repro)

    def signature(self):
        """Return what tells this kind of disagreement from others."""
        return (self.spec["objective"], self.spec["booster"],
                self.mode, self.kind, self.status,
                isinstance(self.ref, str))

    def known(self):
        """Return the KNOWN entry that explains this, or None."""
        for k in KNOWN:
            if k["match"](self):
                return k
        return None


# ---------------------------------------------------------------------
# One seed.

def run_seed(seed, xgbp, outdir):
    """Start a child process that checks seed; return (pid, result file).
    A child of its own, as XGBoost 1.7.4 can crash on some models."""
    fd, res = tempfile.mkstemp(prefix="xgbp-diff.", suffix=".pickle")
    pid = os.fork()
    if pid != 0:
        os.close(fd)
        return pid, res
    status = 0
    try:
        tally, found = Tally(), []
        check_seed(seed, xgbp, outdir, tally, found)
        result = (tally, [dis.summary() for dis in found], None)
    except BaseException:
        result = (Tally(), [], traceback.format_exc())
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(result, f)
    except BaseException:
        status = 2
    finally:
        os._exit(status)


def collect(pid, res, seed, wstatus):
    """Return (tally, found, error) from the child that checked seed."""
    try:
        with open(res, "rb") as f:
            tally, found, error = pickle.load(f)
    except (OSError, EOFError, pickle.PickleError):
        tally, found = Tally(), []
        error = "seed %d: the check died (%s)" % (seed, describe(wstatus))
    os.unlink(res)
    return tally, found, error


def describe(wstatus):
    """Return how a child process ended, in words."""
    if os.WIFSIGNALED(wstatus):
        return "signal %d" % os.WTERMSIG(wstatus)
    return "exit status %d" % os.WEXITSTATUS(wstatus)


def check_seed(seed, xgbp, outdir, tally, found):
    """Train seed's model, score it every way, count, keep reproducers."""
    spec = draw_spec(seed)
    r = random.Random(seed * 7 + 2)
    rng = np.random.default_rng(seed + 1000003)
    obj, booster = spec["objective"], spec["booster"]
    try:
        bst, names = train(spec)
    except xgb.core.XGBoostError as e:
        tally.notes["not trained: %s (%s)" % (obj, str(e).splitlines()[0]
                                               [:80])] += 1
        return
    doc = json.loads(bst.save_raw("json"))
    spec["traits"] = ["model " + t for t in traits(spec, doc)]
    tally.add(["objective " + obj, "booster " + booster, "all"] +
              spec["traits"], models=1)
    with tempfile.TemporaryDirectory(prefix="xgbp-diff.") as d:
        rows, stats, first = make_rows(doc, spec, r, rng)
        tally.add(["all"], **stats)
        few = explain_rows(doc, spec, len(rows), first, r)
        files = save_formats(bst, spec, d, r)
        for fmt, xfile, pfile in files:
            check_file(spec, bst, names, rows, few, d, fmt, xfile, pfile,
                       xgbp, r, tally, found, outdir)
        check_inf(spec, names, d, files[0], xgbp, r, tally, found, outdir)


def traits(spec, doc):
    """Return the kinds of model spec is, for the counts."""
    p = spec["params"]
    trees = model_trees(doc)
    nf = spec["n_features"]
    t = ["names" if spec["names"] else "no names",
         "1 feature" if nf == 1 else "2-20 features" if nf <= 20 else
         "21-200 features" if nf <= 200 else ">200 features"]
    if any(1 in tr.get("split_type", []) for tr in trees):
        t.append("categorical splits")
    sizes = [n for tr in trees for n in tr.get("categories_sizes", [])]
    if any(n == 1 for n in sizes):
        t.append("one-hot splits")
    if any(n > 1 for n in sizes):
        t.append("partition splits")
    if trees:
        depth = max(tree_depth(tr) for tr in trees)
        t.append("depth 0" if depth == 0 else "depth 1" if depth == 1 else
                 "depth 2-4" if depth <= 4 else "depth 5-8" if depth <= 8
                 else "depth 9-12" if depth <= 12 else "depth > 12")
    t += [k for k, on in (
        ("random forest", p.get("num_parallel_tree", 1) > 1),
        ("multi-target", spec["targets"] > 1),
        ("multi-class", spec["num_class"] > 0),
        ("early stopping", spec["early_stopping"]),
        ("diverged training", spec["diverge"]),
        ("flat labels", spec["flat"]),
        ("explicit base_score", "base_score" in p),
        ("default base_score", "base_score" not in p),
        ("missing values", spec["missing_frac"] > 0),
        ("missing sentinel", spec["missing_value"] is not None),
        ("lossguide", p.get("grow_policy") == "lossguide")) if on]
    if "tree_method" in p:
        t.append("tree_method " + p["tree_method"])
    return t


def data_layout(spec, names, fmt, r):
    """Return (header or None, column order, xgbp options, names to match)
    for a data file: shuffled named columns when the file keeps names
    (JSON, UBJSON), now and then with a column of no feature (-1 in the
    order), which xgbp ignores; in order for a binary model, which keeps
    no names."""
    nf = spec["n_features"]
    order = list(range(nf))
    if names is not None and not fmt.startswith("bin"):
        if r.random() < 0.3:
            order.append(-1)
        r.shuffle(order)
        return [names[j] if j >= 0 else "row id" for j in order], order, \
            [], names
    if names is not None:
        return list(names), order, [], None
    if r.random() < 0.5:
        return ["f%d" % j for j in order], order, [], None
    return None, order, ["--no-header"], None


def check_file(spec, bst, names, rows, few, d, fmt, xfile, pfile, xgbp, r,
               tally, found, outdir):
    """Score one model file every way with both and compare: rows in
    every mode, the rows numbered in few in the explanations too."""
    header, order, opts, match = data_layout(spec, names, fmt, r)
    tsv = r.random() < 0.3
    delim = "\t" if tsv else ","
    if tsv and (r.random() < 0.5 or spec["n_features"] == 1):
        opts = opts + ["-t"]
    elif header is not None and match is None and any(
            ("," if tsv else "\t") in h for h in header):
        # Names holding the other delimiter, and a model that keeps no
        # names to tell the two readings apart (binary): xgbp counts, as
        # its manual says, and a header "tab\t0,tab\t1" is TSV to it.
        opts = opts + (["-t"] if tsv else ["-d", ","])
    if spec["missing_value"] is not None:
        opts = opts + ["--missing", "-999"]
    if r.random() < 0.3:
        opts = opts + ["-j", "1"]
    eol, gz = r.choice(["\n", "\n", "\r\n"]), r.random() < 0.1
    tables = {}
    for part, which in (("", range(len(rows))), ("-explain", few)):
        data = "data-%s%s.%s%s" % (fmt.replace("+", "-"), part,
                                   "tsv" if tsv else "csv",
                                   ".gz" if gz else "")
        write_table(os.path.join(d, data), header,
                    [[rows[i][j] if j >= 0 else "r%d" % i for j in order]
                     for i in which], delim, eol, gz)
        x, lines = read_table(os.path.join(d, data), delim,
                              header is not None, match,
                              spec["n_features"], spec["missing_value"])
        tables[part == "-explain"] = (data, x, lines)
    keys = ["objective " + spec["objective"], "booster " + spec["booster"],
            "format " + fmt, "all"] + spec["traits"]
    tally.add(keys[2:3], models=1)
    loaded = xgb.Booster(model_file=os.path.join(d, pfile))
    for mode in modes(bst, spec, r):
        data, x, lines = tables[mode.few]
        ref, how, tol = reference(loaded, x, names is not None,
                                  spec["missing_value"], mode)
        args = ["-m", xfile] + mode.opts + opts + [data]
        status, out, err = run_xgbp(xgbp, args, d)
        kind, bad, got, near, loose = compare(ref, status, out, len(x),
                                              delim, mode.leaf(), tol)
        both_refused = isinstance(ref, str) and status != 0
        n = 0 if isinstance(ref, str) else len(x)
        mkeys = keys + ["mode " + mode.name]
        tally.add(mkeys, runs=1, rows=n,
                  values=0 if isinstance(ref, str) else ref.size,
                  refused_both=int(both_refused), sliced=int(how is not None),
                  near_values=near[0], loose_values=loose[0])
        if near[0]:
            tally.most("%s: near: (|x - y| - A) / ulp(y)" % mode.name,
                       near[1])
        if loose[0]:
            tally.most("%s: loose: (|x - y| - A) / R" % mode.name, loose[1])
            tally.notes["%s: loose values (beyond A + 4 ulp) of seed %d"
                        % (mode.name, spec["seed"])] += loose[0]
        if tol is not None and status == 0:
            tally.most("%s: A, XGBoost's own error" % mode.name, tol[0])
        if how is not None:
            tally.notes["%s: XGBoost's own iteration_range %s; compared "
                        "with bst[a:b]" % (mode.name, how)] += 1
        if kind is None:
            continue
        if not bad:
            bad = blame(err, header is not None, len(x))
        odd = None
        if kind == "values":    # do all that differ have a side not finite?
            fail = failing(ref, got, tol)[0]
            odd = bool((~np.isfinite(ref[fail]) |
                        ~np.isfinite(got[fail])).all())
        dis = Disagreement(seed=spec["seed"], spec=spec, fmt=fmt,
                           mode=mode.name, kind=kind, kw=mode.kw, odd=odd,
                           slice=mode.slice, tol=tol, args=args, xfile=xfile,
                           pfile=pfile, data=data, delim=delim,
                           header=header, lines=lines, x=x, ref=ref,
                           got=got, bad=bad, status=status, out=out,
                           err=err, names=names, match=match, xgbp=xgbp)
        keep(dis, d, outdir)
        k = dis.known()
        tally.add(mkeys, disagreeing_runs=1, disagreeing_rows=len(bad),
                  known=int(k is not None))
        found.append(dis)


def check_inf(spec, names, d, file0, xgbp, r, tally, found, outdir):
    """Feed one row holding an infinite value (or one that rounds to
    infinity as a float): both must refuse it."""
    fmt, xfile, pfile = file0
    nf = spec["n_features"]
    row = ["0"] * nf
    # the last: a hair below the float overflow threshold, a double on it
    row[r.randrange(nf)] = r.choice([
        "inf", "-inf", "Infinity", "1e39", "-1e400", "3.40282357e38",
        "340282356779733661637539395458142568447.9999"])
    header = list(names) if names is not None else None
    opts = [] if header is not None else ["--no-header"]
    write_table(os.path.join(d, "inf.csv"), header, [row], ",", "\n", False)
    x = np.array([[float(t) for t in row]])
    ref = xgb_predict(os.path.join(d, pfile), x, names is not None, None, {})
    args = ["-m", xfile] + opts + ["inf.csv"]
    status, out, err = run_xgbp(xgbp, args, d)
    keys = ["objective " + spec["objective"], "booster " + spec["booster"],
            "format " + fmt, "all", "mode inf-refused"] + spec["traits"]
    ok = isinstance(ref, str) and status != 0
    tally.add(keys, runs=1, refused_both=int(ok))
    if not ok:
        dis = Disagreement(seed=spec["seed"], spec=spec, fmt=fmt,
                           mode="inf-refused", kind="status", kw={},
                           odd=None,
                           slice=None, tol=None, args=args, xfile=xfile, pfile=pfile,
                           data="inf.csv", delim=",", header=header,
                           lines=[], x=x, ref=ref, got=None, bad=[0],
                           status=status, out=out, err=err, names=names,
                           match=None, xgbp=xgbp)
        keep(dis, d, outdir, whole=True)
        tally.add(keys, disagreeing_runs=1, disagreeing_rows=1,
                  known=int(dis.known() is not None))
        found.append(dis)


# ---------------------------------------------------------------------
# Reproducers.

MAX_REPRO = 0           # per signature (0: all), and how many written so far
WRITTEN = Counter()     # (in the parent; a child starts from its copy)


def keep(dis, d, outdir, whole=False):
    """Write a reproducer for dis, unless MAX_REPRO of its signature have
    been written; set dis.repro to its directory, or None."""
    sig = dis.signature()
    dis.repro = None
    if not MAX_REPRO or WRITTEN[sig] < MAX_REPRO:
        dis.repro = write_repro(dis, d, outdir, whole)
        WRITTEN[sig] += 1

def write_repro(dis, d, outdir, whole=False):
    """Write a reproducer for dis into outdir: the model file(s), a data
    file of the rows that differ (at most 20), repro.json (what --replay
    reads), cmd.sh (the xgbp command), and report.txt (both sides' values
    row by row).  Return its directory."""
    tag = "s%d-%s-%s" % (dis.seed, dis.fmt.replace("+", "-"), dis.mode)
    if "iteration_range" in dis.kw and dis.mode.startswith("range"):
        tag += "-%d-%d" % dis.kw["iteration_range"]
    rd, k = os.path.join(outdir, tag), 1
    while os.path.exists(rd):   # main() removed the last run's: keep both
        k += 1
        rd = os.path.join(outdir, "%s-%d" % (tag, k))
    os.makedirs(rd)
    for f in {dis.xfile, dis.pfile}:
        shutil.copy(os.path.join(d, f), rd)
    rows = dis.bad[:20]
    data = dis.data.replace(".gz", "")
    if whole:
        shutil.copy(os.path.join(d, dis.data), os.path.join(rd, data))
    else:
        text = "".join(dis.lines[i] for i in rows)
        head = ""
        if dis.header is not None:
            buf = io.StringIO()
            eol = "\r\n" if dis.lines and dis.lines[0].endswith("\r\n") \
                else "\n"
            csv.writer(buf, delimiter=dis.delim, lineterminator=eol
                       ).writerow(dis.header)
            head = buf.getvalue()
        with open(os.path.join(rd, data), "w") as f:
            f.write(head + text)
    args = [a if a != dis.data else data for a in dis.args]
    repro = {"seed": dis.seed, "objective": dis.spec["objective"],
             "booster": dis.spec["booster"], "format": dis.fmt,
             "mode": dis.mode, "kind": dis.kind,
             "xgbp_args": args, "xgboost_model": dis.pfile,
             "predict": {k: list(v) if isinstance(v, tuple) else v
                         for k, v in dis.kw.items()},
             "slice": list(dis.slice) if dis.slice else None,
             "tolerance": list(dis.tol) if dis.tol else None,
             "data": data, "delimiter": dis.delim,
             "header": dis.header is not None,
             "match_names": dis.match is not None,
             "names": dis.names is not None,
             "missing": dis.spec["missing_value"],
             "rows_differing": len(dis.bad), "rows_kept": len(rows),
             "params": dis.spec["params"]}
    with open(os.path.join(rd, "repro.json"), "w") as f:
        json.dump(repro, f, indent=1)
    with open(os.path.join(rd, "cmd.sh"), "w") as f:
        f.write("#!/bin/sh\n# xgbp's side of this reproducer; XGBoost's: "
                "diffcheck.py --replay .\ncd \"$(dirname \"$0\")\" && "
                "exec \"${XGBP:-xgbp}\" %s\n" % " ".join(map(shq, args)))
    with open(os.path.join(rd, "report.txt"), "w") as f:
        f.write(replay(rd, dis.xgbp)[1])
    return rd


def shq(s):
    """Quote s for the shell when it needs it."""
    if s and all(c.isalnum() or c in "-_.:/=+" for c in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


def replay(rd, xgbp):
    """Run the reproducer in rd again; return (still differs, report)."""
    with open(os.path.join(rd, "repro.json")) as f:
        rp = json.load(f)
    model = os.path.join(rd, rp["xgboost_model"])
    names = xgb.Booster(model_file=model).feature_names \
        if rp["match_names"] else None
    nf = xgb.Booster(model_file=model).num_features()
    x, lines = read_table(os.path.join(rd, rp["data"]), rp["delimiter"],
                          rp["header"], names, nf, rp["missing"])
    kw = {k: tuple(v) if isinstance(v, list) else v
          for k, v in rp["predict"].items()}
    part = tuple(rp["slice"]) if rp.get("slice") else None
    mode = Mode(rp["mode"], [], kw, slice=part,
                tol=rp.get("tolerance") is not None)
    ref, how, tol = reference(xgb.Booster(model_file=model), x, rp["names"],
                              rp["missing"], mode)
    if tol is not None:     # the model's, over all the rows it was found on
        old = rp["tolerance"]
        old = old if isinstance(old, list) else [old, 0.0]
        tol = tuple(max(a, b) for a, b in zip(tol, old))
    status, out, err = run_xgbp(xgbp, rp["xgbp_args"], rd)
    kind, bad, got, near, loose = compare(ref, status, out, len(x),
                                          rp["delimiter"], mode.leaf(), tol)
    w = io.StringIO()
    w.write("seed %d: %s, %s, %s file, mode %s: %s\n" % (
        rp["seed"], rp["objective"], rp["booster"], rp["format"],
        rp["mode"], kind or "no longer differs"))
    w.write("xgbp %s\n" % " ".join(map(shq, rp["xgbp_args"])))
    w.write("XGBoost: Booster(model_file=%r)%s.predict(DMatrix(rows), %s)\n"
            % (rp["xgboost_model"], "[%d:%d]" % part if part else "",
               ", ".join("%s=%r" % kv for kv in kw.items() if not part or
                         kv[0] != "iteration_range")))
    if tol is not None:
        w.write("tolerance: |xgbp - XGBoost| <= A + R + 4 ulp(XGBoost), "
                "A = %r (XGBoost's own error), R = %r (float rounding)\n"
                % tol)
    w.write("xgbp exit status %d%s\n" % (status, (": " + err.strip())
                                         if err.strip() else ""))
    if isinstance(ref, str):
        w.write("XGBoost refused: %s\n" % ref)
    if kind == "values" or kind is None:
        w.write("rows differing: %d of %d\n" % (len(bad), len(x)))
    else:
        w.write("the whole run differs (%d rows; the first shown)\n"
                % len(x))
    if not isinstance(ref, str):
        for i in (bad if kind == "values" else range(min(len(x), 1))):
            t = lines[i] if i < len(lines) else "\n"
            w.write("\nrow %d: %s" % (i + 1, t if len(t) < 300 else
                                      "(%d fields)\n" % len(x[i])))
            cols = range(min(ref.shape[1], 40))
            if got is not None and ref.shape[1] > 40:   # the ones that differ
                cols = np.flatnonzero(~same_bits(ref[i], got[i]))[:40]
                w.write("  columns %s (1-based) of %d\n" % (
                    ",".join(str(c + 1) for c in cols), ref.shape[1]))
            w.write("  XGBoost: %s\n" % ", ".join(hexf(ref[i][c])
                                                  for c in cols))
            if got is not None:
                w.write("  xgbp:    %s\n" % ", ".join(hexf(got[i][c])
                                                     for c in cols))
    if kind != "values":
        w.write("\nxgbp's output:\n%s" % out[:3000])
        if out[:3000] and not out[:3000].endswith("\n"):
            w.write("\n")
    return kind is not None, w.getvalue()


# ---------------------------------------------------------------------
# The summary.

# The columns of the tables: (count, heading).  near and loose: values of
# --contrib and --interactions that agree within XGBoost's own error, or
# within its float rounding, not bit for bit (see reference()); sliced:
# runs compared with XGBoost's bst[a:b] (see Mode).
COLS = [("models", "models"), ("runs", "runs"), ("rows", "rows"),
        ("values", "values"), ("near_values", "near"),
        ("loose_values", "loose"),
        ("sliced", "sliced"), ("refused_both", "both refuse"),
        ("disagreeing_runs", "diff runs"), ("disagreeing_rows", "diff rows"),
        ("known", "known")]


def print_tally(tally, f):
    """Print the counts as tables by objective, booster, format and mode,
    then the largest errors seen."""
    for group in ("objective", "booster", "format", "mode", "model"):
        keys = sorted(k for k in tally.c if k.startswith(group + " "))
        f.write("\n%-26s %s\n" % ("by " + group, " ".join(
            "%11s" % h for _, h in COLS)))
        for k in keys + ["all"]:
            f.write("%-26s %s\n" % (k[len(group) + 1:] if k != "all" else
                                    "total", " ".join("%11d" % tally.c[k][c]
                                                      for c, _ in COLS)))
    if tally.maxes:
        f.write("\nlargest:\n")
    for what, v in sorted(tally.maxes.items()):
        f.write("  %-60s %.4g\n" % (what, v))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xgbp", default="cmd/xgbp")
    ap.add_argument("--seeds", default="0:63", help="A:B, seeds A to B-1")
    ap.add_argument("--out", default="tests/diffcheck/out")
    ap.add_argument("--minutes", type=float, default=0,
                    help="start no new seed after this long")
    ap.add_argument("--jobs", type=int, default=1,
                    help="seeds checked at once")
    ap.add_argument("--max-repro", type=int, default=0, metavar="N",
                    help="write N reproducers at most for each objective, "
                    "booster, mode and way of differing (default: all)")
    ap.add_argument("--replay", nargs="*", metavar="DIR")
    a = ap.parse_args()
    global MAX_REPRO
    MAX_REPRO = a.max_repro
    xgb.set_config(verbosity=0)
    xgbp = os.path.abspath(a.xgbp)
    if a.replay is not None:
        s = 0
        for rd in a.replay:
            differs, text = replay(rd, xgbp)
            sys.stdout.write(text + "\n")
            s |= differs
        return int(s)
    lo, _, hi = a.seeds.partition(":")
    seeds = range(int(lo), int(hi) if hi else int(lo) + 1)
    os.makedirs(a.out, exist_ok=True)
    for e in os.listdir(a.out):         # only what an earlier run wrote
        if e.startswith("s") and os.path.exists(os.path.join(a.out, e,
                                                             "repro.json")):
            shutil.rmtree(os.path.join(a.out, e))
    tally, found, errors = Tally(), [], []
    t0 = time.time()
    print("diffcheck: xgbp %s against XGBoost %s, seeds %d:%d" % (
        a.xgbp, xgb.__version__, seeds.start, seeds.stop), flush=True)
    todo, running, done = list(seeds), {}, []
    while todo or running:
        late = a.minutes and time.time() - t0 > a.minutes * 60
        if todo and not late and len(running) < a.jobs:
            seed = todo.pop(0)
            pid, res = run_seed(seed, xgbp, a.out)
            running[pid] = (seed, res)
            continue
        if late:
            todo = []
        if not running:
            break
        pid, wstatus = os.wait()
        seed, res = running.pop(pid)
        t, f, error = collect(pid, res, seed, wstatus)
        done.append(seed)
        merge(tally, t)
        found += f
        if error:
            errors.append(error)
            print("  seed %d: internal error:\n%s" % (seed, error),
                  flush=True)
        for dis in f:
            WRITTEN[dis.signature()] += dis.repro is not None
        if f:
            print_seed(seed, f, a.out)
    out = io.StringIO()
    out.write("\ndiffcheck: %d seeds (%s) in %.0f s\n" % (
        len(done), ranges(sorted(done)), time.time() - t0))
    out.write("  %d rows made to reach %d split nodes\n" % (
        tally.c["all"]["edge_rows"], tally.c["all"]["split_nodes"]))
    for note, n in sorted(tally.notes.items()):
        out.write("  %d x %s\n" % (n, note))
    for e in errors:
        out.write("  not checked: %s\n" % e.strip().splitlines()[-1])
    print_tally(tally, out)
    sig = Counter()
    for dis in found:
        k = dis.known()
        sig[(dis.mode, dis.kind, ("xgbp exit %d" % dis.status) +
             (", XGBoost refused" if isinstance(dis.ref, str) else ""),
             k["name"] if k else "")] += 1
    if sig:
        out.write("\ndisagreeing runs by mode and kind:\n")
        for (mode, kind, how, k), n in sorted(sig.items()):
            out.write("  %5d  %-14s %-7s %s%s\n" % (n, mode, kind, how,
                      " (known: %s)" % k if k else ""))
    unknown = [d for d in found if d.known() is None]
    out.write("\n%d disagreements (%d known), %d reproducers in %s\n" % (
        len(found), len(found) - len(unknown),
        sum(d.repro is not None for d in found), a.out))
    sys.stdout.write(out.getvalue())
    with open(os.path.join(a.out, "summary.txt"), "w") as f:
        f.write(out.getvalue())
    return 1 if unknown else 2 if errors else 0


def print_seed(seed, found, outdir):
    """Print one line for the disagreements of a seed."""
    c = Counter()
    for dis in found:
        k = dis.known()
        c["%s %s%s%s" % (dis.mode, dis.kind,
                         "" if dis.kind == "values" else
                         " (exit %d)" % dis.status,
                         " known: " + k["name"] if k else "")] += 1
    print("  seed %d, %s %s: %s -> %s" % (
        seed, found[0].spec["objective"], found[0].spec["booster"],
        ", ".join("%s x%d" % kv for kv in sorted(c.items())),
        os.path.join(outdir, "s%d-*" % seed)), flush=True)


def merge(tally, t):
    """Add the counts of t to tally."""
    for k, c in t.c.items():
        tally.c[k].update(c)
    tally.notes.update(t.notes)
    for what, v in t.maxes.items():
        tally.most(what, v)


def ranges(seeds):
    """Return the seeds as A:B ranges (B excluded), comma-separated."""
    out, i = [], 0
    while i < len(seeds):
        j = i
        while j + 1 < len(seeds) and seeds[j + 1] == seeds[j] + 1:
            j += 1
        out.append("%d:%d" % (seeds[i], seeds[j] + 1))
        i = j + 1
    return ",".join(out) or "none"


if __name__ == "__main__":
    sys.exit(main())
