#!/usr/bin/env python3
"""decide.py: what xgbp's decision options should write, from XGBoost's own
predictions, for tests/cli/decide.bats.

    decide.py PRED.csv threshold T [LABEL0,LABEL1]
    decide.py PRED.csv argmax LABELS
    decide.py PRED.csv index LABELS
    decide.py PRED.csv digits N

PRED.csv is a fixture's pred.csv or margin.csv, written by XGBoost: a
header line, then one row of values per data row.  Each value is read as
the float32 XGBoost computed.  Prints one line per row:

    threshold  1 where the value is greater than T, read as a float32 as
               NumPy compares a float32 array with a Python float, else
               0; nan for NaN; the labels in place of 0 and 1 when given
    argmax     the label of the first largest value, as numpy.argmax
               (the first NaN, if any)
    index      the label of the class index (multi:softmax)
    digits     every value as C's printf("%.Ng"), comma-separated

Labels are comma-separated; a label holding a comma or a quote is quoted
as a CSV writer quotes it.  Only the standard library: make check runs it.
"""
import csv
import math
import struct
import sys


def f32(text):
    return struct.unpack("f", struct.pack("f", float(text)))[0]


def field(label):
    if any(c in label for c in ',"\r\n') or label[:1] in " \t" or \
            label[-1:] in " \t":
        return '"' + label.replace('"', '""') + '"'
    return label


def argmax(values):
    best = 0
    for k, v in enumerate(values):
        if math.isnan(v):
            return k
        if v > values[best]:
            best = k
    return best


def main():
    path, mode = sys.argv[1], sys.argv[2]
    with open(path, newline="") as fp:
        rows = list(csv.reader(fp))[1:]
    out = []
    for row in rows:
        v = [f32(x) for x in row]
        if mode == "threshold":
            t = f32(sys.argv[3])
            names = sys.argv[4].split(",") if len(sys.argv) > 4 else \
                ["0", "1"]
            out.append("nan" if math.isnan(v[0]) else
                       field(names[int(v[0] > t)]))
        elif mode == "argmax":
            out.append(field(sys.argv[3].split(",")[argmax(v)]))
        elif mode == "index":
            out.append(field(sys.argv[3].split(",")[int(v[0])]))
        elif mode == "digits":
            n = int(sys.argv[3])
            out.append(",".join("%.*g" % (n, x) for x in v))
        else:
            sys.exit("decide.py: unknown mode " + mode)
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
