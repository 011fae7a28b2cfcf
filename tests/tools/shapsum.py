#!/usr/bin/env python3
"""shapsum.py CONTRIBS MARGINS [A]: how far a row's contributions, summed
for each output, are from its margin for that output.  Prints the largest
difference.  With A (XGBoost's own largest difference on the same rows,
each fixture's manifest.json contribs_sum_minus_margin_max_abs), exits 1
unless every row's difference is at most A plus the rounding of the
printed float32 values themselves: half a unit in the last place of each
contribution and of the margin, which no float32 output can be below (a
row exact in double lands that far from its margin at worst).  Both files
are CSV without a header; the number of outputs is MARGINS' fields a
line.  Standard library only; sums in double."""
import math
import struct
import sys


def f32(text):
    """The float32 a field was printed from: xgbp's shortest form read as
    a double is not it (0.1 is not float32's 0.1)."""
    return struct.unpack('<f', struct.pack('<f', float(text)))[0]


def rows(path):
    with open(path) as fp:
        return [[f32(v) for v in line.split(',')] for line in fp
                if line.strip()]


def ulp(v):
    """A unit in the last place of float32 v."""
    if math.isnan(v) or math.isinf(v):
        return 0.0
    b = struct.unpack('<I', struct.pack('<f', abs(v)))[0]
    up = struct.unpack('<f', struct.pack('<I', b + 1))[0]
    return up - abs(v)


def main(contribs, margins, a=None):
    c, m = rows(contribs), rows(margins)
    assert len(c) == len(m), 'rows: %d contributions, %d margins' % (
        len(c), len(m))
    worst, bad = 0.0, 0
    for cr, mr in zip(c, m):
        cols = len(cr) // len(mr)
        for g, margin in enumerate(mr):
            part = cr[g * cols:(g + 1) * cols]
            d = abs(math.fsum(part) - margin)
            if math.isnan(d):
                # NaN on both sides (a model holding NaN) adds up.
                d = 0.0 if math.isnan(margin) else math.inf
            worst = max(worst, d)
            floor = (sum(ulp(v) for v in part) + ulp(margin)) / 2
            if a is not None and d > a + floor:
                bad += 1
    print('%.9g' % worst)
    if bad:
        print('%d outputs beyond A + rounding' % bad, file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2],
                  float(sys.argv[3]) if len(sys.argv) > 3 else None))
