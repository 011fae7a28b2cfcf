#!/usr/bin/env bats
# Bad input, one case a test (issue 6): each ends with its exact exit status
# (1 data, 3 model), a message that names the line where there is one, and
# the rows before the fault written; never a crash, never a silent loss.
# Big inputs are made at test time.

load helper

HEAD='sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)'
ROW1=0.078337125,0.28561112,0.6360518	# the prediction for 1,2,3,4

setup() {
	IN=$BATS_TEST_TMPDIR/in.csv
}

@test "an unterminated quote at the end of the input" {
	printf '%s\n1,2,3,4\n1,2,3,4\n5,"3.4,1.5,0.2' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"$'\n'"$ROW1"
	assert_equal "$stderr" "xgbp: $IN:4:2: unterminated quoted field"
	# The quote runs over line ends to the end: named at its record.
	printf '%s\n1,2,3,4\n5,"3\n.4,1.5,0.2\n\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:3:2: unterminated quoted field"
}

@test "ragged rows: too few and too many fields" {
	printf '%s\n1,2,3,4\n1,2,3\n1,2,3,4\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:3: 3 fields, expected 4"
	printf '%s\n1,2,3,4\n1,2,3,4\n1,2,3,4,5\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" "xgbp: $IN:4: 5 fields, expected 4"
	# Skipped, they are named too, and the other rows are all written.
	printf '%s\n1,2,3\n1,2,3,4\n,\n' "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --on-error=skip \
	    "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2: 3 fields, expected 4 (row skipped)
xgbp: $IN:4: 2 fields, expected 4 (row skipped)
xgbp: 2 rows skipped"
}

@test "fields that are not numbers" {
	local v q
	for v in abc 1.5x 0x10 '"1,5"' -- '1e' inf5 '+-1' 1.2.3 . '1 2'; do
		printf '%s\n1,2,3,4\n1,%s,3,4\n' "$HEAD" "$v" >"$IN"
		q=${v#\"}
		q=${q%\"}
		run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
		assert_equal "$output" "$ROW1"
		assert_equal "$stderr" "xgbp: $IN:3:2: column \"sepal width (cm)\": not a number: \"$q\""
	done
	# Without a header, the field has no name.
	printf '1,2,3,4\n1,2,3,x\n' >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$stderr" "xgbp: $IN:2:4: not a number: \"x\""
}

@test "NUL bytes in a field are an error that shows them" {
	printf '%s\n1,2,3,4\n1,3\0004,3,4\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:3:2: column \"sepal width (cm)\": not a number: \"3\\x004\""
	printf '%s\n1,2,3,4\n1,2,3,"\000"\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$stderr" "xgbp: $IN:3:4: column \"petal width (cm)\": not a number: \"\\x00\""
	# A missing-value token and a NUL is no missing value.
	printf '%s\n1,2,3,4\n1,2,3,NA\000\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$stderr" "xgbp: $IN:3:4: column \"petal width (cm)\": not a number: \"NA\\x00\""
}

@test "invalid UTF-8 in a header" {
	# In a feature's column: that feature has no column, on line 1.
	printf '%s\377\n1,2,3,4\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: $IN:1: no column for feature \"petal width (cm)\"; line 1 was taken for a header, as field 1 (\"sepal length (cm)\") is not a number: use --no-header if it is data"
	# In another column: passed through byte for byte by -a -H.
	printf 'id\377\376,%s\n7,1,2,3,4\n' "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" -a -H "$IN"
	printf 'id\377\376,%s,prob_0,prob_1,prob_2\n7,1,2,3,4,%s\n' "$HEAD" \
	    "$ROW1" >"$BATS_TEST_TMPDIR/want"
	xgbp -m "$IRIS/model.json" -a -H "$IN" >"$BATS_TEST_TMPDIR/got"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "a 10 MB single field" {
	local x71
	# Not a number: the message quotes its start, on the right line.
	{ printf '%s\n1,2,3,4\n1,' "$HEAD"
	  head -c 10000000 /dev/zero | tr '\0' x
	  printf ',3,4\n1,2,3,4\n'; } >"$IN"
	x71=$(printf '%71s' '' | tr ' ' x)
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:3:2: column \"sepal width (cm)\": not a number: \"$x71...\""
	# A number of 10 MB of digits (quoted, with a line break in front of
	# the next row's) reads as the float it rounds to.
	{ printf '%s\n"0.' "$HEAD"
	  head -c 10000000 /dev/zero | tr '\0' 0
	  printf '1",2,3,4\n1,2,3,4\n'; } >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" ""
}

@test "1,000,000 columns, in seconds (under the sanitizers too)" {
	# Fields are collected in arrays that grow geometrically: a
	# reallocation per field made this quadratic under ASan and musl.
	# (No time limit under valgrind, 50 times slower.)
	local limit="timeout 60"
	[[ -z ${VG_TOOL-} ]] || limit=
	awk 'BEGIN { for (r = 0; r < 3; r++) {
		for (i = 1; i <= 1000000; i++)
			printf "%s%d", (i > 1 ? "," : ""), (i <= 4 ? i : i % 7)
		print ""
	} }' >"$IN"
	run -0 --separate-stderr $limit "$XGBP" -m "$IRIS/model.json" \
	    --no-header -f 1-4 "$IN"
	assert_equal "$output" "$ROW1"$'\n'"$ROW1"$'\n'"$ROW1"
	assert_equal "$stderr" ""
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --no-header "$IN"
	assert_equal "$stderr" "xgbp: $IN:1: 1000000 fields, but the model has 4 features"
	# One field short, on line 3; quoted, the same.
	sed '3s/,[0-9]*$//' "$IN" >"$BATS_TEST_TMPDIR/short.csv"
	run -1 --separate-stderr $limit "$XGBP" -m "$IRIS/model.json" \
	    --no-header -f 1-4 "$BATS_TEST_TMPDIR/short.csv"
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/short.csv:3: 999999 fields, expected 1000000"
	sed '2s/,\([0-9]*\)/,"\1"/g' "$IN" >"$BATS_TEST_TMPDIR/quoted.csv"
	run -0 --separate-stderr $limit "$XGBP" -m "$IRIS/model.json" \
	    --no-header -f 1-4 "$BATS_TEST_TMPDIR/quoted.csv"
	assert_equal "$output" "$ROW1"$'\n'"$ROW1"$'\n'"$ROW1"
}

@test "CR-only line ends count lines" {
	printf '%s\r1,2,3,4\r\r1,2,x,4\r1,2,3,4\r' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:4:3: column \"petal length (cm)\": not a number: \"x\""
	printf '%s\r1,2,3,4\r1,2,3,4' "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"$'\n'"$ROW1"
}

@test "empty input: no output but -H's header, success" {
	: >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_output ""
	assert_equal "$stderr" ""
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" -H "$IN"
	assert_output "prob_0,prob_1,prob_2"
	assert_equal "$stderr" ""
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" -H -k 'id,3-4' \
	    -D '|' "$IN"
	assert_output "id|column_3|column_4|prob_0|prob_1|prob_2"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" </dev/null
	assert_output ""
	assert_equal "$stderr" ""
	gzip -c </dev/null >"$IN.gz"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN.gz"
	assert_output ""
	assert_equal "$stderr" ""
}

@test "header-only input: no rows, success" {
	printf '%s\n' "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_output ""
	assert_equal "$stderr" ""
	printf '%s' "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" -H "$IN"
	assert_output "prob_0,prob_1,prob_2"
	assert_equal "$stderr" ""
}

# big N: a header and N rows of random features, to IN.
big() {
	awk -v n="$1" 'BEGIN { srand(1); print "'"$HEAD"'"
		for (i = 0; i < n; i++)
			printf "%.4f,%.4f,%.4f,%.4f\n", rand() * 8, rand() * 5,
			    rand() * 7, rand() * 3 }' >"$IN"
}

@test "truncated gzip: every whole row before the cut is written, then status 1" {
	local n
	big 20000
	xgbp -m "$IRIS/model.json" "$IN" >"$BATS_TEST_TMPDIR/all"
	gzip -c "$IN" | head -c 100000 >"$IN.gz"
	# gzip -d writes out what it could inflate: its whole lines, less
	# the header, are the rows; the partial last line is none.
	n=$(gzip -dc "$IN.gz" 2>/dev/null | wc -l)
	[[ $n -gt 1000 ]]
	for j in 1 4; do
		run -1 --separate-stderr xgbp -j "$j" -m "$IRIS/model.json" "$IN.gz"
		assert_equal "$stderr" "xgbp: $IN.gz: unexpected end of compressed data"
		assert_equal "${#lines[@]}" "$((n - 1))"
		printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
		head -n "$((n - 1))" "$BATS_TEST_TMPDIR/all" | cmp - "$BATS_TEST_TMPDIR/got"
	done
}

@test "a gzip member with a bad check value: every row written, then status 1" {
	local j sz at why
	big 20000
	xgbp -m "$IRIS/model.json" "$IN" >"$BATS_TEST_TMPDIR/all"
	gzip -c "$IN" >"$IN.gz"
	sz=$(wc -c <"$IN.gz")
	# The member ends in its CRC-32, then its length; spoil either.
	for at in $((sz - 8)):"incorrect data check" \
	    $((sz - 4)):"incorrect length check"; do
		gzip -c "$IN" >"$IN.gz"
		printf '\377\377' | dd of="$IN.gz" bs=1 seek="${at%%:*}" \
		    conv=notrunc 2>/dev/null
		for j in 1 4; do
			run -1 --separate-stderr sh -c '"$0" -j "$1" -m "$2" "$3" >"$4"' \
			    "$XGBP" "$j" "$IRIS/model.json" "$IN.gz" \
			    "$BATS_TEST_TMPDIR/got"
			# igzip checks the CRC-32 and the length together.
			why=${at#*:}
			if "$XGBP" -V | grep -q '^gzip: ISA-L'; then
				why="incorrect data or length check"
			fi
			assert_equal "$stderr" "xgbp: $IN.gz: invalid compressed data: $why"
			cmp "$BATS_TEST_TMPDIR/all" "$BATS_TEST_TMPDIR/got"
		done
	done
}

@test "a gzip stream followed by garbage: every row written, then status 1" {
	local junk j
	sed 1d "$IRIS/data.csv" >"$IN"
	xgbp -m "$IRIS/model.json" "$IN" >"$BATS_TEST_TMPDIR/all"
	# A lone 1f, or a line end, is no gzip member; 1f 8b 08 starts one
	# that ends too soon.
	for junk in 'junk' '\n' '\037' '\037\213\010'; do
		{ gzip -c "$IN"; printf "$junk"; } >"$IN.gz"
		for j in 1 4; do
			run -1 --separate-stderr xgbp -j "$j" -m "$IRIS/model.json" "$IN.gz"
			if [[ $junk == '\037\213\010' ]]; then
				assert_equal "$stderr" "xgbp: $IN.gz: unexpected end of compressed data"
			else
				assert_equal "$stderr" "xgbp: $IN.gz: trailing garbage after compressed data"
			fi
			assert_output "$(cat "$BATS_TEST_TMPDIR/all")"
		done
	done
}

@test "garbage after 200,000 gzip rows: all 200,000 written, then status 1" {
	local j
	big 200000
	xgbp -m "$IRIS/model.json" "$IN" >"$BATS_TEST_TMPDIR/all"
	[[ $(wc -l <"$BATS_TEST_TMPDIR/all") -eq 200000 ]]
	{ gzip -c "$IN"; echo junk; } >"$IN.gz"
	for j in 1 4; do
		run -1 --separate-stderr sh -c 'cat "$3" | "$0" -j "$1" -m "$2" \
		    >"$4"' "$XGBP" "$j" "$IRIS/model.json" "$IN.gz" \
		    "$BATS_TEST_TMPDIR/got"
		assert_output ""
		assert_equal "$stderr" "xgbp: <stdin>: trailing garbage after compressed data"
		cmp "$BATS_TEST_TMPDIR/all" "$BATS_TEST_TMPDIR/got"
	done
	# The message comes after the last row, even when the reading thread
	# is ahead of the writing one.
	for j in 1 4; do
		run -0 sh -c '"$0" -j "$1" -m "$2" "$3" 2>&1 | tail -n 2' \
		    "$XGBP" "$j" "$IRIS/model.json" "$IN.gz"
		assert_equal "${lines[0]}" "$(tail -n 1 "$BATS_TEST_TMPDIR/all")"
		assert_equal "${lines[1]}" "xgbp: $IN.gz: trailing garbage after compressed data"
	done
}

@test "garbage right after a last line with no line end: that line is a row" {
	local j
	printf '%s\n1,2,3,4\n1,2,3,4' "$HEAD" | gzip -c >"$IN.gz"
	printf 'junk' >>"$IN.gz"
	for j in 1 4; do
		run -1 --separate-stderr xgbp -j "$j" -m "$IRIS/model.json" "$IN.gz"
		assert_equal "$output" "$ROW1"$'\n'"$ROW1"
		assert_equal "$stderr" "xgbp: $IN.gz: trailing garbage after compressed data"
	done
	# Cut inside the member, the same last line is no row.
	printf '%s\n1,2,3,4\n1,2,3,4' "$HEAD" | gzip -c | head -c -8 >"$IN.gz"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN.gz"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN.gz: unexpected end of compressed data"
}

@test "gzip members one after another are one input, garbage after them is not" {
	local j
	{ printf '%s\n1,2,3,4\n' "$HEAD" | gzip -c; printf '1,2,' | gzip -c
	  printf '3,4\n1,2,3,4' | gzip -c; } >"$IN.gz"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" "$IN.gz"
	assert_equal "$output" "$ROW1"$'\n'"$ROW1"$'\n'"$ROW1"
	assert_equal "$stderr" ""
	printf 'PK' >>"$IN.gz"
	for j in 1 4; do
		run -1 --separate-stderr xgbp -j "$j" -m "$IRIS/model.json" "$IN.gz"
		assert_equal "$output" "$ROW1"$'\n'"$ROW1"$'\n'"$ROW1"
		assert_equal "$stderr" "xgbp: $IN.gz: trailing garbage after compressed data"
	done
}

@test "an input with garbage stops the run before the next input" {
	printf '%s\n1,2,3,4\n' "$HEAD" | gzip -c >"$IN.gz"
	echo junk >>"$IN.gz"
	printf '%s\n1,2,3,4\n' "$HEAD" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN.gz" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN.gz: trailing garbage after compressed data"
}

@test "a model followed by garbage: status 3, one line" {
	local m=$BATS_TEST_TMPDIR/m.json.gz
	{ gzip -c "$IRIS/model.json"; echo junk; } >"$m"
	run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
	assert_output ""
	assert_equal "$stderr" "xgbp: $m: trailing garbage after compressed data"
}

@test "a model cut at every 1 KB boundary: status 3, one line, never a crash" {
	local f n k cut=$BATS_TEST_TMPDIR/cut
	for f in model.json model.ubj model.bin; do
		n=$(wc -c <"$IRIS/$f")
		for ((k = 1024; k < n; k += 1024)); do
			head -c "$k" "$IRIS/$f" >"$cut"
			run -3 --separate-stderr xgbp -m "$cut" "$IRIS/data.csv"
			assert_output ""
			if [[ $f == model.json ]]; then
				[[ $stderr =~ ^"xgbp: $cut:1:"[0-9]+": "[^$'\n']+$ ]]
			else
				[[ $stderr =~ ^"xgbp: $cut: offset "[0-9]+": "[^$'\n']+$ ]]
			fi
		done
	done
	head -c 10240 "$IRIS/model.bin" >"$cut"
	run -3 --separate-stderr xgbp -m "$cut" "$IRIS/data.csv"
	assert_equal "$stderr" "xgbp: $cut: offset 10240: truncated at byte 10240: expected an 8-byte string length"
}

# at FILE TEXT: the 1-based column of the first TEXT in one-line FILE.
at() {
	echo $(($(grep -bo -m 1 -F "$2" "$1" | head -n 1 | cut -d: -f1) + 1))
}

@test "a model with a cyclic tree: status 3" {
	local m=$BATS_TEST_TMPDIR/m.json
	# Tree 0 is [1,-1,-1]: node 1 made its own left child.
	sed 's/"left_children":\[1,-1,-1\]/"left_children":[1,1,-1]/' \
	    "$IRIS/model.json" >"$m"
	run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
	assert_output ""
	assert_equal "$stderr" "xgbp: $m:1:$(at "$m" '[1,1,-1]'): tree 0 node 1: node 1 reached twice"
	# The root as a child is a cycle too.
	sed 's/"left_children":\[1,-1,-1\]/"left_children":[1,0,-1]/' \
	    "$IRIS/model.json" >"$m"
	run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
	assert_equal "$stderr" "xgbp: $m:1:$(at "$m" '[1,0,-1]'): tree 0 node 1: child 0 out of range"
}

@test "a model whose feature index is 2^31: status 3" {
	# (Not $i: bats' run changes it.)
	local m=$BATS_TEST_TMPDIR/m.json idx
	for idx in 2147483648 4294967296; do
		sed "s/\"split_indices\":\[2,0,0\]/\"split_indices\":[$idx,0,0]/" \
		    "$IRIS/model.json" >"$m"
		! cmp -s "$m" "$IRIS/model.json"
		run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
		assert_output ""
		if ((idx == 2147483648)); then
			assert_equal "$stderr" "xgbp: $m:1:$(at "$m" "[$idx"): tree 0 node 0: split index $idx out of range (num_feature 4)"
		else
			assert_equal "$stderr" "xgbp: $m:1:$(at "$m" "[$idx"): tree 0 node 0: split index $idx out of range"
		fi
	done
}

@test "a small model claiming 2^31 - 1 features: --info streams, no hang" {
	local m=$BATS_TEST_TMPDIR/m.json
	printf '%s' '{"learner":{"learner_model_param":{"base_score":"5E-1",
	    "num_feature":"2147483647"},"objective":{"name":"reg:squarederror"},
	    "gradient_booster":{"name":"gbtree","model":{"gbtree_model_param":
	    {"num_trees":"1"},"tree_info":[0],"trees":[{"tree_param":
	    {"num_nodes":"3"},"left_children":[1,-1,-1],"right_children":
	    [2,-1,-1],"split_indices":[0,0,0],"split_conditions":[1.5,-1,2],
	    "default_left":[1,0,0]}]}}}}' >"$m"
	# Its lines come at once, and stop when the reader does.
	run -0 sh -c 'timeout 20 "$0" --info -m "$1" | sed -n "/^feature	5	/{p;q;}"' \
	    "$XGBP" "$m"
	assert_output "$(printf 'feature\t5\tf5\tq')"
	run -0 sh -c 'timeout 20 "$0" --print-header -m "$1" | head -c 12' \
	    "$XGBP" "$m"
	assert_output "f0,f1,f2,f3,"
	# No rows can have its columns: refused before any is read.
	run -3 --separate-stderr xgbp -m "$m" "$IRIS/data.csv"
	assert_output ""
	assert_equal "$stderr" "xgbp: $m: 2147483647 features: more than xgbp scores (67108864)"
}

@test "LibSVM: garbage, a huge index, a stray quote, a truncated gzip" {
	# Each stops at its line, the rows before written.
	printf '1 0:1 1:2 2:3 3:4\n1 0:1 1:2 2:3 3:4 1:\n1 0:1\n' >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2:6: no value: \"1:\""
	printf '1 0:1 1:2 2:3 3:4\n1 0:1 %s:1\n' "$(printf '9%.0s' {1..100})" \
	    >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2:3: index beyond the model's 4 features (0-based): \"$(printf '9%.0s' {1..71})...\""
	# A quote opens nothing: the line after it is a row of its own.
	printf '1 0:1 1:2 2:3 3:4\n1 0:"1\n1 0:1 1:2 2:3 3:4\n' >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --on-error nan \
	    "$IN"
	assert_equal "$output" "$ROW1"$'\n'"nan,nan,nan"$'\n'"$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2:2: not a number: \"\\\"1\" (row written as nan)
xgbp: 1 rows written as nan"
	# 2,000 rows, gzip cut short: the rows read are written, then the
	# fault is named.
	seq 2000 | sed 's/$/ 0:1 1:2 2:3 3:4/' | gzip | head -c 2000 >"$IN.gz"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" "$IN.gz"
	assert_equal "${lines[0]}" "$ROW1"
	[[ $stderr == "xgbp: $IN.gz: "* ]]
}
