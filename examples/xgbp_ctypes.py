#!/usr/bin/env python3
"""xgbp_ctypes.py: score rows with libxgbp from Python, standard library only.

    python3 xgbp_ctypes.py [-l LIBRARY] MODEL [ROWS.csv]
    python3 xgbp_ctypes.py iris.json iris.csv

Loads the shared library with ctypes (LIBRARY, else $XGBP_LIB, else
libxgbp.so.0 from the dynamic linker's path), loads MODEL (gzip or not),
reads comma-separated rows from ROWS.csv or the standard input and prints
each row's predictions as xgbp prints them, byte for byte: the shortest
decimal that reads back as the same float32, laid out as C's %g.  A first
line that is not all numbers is a header naming the columns; with one, the
columns go to the model's features by name when the model has names, else
in order.  An empty field is missing.  No quoting: this is an example of
the library's calls, not a CSV reader.
"""

import argparse
import ctypes
import gzip
import math
import os
import struct
import sys
from fractions import Fraction

BATCH = 1024  # rows per xgbp_predict() call


class Error(ctypes.Structure):
    """struct xgbp_error, whose layout is fixed for major version 0."""

    _fields_ = [
        ("status", ctypes.c_int),
        ("line", ctypes.c_ulong),
        ("column", ctypes.c_ulong),
        ("offset", ctypes.c_ulong),
        ("msg", ctypes.c_char * 160),
    ]


def load_library(path):
    """Open libxgbp and declare the functions used here, from xgbp.h."""
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        sys.exit(f"xgbp_ctypes: {e}")
    model = ctypes.c_void_p
    size = ctypes.c_size_t
    floats = ctypes.POINTER(ctypes.c_float)
    err = ctypes.POINTER(Error)
    for name, res, args in [
        ("xgbp_version_number", ctypes.c_int, []),
        ("xgbp_strerror", ctypes.c_char_p, [ctypes.c_int]),
        ("xgbp_model_load", ctypes.c_int,
         [ctypes.POINTER(model), ctypes.c_char_p, size, err]),
        ("xgbp_model_free", None, [model]),
        ("xgbp_model_nfeatures", size, [model]),
        ("xgbp_model_noutputs", size, [model, ctypes.c_int]),
        ("xgbp_model_feature_name", ctypes.c_char_p, [model, size]),
        ("xgbp_predict", ctypes.c_int,
         [model, floats, size, size, floats, ctypes.c_int]),
        ("xgbp_parse_float", ctypes.c_int,
         [ctypes.c_char_p, size, floats, ctypes.c_int, err]),
    ]:
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args
    # The soname's major version is the ABI; 0.x calls are these.
    if lib.xgbp_version_number() // 10000 != 0:
        sys.exit(f"{path}: not a libxgbp of major version 0")
    return lib


def f32_digits(x):
    """Return (digits, exponent) of the shortest decimal d1.d2...dn * 10^e
    that reads back as the positive float32 x: the fewest digits whose value
    lies in x's rounding interval, the nearest to x if two do, the even one
    on a tie (the rule of Ryu and of xgbp's cmd/fmtfloat.c).  Computed with
    exact fractions: a power of two has a narrower interval below it, where
    the nearest n-digit decimal may miss while the one above fits."""
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    c, be = bits & 0x7FFFFF, bits >> 23
    if be > 0:
        c, q = c | 0x800000, be - 150
    else:
        q = -149
    v = c * Fraction(2) ** q
    half = Fraction(2) ** q / 2
    lo = v - (half / 2 if c == 0x800000 and be > 1 else half)
    hi = v + half
    even = c % 2 == 0  # round-to-even reads the ends back to x

    def fits(d):
        return lo <= d <= hi if even else lo < d < hi

    e = math.floor(math.log10(x))
    while Fraction(10) ** e > v:
        e -= 1
    while Fraction(10) ** (e + 1) <= v:
        e += 1
    for n in range(1, 10):
        unit = Fraction(10) ** (e - n + 1)
        t = v / unit
        down = math.floor(t)
        ok = [d for d in (down, down + 1) if fits(d * unit)]
        if not ok:
            continue
        if len(ok) == 2 and t - down != down + 1 - t:
            d = down if t - down < down + 1 - t else down + 1
        elif len(ok) == 2:
            d = down if down % 2 == 0 else down + 1
        else:
            d = ok[0]
        s = str(d)
        return s.rstrip("0"), e + len(s) - n
    raise AssertionError(f"no shortest decimal for {x!r}")


def f32_str(x):
    """Format the float32 x as xgbp does: %g's layout (an exponent below
    -4 or above 8) with the shortest digits; "nan", "inf", "-inf", "-0"."""
    if math.isnan(x):
        return "nan"
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    x = abs(x)
    if math.isinf(x):
        return sign + "inf"
    if x == 0:
        return sign + "0"
    s, e = f32_digits(x)
    if e < -4 or e > 8:
        mant = s[0] + ("." + s[1:] if len(s) > 1 else "")
        return f"{sign}{mant}e{'-' if e < 0 else '+'}{abs(e):02d}"
    if e < 0:
        return sign + "0." + "0" * (-e - 1) + s
    if len(s) <= e + 1:
        return sign + s + "0" * (e + 1 - len(s))
    return sign + s[: e + 1] + "." + s[e + 1:]


class Model:
    """A loaded model; free() it, or use it in a with statement."""

    def __init__(self, lib, path):
        with open(path, "rb") as f:
            buf = f.read()
        if buf[:2] == b"\x1f\x8b":  # the library takes no gzip
            buf = gzip.decompress(buf)
        self.lib, self.handle, err = lib, ctypes.c_void_p(), Error()
        if lib.xgbp_model_load(ctypes.byref(self.handle), buf, len(buf),
                               ctypes.byref(err)) != 0:
            if err.line > 0:
                where = f":{err.line}:{err.column}"
            else:
                where = f": offset {err.offset}"
            sys.stderr.write(f"xgbp_ctypes: {path}{where}: "
                             f"{err.msg.decode()}\n")
            sys.exit(3)
        self.nfeatures = lib.xgbp_model_nfeatures(self.handle)
        self.noutputs = lib.xgbp_model_noutputs(self.handle, 0)
        names = [lib.xgbp_model_feature_name(self.handle, i)
                 for i in range(self.nfeatures)]
        self.names = {n.decode(): i for i, n in enumerate(names) if n}

    def predict(self, rows):
        """Score a list of rows of nfeatures floats each; NaN is missing."""
        n, nx, ny = len(rows), self.nfeatures, self.noutputs
        x = (ctypes.c_float * (n * nx))(*[v for r in rows for v in r])
        y = (ctypes.c_float * (n * ny))()
        status = self.lib.xgbp_predict(self.handle, x, n, nx, y, 0)
        if status != 0:
            why = self.lib.xgbp_strerror(status).decode()
            sys.exit(f"xgbp_ctypes: {why}")
        return [y[i * ny:(i + 1) * ny] for i in range(n)]

    def free(self):
        self.lib.xgbp_model_free(self.handle)
        self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.free()


def number(lib, field):
    """The float32 the library reads from a field (as xgbp does), NaN for
    an empty one, None for one that is not a number."""
    if field == "":
        return math.nan
    raw, out = field.encode(), ctypes.c_float()
    if lib.xgbp_parse_float(raw, len(raw), ctypes.byref(out), 0, None):
        return None
    return out.value


def rows_of(lib, model, lines, name):
    """Yield each data line of lines as a row of the model's features."""
    cols = None
    for lineno, line in enumerate(lines, 1):
        fields = line.rstrip("\r\n").split(",")
        values = [number(lib, f) for f in fields]
        if lineno == 1 and None in values:
            if model.names:
                unknown = [f for f in fields if f not in model.names]
                if unknown:
                    sys.exit(f"xgbp_ctypes: {name}:1: no feature "
                             f"{unknown[0]!r} in the model")
                cols = [model.names[f] for f in fields]
            continue
        if cols is None:
            cols = list(range(len(fields)))
        if None in values or len(values) != len(cols):
            sys.exit(f"xgbp_ctypes: {name}:{lineno}: expected "
                     f"{len(cols)} numbers")
        row = [math.nan] * model.nfeatures
        for c, v in zip(cols, values):
            if c < model.nfeatures:
                row[c] = v
        yield row


def write(preds):
    """Print rows of predictions, one line each, comma-separated."""
    for p in preds:
        sys.stdout.write(",".join(f32_str(v) for v in p) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-l", "--library",
                    default=os.environ.get("XGBP_LIB", "libxgbp.so.0"))
    ap.add_argument("model")
    ap.add_argument("rows", nargs="?", default="-")
    args = ap.parse_args()
    lib = load_library(args.library)
    name = "<stdin>" if args.rows == "-" else args.rows
    rows = sys.stdin if args.rows == "-" else open(args.rows)
    with Model(lib, args.model) as model, rows:
        batch = []
        for row in rows_of(lib, model, rows, name):
            batch.append(row)
            if len(batch) == BATCH:
                write(model.predict(batch))
                batch = []
        write(model.predict(batch) if batch else [])


if __name__ == "__main__":
    main()
