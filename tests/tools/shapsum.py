#!/usr/bin/env python3
"""shapsum.py CONTRIBS MARGINS: the largest difference between a row's
contributions, summed for each output, and its margin for that output:
how far xgbp's explanations are from adding up (XGBoost's own, on the same
rows, is each fixture's manifest.json contribs_sum_minus_margin_max_abs).
Both files are CSV without a header; the number of outputs is MARGINS'
fields a line.  Standard library only; sums in double."""
import sys


def rows(path):
    with open(path) as fp:
        return [[float(v) for v in line.split(',')] for line in fp
                if line.strip()]


def main(contribs, margins):
    c, m = rows(contribs), rows(margins)
    assert len(c) == len(m), 'rows: %d contributions, %d margins' % (
        len(c), len(m))
    worst = 0.0
    for cr, mr in zip(c, m):
        cols = len(cr) // len(mr)
        for g, margin in enumerate(mr):
            s = sum(cr[g * cols:(g + 1) * cols])
            worst = max(worst, abs(s - margin))
    print('%.9g' % worst)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
