#!/usr/bin/env python3
"""
svmgen.py: random LibSVM inputs for xgbp, checked against an independent
reader of the dialect the man page states (INPUT FORMAT, LibSVM input).

    python3 tests/svmgen.py --xgbp PATH [--seed S] [--cases N] [--keep DIR]

A case is one input of 0 to 40 lines: labels, qid:N, index:value pairs
in any order, indices twice, missing values, runs of spaces and tabs,
blank lines, "\\n", "\\r\\n" and "\\r" line ends; and garbage: "3:", ":4",
"a:1", "1:x", "1:2:3", a label with a colon, huge indices, indices beyond
the model, index 0 when 1-based, "1:inf".  It is scored with random
--libsvm-base, --libsvm-extra, --missing, --on-error and -j, by two
instrument models (those of tests/rowgen.py): a gblinear whose --margin
output k is feature k's value (0 when missing) and a gbtree whose --leaf
output k tells whether feature k is missing.  The reader below never
looks at xgbp's code; for every line it knows whether it is a row, a good
one (and its features: the float32 XGBoost reads for each value at its
index, the later of an index given twice, a missing value storing
nothing) or a bad one
(and its first bad field).  Checked: the lines written, each value, the
label -k 1 keeps, and the FILE:LINE:FIELD of each message.

Only Python 3's standard library is used.  Exit status: 0 if every case
passed, 1 if any failed, 2 on a usage error.
"""

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rowgen import LEAF_MISSING, NUMBER_RE, Model, to_f32  # noqa: E402

NA = {'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'}
QID_RE = re.compile(r'qid:[0-9]+\Z')
PAIR_RE = re.compile(r'([0-9]+):(.+)\Z', re.S)


def split_lines(data):
    """The lines of data, each without its end: "\\r\\n", "\\r" or
    "\\n"."""
    lines = re.split(r'\r\n|\r|\n', data)
    if lines and lines[-1] == '':
        lines.pop()
    return lines


DECIMAL_RE = re.compile(r'([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?)([0-9]+))?\Z')


def int_f32(n):
    """The float nearest the integer n >= 0, ties to even, as C's
    (float) of a uint64_t rounds it: directly, not through a double."""
    shift = max(n.bit_length() - 24, 0)
    q, r = divmod(n, 1 << shift)
    half = (1 << shift) >> 1
    if shift > 0 and (r > half or (r == half and q & 1)):
        q += 1
    return to_f32(float(q << shift))


def xgboost_f32(text):
    """The float XGBoost reads for a decimal number in a LibSVM file:
    dmlc-core's strtof (dmlc/dmlc-core include/dmlc/strtonum.h,
    ParseFloat), step by step.  Each float operation is done in double
    and rounded to float, which for one +, * or / of floats gives the
    float result; the digits before the point count in a wrapping 64-bit
    integer; at most 19 digits after it count; the exponent is clipped
    to 38."""
    m = DECIMAL_RE.match(text)
    sign, whole, frac, esign, exp = m.groups()
    value = int_f32(int(whole or '0') % (1 << 64))
    if frac is not None:
        digits = frac[:19]
        q = float(int(digits or '0')) / float(10 ** len(digits))
        value = to_f32(value + to_f32(q))
    if exp is not None:
        e = int(exp) % (1 << 32)
        e = min(e, 38)
        if e == 38 and esign != '-' and value > to_f32(3.402823466):
            value = to_f32(3.402823466)
        elif e == 38 and esign == '-' and value < to_f32(1.175494351):
            value = to_f32(1.175494351)
        scale = 1.0
        while e >= 8:
            scale = to_f32(scale * 1e8)
            e -= 8
        while e > 0:
            scale = to_f32(scale * 10.0)
            e -= 1
        value = to_f32(value / scale if esign == '-' else value * scale)
    return -value if sign == '-' else value


def value(text, missing):
    """('missing',), ('value', f32) or ('bad',) for a value's text: the
    nearest float decides whether it is missing or too large, then it
    reads as XGBoost reads it, too large again if that is infinite."""
    if text in NA:
        return ('missing',)
    if not NUMBER_RE.match(text):
        return ('bad',)
    v = to_f32(float(text))
    if v != v:
        return ('missing',)
    if missing is not None and v == missing:
        return ('missing',)
    if v in (float('inf'), float('-inf')):
        return ('bad',)
    if DECIMAL_RE.match(text):
        v = xgboost_f32(text)
        if v in (float('inf'), float('-inf')):
            return ('bad',)
    return ('value', v)


def read_line(line, F, base, ignore, missing):
    """None for a blank line; else ('good', label, {index: f32}) or
    ('bad', label, field), field 1-based."""
    fields = [f for f in re.split(r'[ \t]+', line) if f != '']
    if not fields:
        return None
    label = fields[0]
    if ':' in label or (label not in NA and not NUMBER_RE.match(label)):
        return ('bad', label, 1)
    feats = {}
    for k, f in enumerate(fields[1:], 2):
        if k == 2 and QID_RE.match(f):
            continue
        m = PAIR_RE.match(f)
        if m is None:
            return ('bad', label, k)
        i = int(m.group(1)) - base
        if i < 0:
            return ('bad', label, k)
        if i >= F:
            if ignore:
                continue
            return ('bad', label, k)
        v = value(m.group(2), missing)
        if v[0] == 'bad':
            return ('bad', label, k)
        if v[0] == 'value':
            feats[i] = v[1]
    return ('good', label, feats)


class Gen:
    def __init__(self, rng, F, base):
        self.r = rng
        self.F = F
        self.base = base

    def number(self):
        r = self.r
        k = r.randrange(7)
        if k == 0:
            return str(r.randint(-9, 9))
        if k == 1:
            return '%.*f' % (r.randint(0, 6), r.uniform(-100, 100))
        if k == 2:
            return '%.*e' % (r.randint(0, 9), r.uniform(-1, 1) *
                             10 ** r.randint(-40, 38))
        if k == 3:
            return repr(r.uniform(-1e6, 1e6))
        if k == 4:
            return r.choice(['-0', '+1.5', '.5', '5.', '1E3', '0'])
        if k == 5:
            return r.choice(sorted(NA))
        return '2.5'		# --missing's value, when it is given

    def index(self):
        r = self.r
        if r.random() < 0.9:
            return str(r.randrange(self.F) + self.base)
        return r.choice([str(self.F + self.base), '0',
                         '99999999999999999999999', '007'])

    def garbage(self):
        return self.r.choice(['3:', ':4', 'a:1', '1:x', '1:2:3', '#c',
                              'qid:2', '1:inf', '1:1e400', '-1:2', '1 :2',
                              '0x1:1', '1:0x1'])

    def line(self):
        r = self.r
        if r.random() < 0.08:
            return r.choice(['', ' ', '\t \t'])
        fields = []
        if r.random() < 0.05:
            fields.append(r.choice(['1:2', 'x', '1,5']))
        else:
            fields.append(r.choice([self.number(), '1', '0', '-1']))
        if r.random() < 0.2:
            fields.append('qid:%d' % r.randint(0, 99))
        for _ in range(r.randint(0, 2 * self.F)):
            if r.random() < 0.03:
                fields.append(self.garbage())
            else:
                fields.append(self.index() + ':' + self.number())
        text = ''
        for f in fields:
            text += (r.choice(['', ' ', '\t']) if not text else
                     r.choice([' ', ' ', '\t', '  ', ' \t '])) + f
        if r.random() < 0.1:
            text += r.choice([' ', '\t', '  '])
        return text

    def data(self):
        r = self.r
        out = ''
        n = r.randint(0, 40)
        for j in range(n):
            out += self.line()
            if j + 1 < n or r.random() < 0.8:
                out += r.choice(['\n', '\n', '\n', '\r\n', '\r'])
        return out


def parse_out(line):
    """The fields of an output line, a CSV record."""
    return next(csv.reader([line]))


def check_case(xgbp, seed, index, keepdir):
    """Run one case; return a list of what differs."""
    r = random.Random('%d/%d' % (seed, index))
    F = r.randint(1, 12)
    base = r.randint(0, 1)
    ignore = r.random() < 0.3
    missing = 2.5 if r.random() < 0.3 else None
    policy = r.choice(['nan', 'skip', 'fail'])
    jobs = r.randint(1, 3)
    g = Gen(r, F, base)
    data = g.data()
    d = tempfile.mkdtemp(dir=keepdir)
    inp = os.path.join(d, 'in.svm')
    with open(inp, 'w', newline='') as fp:
        fp.write(data)
    args = ['--libsvm', '--libsvm-base', str(base), '--on-error', policy,
            '-j', str(jobs), '-k', '1']
    if ignore:
        args += ['--libsvm-extra', 'ignore']
    if missing is not None:
        args += ['--missing', '2.5']
    outs = {}
    for kind, flag in [('linear', '--margin'), ('tree', '--leaf')]:
        mpath = os.path.join(d, kind + '.json')
        with open(mpath, 'w') as fp:
            fp.write(Model(kind, F, None).json())
        p = subprocess.run([xgbp, '-m', mpath, flag] + args + [inp],
                           capture_output=True, text=True)
        outs[kind] = p
    # The expected lines, rows and messages.
    want, msgs, failed = [], [], False
    for ln, line in enumerate(split_lines(data), 1):
        row = read_line(line, F, base, ignore, missing)
        if row is None or failed:
            continue
        if row[0] == 'bad':
            msgs.append('%s:%d:%d:' % (inp, ln, row[2]))
            if policy == 'fail':
                failed = True
            elif policy == 'nan':
                want.append(('nan', row[1]))
            continue
        want.append(('good', row[1], row[2]))
    errs = []
    cmd = ' '.join([xgbp, '-m', os.path.join(d, 'linear.json'),
                    '--margin'] + args + [inp])
    for kind, p in outs.items():
        rc = 1 if failed else 0
        if p.returncode != rc:
            errs.append('%s: exit %d, expected %d: %s' %
                        (kind, p.returncode, rc, p.stderr.strip()))
            continue
        got = p.stdout.splitlines()
        if len(got) != len(want):
            errs.append('%s: %d lines, expected %d' %
                        (kind, len(got), len(want)))
            continue
        named = [m.split(' ', 2)[1] for m in p.stderr.splitlines()
                 if re.match(r'xgbp: .*:[0-9]+:[0-9]+: ', m)]
        if named != msgs:
            errs.append('%s: messages at %s, expected %s' %
                        (kind, named, msgs))
        for n, (g, w) in enumerate(zip(got, want), 1):
            f = parse_out(g)
            if f[0] != w[1]:
                errs.append('%s: line %d: label %r, expected %r' %
                            (kind, n, f[0], w[1]))
            vals = f[1:]
            if len(vals) != F:
                errs.append('%s: line %d: %d values' % (kind, n, len(vals)))
                continue
            for k in range(F):
                if w[0] == 'nan':
                    exp = 'nan'
                elif kind == 'linear':
                    exp = w[2].get(k, 0.0) + 0.0
                else:
                    exp = (float(LEAF_MISSING) if k not in w[2] else None)
                v = vals[k]
                if exp == 'nan':
                    ok = v == 'nan'
                elif exp is None:
                    ok = v != 'nan' and float(v) != LEAF_MISSING
                else:
                    ok = v != 'nan' and to_f32(float(v)) == exp
                if not ok:
                    errs.append('%s: line %d value %d: %s, expected %r' %
                                (kind, n, k, v, exp))
                    break
    if errs:
        errs = ['case %d/%d (%s): %s' % (seed, index, cmd, e)
                for e in errs[:3]]
    else:
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
        os.rmdir(d)
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--xgbp', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--cases', type=int, default=300)
    ap.add_argument('--keep', default=None)
    a = ap.parse_args()
    keep = a.keep or tempfile.gettempdir()
    os.makedirs(keep, exist_ok=True)
    nfail = 0
    for i in range(a.cases):
        errs = check_case(a.xgbp, a.seed, i, keep)
        if errs:
            nfail += 1
            print('\n'.join(errs))
    print('%d cases, %d failed' % (a.cases, nfail))
    return 1 if nfail else 0


if __name__ == '__main__':
    sys.exit(main())
