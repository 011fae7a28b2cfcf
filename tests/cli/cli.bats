#!/usr/bin/env bats
# Options, usage and version: status, stdout and stderr, exactly.

load helper

@test "-h prints the usage on stdout and exits 0" {
	run --separate-stderr xgbp -h
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --partial "usage: xgbp "
	run xgbp --help
	assert_success
	assert_line --index 0 --partial "usage: xgbp "
}

@test "-V prints the version, lib/xgbp.h's" {
	run --separate-stderr xgbp -V
	assert_success
	assert_line --index 0 "xgbp $XGBP_VERSION"
	assert_line --index 1 --regexp '^gzip: (ISA-L|zlib) [0-9]+\.[0-9]+\.[0-9]+'
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" ""
}

@test "an unknown option is a usage error: one line, then where help is" {
	run -2 --separate-stderr xgbp -Z -m "$IRIS/model.json"
	assert_output ""
	assert_equal "$stderr" "xgbp: -Z: unknown option
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp --frobnicate=3 -m "$IRIS/model.json"
	assert_equal "${stderr_lines[0]}" "xgbp: --frobnicate: unknown option"
	run -2 --separate-stderr xgbp --nope -m "$IRIS/model.json"
	assert_equal "${stderr_lines[0]}" "xgbp: --nope: unknown option"
	run -2 --separate-stderr xgbp "$IRIS/data.csv" -m
	assert_equal "${stderr_lines[0]}" "xgbp: -m: needs an argument"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" --keep
	assert_equal "${stderr_lines[0]}" "xgbp: --keep: needs an argument"
}

@test "no model is a usage error" {
	run -2 --separate-stderr xgbp "$IRIS/data.csv"
	assert_output ""
	assert_equal "${stderr_lines[0]}" "xgbp: no model: use -m FILE"
}

@test "-d takes one character, or \\t or tab" {
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -d ab
	assert_equal "${stderr_lines[0]}" \
	    'xgbp: -d: not a single delimiter character: "ab"'
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -d '"'
	assert_equal "${stderr_lines[0]}" \
	    'xgbp: -d: not a single delimiter character: """'
	printf '5.1\t3.5\t1.4\t0.2\n' >"$BATS_TEST_TMPDIR/in"
	run -0 xgbp -m "$IRIS/model.json" -d '\t' "$BATS_TEST_TMPDIR/in"
	assert_output "$(printf '0.9226171\t0.039792567\t0.037590317')"
	run -0 xgbp -m "$IRIS/model.json" -d tab "$BATS_TEST_TMPDIR/in"
	assert_output "$(printf '0.9226171\t0.039792567\t0.037590317')"
}

@test "--margin writes raw margins" {
	printf '5.1,3.5,1.4,0.2\n' >"$BATS_TEST_TMPDIR/in"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --margin \
	    "$BATS_TEST_TMPDIR/in"
	assert_output "2.3275995,-0.81593466,-0.87286824"
	assert_equal "$stderr" ""
}
