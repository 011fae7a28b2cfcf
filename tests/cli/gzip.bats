#!/usr/bin/env bats
# gzip input read as its plain text is, whichever library inflates it
# (xgbp -V says: ISA-L or zlib; CI's make asan builds both):
# tests/gzgen.py cuts random CSV text into gzip members at random bytes,
# at random levels and strategies, and compares xgbp's output, status and
# messages on the gzip file with those on the text.  Under `make
# valgrind` the count is cut.

load helper

@test "random gzip members, cut anywhere: the same rows as the plain text" {
	local cases=200
	[[ -z ${VG_TOOL-} ]] || cases=10
	run python3 "$TOP/tests/gzgen.py" "$XGBP" "$IRIS/model.json" \
	    --cases "$cases" --seed 1
	printf '# %s\n' "${lines[${#lines[@]} - 1]}" >&3
	assert_success
}

@test "the gzip library is named by -V, and -z output inflates to the plain output" {
	run -0 --separate-stderr xgbp -V
	assert_line --index 1 --regexp '^gzip: (ISA-L|zlib) '
	xgbp -m "$IRIS/model.json" "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/plain"
	xgbp -z -m "$IRIS/model.json" "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/z.gz"
	gzip -t "$BATS_TEST_TMPDIR/z.gz"
	gzip -dc "$BATS_TEST_TMPDIR/z.gz" | cmp - "$BATS_TEST_TMPDIR/plain"
	# Line by line: each flush makes all lines so far decompressible.
	xgbp -z --line-buffered -m "$IRIS/model.json" "$IRIS/data.csv" \
	    >"$BATS_TEST_TMPDIR/l.gz"
	gzip -dc "$BATS_TEST_TMPDIR/l.gz" | cmp - "$BATS_TEST_TMPDIR/plain"
}
