#!/bin/sh
# tests/run.sh TEST...: run every test of xgbp and end with one line
# "N passed, N failed".  The TESTs (unit tests, fuzz corpus replays) and
# the bats files all speak TAP; each "ok" line is a pass, each "not ok" a
# failure, and a program that dies or whose TAP plan does not match its
# lines counts as one more failure.  Exits 1 if anything failed.  $XGBP is
# the program under test; $TEST_WRAPPER, if set, runs each TEST (make
# valgrind sets both to run under valgrind, tests/cross.sh under qemu);
# $BATS_FILES, if set, are the bats files to run instead of all.
cd "$(dirname "$0")/.." || exit 2
: "${XGBP:=$PWD/cmd/xgbp}"
export XGBP
pass=0
fail=0
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT

# run NAME COMMAND...: run one TAP producer and count its results.
run() {
	name=$1
	shift
	"$@" >"$log" 2>&1
	status=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | head -n 1)
	if test "$f" -gt 0 || test "$status" -ne 0 ||
	    test "${plan:-x}" != $((p + f)); then
		echo "FAIL $name (exit $status, $p passed, $f failed, plan ${plan:-none})"
		sed 's/^/    /' "$log"
		test "$f" -eq 0 && f=1
	else
		echo "ok   $name ($p)"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
}

for t; do
	run "$t" $TEST_WRAPPER "$t"
done
for t in ${BATS_FILES:-tests/cli/*.bats}; do
	run "$t" bats --tap "$t"
done
echo "$pass passed, $fail failed"
test "$fail" -eq 0
