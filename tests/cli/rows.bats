#!/usr/bin/env bats
# Rows in, lines out, by the rules of the dialect (man xgbp, INPUT FORMAT):
# tests/rowgen.py writes random inputs made of every feature of it and
# checks what xgbp does with them against an oracle that never looks at
# xgbp's code: Python's csv module, plus one small function per rule where
# the dialect differs from it.  The models it scores with are instruments
# that print each row's features back.  Seeds are fixed here; `make soak`
# runs 100,000 cases with a random one.  Under `make valgrind` the counts
# are cut, each run being 100 times slower.

load helper

ROWGEN=$TOP/tests/rowgen.py

setup() {
	if [[ -n ${VG_TOOL-} ]]; then
		CASES=60 INVARIANT=8 BIG=0
	else
		CASES=3000 INVARIANT=200 BIG=100
	fi
}

# rowgen ARGS...: tests/rowgen.py on $XGBP, its summary line to the TAP
# stream; failing cases are kept in tests/tmp/rows/ to look at.
rowgen() {
	run python3 "$ROWGEN" --xgbp "$XGBP" --keep "$TOP/tests/tmp/rows" "$@"
	printf '# %s\n' "${lines[${#lines[@]} - 1]}" >&3
	assert_success
}

@test "the oracle reads inputs as meant and examples as written by hand" {
	run python3 "$ROWGEN" --self-check --seed 1 --cases 5000
	assert_success
}

@test "one example for each rule of the dialect" {
	rowgen --seed 1 --cases 0
}

@test "random inputs: fields, values, missing, headers, bad rows, options" {
	rowgen --no-examples --seed 1 --cases "$CASES"
}

@test "one line per row, every --on-error, -j 1 to 4, inputs over 1 MiB" {
	rowgen --invariant --seed 1 --cases "$INVARIANT" --big-every "$BIG"
}
