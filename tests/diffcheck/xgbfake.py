#!/usr/bin/python3
"""xgbfake.py: XGBoost itself behind the xgbp options diffcheck.py uses,
to check the checker:

    tests/diffcheck/diffcheck.py --xgbp tests/diffcheck/xgbfake.py

must find no disagreement.  It reads the data as diffcheck.py's reference
does (read_table), so what it tests is the rest: the modes, the options,
the model files, reading xgbp's output and comparing bits.  It prints
each value as the shortest text of its double, which strtof() reads back
as the same float.  Exit status 1 when XGBoost refuses, as xgbp's 1, 2 or
3 would; diffcheck.py asks only that both refuse.
"""

import getopt
import gzip
import os
import sys
import tempfile

import xgboost as xgb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diffcheck  # noqa: E402


def load(path):
    """Return the Booster in path, gzip-compressed or not."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] != b"\x1f\x8b":
        return xgb.Booster(model_file=path)
    name = os.path.basename(path)[:-3]      # XGBoost goes by the extension
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, name), "wb") as f:
            f.write(gzip.decompress(data))
        return xgb.Booster(model_file=os.path.join(d, name))


def main():
    opts, args = getopt.gnu_getopt(sys.argv[1:], "m:tj:", [
        "margin", "leaf", "iteration-range=", "best-iteration",
        "no-header", "missing=", "contrib", "contrib-approx",
        "interactions"])
    o = dict(opts)
    xgb.set_config(verbosity=0)         # its warnings go to stdout
    bst = load(o["-m"])
    data = args[0]
    delim = "\t" if "-t" in o or ".tsv" in data else ","
    missing = float(o["--missing"]) if "--missing" in o else None
    x, _ = diffcheck.read_table(data, delim, "--no-header" not in o,
                                bst.feature_names, bst.num_features(),
                                missing)
    kw = {}
    for opt, more in (("--margin", {"output_margin": True}),
                      ("--leaf", {"pred_leaf": True}),
                      ("--contrib", {"pred_contribs": True}),
                      ("--contrib-approx", {"pred_contribs": True,
                                            "approx_contribs": True}),
                      ("--interactions", {"pred_interactions": True})):
        if opt in o:
            kw.update(more)
    part = None
    if "--iteration-range" in o:
        a, b = o["--iteration-range"].split(":")
        kw["iteration_range"] = (int(a or 0), int(b or 0))
        # as xgbp: the leaves of bst[a:b] (see diffcheck's Mode)
        end = int(b or 0) or bst.num_boosted_rounds()
        if "pred_leaf" in kw and 0 < int(a or 0) < end:
            part = (int(a), end)
    if "--best-iteration" in o:
        kw["iteration_range"] = (0, int(bst.attributes()[
            "best_iteration"]) + 1)
    mode = diffcheck.Mode("", [], kw, slice=part)
    ref = diffcheck.reference(bst, x, True, missing, mode)[0]
    if isinstance(ref, str):
        sys.exit("xgbfake: " + ref)
    for row in ref:
        print(delim.join(str(int(v)) if "--leaf" in o else repr(float(v))
                         for v in row))


if __name__ == "__main__":
    main()
