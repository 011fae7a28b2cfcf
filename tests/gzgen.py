"""gzgen.py: random gzip inputs read as their plain text is.

    gzgen.py XGBP MODEL [--cases N] [--seed S]

Each case is random CSV text (a header, then rows of four fields: numbers,
empty fields, a quoted field now and then, CRLF or LF, a last line with or
without its line end), cut into one to five gzip members at random byte
offsets (so a member may end inside a record, a quote or a CRLF), each
member compressed by Python's zlib at a random level and strategy, some
with a file name in their header; then xgbp reads the gzip file, with -j 1
or -j 3, by name or on standard input, and must write exactly what it
writes for the plain text, with the same status and messages.  The oracle
is xgbp's plain-text path, itself checked against Python's csv module by
tests/rowgen.py: this checks that decompression, whichever library does it
(ISA-L or zlib), hands over the same bytes, whatever the member bounds.
"""
import argparse
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import zlib


def text(rng, header):
    lines = [header]
    for _ in range(rng.choice([0, 1, 5, 50, 500, 3000])):
        f = []
        for _ in range(4):
            r = rng.random()
            if r < 0.05:
                f.append("")
            elif r < 0.08:
                f.append('"%.2f"' % rng.uniform(0, 8))
            else:
                f.append("%.*f" % (rng.randint(0, 6), rng.uniform(0, 8)))
        lines.append(",".join(f))
    end = rng.choice(["\n", "\r\n"])
    t = end.join(lines)
    if rng.random() < 0.8:
        t += end
    return t.encode()


def member(rng, data):
    """One gzip member of data, at a random level and strategy."""
    level = rng.randint(0, 9)
    strategy = rng.choice([zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED,
                           zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED])
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    body = c.compress(data) + c.flush()
    flags, extra = 0, b""
    if rng.random() < 0.3:
        flags |= 8                     # FNAME
        extra = b"part.csv\0"
    head = struct.pack("<BBBBIBB", 0x1F, 0x8B, 8, flags, 0, 0, 255)
    tail = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return head + extra + body + tail


def gzip_of(rng, data):
    k = rng.randint(0, min(4, len(data)))
    cuts = sorted(rng.sample(range(1, len(data)), k)) if len(data) > k else []
    parts, last = [], 0
    for c in cuts + [len(data)]:
        parts.append(data[last:c])
        last = c
    return b"".join(member(rng, p) for p in parts)


def run(argv, cwd, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run(argv, stdin=stdin, capture_output=True,
                           timeout=60, cwd=cwd)
    finally:
        if stdin_path:
            stdin.close()
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xgbp")
    ap.add_argument("model", help="an iris model; its data.csv beside it "
                    "gives the header")
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    t0 = time.time()
    failed = 0
    xgbp = os.path.abspath(a.xgbp)
    model = os.path.abspath(a.model)
    with open(os.path.join(os.path.dirname(model), "data.csv")) as f:
        header = f.readline().rstrip("\r\n")
    with tempfile.TemporaryDirectory() as d:
        # The same name in two directories, so messages are alike.
        pd, gd = os.path.join(d, "plain"), os.path.join(d, "gz")
        os.mkdir(pd)
        os.mkdir(gd)
        plain = os.path.join(pd, "in.csv")
        gz = os.path.join(gd, "in.csv")
        for case in range(a.cases):
            data = text(rng, header)
            with open(plain, "wb") as f:
                f.write(data)
            with open(gz, "wb") as f:
                f.write(gzip_of(rng, data))
            j = rng.choice(["1", "3"])
            base = [xgbp, "-j", j, "-m", model]
            if rng.random() < 0.5:
                got = run(base + ["in.csv"], gd)
                want = run(base + ["in.csv"], pd)
            else:
                got = run(base, gd, gz)
                want = run(base, pd, plain)
            if got != want:
                failed += 1
                if failed <= 3:
                    keep = os.path.join(tempfile.gettempdir(),
                                        "gzgen-%d-%d.csv" % (a.seed, case))
                    with open(keep, "wb") as f:
                        f.write(data)
                    print("case %d (-j %s): differs from the plain text "
                          "(kept in %s): status %d/%d, stderr %r / %r" %
                          (case, j, keep, got[0], want[0], got[2][:200],
                           want[2][:200]))
    print("gzgen: seed %d: %d cases, %d failed; %.1f s" %
          (a.seed, a.cases, failed, time.time() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
