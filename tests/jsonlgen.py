#!/usr/bin/env python3
"""
jsonlgen.py: random JSON Lines inputs for xgbp --jsonl, read by Python's
json module as the independent reader.

    python3 tests/jsonlgen.py SEED LINES DIR
    python3 tests/jsonlgen.py --check DIR GOT.jsonl STDERR

The first form writes DIR/in.jsonl, lines for the iris model (features by
key) mixing random key order and whitespace, escapes in keys and values
(\\u00e9, \\", surrogate pairs), numbers in every spelling, null, absent
keys, booleans, nested values, blank lines and broken lines; and, from
Python's reading of each line: DIR/want.csv, the good lines' features as
CSV (the reference: xgbp's CSV path scores it), DIR/good, the line number
of each good line, one a line, and DIR/bad, the others'.

The second form checks xgbp's `--jsonl --on-error skip -k tag -O jsonl`
output GOT.jsonl and its STDERR against them and DIR/want.jsonl (the
`-O jsonl` scores of want.csv): one object per good line, in order, with
the tag as Python reads it and the same predictions; one message for
each bad line, naming it.
"""
import csv
import json
import random
import re
import struct
import sys

NAMES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)',
         'petal width (cm)']
NA = {'', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'}
MAXDEPTH = 64


def esc_key(rnd, s):
    """A JSON string for s, some characters written as \\u escapes."""
    out = []
    for c in s:
        if c in '"\\':
            out.append('\\' + c)
        elif ord(c) < 0x20 or rnd.random() < 0.1:
            out.append('\\u%04x' % ord(c) if ord(c) < 0x10000 else
                       json.dumps(c))
        else:
            out.append(c)
    return '"' + ''.join(out) + '"'


def text(rnd):
    chars = 'ab "\\,\u00e9\u4e2d\U0001f600\t/'
    return ''.join(rnd.choice(chars) for _ in range(rnd.randrange(6)))


def number(rnd):
    v = rnd.choice([rnd.uniform(-10, 10), rnd.randrange(-5, 100),
                    rnd.uniform(-1, 1) * 10 ** rnd.randrange(-46, 40),
                    0.0, -0.0, 1e999 if rnd.random() < 0.2 else 1.5])
    if isinstance(v, int):
        return str(v)
    if v != v or v in (float('inf'), float('-inf')):
        return rnd.choice(['1e999', '-1e400'])
    return rnd.choice([repr(v), '%.17e' % v, '%.17E' % v, '%.3g' % v])


def nested(rnd, depth):
    s = '1'
    for _ in range(depth):
        s = rnd.choice(['[%s]', '{"x": %s}', '[1, %s, "]"]']) % s
    return s


def value(rnd, feature):
    k = rnd.random()
    if k < 0.55:
        return number(rnd)
    if k < 0.65:
        return 'null'
    if k < 0.72:
        return rnd.choice(['true', 'false'])
    if k < 0.8 and not feature:
        return esc_key(rnd, text(rnd))
    if k < 0.82:
        return esc_key(rnd, rnd.choice(['NA', '', 'abc', '1.5']))
    if k < 0.85 or (k < 0.9 and not feature):
        return nested(rnd, rnd.choice([1, 2, 63, 64, 65, 200]))
    return number(rnd)


def good_line(rnd):
    members = []
    for name in NAMES:
        if rnd.random() < 0.85:
            members.append((esc_key(rnd, name), value(rnd, True)))
    if rnd.random() < 0.8:
        members.append((esc_key(rnd, 'tag'), value(rnd, False)))
    for _ in range(rnd.randrange(3)):
        members.append((esc_key(rnd, text(rnd)), value(rnd, False)))
    if rnd.random() < 0.05:
        members.append(rnd.choice(members))   # a duplicate key
    rnd.shuffle(members)
    ws = lambda: rnd.choice(['', ' ', '\t', '  '])
    return (ws() + '{' + ws() + ','.join(
        ws() + k + ws() + ':' + ws() + v + ws() for k, v in members) +
        (ws() + '}' if members else '}') + ws())


def broken(rnd, line):
    k = rnd.randrange(9)
    if k == 0:
        return line[:rnd.randrange(len(line))]
    if k == 1:
        return line + rnd.choice([' x', '{}', ',', ' 1'])
    if k == 2:
        return line.replace('"', '\\q"', 1)
    if k == 3:
        return line.replace(':', '', 1)
    if k == 4:
        return rnd.choice(['[1, 2]', '"s"', '1', 'null', 'garbage'])
    if k == 5:
        return line.replace('}', ',}', 1)
    if k == 6:
        return '{"tag": "\\ud800"}'
    if k == 7:
        return '{"tag": NaN}'
    return '{"a": "\\u00g1"}'


def generate(seed, n, d):
    rnd = random.Random(seed)
    lines = []
    for _ in range(n):
        k = rnd.random()
        if k < 0.05:
            lines.append(rnd.choice(['', ' ', '\t ']))
        elif k < 0.2:
            lines.append(broken(rnd, good_line(rnd)))
        else:
            lines.append(good_line(rnd))
    with open(d + '/in.jsonl', 'w', encoding='utf-8') as fp:
        for s in lines:
            fp.write(s + '\n')
    good, bad, rows = [], [], []
    for i, s in enumerate(lines, 1):
        if s.strip(' \t') == '':
            continue
        row = read(s)
        if row is None:
            bad.append(i)
        else:
            good.append(i)
            rows.append(row)
    with open(d + '/want.csv', 'w', newline='') as fp:
        w = csv.writer(fp, lineterminator='\n')
        w.writerow(NAMES)
        for r in rows:
            w.writerow([r[0].get(k, '') for k in NAMES])
    for name, v in [('good', good), ('bad', bad)]:
        with open(d + '/' + name, 'w') as fp:
            fp.write(''.join('%d\n' % i for i in v))


class Pairs(list):
    """An object's members in order, duplicates and all."""


def depth(v):
    if isinstance(v, Pairs):
        return 1 + max([depth(x) for _, x in v] + [0])
    if isinstance(v, list):
        return 1 + max([depth(x) for x in v] + [0])
    return 0


def strings_ok(v):
    """Whether every string in v is Unicode text (no lone surrogate)."""
    try:
        json.dumps(v, ensure_ascii=False).encode('utf-8')
        return True
    except UnicodeEncodeError:
        return False


def no_constant(s):
    raise ValueError(s)


def read(s):
    """Python's reading of line s: ({feature: CSV text}, tag or None)
    for a good line, None for a bad one: not an object, not JSON (NaN
    and Infinity included), a lone surrogate, nesting deeper than
    MAXDEPTH, a feature or the tag twice, or a feature that is not a
    number, null, a boolean or an --na string."""
    try:
        kv = json.loads(s, parse_constant=no_constant, object_pairs_hook=Pairs)
        obj = json.loads(s)
    except (ValueError, RecursionError):
        return None
    if not isinstance(kv, Pairs):
        return None
    keys = [k for k, _ in kv]
    for k in NAMES + ['tag']:
        if keys.count(k) > 1:
            return None
    if not strings_ok(kv) or any(depth(v) > MAXDEPTH for _, v in kv):
        return None
    feats = {}
    for k in NAMES:
        v = obj.get(k)
        if v is None:
            continue
        if isinstance(v, bool):
            feats[k] = '1' if v else '0'
        elif isinstance(v, (int, float)):
            try:    # (float) of the double: infinite is bad
                if abs(struct.unpack('f', struct.pack('f', float(v)))[0]) \
                        == float('inf'):
                    return None
            except OverflowError:
                return None
            feats[k] = repr(float(v))
        elif isinstance(v, str) and v in NA:
            continue
        else:
            return None
    return feats, obj.get('tag')


def check(d, got_path, err_path):
    lines = open(d + '/in.jsonl', encoding='utf-8').read().split('\n')
    good = [int(x) for x in open(d + '/good').read().split()]
    bad = [int(x) for x in open(d + '/bad').read().split()]
    got = [json.loads(s) for s in open(got_path, encoding='utf-8')]
    want = [json.loads(s) for s in open(d + '/want.jsonl')]
    fails = 0
    if len(got) != len(good) or len(want) != len(good):
        print('%d lines, %d scored by CSV, %d good' %
              (len(got), len(want), len(good)))
        return 1
    for i, g, w in zip(good, got, want):
        w = dict(w, tag=read(lines[i - 1])[1])
        if g != w:
            print('line %d: got %r, want %r' % (i, g, w))
            fails += 1
    named = [int(m.group(1)) for m in
             re.finditer(r'^xgbp: [^:]*:(\d+):\d+: .* \(row skipped\)$',
                         open(err_path, encoding='utf-8').read(), re.M)]
    if named != bad:
        print('messages name lines %r, Python finds %r bad' % (named, bad))
        fails += 1
    print('jsonlgen: %d lines, %d good, %d bad, %d failed' %
          (len(lines) - 1, len(good), len(bad), fails))
    return 1 if fails else 0


if __name__ == '__main__':
    if sys.argv[1] == '--check':
        sys.exit(check(*sys.argv[2:5]))
    generate(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
