# helper.bash: loaded by every bats file of xgbp's CLI tests.
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
DATA=$TOP/tests/data
: "${XGBP:=$TOP/cmd/xgbp}"
: "${F32CMP:=$TOP/tests/tools/f32cmp}"
IRIS=$DATA/xgb-1.7.4/multi_softprob_iris
# The library's version, from lib/xgbp.h ("0.3.0"), and the major version
# that names its soname, libxgbp.so.$SOMAJOR.
XGBP_VERSION=$(sed -n 's/^#define XGBP_VERSION_[A-Z]*\t\([0-9]*\)$/\1/p' \
    "$TOP/lib/xgbp.h" | paste -sd .)
SOMAJOR=${XGBP_VERSION%%.*}

# xgbp ARGS...: the program under test.
xgbp() {
	"$XGBP" "$@"
}

# near_as A EXPECTED [XGBP ARGS...]: xgbp succeeds with nothing on
# stderr, and every value is within A plus 4 ulps of EXPECTED's (a CSV
# with a header line).
near_as() {
	local a=$1 expected=$2
	shift 2
	run --separate-stderr xgbp "$@"
	assert_success
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/near_as.out"
	run "$F32CMP" -H -a "$a" -u 4 "$BATS_TEST_TMPDIR/near_as.out" "$expected"
	assert_success
}

# model_file DIR FORMAT: the fixture's model in that format, stored as
# model.FORMAT or, when large, model.FORMAT.gz.
model_file() {
	if [[ -f $1/model.$2 ]]; then
		echo "$1/model.$2"
	else
		echo "$1/model.$2.gz"
	fi
}

# same_as EXPECTED [XGBP ARGS...]: xgbp succeeds with nothing on stderr,
# and its output equals EXPECTED (a CSV with a header line, as XGBoost's
# outputs in tests/data are) to the float32 bit.
same_as() {
	local expected=$1
	shift
	run --separate-stderr xgbp "$@"
	assert_success
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/same_as.out"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/same_as.out" "$expected"
	assert_success
}

# copy_tree DIR: the tree's sources, tracked or new but not ignored, into
# DIR; a plain copy less build products when the tree is no git checkout.
copy_tree() {
	if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$TOP" ls-files -z -co --exclude-standard |
		    (cd "$TOP" && tar --null --ignore-failed-read -T - -cf -) |
		    tar -xf - -C "$1"
	else
		cp -R "$TOP/." "$1" && make -C "$1" distclean >/dev/null
	fi
}

# inmake ARGS...: make, free of the make that runs the tests (make asan's
# MAKEFLAGS would pass its sanitizer flags on).
inmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"
}

# clean_build DIR [CONFIGURE-ARGS...]: configure and build the copy of the
# tree in DIR with the default compiler and flags, whatever the make or the
# environment that runs the tests was given.
clean_build() {
	local dir=$1
	shift
	(cd "$dir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CC -u CFLAGS \
	    -u CPPFLAGS -u LDFLAGS sh -c './configure "$@" && make -j2' sh \
	    "$@")
}
