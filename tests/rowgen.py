#!/usr/bin/env python3
"""
rowgen.py: random CSV/TSV inputs for xgbp, checked against an oracle
independent of xgbp.

    python3 tests/rowgen.py [--xgbp PATH] [--seed S] [--cases N] [--keep DIR]
    python3 tests/rowgen.py --invariant [--seed S] [--cases N]
    python3 tests/rowgen.py --self-check [--seed S] [--cases N]
    python3 tests/rowgen.py --seed S --only I [-v]
    python3 tests/rowgen.py --example RULE      (--list-examples)

A case is one to three small inputs (0 to ~30 records of 1 to 8 columns)
mixing every feature of xgbp's dialect (man xgbp, INPUT FORMAT), scored
with random options; a seed and an index make the same case everywhere.
The expected output comes from an oracle that reads the same bytes with
Python's csv module (strict=False, the input cut into lines as a file
opened with newline='' is), plus one small function for each rule where
the dialect deliberately differs from Python's or goes beyond it: the
functions named rule_*.  The oracle never looks at xgbp's code, nor at
what the generator meant: --self-check compares the two, and the hand-
written answers of EXAMPLES (one minimal input for each rule), without
running xgbp.  The examples run first in the default mode.

xgbp prints predictions, not features, so the models are instruments,
written with the json module in the layout of an XGBoost 1.7.4 JSON model,
with and without stored feature names (of type "float"):
  - linear: gblinear, F features, F classes, identity weights, zero
    biases, base_score 0; with --margin output k is exactly the float32 of
    feature k (0 for a missing one; -0 prints as 0);
  - tree: gbtree, F trees; tree k splits on feature k at 1e30 twice, the
    first time missing goes left, the second right; with --leaf output k
    is 3 for a value below 1e30, 2 for one at or above it, 4 for missing.
Both are checked on hand-made rows before anything else.

--invariant runs each input under --on-error nan, skip and fail and -j 1
to 4, some read from a pipe in pieces, every --big-every'th input over
1 MiB: the number of lines, which of them are nan, the rows reported, and
the same output whatever -j is.

Each failing case is one line: what differs, where, and the command that
shows it, run in the directory --keep writes the case to.  Only Python
3's standard library is used.  Exit status: 0 if every case passed, 1 if
any failed, 2 on a usage error.
"""

import argparse
import csv
import gzip
import io
import json
import math
import multiprocessing
import os
import random
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time

csv.field_size_limit(1 << 30)

DEFAULT_NA = ['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']
BOM = b'\xef\xbb\xbf'
THRESHOLD = 1e30		# the tree instrument's split value
LEAF_BELOW, LEAF_ABOVE, LEAF_MISSING = 3, 2, 4


# ---------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------

NUMBER_RE = re.compile(
    r'[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?'
    r'|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])\Z')


def to_f32(d):
    """float32(d), rounded to nearest; +-inf when a finite d overflows."""
    try:
        return struct.unpack('<f', struct.pack('<f', d))[0]
    except OverflowError:
        return math.copysign(math.inf, d)


def f32_bits(v):
    return struct.unpack('<I', struct.pack('<f', v))[0]


THRESHOLD32 = to_f32(THRESHOLD)


def number_core(text, tsv):
    """The number in text, without the spaces (and tabs, unless tab is the
    delimiter) allowed around it; None if text is not a number."""
    ws = ' ' if tsv else ' \t'
    core = text.strip(ws)
    if core and NUMBER_RE.match(core):
        return core
    return None


class Values:
    """What makes a field missing: --na tokens and --missing."""

    def __init__(self, na, missing, tsv):
        self.na = set(DEFAULT_NA if na is None else na)
        self.tsv = tsv
        self.missing = None
        if missing is not None:
            self.missing = to_f32(float(missing))

    def classify(self, text):
        """('missing', None), ('value', float32) or ('bad', None).  The
        rule of the dialect, 'Feature values'."""
        if text == '' or text in self.na:
            return ('missing', None)
        core = number_core(text, self.tsv)
        if core is None:
            return ('bad', None)
        d = float(core)
        if math.isnan(d):
            return ('missing', None)
        v = to_f32(d)
        if self.missing is not None and v == self.missing:
            return ('missing', None)
        if math.isinf(v):
            return rule_infinity(v, self.missing)
        return ('value', v)

    def is_number_or_missing(self, text):
        """For the header rule: the grammar decides, so 'inf' and '1e39'
        are numbers here though bad as values."""
        return (text == '' or text in self.na or
                number_core(text, self.tsv) is not None)


def rule_infinity(v, missing):
    """A number whose float32 is +-inf is a bad value, unless --missing is
    an infinity: then the other infinity is a value (XGBoost's rule; the
    equal one was already taken as missing)."""
    if missing is not None and math.isinf(missing):
        return ('value', v)
    return ('bad', None)


# ---------------------------------------------------------------------
# The oracle: records
# ---------------------------------------------------------------------

class Record:
    """One record of an input: its first physical line (1-based), its
    lines, its text without its own line end, its fields, and what is
    wrong with its quoting (a set of 'after-quote', 'unterminated')."""

    def __init__(self, line, nlines, raw, fields, malformed, blank):
        self.line = line
        self.nlines = nlines
        self.raw = raw
        self.fields = fields
        self.malformed = malformed
        self.blank = blank

    def __repr__(self):
        return 'Record(%d, %r, %r, %s%s)' % (
            self.line, self.raw, self.fields, sorted(self.malformed),
            ' blank' if self.blank else '')


def split_lines(text):
    """Physical lines, each with its line end (LF, CRLF or CR), as a file
    opened with newline='' gives them."""
    return io.StringIO(text, newline='').readlines()


def strip_line_end(s):
    if s.endswith('\r\n'):
        return s[:-2]
    if s.endswith('\r') or s.endswith('\n'):
        return s[:-1]
    return s


def py_records(lines, delim, strict=False):
    """Python's csv.reader over lines: yield (fields, index of the first
    line, number of lines, at_eof) per record; at_eof is true when the
    record was ended by the end of the input, which csv.reader does only
    for a quoted field still open there."""
    st = {'n': 0, 'eof': False}

    def feed():
        for s in lines:
            st['n'] += 1
            yield s
        st['eof'] = True

    r = csv.reader(feed(), delimiter=delim, quotechar='"', doublequote=True,
                   skipinitialspace=False, strict=strict,
                   quoting=csv.QUOTE_MINIMAL)
    while True:
        before, eof = st['n'], st['eof']
        try:
            fields = next(r)
        except StopIteration:
            return
        yield fields, before, st['n'] - before, st['eof'] and not eof


def rule_text_after_closing_quote(raw, delim):
    """True if a quoted field of the record is followed by anything but
    the delimiter or the record's end.  Python's strict mode says so."""
    try:
        for _ in py_records(split_lines(raw), delim, strict=True):
            pass
    except csv.Error as e:
        return 'expected after' in str(e)
    return False


def rule_unterminated_quoted_field(lines, delim, nfields):
    """Python reads a quoted field still open at the end of the input as
    one record running to the end, whose last field is that open field.
    xgbp ends the record at the first line end after that field's opening
    quote.  Return how many of the record's lines that is: the fewest
    lines whose own parse already reaches the last field (each line end
    in the record is inside a quoted field, so a prefix of k lines parses
    as one record whose last field is the one open after k lines)."""
    lo, hi = 1, len(lines)
    while lo < hi:
        k = (lo + hi) // 2
        n = len(next(py_records(lines[:k], delim))[0])
        if n >= nfields:
            hi = k
        else:
            lo = k + 1
    return lo


def rule_blank_line(raw, nlines, tsv):
    """A line empty or of only spaces (and tabs, unless tab is the
    delimiter), outside quotes, is blank.  Python gives [] or ['  ']."""
    ws = ' ' if tsv else ' \t'
    return nlines <= 1 and raw.strip(ws) == '' and '\r' not in raw and \
        '\n' not in raw


def rule_bom(data):
    """A UTF-8 byte order mark at the very start of an input is dropped."""
    return data[3:] if data.startswith(BOM) else data


def make_record(lines, line, delim, fields, malformed):
    raw = strip_line_end(''.join(lines))
    if rule_text_after_closing_quote(raw, delim):
        malformed = malformed | {'after-quote'}
    blank = not malformed and rule_blank_line(raw, len(lines),
                                              delim == '\t')
    return Record(line, len(lines), raw, fields, malformed, blank)


def read_records(text, delim):
    """The records of one input's text (latin-1, one char per byte): those
    of Python's csv module, but for rule_unterminated_quoted_field, after
    which the rest of the text is read afresh."""
    lines = split_lines(text)
    out = []
    i = 0
    while i < len(lines):
        rest = lines[i:]
        cut = None
        for fields, first, n, at_eof in py_records(rest, delim):
            if at_eof:
                cut = (fields, first, n)
                break
            out.append(make_record(rest[first:first + n], i + first + 1,
                                   delim, fields, set()))
        if cut is None:
            break
        fields, first, n = cut
        k = rule_unterminated_quoted_field(rest[first:first + n], delim,
                                           len(fields))
        mine = rest[first:first + k]
        raw = strip_line_end(''.join(mine))
        # Its fields: as Python reads the record's text without its line
        # end, the open field running to that end.
        fields = list(next(py_records(split_lines(raw), delim))[0]) \
            if raw else ['']
        out.append(make_record(mine, i + first + 1, delim, fields,
                               {'unterminated'}))
        i += first + k
    return out


def rule_detect_delimiter(text, names=None):
    """Without -d or -t: when the model stores names and the first line,
    read with a comma or with a tab but not both, holds them all, that
    delimiter.  Else tab if the first line holds more tabs than commas
    outside quotes, else comma.  A quote opens a quoted part at the start
    of the line or after a comma or tab."""
    if names:
        first = strip_line_end(split_lines(text)[0]) if text else ''
        holds = [d for d in ',\t' if first and all(
            n in next(csv.reader([first], delimiter=d)) for n in names)]
        if len(holds) == 1:
            return holds[0]
    tabs = commas = 0
    inq = False
    start = True
    i = 0
    while i < len(text):
        c = text[i]
        if inq:
            if c == '"':
                if text[i + 1:i + 2] == '"':
                    i += 2
                    continue
                inq = False
            i += 1
            continue
        if c in '\r\n':
            break
        if c == '"' and start:
            inq = True
        elif c == ',':
            commas += 1
        elif c == '\t':
            tabs += 1
        start = c in ',\t'
        i += 1
    return '\t' if tabs > commas else ','


# ---------------------------------------------------------------------
# The oracle: rows, header, columns
# ---------------------------------------------------------------------

class Unsupported(Exception):
    """A case outside what the oracle decides (a generator bug)."""


class SetupError(Exception):
    """The input cannot be scored at all (exit 1, nothing written)."""


class Row:
    """One data row: where, whether and why it is bad, its fields."""

    def __init__(self, name, rec, reasons, feats):
        self.name = name
        self.rec = rec
        self.line = rec.line
        self.reasons = reasons		# [] for a good row
        self.feats = feats		# classify() results, good rows
        self.bad = bool(reasons)


def resolve_list(items, line1, ncols, header):
    """Column indices (0-based) of a -f, -k or -x list of items ('num', n),
    ('range', a, b or None), ('name', s), in order."""
    out = []
    for it in items:
        if it[0] == 'num':
            out.append(it[1] - 1)
        elif it[0] == 'range':
            a, b = it[1], it[2] if it[2] is not None else ncols
            step = 1 if b >= a else -1
            out.extend(c - 1 for c in range(a, b + step, step))
        else:
            if not header or line1.count(it[1]) != 1:
                raise Unsupported('name %r without a header' % it[1])
            out.append(line1.index(it[1]))
    for c in out:
        if not 0 <= c < ncols:
            raise Unsupported('column %d out of range' % (c + 1))
    return out


def rule_names_header(line1, names):
    """With a model that stores names: line 1 is a header when its fields
    include every name; when every name is a number (pandas' unnamed
    columns "0", "1", ...), they must also come in the model's order:
    in another order such a line could as well be data, and xgbp stops
    rather than guess."""
    if not all(line1.count(n) == 1 for n in names):
        return False
    if all(NUMBER_RE.match(n) for n in names):
        pos = [line1.index(n) for n in names]
        if pos != sorted(pos):
            raise SetupError('numeric names out of order')
    return True


def rule_column_numbers(fields):
    """A line 1 that would be data but reads 0, 1, 2, ... (two fields at
    least), the header pandas writes for unnamed columns, is ambiguous:
    xgbp stops and asks for --header or --no-header."""
    if len(fields) >= 2 and fields == [str(i) for i in range(len(fields))]:
        raise SetupError('line 1 reads 0, 1, 2, ...')


def rule_header(line1, ncols, opts, names, values):
    """Whether line 1 is a header, and the columns of the features."""
    if opts.f is not None:
        featcols = resolve_list(opts.f, line1, ncols, True)
    else:
        excl = set(resolve_list(opts.x, line1, ncols, True)) \
            if opts.x is not None else set()
        featcols = [c for c in range(ncols) if c not in excl]
    if opts.header is not None:
        header = opts.header
        by_names = header and names is not None
    elif names is not None and rule_names_header(line1, names):
        header = by_names = True
    else:
        # Only the feature fields count: text in key or excluded columns
        # does not make a header.
        header = any(not values.is_number_or_missing(line1[c])
                     for c in featcols)
        by_names = header and names is not None
        if not header:
            rule_column_numbers([line1[c] for c in sorted(featcols)])
    if by_names:
        if opts.f is not None:
            raise Unsupported('-f with names matched')
        if not all(line1.count(n) == 1 for n in names):
            raise SetupError('header lacks a feature name')
        featcols = [line1.index(n) for n in names]
    return header, featcols


def rule_one_column_blank(rec):
    """In an input of one column a blank line is a row: an empty line a
    missing value (Python gives []), a line of spaces the field itself."""
    return Record(rec.line, rec.nlines, rec.raw, [rec.raw], set(), False)


class Table:
    """What the oracle expects of one input."""

    def __init__(self, name, data, opts, model):
        self.name = name
        text = rule_bom(data).decode('latin-1')
        self.delim = opts.delim or rule_detect_delimiter(text, model.names)
        self.values = Values(opts.na, opts.missing, self.delim == '\t')
        recs = read_records(text, self.delim)
        nonblank = [r for r in recs if not r.blank]
        self.rows = []
        self.line1 = None
        self.header = False
        if not nonblank:
            return
        first_rec = nonblank[0]
        if first_rec.malformed:
            raise Unsupported('line 1 malformed')
        self.line1 = first_rec
        ncols = self.ncols = len(first_rec.fields)
        self.header, self.featcols = rule_header(
            first_rec.fields, ncols, opts, model.names, self.values)
        if len(self.featcols) != model.nfeatures:
            raise Unsupported('%d feature columns for %d features' %
                              (len(self.featcols), model.nfeatures))
        self.keep = resolve_list(opts.k, first_rec.fields, ncols,
                                 self.header) if opts.k else None
        started = False
        for r in recs:
            if r is first_rec:
                started = True
                if self.header:
                    continue
            if not started:
                continue
            if r.blank:
                if ncols > 1:
                    continue
                r = rule_one_column_blank(r)
            self.rows.append(self.row(r))

    def row(self, r):
        ncols = self.ncols
        reasons = []
        for m in sorted(r.malformed):
            reasons.append((m,))
        if len(r.fields) != ncols:
            reasons.append(('count', len(r.fields), ncols))
        feats = None
        if not reasons:
            feats = [self.values.classify(r.fields[c])
                     for c in self.featcols]
            for c, v in zip(self.featcols, feats):
                if v[0] == 'bad':
                    reasons.append(('value', c + 1))
        return Row(self.name, r, reasons, feats)


class Model:
    def __init__(self, kind, nfeatures, names):
        self.kind = kind		# 'linear' or 'tree'
        self.nfeatures = nfeatures
        self.names = names		# None, or the stored names

    def pred_names(self):
        if self.kind == 'tree':
            return ['leaf_%d' % k for k in range(self.nfeatures)]
        if self.nfeatures == 1:
            return ['margin']
        return ['margin_%d' % k for k in range(self.nfeatures)]

    def predict(self, feats):
        """The instrument's output for the features of a good row."""
        out = []
        for kind, v in feats:
            if self.kind == 'linear':
                # 0 + x*1 + sum x_j*0: -0 becomes 0, missing adds nothing.
                out.append(0.0 if kind == 'missing' else v + 0.0)
            elif kind == 'missing':
                out.append(float(LEAF_MISSING))
            else:
                out.append(float(LEAF_BELOW if v < THRESHOLD32
                                 else LEAF_ABOVE))
        return out

    def json(self):
        names = [n.encode('latin-1').decode('utf-8')
                 for n in self.names or []]
        if self.kind == 'linear':
            booster = linear_booster(self.nfeatures)
            F = self.nfeatures
            ncls = str(F if F > 1 else 0)
            obj = ({'name': 'multi:softprob',
                    'softmax_multiclass_param': {'num_class': str(F)}}
                   if F > 1 else
                   {'name': 'reg:squarederror',
                    'reg_loss_param': {'scale_pos_weight': '1'}})
        else:
            booster = tree_booster(self.nfeatures)
            ncls = '0'
            obj = {'name': 'reg:squarederror',
                   'reg_loss_param': {'scale_pos_weight': '1'}}
        return json.dumps({
            'learner': {
                'attributes': {},
                'feature_names': names,
                'feature_types': ['float'] * len(names),
                'gradient_booster': booster,
                'learner_model_param': {
                    'base_score': '0E0', 'boost_from_average': '0',
                    'num_class': ncls,
                    'num_feature': str(self.nfeatures),
                    'num_target': '1'},
                'objective': obj},
            'version': [1, 7, 4]})


def linear_booster(F):
    """gblinear: weights[i * F + g] is feature i's weight in output g, then
    F biases; the identity, biases 0."""
    w = [1.0 if i == g else 0.0 for i in range(F) for g in range(F)]
    return {'model': {'boosted_rounds': 1, 'weights': w + [0.0] * F},
            'name': 'gblinear'}


def tree_booster(F):
    """gbtree: tree k, node 0 splits feature k at 1e30 (missing left), node
    1 again (missing right); leaves 2 (>= 1e30), 3 (< 1e30), 4 (missing)."""
    trees = []
    for k in range(F):
        trees.append({
            'base_weights': [0.0] * 5, 'categories': [],
            'categories_nodes': [], 'categories_segments': [],
            'categories_sizes': [], 'default_left': [1, 0, 0, 0, 0],
            'id': k, 'left_children': [1, 3, -1, -1, -1],
            'loss_changes': [0.0] * 5,
            'parents': [2147483647, 0, 0, 1, 1],
            'right_children': [2, 4, -1, -1, -1],
            'split_conditions': [THRESHOLD, THRESHOLD, 0.25, 0.5, 0.75],
            'split_indices': [k, k, 0, 0, 0], 'split_type': [0] * 5,
            'sum_hessian': [1.0] * 5,
            'tree_param': {'num_deleted': '0', 'num_feature': str(F),
                           'num_nodes': '5', 'size_leaf_vector': '0'}})
    return {'model': {'gbtree_model_param': {
        'num_parallel_tree': '1', 'num_trees': str(F),
        'size_leaf_vector': '0'},
        'tree_info': [0] * F, 'trees': trees}, 'name': 'gbtree'}


def encode_field(f, D):
    """A kept field as written: quoted, quotes doubled, when it holds the
    output delimiter, a quote, CR or LF, or starts or ends with a space or
    tab."""
    if (D in f or '"' in f or '\r' in f or '\n' in f or
            (f and (f[0] in ' \t' or f[-1] in ' \t'))):
        return '"' + f.replace('"', '""') + '"'
    return f


class Line:
    """One expected output line: the fields before the predictions and
    their exact text (None when not known), and the predictions (None for
    a line of nan)."""

    def __init__(self, row, prefix, prefix_text, preds):
        self.row = row
        self.prefix = prefix
        self.prefix_text = prefix_text
        self.preds = preds


def read_tables(case):
    """The Table of each input, or None if the input cannot be scored."""
    try:
        return [Table(name, data, case.opts, case.model)
                for name, data in case.inputs()]
    except SetupError:
        if len(case.files) > 1:
            raise Unsupported('setup error with several inputs')
        return None


class Expected:
    """The oracle's answer for one case and one --on-error policy: the
    output lines, the rows reported, the exit status."""

    def __init__(self, case, policy, tables=None):
        opts, model = case.opts, case.model
        self.policy = policy
        self.header = None
        self.lines = []
        self.reported = []		# rows reported on stderr
        self.status = 0
        self.setup_error = False
        if tables is None:
            tables = read_tables(case)
        if tables is None:
            self.setup_error = True
            self.status = 1
            return
        t0 = tables[0] if tables else None
        D = opts.out_delim or (t0.delim if t0 else opts.delim or ',')
        self.D = D
        if opts.H:
            self.header = self.header_line(t0, D, opts, model)
        for t in tables:
            for r in t.rows:
                if r.bad:
                    self.reported.append(r)
                    if policy == 'fail':
                        self.status = 1
                        return
                    if policy == 'skip':
                        continue
                self.lines.append(self.line(t, r, D, opts, model))

    def header_line(self, t, D, opts, model):
        """(prefix fields or None if unknown, prefix text, pred names)."""
        prefix, text = [], ''
        if t is None or t.line1 is None:
            if opts.a or any(it[0] != 'num' for it in opts.k or []):
                return (None, None, model.pred_names())
            if opts.k:
                prefix = ['column_%d' % it[1] for it in opts.k]
                text = D.join(prefix)
        elif opts.a:
            if not t.header:
                prefix = ['column_%d' % (c + 1) for c in range(t.ncols)]
                text = D.join(prefix)
            elif D == t.delim:
                prefix, text = t.line1.fields, t.line1.raw
            else:
                prefix = t.line1.fields
                text = D.join(encode_field(f, D) for f in prefix)
        elif opts.k:
            if t.header:
                prefix = [t.line1.fields[c] for c in t.keep]
            else:
                prefix = ['column_%d' % (c + 1) for c in t.keep]
            text = D.join(encode_field(f, D) for f in prefix)
        return (prefix, text, model.pred_names())

    def line(self, t, r, D, opts, model):
        fields = r.rec.fields
        if opts.k:
            prefix = [fields[c] if c < len(fields) else '' for c in t.keep]
            text = D.join(encode_field(f, D) for f in prefix)
        elif opts.a:
            if not r.bad and D == t.delim:
                prefix, text = fields, r.rec.raw
            else:
                prefix = (fields + [''] * t.ncols)[:t.ncols]
                text = D.join(encode_field(f, D) for f in prefix)
        else:
            prefix, text = [], ''
        preds = None if r.bad else model.predict(r.feats)
        return Line(r, prefix, text, preds)


# ---------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------

class Opts:
    """xgbp's options for a case, rendered by argv()."""

    def __init__(self):
        self.delim = None		# None: detect
        self.delim_spelling = None
        self.out_delim = None
        self.out_spelling = None
        self.header = None
        self.f = self.x = self.k = None
        self.a = self.H = self.q = self.v = False
        self.j = 1
        self.on_error = None		# None: the default, fail
        self.na = None
        self.missing = None
        self.mode = '--margin'

    @property
    def policy(self):
        return self.on_error or 'fail'

    def argv(self, policy=None, jobs=None):
        a = ['-m', 'model.json', self.mode]
        if self.delim is not None:
            a += self.delim_spelling
        if self.out_delim is not None:
            a += ['-D', self.out_spelling]
        if self.header is True:
            a.append('--header')
        elif self.header is False:
            a.append('--no-header')
        for flag, items in (('-f', self.f), ('-x', self.x), ('-k', self.k)):
            if items is not None:
                a += [flag, render_list(items)]
        for flag in ('a', 'H', 'q', 'v'):
            if getattr(self, flag):
                a.append('-' + flag)
        a += ['-j', str(jobs or self.j)]
        policy = policy or self.on_error
        if policy is not None:
            a += ['--on-error', policy]
        if self.na is not None:
            a += ['--na', ','.join(self.na)]
        if self.missing is not None:
            a.append('--missing=' + self.missing)
        return a


def render_list(items):
    out = []
    for it in items:
        if it[0] == 'num':
            out.append(str(it[1]))
        elif it[0] == 'range':
            out.append('%d-%s' % (it[1], '' if it[2] is None else it[2]))
        else:
            s = it[1]
            if ',' in s or NUMBER_RE.match(s):
                s = '"' + s + '"'
            out.append(s)
    return ','.join(out)


# ---------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------

# Numbers of many forms, all in the grammar, as the generator expects them
# to read: a value (num), missing (miss), or a bad value (bad: infinity,
# or too large for a float).  Elsewhere "?" marks a field whose fate the
# generator leaves to the oracle alone.
SPECIAL_NUMBERS = [
    ('0', 'num'), ('-0', 'num'), ('+0.0', 'num'), ('.0', 'num'),
    ('0.', 'num'), ('-.5', 'num'), ('+.5e1', 'num'), ('5.', 'num'),
    ('5.e3', 'num'), ('1E5', 'num'), ('1e-5', 'num'), ('007', 'num'),
    ('12345678901234567890123', 'num'), ('0.1', 'num'),
    ('3.14159265358979323846264338', 'num'), ('16777217', 'num'),
    ('9007199254740993', 'num'), ('1e-40', 'num'), ('1.4e-45', 'num'),
    ('1e-45', 'num'), ('7e-46', 'num'), ('1e-46', 'num'),
    ('4.9e-324', 'num'), ('1.17549435e-38', 'num'),
    ('3.4028235e38', 'num'), ('-3.4028234663852886e+38', 'num'),
    ('3.40282356e38', 'num'), ('3.4028236e38', 'bad'), ('1e39', 'bad'),
    ('-1e39', 'bad'), ('1e400', 'bad'), ('1e30', 'num'), ('1E+30', 'num'),
    ('9.99999e29', 'num'), ('1.0000001e30', 'num'), ('2e30', 'num'),
    ('inf', 'bad'), ('-Infinity', 'bad'), ('+INF', 'bad'),
    ('nan', 'miss'), ('NAN', 'miss'), ('-nan', 'miss'), ('+NaN', 'miss'),
    ('00000000000000000000000001.5', 'num'), ('1' + '0' * 39, 'bad'),
    ('0.' + '0' * 50 + '1', 'num'),
]

BAD_TEXT = [
    'abc', 'x', '1x', 'x1', '1.2.3', '--1', '+-1', '1e', 'e5', '.', '+',
    '-', '0x1A', '0x10', '1_000', '1e5.5', 'infinit', 'nanx', 'in f',
    '1 2', '\u0661\u0662', '\u00ff', ' ', '   ', '1e+', '.e1', 'e', 'N A',
    ' NA', 'NA ', 'Null', 'none', 'true', '3"5', '1,5', '1;5', '1|5',
    '1\n', '\r\n2', '2\r', 'é', '1 .5', '- 1', '1e 5', 'NaN(1)', '0b1',
    '1.5f', '1d', '\t', ' \t ',
]

KEY_TEXT = [
    'id1', 'a b', ' lead', 'trail ', ' both ', '"q"', 'say "hi"', '3"5',
    'a""b', 'x,y', 'x;y', 'x|y', 'tab\there', 'line\nbreak', 'cr\rx',
    'crlf\r\nx', 'é', 'naïve', '', '  ', 'NA', '12', '-3.5', '"', '""',
    ',', '\t', ' "a"', 'end"', '\r\n', '\n\n', 'x ,y', 'Ünï cødé',
]

NAME_POOL = [
    'id', 'key', 'name', 'my col', 'x', 'y', 'z', 'f 1', 'weight', 'é',
    'naïve', 'a,b', 'left ', ' right', 'q"t', 'age', 'b c', 'city',
    'col;2', 'p|q', 'tab\tname', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7',
    'v8', 'score', 'label', 'Ünï',
]

CUSTOM_NA = [['-'], ['NA', '-'], ['?'], ['x', 'none'], ['-1'], [' NA'],
             ['NULL', 'N/A', 'missing'], ['#N/A'], ['.']]

MISSING_VALUES = {
    '-999': [('-999', 'miss'), ('-999.0', 'miss'), ('-9.99e2', 'miss'),
             (' -999 ', 'miss'), ('-999.00001', '?'), ('999', 'num')],
    '0': [('0', 'miss'), ('-0', 'miss'), ('0.0', 'miss'), ('0e5', 'miss'),
          ('.0', 'miss'), ('1e-50', 'miss'), ('1e-45', 'num')],
    '1.5': [('1.5', 'miss'), ('15e-1', 'miss'), ('1.50000001', '?'),
            ('+1.5', 'miss'), ('1.51', 'num')],
    '-1': [('-1', 'miss'), ('-1.', 'miss'), ('-1e0', 'miss'), ('1', 'num')],
    '1e10': [('1e10', 'miss'), ('10000000000', 'miss'),
             ('10000000001', '?')],
}


def utf8(s):
    """Text as its UTF-8 bytes, one char per byte (as the oracle reads)."""
    return s.encode('utf-8').decode('latin-1')


class GenRecord:
    """What the generator meant: a record's first line, fields, kind."""

    def __init__(self, line, raw, fields, kind):
        self.line = line
        self.raw = raw
        self.fields = fields
        self.kind = kind		# good, blank, after-quote, unterminated


class GenFile:
    def __init__(self, name):
        self.name = name		# operand; '-' is stdin
        self.data = b''
        self.gz = False
        self.records = []		# GenRecord, blank lines included
        self.rows = []			# (line, 'good' | 'bad' | '?')
        self.header = False


class Case:
    def __init__(self, seed, index):
        self.seed = seed
        self.index = index
        self.opts = Opts()
        self.model = None
        self.files = []			# GenFile
        self.stdin_file = None		# the GenFile read from stdin
        self.operands = []
        self.featcols = None
        self.big = False

    def inputs(self):
        """(name as in messages, bytes) of each input, in order."""
        for f in self.files:
            data = gzip.decompress(f.data) if f.gz else f.data
            yield ('<stdin>' if f.name == '-' else f.name), data


class Gen:
    """Makes one case from its own random generator."""

    def __init__(self, rng, case):
        self.r = rng
        self.c = case

    def chance(self, p):
        return self.r.random() < p

    # --- values ---

    def number(self):
        r = self.r
        x = r.random()
        if x < 0.25:
            t, cat = r.choice(SPECIAL_NUMBERS)
        elif x < 0.45:
            t, cat = str(r.randint(-1000, 1000)), 'num'
            if self.chance(0.1):
                t = '+' + t.lstrip('-')
        elif x < 0.65:
            t = '%.*f' % (r.randint(0, 6), r.uniform(-1000, 1000))
            if self.chance(0.2) and re.match('-?0[.]', t):
                t = t.replace('0.', '.', 1)
            cat = 'num'
        elif x < 0.8:
            t = repr(to_f32(r.uniform(-1, 1) * 10 ** r.randint(-30, 30)))
            cat = 'num'
        else:
            e = r.randint(-50, 45)
            t = '%s%de%s%d' % (r.choice(['', '-', '+']), r.randint(1, 9),
                               r.choice(['', '+']) if e >= 0 else '', e)
            cat = 'num' if -37 <= e <= 37 else '?'
        if self.chance(0.12):
            t = self.pad(t)
        return t, cat

    def pad(self, t):
        ws = ' ' if self.delim == '\t' else ' \t'
        r = self.r
        return (''.join(r.choice(ws) for _ in range(r.randint(0, 2))) + t +
                ''.join(r.choice(ws) for _ in range(r.randint(0, 2))))

    def missing(self):
        o = self.c.opts
        r = self.r
        x = r.random()
        if x < 0.35:
            return '', 'miss'
        if x < 0.45:
            return r.choice(['nan', 'NaN', 'NAN', ' nan ']), 'miss'
        if o.missing is not None and x < 0.75:
            return r.choice(MISSING_VALUES[o.missing])
        if o.na is not None:
            if x < 0.9:
                return r.choice(o.na), 'miss'
            t = r.choice(DEFAULT_NA)
            return t, 'miss' if t in o.na or t.lower() == 'nan' else 'bad'
        return r.choice(DEFAULT_NA), 'miss'

    def bad(self):
        r = self.r
        if self.chance(0.2):
            t, cat = r.choice([s for s in SPECIAL_NUMBERS if s[1] == 'bad'])
            return t, cat
        t = utf8(r.choice(BAD_TEXT))
        if self.c.opts.na is not None and t in self.c.opts.na:
            return 'abc', 'bad'
        return t, 'bad'

    def feature(self, bad=False):
        if bad:
            return self.bad()
        if self.chance(0.25):
            return self.missing()
        return self.number()

    def key(self):
        r = self.r
        if self.chance(0.3):
            return self.number()[0]
        if self.chance(0.3):
            return 'id%d' % r.randint(0, 99999)
        return utf8(r.choice(KEY_TEXT))

    # --- fields and records ---

    def encode(self, t, noquote=False):
        """The raw text of a field holding t."""
        d = self.delim
        must = d in t or '\r' in t or '\n' in t or t.startswith('"')
        if noquote:
            assert not must and '"' not in t
            return t
        if must or self.chance(0.15):
            return '"' + t.replace('"', '""') + '"'
        return t

    def safe(self, t):
        """Whether t can be written without any quote character."""
        return not (self.delim in t or '\r' in t or '\n' in t or '"' in t)

    def line_end(self):
        st = self.eol_style
        if st == 'mixed':
            e = self.r.choice(['\n', '\r\n', '\r'])
        else:
            e = st
        return e

    def count_lines(self, s):
        return len(re.findall('\r\n|\r|\n', s))

    def emit(self, raw, fields, kind, eol=None):
        """Append a record's raw text and its line end to the file."""
        if eol is None:
            eol = self.line_end()
        if raw == '' and self.last_eol == '\r' and eol == '\n':
            eol = '\r\n' if self.chance(0.5) else '\r'
        if raw == '' or raw.strip(' ' if self.delim == '\t' else ' \t') \
                == '':
            if kind == 'good':
                kind = 'blank'
        rec = GenRecord(self.lineno, raw, fields, kind)
        self.f.records.append(rec)
        self.last_raw = raw
        self.text.append(raw + eol)
        self.last_eol = eol
        self.lineno += self.count_lines(raw + eol)
        return rec

    def blank_lines(self):
        while self.chance(self.blank_rate):
            ws = ' ' if self.delim == '\t' else ' \t'
            raw = ''.join(self.r.choice(ws)
                          for _ in range(self.r.choice([0, 0, 1, 3])))
            self.emit(raw, None, 'blank')
            if self.c.ncols == 1 and self.line1_done:
                self.f.rows.append((self.f.records[-1].line,
                                    'good' if raw == '' else 'bad'))

    def record_fields(self, kind, noquote):
        """Field texts, raw texts, and whether the row is bad (or '?')."""
        c = self.c
        texts, cats = [], []
        badcols = set()
        if kind == 'value':
            fc = [col for col in c.featcols]
            badcols = set(self.r.sample(fc, self.r.randint(1, min(2,
                                                                  len(fc)))))
        for col, role in enumerate(c.roles):
            if role == 'feat':
                t, cat = self.feature(col in badcols)
            elif role == 'trail':
                t, cat = '', 'key'
            else:
                t, cat = self.key(), 'key'
            if noquote and not self.safe(t):
                t, cat = ('1', 'num') if role == 'feat' else ('k', 'key')
            texts.append(t)
            cats.append(cat)
        raws = [self.encode(t, noquote) for t in texts]
        state = 'good'
        for col, cat in zip(c.featcols, [cats[col] for col in c.featcols]):
            if cat == 'bad':
                state = 'bad'
            elif cat == '?' and state == 'good':
                state = '?'
        return texts, raws, state

    def data_record(self, noquote):
        """One data record of a random kind."""
        r = self.r
        c = self.c
        kinds = ['good']
        if self.bad_rate and self.chance(self.bad_rate):
            kinds = ['count', 'value'] + ([] if noquote else ['after'])
        kind = r.choice(kinds)
        texts, raws, state = self.record_fields(kind, noquote)
        if kind == 'good' and self.chance(0.04):
            # All fields empty: ",,," or tabs only, a row of missing values.
            texts, raws, state = [''] * len(texts), [''] * len(raws), 'good'
        reckind = 'good'
        if kind == 'count':
            n = len(raws)
            if self.chance(0.5) and n > 1:
                m = r.randint(1, n - 1)
                texts, raws = texts[:m], raws[:m]
            else:
                m = r.randint(1, 2)
                for _ in range(m):
                    t = '' if self.chance(0.5) else self.key()
                    if noquote and not self.safe(t):
                        t = 'k'
                    texts.append(t)
                    raws.append(self.encode(t, noquote))
            state = 'bad'
        elif kind == 'after':
            col = r.randrange(len(raws))
            # Never a quote first (that would be a doubled quote), nor a
            # delimiter.
            junk = r.choice(['x', ' ', '1', 'a"b', ' "', 'z z'])
            raws[col] = '"' + texts[col].replace('"', '""') + '"' + junk
            texts[col] = texts[col] + junk
            reckind = 'after-quote'
            state = 'bad'
        raw = self.delim.join(raws)
        rec = self.emit(raw, texts, reckind)
        if rec.kind == 'blank':
            if c.ncols == 1:
                self.f.rows.append((rec.line, state))
        else:
            self.f.rows.append((rec.line, state))

    def unterminated_record(self):
        """A record with an opening quote never closed: its record ends at
        the first line end after it."""
        r = self.r
        texts, raws, _ = self.record_fields('good', False)
        m = r.randint(0, len(raws) - 1)
        tail = ''.join(r.choice('abc 12.' + self.delim)
                       for _ in range(r.randint(0, 8)))
        raws = raws[:m] + ['"' + tail]
        texts = texts[:m] + [tail]
        raw = self.delim.join(raws)
        eol = self.line_end()
        rec = self.emit(raw, texts, 'unterminated', eol)
        self.f.rows.append((rec.line, 'bad'))

    def header_record(self):
        """The header line; a data row when --no-header says so, or when
        all its names are numbers and no --header says otherwise."""
        c = self.c
        raws = [self.encode(t) for t in c.header_names]
        rec = self.emit(self.delim.join(raws), list(c.header_names), 'good')
        if c.list_names is None and c.header_kind != 'badheader':
            self.f.rows.append((rec.line, 'good' if c.header_kind ==
                                'numeric' else 'bad'))

    def first_data_record(self):
        """Line 1 when it is data: a good row, not blank, and not holding
        every name of a model that stores names (it would be a header)."""
        c = self.c
        ws = ' ' if self.delim == '\t' else ' \t'
        for _ in range(100):
            texts, raws, state = self.record_fields('good', False)
            raw = self.delim.join(raws)
            if state != 'good' or raw.strip(ws) == '':
                continue
            if c.model.names is not None and all(
                    n in texts for n in c.model.names):
                continue
            break
        else:
            raise Unsupported('no first line found')
        rec = self.emit(raw, texts, 'good')
        self.f.rows.append((rec.line, 'good'))

    def make_file(self, name, with_header):
        c = self.c
        r = self.r
        self.f = f = GenFile(name)
        f.header = with_header
        self.text = []
        self.last_eol = None
        self.last_raw = None
        self.lineno = 1
        self.line1_done = False
        self.eol_style = r.choice(['\n', '\n', '\r\n', '\r', 'mixed',
                                   'mixed'])
        self.blank_rate = r.choice([0, 0, 0.1, 0.3])
        self.bad_rate = r.choice([0, 0, 0.05, 0.15, 0.4])
        x = r.random()
        nrec = 0 if x < 0.06 else r.randint(1, 5) if x < 0.35 else \
            r.randint(6, 30)
        if c.big:
            nrec = r.randint(40000, 100000)
            self.blank_rate = min(self.blank_rate, 0.1)
        if c.must_have_rows and nrec == 0 and not with_header:
            nrec = 1
        unterminated = None
        if nrec >= 1 and self.chance(c.unterminated_rate):
            # In a big input, early: the rest spans chunks.
            unterminated = r.randrange(min(nrec, 2000 if c.big else nrec))
        if not c.no_leading_blanks:
            self.blank_lines()
        if with_header:
            self.header_record()
            self.line1_done = True
        elif nrec > 0:
            self.first_data_record()
            self.line1_done = True
            nrec -= 1
            if unterminated is not None:
                unterminated = max(0, unterminated - 1)
        noquote = False
        for i in range(nrec):
            self.blank_lines()
            if i == unterminated:
                self.unterminated_record()
                noquote = True
            else:
                self.data_record(noquote)
        if self.chance(0.6):
            self.blank_lines()
        full = text = ''.join(self.text)
        if self.chance(0.25):
            # No final line end; an empty last line without its line end
            # is no line at all.
            text = strip_line_end(text)
            if f.records and self.last_raw == '' and text != full:
                dropped = f.records.pop()
                if f.rows and f.rows[-1][0] == dropped.line:
                    f.rows.pop()
        data = text.encode('latin-1')
        if self.chance(0.12):
            data = BOM + data
        f.data = data
        if name != '-' and self.chance(0.05):
            f.data = gzip.compress(data, mtime=0)
            f.gz = True
        return f

    # --- the layout of columns and the options ---

    def layout(self):
        c = self.c
        r = self.r
        o = c.opts
        M = r.choice([1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8])
        named = self.chance(0.4)
        trail = M >= 2 and self.chance(0.2)
        scheme = 'names' if named and self.chance(0.7) else \
            r.choice(['all', 'all', 'x', 'f']) if M >= 2 else 'all'
        roles = ['key'] * M
        if trail:
            roles[-1] = 'trail'
        header_names = None
        header_kind = 'none'
        if scheme == 'names':
            F = r.randint(1, min(M, 8))
            numeric = self.chance(0.2)
            cols = sorted(r.sample(range(M), F))
            if not numeric:
                r.shuffle(cols)
            names = [str(i) for i in range(F)] if numeric else \
                [utf8(n) for n in r.sample(NAME_POOL, F)]
            header_names = [None] * M
            for k, col in enumerate(cols):
                roles[col] = 'feat'
                header_names[col] = names[k]
            featcols = cols
            header_kind = 'names'
        else:
            if scheme == 'all':
                featcols = list(range(M))
            elif scheme == 'x':
                nx = r.randint(1, M - 1)
                ex = sorted(r.sample(range(M), nx))
                featcols = [col for col in range(M) if col not in ex]
            else:
                F = r.randint(1, min(M, 8))
                featcols = r.sample(range(M), F)
            featcols = featcols[:8]
            if scheme == 'all' and len(featcols) < M:
                scheme = 'x'
            for col in featcols:
                roles[col] = 'feat'
            names = None
            if named:
                names = [utf8(n) for n in r.sample(NAME_POOL,
                                                   len(featcols))]
            header_kind = r.choice(['none', 'none', 'text', 'text',
                                    'numeric'])
            if named:
                # (-f with a header and names: see the report, ambiguous.)
                header_kind = 'badheader' if scheme != 'f' and \
                    self.chance(0.1) else 'none'
        if trail and roles[-1] != 'trail':
            trail = False
        c.ncols = M
        c.roles = roles
        c.featcols = featcols
        c.scheme = scheme
        c.model = Model(r.choice(['linear', 'linear', 'tree']),
                        len(featcols), names)
        o.mode = '--margin' if c.model.kind == 'linear' else '--leaf'
        # Header names for every column.
        if header_kind != 'none':
            pool = [utf8(n) for n in NAME_POOL
                    if utf8(n) not in (names or [])]
            r.shuffle(pool)
            hn = header_names or [None] * M
            for col in range(M):
                if hn[col] is None:
                    if roles[col] == 'trail':
                        hn[col] = ''
                    elif header_kind == 'numeric':
                        hn[col] = str(col + 1)
                    else:
                        hn[col] = pool.pop()
            na = DEFAULT_NA if o.na is None else o.na
            if header_kind == 'text' and all(
                    NUMBER_RE.match(hn[col]) or hn[col] in na
                    for col in featcols):
                hn[featcols[0]] = 'feature a'	# text: a header
            if header_kind == 'badheader':
                # Every name but one, which differs by a space or is not
                # there at all: an error, nothing written.
                for k, col in enumerate(featcols):
                    hn[col] = names[k]
                hn[featcols[0]] = r.choice([pool.pop(), ' ' + names[0],
                                            names[0] + ' '])
            header_names = hn
        c.header_names = header_names
        c.header_kind = header_kind
        # Header present in the file, and --header/--no-header.
        c.has_header = header_kind != 'none'
        if c.has_header and self.chance(0.15) and header_kind != 'badheader':
            o.header = True
        elif not c.has_header and self.chance(0.15):
            o.header = False
        elif header_kind == 'numeric':
            # Without --header, a line of numbers is data.
            o.header = True if self.chance(0.5) else None
        elif c.has_header and header_kind == 'text' and names is None and \
                self.chance(0.03):
            o.header = False	# the header line becomes a data row
        # The names lists may use: those of a line 1 that is a header.
        c.list_names = header_names if c.has_header and \
            o.header is not False and header_kind != 'badheader' and \
            (header_kind != 'numeric' or o.header) else None
        # Which columns are features, by option.
        if scheme == 'x':
            ex = [col for col in range(M) if col not in featcols]
            r.shuffle(ex)
            o.x = self.col_list(ex, c.list_names)
        elif scheme == 'f':
            o.f = self.col_list(featcols, c.list_names)
        elif scheme == 'names' and M > len(featcols) and self.chance(0.2):
            others = [col for col in range(M) if col not in featcols]
            o.x = self.col_list(r.sample(others, r.randint(1, len(others))),
                                c.list_names)

    def col_list(self, cols, header_names):
        """A column list naming cols in order: numbers, ranges (backwards
        too, or open to the last column), names (if header_names)."""
        items = []
        i = 0
        cols = list(cols)
        while i < len(cols):
            col = cols[i]
            j = i
            for step in (1, -1):
                while j + 1 < len(cols) and cols[j + 1] == cols[j] + step:
                    j += 1
                if j > i:
                    break
            if j > i and self.chance(0.6):
                b = cols[j] + 1
                if b == self.c.ncols and b > col + 1 and self.chance(0.4):
                    b = None
                items.append(('range', col + 1, b))
                i = j + 1
                continue
            name = header_names[col] if header_names else None
            if name is not None and self.listable(name, header_names) and \
                    self.chance(0.4):
                items.append(('name', name))
            else:
                items.append(('num', col + 1))
            i += 1
        return items

    def listable(self, name, header_names):
        return (name != '' and '"' not in name and
                name == name.strip(' \t') and
                '-' not in name and header_names.count(name) == 1 and
                '\t' not in name and '\r' not in name and '\n' not in name)

    def options(self):
        c = self.c
        r = self.r
        o = c.opts
        x = r.random()
        if x < 0.35:
            cols = r.sample(range(c.ncols), r.randint(1, min(3, c.ncols)))
            if self.chance(0.3):
                cols = sorted(cols)
            o.k = self.col_list(cols, c.list_names)
        elif x < 0.65:
            o.a = True
        o.H = self.chance(0.3)
        if self.chance(0.3):
            o.out_delim = r.choice([',', '\t', ';', '|'])
            o.out_spelling = {'\t': r.choice(['tab', '\\t'])}.get(
                o.out_delim, o.out_delim)
        o.j = r.randint(1, 4)
        o.on_error = r.choice([None, 'fail', 'skip', 'skip', 'nan', 'nan'])
        o.q = self.chance(0.2)
        o.v = self.chance(0.05)

    def value_options(self):
        o = self.c.opts
        if self.chance(0.15):
            o.na = list(self.r.choice(CUSTOM_NA))
        if self.chance(0.15):
            o.missing = self.r.choice(sorted(MISSING_VALUES))

    def delimiter(self):
        r = self.r
        self.delim = r.choice([',', ',', ',', '\t', '\t', ';', '|'])

    def spell_delimiter(self, detect):
        o = self.c.opts
        d = self.delim
        if detect and d in ',\t':
            o.delim = None
            return
        o.delim = d
        if d == '\t':
            o.delim_spelling = self.r.choice([['-t'], ['-d', 'tab'],
                                              ['-d', '\\t'], ['--tsv']])
        else:
            o.delim_spelling = self.r.choice([['-d', d],
                                              ['--delimiter=' + d]])


def make_case(seed, index, big=False, invariant=False):
    """The case of that seed and index, the same on every machine."""
    rng = random.Random('%s:%d' % (seed, index))
    c = Case(seed, index)
    c.big = big
    g = Gen(rng, c)
    g.delimiter()
    g.value_options()
    g.layout()
    if not big:
        g.options()
    if invariant:
        # One output line is one physical line: no -a or -k.
        c.opts.a, c.opts.k = False, None
    nfiles = 1 if big or rng.random() < 0.85 or \
        c.header_kind == 'badheader' else rng.randint(2, 3)
    detect = nfiles == 1 and rng.random() < 0.25
    c.no_leading_blanks = detect
    c.unterminated_rate = 0.5 if big else 0.12
    c.must_have_rows = False
    stdin_at = None
    if rng.random() < 0.3:
        stdin_at = rng.randrange(nfiles)
    for i in range(nfiles):
        name = '-' if i == stdin_at else 'in%d.%s' % (
            i + 1, 'tsv' if g.delim == '\t' else 'csv')
        c.must_have_rows = i == 0 and c.opts.H and nfiles > 1
        f = g.make_file(name, c.has_header)
        c.files.append(f)
        if name == '-':
            c.stdin_file = f
    # Detection only where the spec decides it: line 1 is the first
    # physical line, and no quote follows the other candidate delimiter.
    if detect:
        f = c.files[0]
        text = rule_bom(gzip.decompress(f.data) if f.gz else f.data)
        raw = f.records[0].raw if f.records else ''
        detect = '\r' not in raw and '\n' not in raw and \
            ('\t"' if g.delim == ',' else ',"') not in raw and \
            rule_detect_delimiter(text.decode('latin-1'),
                                  c.model.names) == g.delim
    g.spell_delimiter(detect)
    # The operands: stdin as '-', or as no operand at all.
    ops = [f.name for f in c.files]
    if ops == ['-'] and rng.random() < 0.5:
        ops = []
    c.operands = ops
    return c


# ---------------------------------------------------------------------
# Running and checking
# ---------------------------------------------------------------------

def write_case(c, d):
    """Write the case's model and input files into directory d."""
    with open(os.path.join(d, 'model.json'), 'w') as fp:
        fp.write(c.model.json())
    for f in c.files:
        if f.name != '-':
            with open(os.path.join(d, f.name), 'wb') as fp:
                fp.write(f.data)
    if c.stdin_file is not None:
        with open(os.path.join(d, 'stdin'), 'wb') as fp:
            fp.write(c.stdin_file.data)


def argv_bytes(args):
    return [a.encode('latin-1') if isinstance(a, str) else a for a in args]


def run_xgbp(xgbp, argv, cwd, stdin, pieces=None):
    """Run xgbp; return (status, stdout, stderr), status None on timeout.
    With pieces (a Random), stdin is written in small pieces."""
    p = subprocess.Popen([xgbp.encode()] + argv_bytes(argv), cwd=cwd,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    if pieces is None:
        try:
            out, err = p.communicate(stdin or b'', timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            return None, b'', b'timeout'
        return p.returncode, out, err

    # The pipe is the feeder thread's alone: communicate() reads only.
    pipe, p.stdin = p.stdin, None
    sizes = [pieces.randint(1, 70000) for _ in range(len(stdin) // 20000 +
                                                     2)]

    def feed():
        i = k = 0
        try:
            while i < len(stdin):
                n = sizes[k % len(sizes)]
                k += 1
                pipe.write(stdin[i:i + n])
                pipe.flush()
                i += n
                if k % 7 == 0:
                    time.sleep(0.001)
        except BrokenPipeError:
            pass
        finally:
            try:
                pipe.close()
            except BrokenPipeError:
                pass
    t = threading.Thread(target=feed)
    t.start()
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        t.join()
        return None, b'', b'timeout'
    t.join()
    return p.returncode, out, err


def command_line(c, xgbp, argv):
    cmd = ' '.join(shlex.quote(a) for a in [xgbp] + argv + c.operands)
    if c.stdin_file is not None:
        cmd += ' <stdin'
    return cmd


class Mismatch(Exception):
    def __init__(self, kind, detail):
        Exception.__init__(self, '%s: %s' % (kind, detail))
        self.kind = kind


def short(s, n=60):
    s = repr(s)
    return s if len(s) <= n else s[:n - 3] + '...'


def out_records(text, D):
    lines = split_lines(text)
    recs = []
    for fields, first, n, at_eof in py_records(lines, D):
        raw = ''.join(lines[first:first + n])
        recs.append((fields, raw, at_eof))
    return recs


def check_pred(text, want, where):
    """One prediction: reads back as the expected float32."""
    try:
        got = to_f32(float(text))
    except ValueError:
        raise Mismatch('value', '%s: %s is not a number' % (where,
                                                            short(text)))
    if want is None:
        if not math.isnan(got):
            raise Mismatch('nan-row', '%s: %s, expected nan' % (where, text))
        return
    if math.isnan(got) or f32_bits(got) != f32_bits(want):
        raise Mismatch('value', '%s: %s, expected %r' % (where, text, want))
    if math.isfinite(want) and digits(text) > shortest(want):
        raise Mismatch('format', '%s: %s is not the shortest text of %r' % (
            where, text, want))


def shortest(v):
    """An upper bound of the fewest significant digits that read back as
    float32 v: those of the nearest decimal of that many digits."""
    for p in range(1, 10):
        if to_f32(float('%.*e' % (p - 1, v))) == v:
            return p
    return 9


def digits(text):
    """The significant digits of a number written in decimal."""
    m = re.match(r'[+-]?([0-9]*)\.?([0-9]*)', text)
    d = (m.group(1) + m.group(2)).lstrip('0').rstrip('0')
    return max(len(d), 1)


def where(line):
    """The row of an output line, and its record."""
    return '%s:%d %s' % (line.row.name, line.row.line,
                         short(line.row.rec.raw, 50))


def check_output(exp, out, opts, model):
    D = exp.D
    text = out.decode('latin-1')
    if text and not text.endswith('\n'):
        raise Mismatch('output', 'no final newline')
    recs = out_records(text, D)
    npred = model.nfeatures
    if exp.header is not None:
        if not recs:
            raise Mismatch('header', 'no -H line')
        fields, raw, _ = recs.pop(0)
        prefix, ptext, pnames = exp.header
        if fields[len(fields) - len(pnames):] != pnames:
            raise Mismatch('header', '-H line %s, expected names %s' % (
                short(raw), pnames))
        if prefix is not None:
            want = ptext + (D if ptext or opts.a or opts.k else '') + \
                D.join(pnames) + '\n'
            if raw != want:
                raise Mismatch('header', '-H line %s, expected %s' % (
                    short(raw), short(want)))
    for i, line in enumerate(exp.lines):
        if i >= len(recs):
            raise Mismatch('lines', '%d lines, expected %d; first missing '
                           'is the row at %s' % (len(recs), len(exp.lines),
                                                 where(line)))
        fields, raw, _ = recs[i]
        w = where(line)
        np = len(line.prefix)
        if opts.a or opts.k:
            if fields[:np] != line.prefix or len(fields) != np + npred:
                raise Mismatch('fields', '%s: output %s, expected fields %s'
                               ' then %d predictions' % (
                                   w, short(raw), short(line.prefix), npred))
            head = line.prefix_text + D
            if not raw.startswith(head):
                raise Mismatch('quoting', '%s: output %s, expected it to '
                               'begin %s' % (w, short(raw), short(head)))
            preds = fields[np:]
        else:
            preds = fields
            if len(preds) != npred:
                raise Mismatch('fields', '%s: output %s, expected %d '
                               'predictions' % (w, short(raw), npred))
        if not raw.endswith('\n') or raw.endswith('\r\n'):
            raise Mismatch('output', '%s: line end of %s' % (w, short(raw)))
        for k, t in enumerate(preds):
            want = None if line.preds is None else line.preds[k]
            check_pred(t, want, w)
    if len(recs) > len(exp.lines):
        raise Mismatch('lines', '%d lines, expected %d; first extra: %s' % (
            len(recs), len(exp.lines), short(recs[len(exp.lines)][1])))


MSG_RE = re.compile(r'xgbp: (.*?):(\d+)(?::(\d+))?: (.*)\Z')


def check_reason(m, row):
    """The message m (a MSG_RE match) names row and one of its faults."""
    text = m.group(4)
    for reason in row.reasons:
        if reason[0] == 'count' and not row.rec.malformed:
            if '%d fields, expected %d' % reason[1:] in text:
                return
        elif reason[0] == 'value':
            if m.group(3) is not None and int(m.group(3)) in [
                    rr[1] for rr in row.reasons if rr[0] == 'value']:
                return
        elif reason[0] == 'after-quote':
            if 'text after a closing quote' in text:
                return
        elif reason[0] == 'unterminated':
            if 'unterminated quoted field' in text:
                return
    raise Mismatch('message', '%s:%d: %s, expected %s' % (
        row.name, row.line, short(m.group(0), 90),
        [r[0] for r in row.reasons]))


def check_stderr(exp, err, opts, nlines, reasons=True):
    lines = err.decode('latin-1').splitlines()
    if opts.v:
        vl = [s for s in lines if 'rows read' in s]
        lines = [s for s in lines if 'rows read' not in s]
        for s in vl:
            m = re.search(r'(\d+) written', s)
            if m and int(m.group(1)) != nlines:
                raise Mismatch('verbose', '%s, expected %d written' % (
                    s, nlines))
    policy = exp.policy
    if exp.setup_error or policy == 'fail':
        if exp.status == 0:
            if lines:
                raise Mismatch('stderr', 'unexpected %s' % short(lines[0]))
            return
        if len(lines) != 1:
            raise Mismatch('stderr', '%d lines on stderr, expected 1: %s' % (
                len(lines), short(lines[:3], 120)))
        if exp.setup_error:
            return
        m = MSG_RE.match(lines[0])
        row = exp.reported[0]
        if not m or m.group(1) != row.name or int(m.group(2)) != row.line:
            raise Mismatch('line-number', '%s, expected %s:%d' % (
                short(lines[0], 90), row.name, row.line))
        if reasons:
            check_reason(m, row)
        return
    n = len(exp.reported)
    count = []
    if n:
        if not lines:
            raise Mismatch('stderr', 'no count line for %d rows' % n)
        count = [lines.pop()]
        word = 'skipped' if policy == 'skip' else 'nan'
        if not re.search(r'\b%d\b' % n, count[0]) or word not in count[0]:
            raise Mismatch('stderr', 'count line %s, expected %d %s' % (
                short(count[0]), n, word))
    if opts.q:
        if lines:
            raise Mismatch('stderr', '-q, yet %s' % short(lines[0]))
        return
    if len(lines) != n:
        raise Mismatch('reported', '%d rows reported, expected %d (at %s)'
                       % (len(lines), n, ', '.join(
                           '%s:%d' % (r.name, r.line) for r in
                           exp.reported[:5])))
    for s, row in zip(lines, exp.reported):
        m = MSG_RE.match(s)
        if not m or m.group(1) != row.name or int(m.group(2)) != row.line:
            raise Mismatch('line-number', '%s, expected %s:%d' % (
                short(s, 90), row.name, row.line))
        if policy == 'skip' and not s.endswith(' (row skipped)'):
            raise Mismatch('stderr', '%s does not end " (row skipped)"' %
                           short(s, 90))
        if reasons:
            check_reason(m, row)


def check_run(exp, status, out, err, opts, model):
    if status is None:
        raise Mismatch('timeout', 'xgbp ran over 60 s')
    if status != exp.status:
        first = err.decode('latin-1').splitlines()[:1]
        raise Mismatch('status', 'exit %d, expected %d%s' % (
            status, exp.status, (': ' + short(first[0], 90)) if first
            else ''))
    if exp.setup_error:
        if out:
            raise Mismatch('output', 'wrote %s after a header error' %
                           short(out))
    else:
        check_output(exp, out, opts, model)
    check_stderr(exp, err, opts, len(exp.lines))


# ---------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------

class Worker:
    """Per process: a scratch directory and the run's settings."""
    dir = None
    settings = None


def worker_init(settings):
    Worker.settings = settings
    Worker.dir = tempfile.mkdtemp(dir=settings['scratch'])


def keep_case(c, argvs, keep):
    if c.seed == 'example':
        d = os.path.join(keep, 'example-%s' % c.rule)
    else:
        d = os.path.join(keep, 'case-%s-%d' % (c.seed, c.index))
    os.makedirs(d, exist_ok=True)
    write_case(c, d)
    with open(os.path.join(d, 'cmd'), 'w') as fp:
        for a in argvs:
            fp.write(command_line(c, 'xgbp', a) + '\n')
    return d


def run_main(c, s):
    """One case, its one set of options."""
    d = Worker.dir
    write_case(c, d)
    argv = c.opts.argv() + c.operands
    exp = Expected(c, c.opts.policy)
    stdin = c.stdin_file.data if c.stdin_file is not None else None
    status, out, err = run_xgbp(s['xgbp'], argv, d, stdin)
    check_run(exp, status, out, err, c.opts, c.model)


def run_invariant(c, s):
    """One input under each --on-error policy and -j 1 to 4, read from
    stdin in pieces now and then: one line per row, or per good row and
    each other reported; the same output whatever -j is."""
    d = Worker.dir
    write_case(c, d)
    stdin = c.stdin_file.data if c.stdin_file is not None else None
    rng = random.Random('%s:%d:pieces' % (c.seed, c.index))
    tables = read_tables(c)
    for policy in ('nan', 'skip', 'fail'):
        exp = Expected(c, policy, tables)
        first = None
        for j in (1, 2, 3, 4):
            a = c.opts.argv(policy, j)
            pieces = rng if stdin is not None and rng.random() < 0.5 \
                else None
            status, out, err = run_xgbp(s['xgbp'], a + c.operands, d, stdin,
                                        pieces)
            try:
                check_invariant(exp, status, out, err, c.opts)
                if first is None:
                    first = out
                elif out != first:
                    raise Mismatch('jobs', 'output of -j %d differs from '
                                   '-j 1' % j)
            except Mismatch as e:
                e.argv = a
                raise


def check_invariant(exp, status, out, err, opts):
    """The line count, where the nan lines are, the rows reported."""
    if status is None:
        raise Mismatch('timeout', 'xgbp ran over 60 s')
    if status != exp.status:
        first = err.decode('latin-1').splitlines()[:1]
        raise Mismatch('status', 'exit %d, expected %d%s' % (
            status, exp.status, (': ' + short(first[0], 90)) if first
            else ''))
    lines = out.split(b'\n')
    if lines[-1] != b'':
        raise Mismatch('output', 'no final newline')
    lines.pop()
    if exp.header is not None:
        if not lines:
            raise Mismatch('header', 'no -H line')
        lines.pop(0)
    want = [l.preds is None for l in exp.lines]
    got = [set(x.split(exp.D.encode('latin-1'))) == {b'nan'} for x in lines]
    if len(got) != len(want):
        raise Mismatch('lines', '%d lines, expected %d' % (len(got),
                                                          len(want)))
    if got != want:
        i = [a == b for a, b in zip(got, want)].index(False)
        raise Mismatch('nan-lines', 'line %d is%s nan, the row at %s' % (
            i + 1, '' if got[i] else ' not', where(exp.lines[i])))
    check_stderr(exp, err, opts, len(exp.lines), reasons=False)


def run_one(task):
    """Make, run and check one case, or one example (seed 'example');
    return (task, kind of failure or None, message)."""
    seed, index = task
    s = Worker.settings
    big = s['mode'] == 'invariant' and s['big_every'] and \
        index % s['big_every'] == s['big_every'] - 1
    try:
        if seed == 'example':
            c = example_case(index)
        else:
            c = make_case(seed, index, big, s['mode'] == 'invariant')
    except Unsupported as e:
        return (task, 'generator', 'generator: %s' % e)
    try:
        if s['mode'] == 'self-check':
            if seed == 'example':
                check_example_by_hand(index)
            else:
                self_check(c)
        elif s['mode'] == 'invariant':
            run_invariant(c, s)
        else:
            run_main(c, s)
        return (task, None, None)
    except Unsupported as e:
        return (task, 'oracle', 'oracle: unsupported case: %s' % e)
    except Mismatch as e:
        argv = getattr(e, 'argv', None) or c.opts.argv()
        cmd = command_line(c, s['xgbp'], argv)
        if s['keep']:
            kd = keep_case(c, [argv], s['keep'])
            cmd = 'cd %s && %s' % (shlex.quote(kd), cmd)
        else:
            cmd = '(--keep DIR for the files) ' + cmd
        msg = '%s | %s' % (e, cmd)
        if s['verbose']:
            msg += '\n' + describe(c)
        return (task, e.kind, msg)


def describe(c):
    out = []
    for f in c.files:
        out.append('    input %s%s: %r' % (f.name, ' (gzip)' if f.gz else '',
                                           gzip.decompress(f.data) if f.gz
                                           else f.data))
    out.append('    model: %s, %d features, names %r' % (
        c.model.kind, c.model.nfeatures, c.model.names))
    return '\n'.join(out)


# --- self-check: the oracle against what the generator meant ---

def self_check(c):
    """The oracle reads the generator's bytes as the generator meant
    them: the same records (lines, fields, kinds), and the same rows, good
    or bad.  Raises Mismatch otherwise."""
    for f, (name, data) in zip(c.files, c.inputs()):
        text = rule_bom(data).decode('latin-1')
        delim = c.opts.delim or rule_detect_delimiter(text, c.model.names)
        recs = read_records(text, delim)
        got = [(r.line, 'blank' if r.blank else
                '+'.join(sorted(r.malformed)) or 'good',
                None if r.blank else r.fields) for r in recs]
        want = [(g.line, g.kind, None if g.kind == 'blank' else g.fields)
                for g in f.records]
        if got != want:
            for a, b in zip(got + [None] * len(want), want + [None] *
                            len(got)):
                if a != b:
                    raise Mismatch('self-check', '%s: oracle %r, generator '
                                   '%r' % (name, a, b))
    try:
        exp = Expected(c, 'nan')
    except Unsupported:
        raise
    if exp.setup_error:
        if c.header_kind != 'badheader':
            raise Mismatch('self-check', 'oracle: header error')
        return
    if c.header_kind == 'badheader':
        raise Mismatch('self-check', 'oracle: no header error')
    got = [(l.row.name, l.row.line, 'bad' if l.row.bad else 'good')
           for l in exp.lines]
    want = []
    for f, (name, _) in zip(c.files, c.inputs()):
        for line, state in f.rows:
            want.append((name, line, state))
    if len(got) != len(want):
        raise Mismatch('self-check', 'oracle %d rows, generator %d' % (
            len(got), len(want)))
    for a, b in zip(got, want):
        if a[:2] != b[:2] or (b[2] != '?' and a[2] != b[2]):
            raise Mismatch('self-check', 'oracle %r, generator %r' % (a, b))


# --- one example per rule, with its output written by hand ---

# (rule, (model kind, features, names), options, input,
#  exit status, standard output, standard error), the input in.csv.
# Options: delim, out_delim, header, f, x, k (lists as on the command
# line), a, H, on_error, q, na (a list), missing.  --self-check checks the
# oracle against these hand-written answers; the other modes, xgbp.
EXAMPLES = [
    ('bom', ('linear', 1, None), {}, b'\xef\xbb\xbf1.5\n', 0, b'1.5\n', b''),
    ('detect-tab', ('linear', 2, None), {'delim': None}, b'1\t2\n3\t4\n',
     0, b'1\t2\n3\t4\n', b''),
    ('line-ends', ('linear', 1, None), {}, b'1\r2\r\n3\n4', 0,
     b'1\n2\n3\n4\n', b''),
    ('quoted-line-ends', ('linear', 1, None),
     {'f': '2', 'k': '1', 'header': False}, b'"a\nb",1\r\n"c\r\nd",2\n', 0,
     b'"a\nb",1\n"c\r\nd",2\n', b''),
    ('text-after-closing-quote', ('linear', 1, None), {'on_error': 'nan'},
     b'1\n"2"x\n3\n', 0, b'1\nnan\n3\n',
     b'xgbp: in.csv:2:1: text after a closing quote (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('quote-after-closing-quote', ('linear', 1, None), {'on_error': 'nan'},
     b'1\n"2"x"y\n3\n4\n', 0, b'1\nnan\n3\n4\n',
     b'xgbp: in.csv:2:1: text after a closing quote (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('space-after-closing-quote', ('linear', 1, None), {'on_error': 'nan'},
     b'1\n"2" \n3\n', 0, b'1\nnan\n3\n',
     b'xgbp: in.csv:2:1: text after a closing quote (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('stray-quotes', ('linear', 1, None),
     {'f': '2', 'k': '1', 'header': False}, b'3"5,1\n a "b",2\na""b,3\n', 0,
     b'"3""5",1\n" a ""b""",2\n"a""""b",3\n', b''),
    ('unterminated-quote', ('linear', 1, None), {'on_error': 'skip'},
     b'1\n"2\n3\n4\n', 0, b'1\n3\n4\n',
     b'xgbp: in.csv:2:1: unterminated quoted field (row skipped)\n'
     b'xgbp: 1 rows skipped\n'),
    ('unterminated-quote-fields', ('linear', 1, None),
     {'f': '2', 'k': '1', 'header': False, 'on_error': 'nan'},
     b'a,1\nb,"2,x\nc,3\n', 0, b'a,1\nb,nan\nc,3\n',
     b'xgbp: in.csv:2:2: unterminated quoted field (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('no-trim-kept-fields', ('linear', 1, None),
     {'f': '2', 'k': '1', 'header': False}, b' a ,1\n\tb,2\n', 0,
     b'" a ",1\n"\tb",2\n', b''),
    ('no-trim-header-names', ('linear', 1, [' b']), {}, b'a, b\n1,2\n', 0,
     b'2\n', b''),
    ('tsv-tab-only-line', ('tree', 2, None), {'delim': '\t'},
     b'1\t2\n\t\n', 0, b'3\t3\n4\t4\n', b''),
    ('blank-lines-skipped', ('linear', 2, None), {},
     b'1,2\n\n  \n\t\r\n3,4\n', 0, b'1,2\n3,4\n', b''),
    ('leading-blank-lines', ('tree', 1, None), {}, b'\n \r\n1\n', 0,
     b'3\n', b''),
    ('one-column-empty-line', ('tree', 1, None), {}, b'1\n\n2\n', 0,
     b'3\n4\n3\n', b''),
    ('one-column-spaces-line', ('tree', 1, None), {'on_error': 'nan'},
     b'1\n  \n2\n', 0, b'3\nnan\n3\n',
     b'xgbp: in.csv:2:1: not a number: "  " (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('one-column-last-empty-line', ('tree', 1, None), {}, b'1\n\n', 0,
     b'3\n4\n', b''),
    ('spaces-around-numbers', ('linear', 2, None), {}, b'" 1.5 ",\t2 \n', 0,
     b'1.5,2\n', b''),
    ('tab-in-tsv-number', ('linear', 1, None),
     {'delim': '\t', 'on_error': 'nan'}, b'1\n"\t2"\n', 0, b'1\nnan\n',
     b'xgbp: in.csv:2:1: not a number: "\t2" (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('spaces-only-field', ('linear', 2, None), {'on_error': 'nan'},
     b'1,2\n1,  \n', 0, b'1,2\nnan,nan\n',
     b'xgbp: in.csv:2:2: not a number: "  " (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('na-exact', ('tree', 1, None), {'on_error': 'nan'}, b'NA\n NA\n', 0,
     b'4\nnan\n', b'xgbp: in.csv:2:1: not a number: " NA" '
     b'(row written as nan)\nxgbp: 1 rows written as nan\n'),
    ('na-custom', ('tree', 1, None), {'na': ['-'], 'on_error': 'nan'},
     b'-\nNA\nnan\n', 0, b'4\nnan\n4\n', b'xgbp: in.csv:2:1: not a number: '
     b'"NA" (row written as nan)\nxgbp: 1 rows written as nan\n'),
    ('nan-forms', ('tree', 1, None), {}, b'-nan\nNaN\n +NAN\n', 0,
     b'4\n4\n4\n', b''),
    ('quoted-empty-is-missing', ('tree', 2, None), {}, b'"",1\n', 0,
     b'4,3\n', b''),
    ('infinity-is-bad', ('linear', 1, None), {'on_error': 'skip', 'q': True},
     b'inf\n1e39\n-Infinity\n1\n', 0, b'1\n', b'xgbp: 3 rows skipped\n'),
    ('missing-infinity', ('tree', 1, None), {'missing': 'inf'},
     b'inf\n-inf\n', 0, b'4\n3\n', b''),
    ('missing-value', ('tree', 1, None), {'missing': '-999'},
     b'-999.0\n-9.99e2\n999\n', 0, b'4\n4\n3\n', b''),
    ('float32-rounding', ('linear', 1, None), {},
     b'16777217\n3.40282356e38\n1e-46\n7.1e-46\n', 0,
     b'16777216\n3.4028235e+38\n0\n1e-45\n', b''),
    ('header-text-in-key-column', ('linear', 1, None), {'x': '1'},
     b'id,1\nid2,2\n', 0, b'1\n2\n', b''),
    ('header-numeric-names', ('linear', 2, ['0', '1']), {}, b'0,1\n5,6\n', 0,
     b'5,6\n', b''),
    ('numeric-names-out-of-order', ('linear', 2, ['0', '1']), {},
     b'1,0\n5,6\n', 1, b'', b"xgbp: in.csv:1: line 1 holds the model's "
     b"feature names, but out of order: a header or data? Use --header "
     b"or --no-header\n"),
    ('header-lacking-a-name', ('linear', 2, ['a', 'b']), {}, b'a,c\n1,2\n', 1,
     b'', b'xgbp: in.csv:1: no column for feature "b"\n'),
    ('kept-empty-field', ('linear', 1, None),
     {'f': '2', 'k': '1', 'header': False}, b',1\n', 0, b',1\n', b''),
    ('nan-row-keeps-kept-fields', ('linear', 1, None),
     {'f': '2', 'k': '1', 'header': False, 'on_error': 'nan'},
     b'a,1\nb,x\n', 0, b'a,1\nb,nan\n',
     b'xgbp: in.csv:2:2: not a number: "x" (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('short-row-kept-column', ('linear', 1, None),
     {'f': '1', 'k': '3', 'header': False, 'on_error': 'nan'},
     b'1,a,b\n2\n', 0, b'b,1\n,nan\n',
     b'xgbp: in.csv:2: 1 fields, expected 3 (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('nan-row-appended-reencoded', ('linear', 1, None),
     {'f': '1', 'a': True, 'on_error': 'nan', 'header': False},
     b'1,"p"\n2\n', 0,
     b'1,"p",1\n2,,nan\n',
     b'xgbp: in.csv:2: 1 fields, expected 2 (row written as nan)\n'
     b'xgbp: 1 rows written as nan\n'),
    ('append-other-delimiter', ('linear', 1, None),
     {'f': '1', 'a': True, 'out_delim': ';', 'header': False},
     b'1,"p;q"\n2, x\n', 0,
     b'1;"p;q";1\n2;" x";2\n', b''),
    ('append-same-delimiter', ('linear', 1, None), {'f': '2', 'a': True},
     b'"x\ny",1\n"a""b" ,2\n', 1, b'"x\ny",1,1\n',
     b'xgbp: in.csv:3:1: text after a closing quote\n'),
    ('output-header-empty-input', ('linear', 1, None), {'H': True}, b'', 0,
     b'margin\n', b''),
    ('output-header-reencoded', ('linear', 1, ['v']),
     {'a': True, 'H': True, 'out_delim': ';'}, b'v,"a;b"\n1,x\n', 0,
     b'v;"a;b";margin\n1;x;1\n', b''),
    ('output-header-no-header', ('linear', 2, None),
     {'k': '2', 'H': True}, b'1,2\n', 0, b'column_2,margin_0,margin_1\n'
     b'2,1,2\n', b''),
    ('line-number-quoted-line-ends', ('linear', 1, None),
     {'f': '2', 'header': False}, b'"a\nb",1\r\n"c",x\n', 1, b'1\n',
     b'xgbp: in.csv:3:2: not a number: "x"\n'),
    ('line-number-cr', ('linear', 1, None), {}, b'1\r2\rx\r', 1,
     b'1\n2\n', b'xgbp: in.csv:3:1: not a number: "x"\n'),
    ('field-count', ('linear', 2, None), {'on_error': 'skip'},
     b'1,2\n3\n4,5,6\n7,8\n', 0, b'1,2\n7,8\n',
     b'xgbp: in.csv:2: 1 fields, expected 2 (row skipped)\n'
     b'xgbp: in.csv:3: 3 fields, expected 2 (row skipped)\n'
     b'xgbp: 2 rows skipped\n'),
    ('trailing-delimiter', ('linear', 2, None), {'x': '3'},
     b'1,2,\n3,4,\n', 0, b'1,2\n3,4\n', b''),
]


def parse_list(text):
    """A column list as the examples write it: numbers, ranges, names."""
    items = []
    for it in text.split(','):
        m = re.match(r'(\d+)-(\d*)\Z', it)
        if m:
            items.append(('range', int(m.group(1)),
                          int(m.group(2)) if m.group(2) else None))
        elif it.isdigit():
            items.append(('num', int(it)))
        else:
            items.append(('name', it))
    return items


def example_case(i):
    """The case of example i."""
    rule, (kind, nf, names), opts, data = EXAMPLES[i][:4]
    c = Case('example', i)
    c.rule = rule
    c.model = Model(kind, nf, names)
    o = c.opts
    o.mode = '--margin' if kind == 'linear' else '--leaf'
    o.delim = opts.get('delim', ',')
    if o.delim is not None:
        o.delim_spelling = ['-t'] if o.delim == '\t' else ['-d', o.delim]
    if 'out_delim' in opts:
        o.out_delim = o.out_spelling = opts['out_delim']
    for key in ('f', 'x', 'k'):
        if key in opts:
            setattr(o, key, parse_list(opts[key]))
    for key in ('header', 'a', 'H', 'q', 'on_error', 'na', 'missing'):
        if key in opts:
            setattr(o, key, opts[key])
    f = GenFile('in.csv')
    f.data = data
    c.files = [f]
    c.operands = ['in.csv']
    return c


def check_example_by_hand(i):
    """The oracle agrees with the example's hand-written answer."""
    c = example_case(i)
    status, out, err = EXAMPLES[i][4:]
    try:
        check_run(Expected(c, c.opts.policy), status, out, err, c.opts,
                  c.model)
    except Mismatch as e:
        raise Mismatch('self-check', 'example %s: the oracle disagrees '
                       'with the hand-written answer: %s' % (c.rule, e))


# --- the instruments on hand-made rows ---

HAND_CASES = [
    # (kind, nfeatures, names, args, input, expected output)
    ('linear', 3, None, ['--margin'], b'1.5,-0,2e-45\n,NA,3.4e38\n',
     b'1.5,0,1e-45\n0,0,3.4e+38\n'),
    ('linear', 1, None, ['--margin', '-H'], b'7\n-2.5\n',
     b'margin\n7\n-2.5\n'),
    ('tree', 3, None, ['--leaf', '-H'], b'1,,1e31\n-1e29,nan,0\n',
     b'leaf_0,leaf_1,leaf_2\n3,4,2\n3,4,3\n'),
    ('linear', 2, ['a', 'b'], ['--margin'], b'b,a\n1,2\n', b'2,1\n'),
    ('tree', 2, ['a', 'b'], ['--leaf'], b'b,a\n1,\n', b'4,3\n'),
]


def check_instruments(xgbp):
    """The models measure what they should on rows any reader reads."""
    d = tempfile.mkdtemp(prefix='rowgen.')
    bad = []
    try:
        for kind, nf, names, args, data, want in HAND_CASES:
            with open(os.path.join(d, 'model.json'), 'w') as fp:
                fp.write(Model(kind, nf, names).json())
            status, out, err = run_xgbp(xgbp, ['-m', 'model.json'] + args,
                                        d, data)
            if status != 0 or out != want:
                bad.append('instrument %s %r on %r: exit %s, %r, expected %r'
                           ' (%s)' % (kind, names, data, status, out, want,
                                      err.decode('latin-1').strip()))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return bad


# ---------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(
        description='Random inputs for xgbp, checked against Python\'s '
        'csv module and the dialect\'s rules.')
    ap.add_argument('--seed', default=None,
                    help='seed of the cases (default: random, printed)')
    ap.add_argument('--cases', type=int, default=1000, metavar='N',
                    help='number of random cases, after the examples')
    ap.add_argument('--only', type=int, default=None, metavar='I',
                    help='run case I of the seed alone')
    ap.add_argument('--example', default=None, metavar='RULE',
                    help='run the example of RULE alone')
    ap.add_argument('--list-examples', action='store_true',
                    help='list the rules that have an example')
    ap.add_argument('--no-examples', action='store_true',
                    help='random cases only')
    ap.add_argument('--xgbp', default=None,
                    help='the program (default: $XGBP, else cmd/xgbp)')
    ap.add_argument('--keep', default=None, metavar='DIR',
                    help='write each failing case into DIR')
    ap.add_argument('--jobs', type=int, default=2 * (os.cpu_count() or 1),
                    metavar='N', help='cases run at once (default: twice '
                    'the processors)')
    ap.add_argument('--invariant', action='store_true',
                    help='line counts under every --on-error and -j 1-4')
    ap.add_argument('--big-every', type=int, default=40, metavar='N',
                    help='with --invariant, every Nth input over 1 MiB '
                    '(0: none)')
    ap.add_argument('--self-check', action='store_true',
                    help='compare the oracle with the generator and the '
                    'examples\' hand-written answers; no xgbp')
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='print each failing case\'s input too')
    ap.add_argument('--max-print', type=int, default=50, metavar='N',
                    help='print at most N failures')
    a = ap.parse_args()
    if a.list_examples:
        for e in EXAMPLES:
            print(e[0])
        return 0
    seed = a.seed if a.seed is not None else str(random.SystemRandom()
                                                 .randrange(10 ** 9))
    xgbp = a.xgbp or os.environ.get('XGBP') or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'cmd', 'xgbp')
    xgbp = os.path.abspath(xgbp)
    mode = 'self-check' if a.self_check else \
        'invariant' if a.invariant else 'main'
    if a.keep:
        a.keep = os.path.abspath(a.keep)
        os.makedirs(a.keep, exist_ok=True)
    rules = [e[0] for e in EXAMPLES]
    if a.example is not None:
        if a.example not in rules:
            print('rowgen: no example %r (see --list-examples)' % a.example,
                  file=sys.stderr)
            return 2
        tasks = [('example', rules.index(a.example))]
    elif a.only is not None:
        tasks = [(seed, a.only)]
    else:
        tasks = [] if mode == 'invariant' or a.no_examples else \
            [('example', i) for i in range(len(EXAMPLES))]
        tasks += [(seed, i) for i in range(a.cases)]
    ncases = sum(1 for t in tasks if t[0] != 'example')
    print('rowgen: seed %s, %d cases, %d examples, %s' % (
        seed, ncases, len(tasks) - ncases, mode), flush=True)
    if mode != 'self-check':
        if not os.access(xgbp, os.X_OK):
            print('rowgen: %s: not an executable' % xgbp, file=sys.stderr)
            return 2
        bad = check_instruments(xgbp)
        for b in bad:
            print('rowgen: ' + b)
        if bad:
            print('rowgen: the instruments do not work; nothing checked')
            return 1
    scratch = tempfile.mkdtemp(prefix='rowgen.')
    settings = {'xgbp': xgbp, 'keep': a.keep, 'verbose': a.verbose,
                'mode': mode, 'big_every': a.big_every, 'scratch': scratch}
    t0 = time.time()
    kinds = {}
    failed = {'example': 0, 'case': 0}
    printed = 0
    try:
        if len(tasks) == 1 or a.jobs <= 1:
            worker_init(settings)
            results = map(run_one, tasks)
            pool = None
        else:
            pool = multiprocessing.Pool(a.jobs, worker_init, (settings,))
            results = pool.imap(run_one, tasks, chunksize=4)
        for (tseed, index), kind, msg in results:
            if kind is None:
                continue
            ex = tseed == 'example'
            failed['example' if ex else 'case'] += 1
            kinds[kind] = kinds.get(kind, 0) + 1
            if printed >= a.max_print and not a.verbose:
                continue
            printed += 1
            if ex:
                head = 'FAIL example %s (--example %s)' % (rules[index],
                                                          rules[index])
            else:
                head = 'FAIL case %d (--seed %s --only %d)' % (index, seed,
                                                              index)
            print('%s: %s' % (head, msg), flush=True)
        if pool is not None:
            pool.close()
            pool.join()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    nfail = failed['example'] + failed['case']
    if nfail > printed:
        print('rowgen: %d more failures not printed' % (nfail - printed))
    print('rowgen: seed %s: %d cases, %d failed; %d examples, %d failed%s; '
          '%.1f s' % (seed, ncases, failed['case'], len(tasks) - ncases,
                      failed['example'],
                      (' (' + ', '.join('%s %d' % kv for kv in
                                        sorted(kinds.items())) + ')')
                      if kinds else '', time.time() - t0))
    return 1 if nfail else 0


if __name__ == '__main__':
    sys.exit(main())
