#!/bin/sh
# tests/data/make-legacy.sh: make tests/data/legacy/CASE/ from the XGBoost
# 1.7.4 binary models in tests/data/xgb-1.7.4/CASE/: the same model in the
# layouts older XGBoost wrote, which no installable XGBoost writes any more.
# Run it at fixture-generation time (POSIX sh and python3's standard library
# only); `make check` only reads what it wrote.
#
#   model-0.90.bin    headerless binary as XGBoost 0.60-0.90 wrote it
#   snapshot-1.0.bin  1.0 pickle snapshot: "CONFIG-offset:", an int64 n,
#                     n bytes of headerless 1.0 binary model, JSON config
#   snapshot-binf.bin 1.1-1.3 pickle snapshot: the same around the
#                     original "binf" file
#   data.csv margin.csv pred.csv leaf.csv
#                     copied unchanged from the 1.7.4 case: XGBoost's own
#
# The layouts are in ../shared/docs/xgboost-model-format.md §4.  Only the
# framing and base_score change; the trees, tree_info, DART weights and
# gblinear weights are the 1.7.4 bytes.  For the 0.90 layout the script
# drops "binf", zeroes major_version, minor_version, num_target and
# boost_from_average (reserved before 1.0), drops the "objective" attribute
# (written since 1.0 only), and stores base_score b as a margin, as
# writers before 1.0 did: m = ProbToMargin(b).  The 1.0 layout keeps b and
# the attribute and sets the version to 1.0.
#
# Why XGBoost's 1.7.4 outputs stay the expected outputs: a reader of such a
# file (XGBoost 1.2-3.0, doc §5.4) starts from
# ProbToMargin(PredTransform(m)), or from m itself for multi:* objectives.
# The script accepts only cases where that is exactly ProbToMargin(b), the
# initial margin XGBoost 1.7.4 used:
#   - identity links (binary:logitraw, reg:squarederror, rank:*, multi:*):
#     m = b, and PredTransform is the identity or is skipped (multi:*);
#   - logistic links with b = 0.5: m = -logf(1/0.5 - 1) = -0.0 exactly,
#     sigmoid(-0.0) = 1/(1+1) = 0.5 exactly, and back to -0.0; no libm
#     rounding is involved.
# Other links (log for count:poisson and friends, hinge's 0.5 -> 1.0) do not
# round-trip and are refused.  The snapshots hold models that XGBoost reads
# exactly as the plain file (§4.8), so the same outputs apply.
set -eu
top=$(cd "$(dirname "$0")" && pwd)
src=$top/xgb-1.7.4
dst=$top/legacy
cases="binary_logitraw_bc_nan base_score_auto_logistic_imbalanced
dart_multiclass gblinear_multiclass"
for c in $cases; do
	rm -rf "$dst/$c"
	mkdir -p "$dst/$c"
	for f in data.csv margin.csv pred.csv leaf.csv; do
		if test -f "$src/$c/$f"; then
			cp "$src/$c/$f" "$dst/$c/"
		fi
	done
	python3 - "$src/$c/model.bin" "$dst/$c" <<'EOF'
import json, struct, sys

model, out = sys.argv[1], sys.argv[2]
d = open(model, 'rb').read()
assert d[:4] == b'binf', 'not a binf file'
b = d[4:]

def u64(o):
    return struct.unpack_from('<Q', b, o)[0]

def i32(o):
    return struct.unpack_from('<i', b, o)[0]

# Walk the 1.7.4 layout, noting the offsets the rewrite needs.
pos = 136
n = u64(pos)
obj = b[pos + 8:pos + 8 + n].decode()
pos += 8 + n
n = u64(pos)
booster = b[pos + 8:pos + 8 + n].decode()
pos += 8 + n
if booster in ('gbtree', 'dart'):
    ntrees, npar = i32(pos), i32(pos + 4)
    assert npar == 1, 'num_parallel_tree must be 1'
    pos += 160
    for t in range(ntrees):
        assert i32(pos) == 1 and i32(pos + 20) == 0, 'tree %d params' % t
        pos += 148 + i32(pos + 4) * 36
    pos += 4 * ntrees
    if booster == 'dart' and ntrees > 0:
        pos += 8 + 4 * u64(pos)
else:
    pos += 136
    pos += 8 + 4 * u64(pos)
attrs = []
if i32(12) != 0:
    n = u64(pos); pos += 8
    for i in range(n):
        kv = []
        for j in range(2):
            ln = u64(pos); kv.append(b[pos + 8:pos + 8 + ln]); pos += 8 + ln
        attrs.append(tuple(kv))
assert pos == len(b), 'trailing bytes'

base = struct.unpack_from('<f', b, 0)[0]
if obj.startswith('multi:') or obj in ('binary:logitraw', 'reg:squarederror',
    'rank:pairwise', 'rank:ndcg', 'rank:map'):
    margin = base
elif obj in ('binary:logistic', 'reg:logistic') and base == 0.5:
    margin = -0.0
else:
    sys.exit('%s: base_score %r of %s does not round-trip' %
        (model, base, obj))

def strs(pairs):
    r = struct.pack('<Q', len(pairs))
    for k, v in pairs:
        r += struct.pack('<Q', len(k)) + k + struct.pack('<Q', len(v)) + v
    return r

# Where the attributes begin: just after the booster body.
attrs_at = pos - (len(strs(attrs)) if i32(12) != 0 else 0)

def layout(major, minor, basef, keep_objective):
    """The model without "binf", as the writer of major.minor did."""
    lp = bytearray(b[:136])
    struct.pack_into('<f', lp, 0, basef)
    struct.pack_into('<IIIi', lp, 20, major, minor, 0, 0)
    kept = [kv for kv in attrs if keep_objective or kv[0] != b'objective']
    struct.pack_into('<i', lp, 12, 1 if kept else 0)
    return bytes(lp) + b[136:attrs_at] + (strs(kept) if kept else b'')

config = json.dumps({'Learner': {'learner_train_param': {
    'booster': booster, 'objective': obj}}}, separators=(',', ':')).encode()

def snapshot(m):
    return b'CONFIG-offset:' + struct.pack('<q', len(m)) + m + config

open(out + '/model-0.90.bin', 'wb').write(layout(0, 0, margin, False))
open(out + '/snapshot-1.0.bin', 'wb').write(
    snapshot(layout(1, 0, base, True)))
open(out + '/snapshot-binf.bin', 'wb').write(snapshot(d))
EOF
done
