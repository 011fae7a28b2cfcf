#!/usr/bin/env bats
# The library as others embed it: libxgbp.so.0 exports xgbp.h's functions
# and nothing else; a C++ program and a Python ctypes script built against
# the installed library print what the program prints; the library's
# defaults score every fixture as the program does; a slice outlives its
# model under valgrind; make abicheck holds the ABI to the last release's.
# setup_file builds and installs once, in a copy of the tree with the
# default flags, whatever make asan or make valgrind gave the build under
# test (about 20 s on two cores).

load helper

setup_file() {
	export SRC=$BATS_FILE_TMPDIR/src DEST=$BATS_FILE_TMPDIR/dest
	export LIBS=$BATS_FILE_TMPDIR/dest/usr/local/lib
	export PKG_CONFIG_PATH=$LIBS/pkgconfig
	mkdir "$SRC"
	copy_tree "$SRC"
	(clean_build "$SRC" && inmake -C "$SRC" install DESTDIR="$DEST") \
	    >"$BATS_FILE_TMPDIR/build.log" 2>&1 ||
	    echo "the build failed" >>"$BATS_FILE_TMPDIR/build.log"
	identity "$BATS_FILE_TMPDIR"
}

# identity DIR: DIR/identity.json, a gblinear model whose prediction is
# its one feature, and DIR/floats.csv, rows of floats that are hard to
# print shortest: every power of two and its neighbours, the extremes, a
# few thousand random bit patterns, each with either sign.
identity() {
	printf '%s' '{"learner":{"attributes":{},"feature_names":["x"],' \
	    '"feature_types":[],"gradient_booster":{"model":' \
	    '{"boosted_rounds":1,"weights":[1,0]},"name":"gblinear"},' \
	    '"learner_model_param":{"base_score":"0","boost_from_average":' \
	    '"1","num_class":"0","num_feature":"1","num_target":"1"},' \
	    '"objective":{"name":"reg:squarederror","reg_loss_param":' \
	    '{"scale_pos_weight":"1"}}},"version":[2,1,4]}' >"$1/identity.json"
	python3 - >"$1/floats.csv" <<'EOF'
import random, struct
random.seed(18)
bits = {e << 23 | m for e in range(255) for m in (0, 1, 2, 0x7ffffe, 0x7fffff)}
bits |= {random.getrandbits(31) & 0x7f7fffff for _ in range(3000)}
print("x")
for b in sorted(bits):
    for s in (0, 0x80000000):
        print(repr(struct.unpack("<f", struct.pack("<I", b | s))[0]))
EOF
}

# built: fail, showing the build's log, unless setup_file's build worked.
built() {
	if [[ ! -e $LIBS/libxgbp.so.$SOMAJOR ]] ||
	    grep -q '^the build failed$' "$BATS_FILE_TMPDIR/build.log"; then
		cat "$BATS_FILE_TMPDIR/build.log"
		return 1
	fi
}

@test "libxgbp.so.0 exports xgbp.h's XGBP_API functions, as xgbp.map lists" {
	local h=$TOP/lib/xgbp.h so=$TOP/lib/libxgbp.so.$SOMAJOR api

	if grep -q '^SHARED = no$' "$TOP/config.mk"; then
		skip "the build under test has no shared library"
	fi
	# Every function xgbp.h declares is XGBP_API.
	run sh -c "grep -E '^[A-Za-z].*[ *]xgbp_[a-z0-9_]+\(' '$h' |
	    grep -v '^XGBP_API '"
	assert_output ""
	api=$(sed -n 's/^XGBP_API.*[ *]\(xgbp_[a-z0-9_]*\)(.*/\1/p' "$h")
	[ "$(wc -l <<<"$api")" -eq "$(grep -c '^XGBP_API ' "$h")" ]
	# The version script lists them, in the header's order.
	run sed -n '/^global:$/,/^local:$/s/^	\([a-z0-9_]*\);$/\1/p' \
	    "$TOP/lib/xgbp.map"
	assert_output "$api"
	# The library exports them, versioned XGBP_0, and nothing else.
	run sh -c "nm -D --defined-only '$so' | awk '{ print \$2, \$3 }' |
	    LC_ALL=C sort"
	assert_output "$( { echo 'A XGBP_0'; printf 'T %s@@XGBP_0\n' $api; } |
	    LC_ALL=C sort)"
	run readelf -d "$so"
	assert_output --partial "Library soname: [libxgbp.so.$SOMAJOR]"
	[ "$(readlink "$so")" = "libxgbp.so.$XGBP_VERSION" ]
	[ "$(readlink "$TOP/lib/libxgbp.so")" = "libxgbp.so.$SOMAJOR" ]
}

@test "configure --disable-shared: libxgbp.a alone, and xgbp.pc says -lm" {
	local d=$BATS_TEST_TMPDIR flags

	built
	cp "$TOP/configure" "$d/"
	(cd "$d" && env -u CC -u CFLAGS sh ./configure --disable-shared) \
	    >"$d/log"
	grep -q '^SHARED = no$' "$d/config.mk"
	# What a --disable-shared build installs.
	inmake -s -C "$SRC" install DESTDIR="$d/dest" SHARED=no
	run ls "$d/dest/usr/local/lib"
	assert_output "libxgbp.a
pkgconfig"
	flags=$(PKG_CONFIG_PATH=$d/dest/usr/local/lib/pkgconfig \
	    pkg-config --define-prefix --libs xgbp)
	assert_equal "${flags% }" "-L$d/dest/usr/local/lib -lxgbp -lm"
}

@test "a C++ program (g++) built against the installed library prints as xgbp" {
	local flags

	built
	# The .pc file says /usr/local; --define-prefix finds it in DEST.
	flags=$(pkg-config --define-prefix --cflags --libs xgbp)
	assert_equal "${flags% }" "-I$DEST/usr/local/include -L$LIBS -lxgbp"
	cd "$BATS_TEST_TMPDIR"
	run g++ -std=c++17 -Wall -Wextra -pedantic -o embed \
	    "$TOP/examples/embed.cc" $flags
	assert_success
	assert_output ""
	run readelf -d embed
	assert_output --partial "Shared library: [libxgbp.so.$SOMAJOR]"
	export LD_LIBRARY_PATH=$LIBS
	run --separate-stderr ./embed "$TOP/examples/iris.json" \
	    "$TOP/examples/iris.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(xgbp -m "$TOP/examples/iris.json" \
	    "$TOP/examples/iris.csv")"
	# Every float's shortest text, as xgbp writes it.
	./embed "$BATS_FILE_TMPDIR/identity.json" \
	    <"$BATS_FILE_TMPDIR/floats.csv" >got
	xgbp -m "$BATS_FILE_TMPDIR/identity.json" \
	    "$BATS_FILE_TMPDIR/floats.csv" >want
	cmp got want
	run --separate-stderr ./embed "$TOP/examples/iris.csv"
	assert_failure 3
	assert_equal "$stderr" \
	    "embed: $TOP/examples/iris.csv: offset 0: not an XGBoost model (unrecognised format)"
}

@test "examples/xgbp_ctypes.py, standard library only, prints as xgbp" {
	local py="/usr/bin/python3 -I -S $TOP/examples/xgbp_ctypes.py" m

	built
	# -I -S: no site-packages, no environment; the library from $XGBP_LIB.
	run --separate-stderr env XGBP_LIB="$LIBS/libxgbp.so.$SOMAJOR" \
	    $py "$TOP/examples/iris.json" "$TOP/examples/iris.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(xgbp -m "$TOP/examples/iris.json" \
	    "$TOP/examples/iris.csv")"
	cd "$BATS_TEST_TMPDIR"
	# Every float's shortest text; the library from -l.
	$py -l "$LIBS/libxgbp.so.$SOMAJOR" "$BATS_FILE_TMPDIR/identity.json" \
	    "$BATS_FILE_TMPDIR/floats.csv" >got
	xgbp -m "$BATS_FILE_TMPDIR/identity.json" \
	    "$BATS_FILE_TMPDIR/floats.csv" >want
	cmp got want
	# A gzip model, scored by the rules of the XGBoost that wrote it.
	m=$DATA/xgb-2.1.4/reg_quantileerror_multi
	XGBP_LIB=$LIBS/libxgbp.so.$SOMAJOR $py "$m/model.json.gz" \
	    "$m/data.csv" >got
	run "$F32CMP" -H got "$m/pred.csv"
	assert_success
	run --separate-stderr env XGBP_LIB="$LIBS/libxgbp.so.$SOMAJOR" \
	    $py "$TOP/examples/iris.csv"
	assert_failure 3
	assert_equal "$stderr" \
	    "xgbp_ctypes: $TOP/examples/iris.csv: offset 0: not an XGBoost model (unrecognised format)"
}

# agree DIR...: every model file of the fixtures in DIRs, scored with
# data.csv by the library's defaults (tests/tools/libscore) and by xgbp,
# gives the same text, so the same bits: predictions and margins.
agree() {
	local dir model t=$BATS_TEST_TMPDIR n=0 bad=0 f

	for dir; do
		for model in "$dir"/model* "$dir"/snapshot-*; do
			[[ -f $model ]] || continue
			if [[ $model == *.gz ]]; then
				gzip -dc "$model" >"$t/model"
			else
				cp "$model" "$t/model"
			fi
			for f in "" --margin; do
				xgbp -m "$model" $f "$dir/data.csv" >"$t/want"
				"$TOP/tests/tools/libscore" ${f:+-m} "$t/model" \
				    "$dir/data.csv" >"$t/got"
				n=$((n + 1))
				cmp -s "$t/got" "$t/want" || {
					echo "${model#"$DATA/"} $f: differs"
					bad=$((bad + 1))
				}
			done
		done
	done
	echo "$n cases, $bad differ"
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
}

@test "the library's defaults score the 1.7.4 fixtures as xgbp, bit for bit" {
	agree "$DATA"/xgb-1.7.4/*
}

@test "the library's defaults score the 2.1.4 fixtures as xgbp, bit for bit" {
	agree "$DATA"/xgb-2.1.4/*
}

@test "the library's defaults score the 3.4.1 fixtures as xgbp, bit for bit" {
	agree "$DATA"/xgb-3.4.1/*
}

@test "the library's defaults score legacy, rules, explain fixtures as xgbp" {
	agree "$DATA"/legacy/* "$DATA"/rules/* "$DATA"/explain/*
}

@test "a slice outlives its model: valgrind sees no use after free" {
	local out

	built
	cd "$BATS_TEST_TMPDIR"
	run cc -std=c99 -Wall -Wextra -o sliceuse \
	    "$TOP/tests/tools/sliceuse.c" \
	    $(pkg-config --define-prefix --cflags --libs xgbp)
	assert_success
	assert_output ""
	# tests/tools/vg: any error or leak is exit status 99.
	run --separate-stderr env LD_LIBRARY_PATH="$LIBS" \
	    "$TOP/tests/tools/vg" ./sliceuse "$IRIS/model.json"
	assert_success
	assert_equal "$stderr" ""
	# The four predictions are one: the trees outlived the model.
	[ "${#lines[@]}" -eq 4 ]
	[ "$(printf '%s\n' "${lines[@]}" | sort -u | wc -l)" -eq 1 ]
	[ "${#lines[0]}" -gt 100 ]
}

@test "make abicheck passes; an ABI change fails it unless the soname moves" {
	local d=$BATS_TEST_TMPDIR/src

	built
	run inmake -s -j2 -C "$SRC" abicheck
	assert_success
	assert_output "abicheck: libxgbp.so.$SOMAJOR keeps the ABI of lib/xgbp.abi"
	# A member inserted in struct xgbp_error, whose callers allocate it.
	cp -a "$SRC" "$d"
	sed -i 's/^\(	unsigned long	 offset;.*\)$/\1\n	int		 kind;/' \
	    "$d/lib/xgbp.h"
	grep -q 'int		 kind;' "$d/lib/xgbp.h"
	run inmake -s -j2 -C "$d" abicheck
	assert_failure 2
	assert_output --partial "'int kind', at offset 256 (in bits)"
	assert_line "abicheck: libxgbp.so.$SOMAJOR changed the ABI of lib/xgbp.abi without a new soname: undo the change, or bump XGBP_VERSION_MAJOR"
	# The same under a new soname (the next major version's): a new ABI.
	run inmake -s -C "$d" abicheck SONAME=libxgbp.so.$((SOMAJOR + 1))
	assert_success
	assert_output --partial "the soname changed from libxgbp.so.$SOMAJOR to libxgbp.so.$((SOMAJOR + 1))"
	# A member appended to an options struct, which grows both ways.
	rm -rf "$d"
	cp -a "$SRC" "$d"
	sed -i 's/^\(	const float	\*base_margin;.*\)$/\1\n	int		 later;/' \
	    "$d/lib/xgbp.h"
	grep -q 'int		 later;' "$d/lib/xgbp.h"
	run inmake -s -j2 -C "$d" abicheck
	assert_success
	assert_output "abicheck: libxgbp.so.$SOMAJOR keeps the ABI of lib/xgbp.abi"
}
