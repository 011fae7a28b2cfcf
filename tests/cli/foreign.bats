#!/usr/bin/env bats
# Foreign input: data compressed by a program other than gzip, or text in
# UTF-16 or UTF-32, are told by their first bytes (after gzip's) and named
# in one line that says how to convert them: status 1 for data, 3 for a
# model, nothing written.  Ordinary data that only look a little like them
# read as before.  A compressor that is not installed is stood in for by
# its magic number, written with printf.

load helper

ONE=0.078337125,0.28561112,0.6360518	# iris's prediction for 1,2,3,4

setup() {
	IN=$BATS_TEST_TMPDIR/in
	ALL=$(xgbp -m "$IRIS/model.json" "$IRIS/data.csv")
}

# compressed TOOL MAGIC: $IRIS/data.csv compressed by TOOL to IN, or only
# MAGIC (printf's notation) when TOOL is not installed.
compressed() {
	if command -v "$1" >/dev/null; then
		"$1" -c <"$IRIS/data.csv" >"$IN"
	else
		printf "$2" >"$IN"
	fi
}

# unread WHAT FILE: xgbp reads FILE, fails with status 1 and writes nothing
# but "xgbp: FILE: WHAT".
unread() {
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$2"
	assert_output ""
	assert_equal "$stderr" "xgbp: $2: $1"
}

@test "xz, bzip2 and zstd data: one line that says to decompress them" {
	local z
	compressed xz '\375\067\172\130\132\000\000\004\346\326\264\106'
	unread "compressed with xz, which xgbp does not read: decompress it first (xz -dc)" "$IN"
	compressed bzip2 'BZh91AY&SY\061\134'
	unread "compressed with bzip2, which xgbp does not read: decompress it first (bzip2 -dc)" "$IN"
	compressed zstd '\050\265\057\375\044\000'
	unread "compressed with zstd, which xgbp does not read: decompress it first (zstd -dc)" "$IN"
	# What the message says to run gives data xgbp reads.
	for z in xz bzip2 zstd; do
		command -v "$z" >/dev/null || continue
		"$z" -c <"$IRIS/data.csv" >"$IN"
		run -0 sh -c '"$0" -dc "$1" | "$2" -m "$3"' "$z" "$IN" "$XGBP" \
		    "$IRIS/model.json"
		assert_output "$ALL"
	done
}

@test "an empty bzip2 stream and a zip archive are named too" {
	# bzip2 of nothing: the end-of-stream magic right after the header.
	printf 'BZh9\027\162\105\070\120\220\000\000\000\000' >"$IN"
	unread "compressed with bzip2, which xgbp does not read: decompress it first (bzip2 -dc)" "$IN"
	printf 'PK\003\004\024\000\000\000\010\000' >"$IN"
	unread "a zip archive, which xgbp does not read: extract its file first (unzip -p)" "$IN"
}

@test "on standard input, and inside gzip, the same" {
	printf '\375\067\172\130\132\000\000\004' >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" <"$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: <stdin>: compressed with xz, which xgbp does not read: decompress it first (xz -dc)"
	gzip -c "$IN" >"$IN.gz"
	unread "compressed with xz, which xgbp does not read: decompress it first (xz -dc)" "$IN.gz"
}

@test "UTF-16 with a byte order mark, either way round" {
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$IRIS/data.csv"; } >"$IN"
	unread "UTF-16 text: convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)" "$IN"
	run -0 sh -c 'iconv -f UTF-16 -t UTF-8 "$0" | "$1" -m "$2"' "$IN" \
	    "$XGBP" "$IRIS/model.json"
	assert_output "$ALL"
	{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$IRIS/data.csv"; } >"$IN"
	unread "UTF-16 text: convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)" "$IN"
	run -0 sh -c 'iconv -f UTF-16 -t UTF-8 "$0" | "$1" -m "$2"' "$IN" \
	    "$XGBP" "$IRIS/model.json"
	assert_output "$ALL"
}

@test "UTF-16 without a byte order mark: its byte order is named" {
	local e
	for e in LE BE; do
		iconv -f UTF-8 -t "UTF-16$e" "$IRIS/data.csv" >"$IN"
		unread "UTF-16$e text: convert it to UTF-8 first (iconv -f UTF-16$e -t UTF-8)" "$IN"
		run -0 sh -c 'iconv -f "$0" -t UTF-8 "$1" | "$2" -m "$3"' \
		    "UTF-16$e" "$IN" "$XGBP" "$IRIS/model.json"
		assert_output "$ALL"
	done
	# Two characters are enough when they are all there is.
	printf '1\000\n\000' >"$IN"
	unread "UTF-16LE text: convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8)" "$IN"
}

@test "UTF-32 with a byte order mark" {
	{ printf '\377\376\000\000'; iconv -f UTF-8 -t UTF-32LE "$IRIS/data.csv"; } >"$IN"
	unread "UTF-32 text: convert it to UTF-8 first (iconv -f UTF-32 -t UTF-8)" "$IN"
	run -0 sh -c 'iconv -f UTF-32 -t UTF-8 "$0" | "$1" -m "$2"' "$IN" \
	    "$XGBP" "$IRIS/model.json"
	assert_output "$ALL"
}

@test "gzip-compressed UTF-16 is named as UTF-16" {
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$IRIS/data.csv"; } |
	    gzip -c >"$IN.gz"
	unread "UTF-16 text: convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)" "$IN.gz"
	iconv -f UTF-8 -t UTF-16LE "$IRIS/data.csv" | gzip -c >"$IN.gz"
	unread "UTF-16LE text: convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8)" "$IN.gz"
}

@test "a model compressed with xz, or in UTF-16: status 3, one line" {
	local m=$BATS_TEST_TMPDIR/model.json.xz
	if command -v xz >/dev/null; then
		xz -c "$IRIS/model.json" >"$m"
	else
		printf '\375\067\172\130\132\000\000\004' >"$m"
	fi
	run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
	assert_output ""
	assert_equal "$stderr" "xgbp: $m: compressed with xz, which xgbp does not read: decompress it first (xz -dc)"
	m=$BATS_TEST_TMPDIR/model.json
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$IRIS/model.json"; } >"$m"
	run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
	assert_output ""
	assert_equal "$stderr" "xgbp: $m: UTF-16 text: convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"
}

# The model of one feature x: margin -1 when x < 1.5, else 2.
one_feature() {
	printf '%s' '{"learner":{"learner_model_param":{"base_score":"5E-1",'\
'"num_class":"0","num_feature":"1"},"objective":{"name":"binary:logistic"},'\
'"gradient_booster":{"name":"gbtree","model":{"gbtree_model_param":'\
'{"num_trees":"1"},"tree_info":[0],"trees":[{"tree_param":{"num_nodes":"3"},'\
'"left_children":[1,-1,-1],"right_children":[2,-1,-1],'\
'"split_indices":[0,0,0],"split_conditions":[1.5,-1,2],'\
'"default_left":[1,0,0]}]}}},"version":[1,7,4]}' >"$BATS_TEST_TMPDIR/one.json"
}

@test "one column of small numbers is never taken for UTF-16" {
	local m=$BATS_TEST_TMPDIR/one.json
	one_feature
	printf '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n' >"$IN"
	run -0 --separate-stderr xgbp --margin -m "$m" "$IN"
	assert_output "$(printf -- '-1\n-1\n2\n2\n2\n2\n2\n2\n2\n2')"
	assert_equal "$stderr" ""
	local d
	for d in '1\n' '1' '1\n2\n' '1\r\n2\r\n' '\n1\n\n2\n' '2\n1'; do
		printf "$d" >"$IN"
		run -0 --separate-stderr xgbp --margin -m "$m" "$IN"
		assert_equal "$stderr" ""
		gzip -c "$IN" >"$IN.gz"
		run -0 --separate-stderr xgbp --margin -m "$m" "$IN.gz"
		assert_equal "$stderr" ""
	done
	# Nor is a stray NUL, which stays an error in its field.
	printf '1\0002,2,3,4\n' >"$IN"
	run -1 --separate-stderr xgbp --no-header -m "$IRIS/model.json" "$IN"
	assert_equal "$stderr" "xgbp: $IN:1:1: not a number: \"1\\x002\""
}

@test "data that begin like a magic number, or with a UTF-8 mark, read as usual" {
	local h
	for h in 'BZh9' 'BZh91AY&S' 'PK' 'P' 'B' $'\xef\xbb\xbfx'; do
		printf '%s,%s\n9,1,2,3,4\n' "$h" \
		    "$(head -n 1 "$IRIS/data.csv" | cut -d, -f1-4)" >"$IN"
		run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
		assert_output "$ONE"
		assert_equal "$stderr" ""
	done
	# A byte order mark of UTF-8 is dropped, as ever.
	{ printf '\357\273\277'; cat "$IRIS/data.csv"; } | gzip -c >"$IN.gz"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN.gz"
	assert_output "$ALL"
	assert_equal "$stderr" ""
}
