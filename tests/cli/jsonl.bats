#!/usr/bin/env bats
# JSON Lines input (--jsonl) and output (-O jsonl), issue 14: XGBoost's
# scores for a JSON Lines fixture, the values a member gives, the kept
# keys, the output's names, the error policies, bad input, and random
# inputs read by Python's json module as the independent reader.

load helper

J=$DATA/jsonl
ROW1='{"prob_0":0.078337125,"prob_1":0.28561112,"prob_2":0.6360518}'
# The names of the iris model's features, as JSON keys.
SL='"sepal length (cm)"'
SW='"sepal width (cm)"'
PL='"petal length (cm)"'
PW='"petal width (cm)"'

setup() {
	IN=$BATS_TEST_TMPDIR/in.jsonl
	OUT=$BATS_TEST_TMPDIR/out
}

# csv2jsonl CSV: the rows of a CSV with a header as JSON objects, keys in
# reverse order; a field that is a JSON number as that number, an empty
# one left out, any other as a string.
csv2jsonl() {
	python3 - "$1" <<'EOF'
import csv, json, re, sys
num = re.compile(r'-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$')
with open(sys.argv[1], newline='') as fp:
    r = csv.reader(fp)
    head = next(r)
    for row in r:
        m = [json.dumps(k) + ':' + (v if num.match(v) else json.dumps(v))
             for k, v in zip(head, row) if v != '']
        print('{' + ', '.join(reversed(m)) + '}')
EOF
}

@test "the JSON Lines fixture: XGBoost's margins and predictions" {
	same_as "$J/margin.csv" -m "$J/model.json" --jsonl --margin \
	    "$J/data.jsonl"
	same_as "$J/pred.csv" -m "$J/model.json" --jsonl "$J/data.jsonl"
	same_as "$J/pred.csv" -m "$J/model.json" --jsonl -j 2 <"$J/data.jsonl"
	gzip -c "$J/data.jsonl" >"$IN.gz"
	same_as "$J/pred.csv" -m "$J/model.json" --jsonl "$IN.gz"
}

@test "a model without feature names: keys f0, f1, ..." {
	local d=$DATA/xgb-1.7.4/count_poisson
	csv2jsonl "$d/data.csv" >"$IN"
	same_as "$d/pred.csv" -m "$d/model.json" --jsonl "$IN"
	same_as "$d/margin.csv" -m "$d/model.json" --jsonl --margin "$IN"
}

@test "category names as strings, for a categorical model of 3.1+" {
	local d=$DATA/xgb-3.4.1/categorical_onehot
	csv2jsonl "$d/data_catnames.csv" >"$IN"
	grep -q '"color":"red"' "$IN"
	same_as "$d/pred.csv" -m "$d/model.json" --jsonl "$IN"
	# An unknown name: an error, or missing with --unseen missing.
	printf '{"color": "purple", "size": "L"}\n' >"$IN"
	run -1 --separate-stderr xgbp -m "$d/model.json" --jsonl "$IN"
	assert_equal "$stderr" "xgbp: $IN:1:11: key \"color\": unknown category: \"purple\""
	printf '{"color": null, "size": "L"}\n' >"$BATS_TEST_TMPDIR/want"
	run -0 xgbp -m "$d/model.json" --jsonl "$BATS_TEST_TMPDIR/want"
	local want=$output
	run -0 xgbp -m "$d/model.json" --jsonl --unseen missing "$IN"
	assert_equal "$output" "$want"
}

@test "-k keeps keys: each line's id, with CSV output" {
	run -0 --separate-stderr xgbp -m "$J/model.json" --jsonl -k id -H \
	    "$J/data.jsonl"
	cut -d, -f1 <<<"$output" | sed 1s/.*/id/ | diff - "$J/ids.csv"
	assert_equal "${lines[0]}" "id,prediction"
}

@test "a member's value: numbers as CSV reads them, null, absent, booleans, strings" {
	local csv=$BATS_TEST_TMPDIR/in.csv want
	printf '%s\n' "$SL,$SW,$PL,$PW" 1,2,3,4 5.1,,1.4,0.2 1,0,3, \
	    ,,, 1e-3,-0,3.5e1,4 1,2,-999,4 >"$csv"
	printf '%s\n' "{$SL: 1, $SW: 2, $PL: 3, $PW: 4}" \
	    "{$PW: 0.2, $SL: 5.1, $PL: 1.4, $SW: null}" \
	    "{$SL: true, $SW: false, $PL: 3}" \
	    "{$SL: \"\", $SW: \"NA\", $PL: \"nan\", $PW: \"?\"}" \
	    "{$SL: 1E-3, $SW: -0, $PL: 3.5e+1, $PW: 4.0}" \
	    "{$SL: 1, $SW: 2.0, $PL: -999, $PW: 4}" >"$IN"
	run -0 xgbp -m "$IRIS/model.json" --missing -999 "$csv"
	local want=$output
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --missing -999 \
	    --jsonl "$IN"
	assert_equal "$output" "$want"
	# --na names the strings that are missing, as for CSV fields.
	printf '{%s: 1, %s: 2, %s: "-", %s: 4}\n' "$SL" "$SW" "$PL" "$PW" >"$IN"
	run -0 xgbp -m "$IRIS/model.json" <<<"1,2,,4"
	want=$output
	run -0 xgbp -m "$IRIS/model.json" --jsonl --na - "$IN"
	assert_equal "$output" "$want"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN"
	assert_equal "$stderr" "xgbp: $IN:1:70: key \"petal length (cm)\": a string, not a number: \"-\""
}

@test "keys are decoded; other keys, nested or not, are skipped" {
	printf '%s\n' '{"extra": {"a": [1, {"b": "}"}]}, "sepal length (cm)": 1, "sepal width (cm)": 2, "petal length (cm)": 3, "petal\u0020width (cm)": 4, "x": [[]], "y": "\"{"}' >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl \
	    -O jsonl "$IN"
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" ""
}

@test "-O jsonl: an object a row, equal to the CSV output of the same run" {
	run -0 xgbp -m "$J/model.json" --jsonl -k id,note,meta,age -H \
	    "$J/data.jsonl"
	printf '%s\n' "$output" >"$OUT.csv"
	run -0 xgbp -m "$J/model.json" --jsonl -k id,note,meta,age -O jsonl \
	    "$J/data.jsonl"
	printf '%s\n' "$output" >"$OUT.jsonl"
	python3 - "$OUT.csv" "$OUT.jsonl" "$J/data.jsonl" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
objs = [json.loads(s) for s in open(sys.argv[2])]
ins = [json.loads(s) for s in open(sys.argv[3])]
assert len(rows) == len(objs) == len(ins) == 400
for r, o, i in zip(rows, objs, ins):
    assert list(o) == ['id', 'note', 'meta', 'age', 'prediction'], o
    assert o['id'] == i['id'] and r['id'] == str(i['id'])
    assert o['note'] == i['note'] == r['note']
    assert o['meta'] == i['meta'] and json.loads(r['meta']) == i['meta']
    assert o['age'] == i.get('age')
    assert (r['age'] == '' if i.get('age') is None else
            float(r['age']) == i['age'])
    assert o['prediction'] == float(r['prediction'])
EOF
}

# same_json XGBP ARGS...: xgbp's -O jsonl output for ARGS is the CSV
# output of -H with ARGS: the header's names as keys, in order, and the
# values of each line, with null for nan.
same_json() {
	run -0 --separate-stderr xgbp -O jsonl "$@"
	printf '%s\n' "$output" >"$OUT.jsonl"
	run -0 --separate-stderr xgbp -H "$@"
	printf '%s\n' "$output" >"$OUT.csv"
	run -0 python3 - "$OUT.csv" "$OUT.jsonl" <<'EOF'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
objs = [json.loads(s, object_pairs_hook=list) for s in open(sys.argv[2])]
assert len(rows) == len(objs) + 1 > 1, (len(rows), len(objs))
for r, o in zip(rows[1:], objs):
    assert [k for k, _ in o] == rows[0], (o, rows[0])
    for t, (_, v) in zip(r, o):
        assert (v is None and t == 'nan') or v == float(t), (t, v)
EOF
}

@test "-O jsonl names the outputs as -H does; NaN is null" {
	local m=$IRIS/model.json r=$BATS_TEST_TMPDIR/r.csv
	printf '1,2,3,4\n5.1,3.5,1.4,0.2\n' >"$r"
	same_json -m "$m" "$r"
	same_json -m "$m" --margin "$r"
	same_json -m "$m" --leaf "$r"
	same_json -m "$m" --contrib "$r"
	same_json -m "$m" --contrib-approx "$r"
	same_json -m "$m" --interactions "$r"
	printf '1,2,3,4\n1,x,3,4\n' >"$r"
	same_json -m "$m" --on-error nan -q "$r"
	same_json -m "$J/model.json" --jsonl --margin "$J/data.jsonl"
	same_json -m "$J/model.json" --jsonl --contrib "$J/data.jsonl"
	same_json -m "$DATA/xgb-1.7.4/count_poisson/model.json" \
	    --interactions "$DATA/xgb-1.7.4/count_poisson/data.csv"
	run -0 xgbp -m "$m" -O jsonl --on-error nan -q <<<$'1,2,3,4\n1,x,3,4'
	assert_equal "${lines[1]}" '{"prob_0":null,"prob_1":null,"prob_2":null}'
	run -0 xgbp -m "$m" -O jsonl --margin <<<"1,2,3,4"
	assert_output '{"margin_0":-0.88178766,"margin_1":0.41182178,"margin_2":1.2124705}'
	run -0 xgbp -m "$J/model.json" -O jsonl --jsonl <<<'{"age": 30}'
	assert_output --regexp '^\{"prediction":[0-9.e-]+\}$'
}

@test "-O jsonl from CSV: kept columns as strings, by header name or column_N" {
	run -0 xgbp -m "$IRIS/model.json" -O jsonl -k 4,1 \
	    <<<$'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n1,2,3,4'
	assert_output '{"petal width (cm)":"4","sepal length (cm)":"1",'"${ROW1:1}"
	run -0 xgbp -m "$IRIS/model.json" -O jsonl -k 2 <<<$'1,"2",3,4'
	assert_output '{"column_2":"2",'"${ROW1:1}"
	printf 'a,b,c,d,"x ""q""\\\t\xc3\xa9\xff"\n1,2,3,4,"y\n"\n' >"$IN.csv"
	run -0 xgbp -m "$IRIS/model.json" -f 1-4 -O jsonl -k 5 "$IN.csv"
	assert_output "$(printf '{"x \\"q\\"\\\\\\t\xc3\xa9\xef\xbf\xbd":"y\\n",')${ROW1:1}"
}

@test "-k with CSV output: strings decoded, the rest as written, null and absent empty" {
	printf '%s\n' "{$SL: 1, $SW: 2, $PL: 3, $PW: 4, \"s\": \"a,\\\"b\\\"\\u00e9\", \"n\": 1.50E+2, \"t\": true, \"z\": null, \"o\": {\"a\": [1, 2]}}" >"$IN"
	run -0 xgbp -m "$IRIS/model.json" --jsonl -k s,n,t,z,o,absent -H "$IN"
	assert_equal "${lines[0]}" "s,n,t,z,o,absent,prob_0,prob_1,prob_2"
	assert_equal "${lines[1]}" '"a,""b""é",1.50E+2,true,,"{""a"": [1, 2]}",,0.078337125,0.28561112,0.6360518'
	run -0 xgbp -m "$IRIS/model.json" --jsonl -k s,n,t,z,o,absent \
	    -O jsonl "$IN"
	assert_output '{"s":"a,\"b\"\u00e9","n":1.50E+2,"t":true,"z":null,"o":{"a": [1, 2]},"absent":null,'"${ROW1:1}"
	# A key that looks like a number is quoted; numbers are refused.
	printf '{"1": "one", %s: 1}\n' "$SL" >"$IN"
	run -0 xgbp -m "$IRIS/model.json" --jsonl -k '"1"' -O jsonl "$IN"
	assert_output --partial '{"1":"one","prob_0"'
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -k 1 "$IN"
	assert_equal "$stderr" 'xgbp: -k: with --jsonl, keys are named, not numbered (quote a key that looks like a number): "1"
Try '\''xgbp --help'\''.'
}

@test "--on-error with JSON Lines: fail, skip, nan; messages name line and column" {
	printf '%s\n' "{$SL: 1, $SW: 2, $PL: 3, $PW: 4, \"id\": \"a\"}" \
	    "{$SL: 1, $SW: \"x\", \"id\": \"b\"}" \
	    "{$SL: 1, \"id\": \"c\"" \
	    "{$SL: 1, $SW: 2, $PL: 3, $PW: 4, \"id\": \"d\"}" >"$IN"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -k id \
	    -O jsonl "$IN"
	assert_output '{"id":"a",'"${ROW1:1}"
	assert_equal "$stderr" "xgbp: $IN:2:46: key \"sepal width (cm)\": a string, not a number: \"x\""
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -k id \
	    -O jsonl --on-error skip "$IN"
	assert_output '{"id":"a",'"${ROW1:1}"$'\n''{"id":"d",'"${ROW1:1}"
	assert_equal "$stderr" "xgbp: $IN:2:46: key \"sepal width (cm)\": a string, not a number: \"x\" (row skipped)
xgbp: $IN:3:35: bad JSON: line ends inside the object (row skipped)
xgbp: 2 rows skipped"
	# nan keeps what it can: a bad value's row keeps its keys, a line
	# that is not JSON keeps none.
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -k id \
	    --on-error nan -q "$IN"
	assert_output "a,0.078337125,0.28561112,0.6360518
b,nan,nan,nan
,nan,nan,nan
d,0.078337125,0.28561112,0.6360518"
	assert_equal "$stderr" "xgbp: 2 rows written as nan"
}

@test "-o and -z with JSON Lines in and out" {
	run -0 xgbp -m "$J/model.json" --jsonl -O jsonl -o "$OUT.jsonl" \
	    "$J/data.jsonl"
	assert_output ""
	xgbp -m "$J/model.json" --jsonl -O jsonl -z "$J/data.jsonl" |
	    gunzip | cmp - "$OUT.jsonl"
	run -0 xgbp -m "$J/model.json" --jsonl -O jsonl -j 2 "$J/data.jsonl"
	printf '%s\n' "$output" | cmp - "$OUT.jsonl"
	run -0 python3 -c 'import json, sys; print(sum(1 for s in open(sys.argv[1]) if "prediction" in json.loads(s)))' "$OUT.jsonl"
	assert_output 400
}

@test "lines: blank ones skipped, CRLF, a byte order mark, no final line end" {
	printf '\xef\xbb\xbf\n{%s: 1, %s: 2, %s: 3, %s: 4}\r\n \t\r\n\n{%s: 1, %s: 2, %s: 3, %s: 4}' \
	    "$SL" "$SW" "$PL" "$PW" "$SL" "$SW" "$PL" "$PW" >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -O jsonl \
	    -v "$IN"
	assert_output "$ROW1"$'\n'"$ROW1"
	assert_equal "$stderr" "xgbp: 2 rows read, 2 written, 0 skipped, 3 blank lines skipped, 0 missing values, ${stderr##*missing values, }"
}

@test "a quote inside a JSON string does not join lines, as a CSV quote would" {
	printf '%s\n' "{\"q\": \"\\\"\", $SL: 1, $SW: 2, $PL: 3, $PW: 4}" \
	    "\"{$SL: 1}" "{\"q\": \"a\\\"b\", $SL: 1, $SW: 2, $PL: 3, $PW: 4}" \
	    >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -O jsonl \
	    --on-error skip -q "$IN"
	assert_output "$ROW1"$'\n'"$ROW1"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -O jsonl \
	    --on-error skip "$IN"
	assert_equal "$stderr" "xgbp: $IN:2:1: bad JSON: not a JSON object (row skipped)
xgbp: 1 rows skipped"
}

@test "bad JSON: each an error naming line and column, the rows before written" {
	local line want
	while IFS='|' read -r line want; do
		printf '{%s: 1, %s: 2, %s: 3, %s: 4}\n%s\n' "$SL" "$SW" "$PL" "$PW" \
		    "$line" >"$IN"
		run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl \
		    -O jsonl "$IN"
		assert_equal "$output" "$ROW1"
		assert_equal "$stderr" "xgbp: $IN:2:$want"
	done <<'EOF'
{"a": 1|8: bad JSON: line ends inside the object
{"a": |7: bad JSON: line ends inside the object
{"a|2: bad JSON: unterminated string
{"a": "\x"}|8: bad JSON: bad escape
{"a": "\u12g4"}|8: bad JSON: bad \u escape
{"a": "\ud800x"}|8: bad JSON: lone surrogate in a \u escape
{"a": "\udc00"}|8: bad JSON: lone surrogate in a \u escape
{"a": 01}|7: bad JSON: bad number
{"a": 1.}|7: bad JSON: bad number
{"a": .5}|7: bad JSON: expected a value
{"a": +1}|7: bad JSON: expected a value
{"a": NaN}|7: bad JSON: expected a value
{"a": tru}|7: bad JSON: expected a value
{"a": 1,}|9: bad JSON: expected a key
{"a" 1}|6: bad JSON: expected ':'
{"a": 1 "b": 2}|9: bad JSON: expected ',' or '}'
{"a": [1 2]}|10: bad JSON: expected ',' or ']'
{"a": 1} x|10: bad JSON: text after the object
{"a": 1}{}|9: bad JSON: text after the object
{a: 1}|2: bad JSON: expected a key
[1, 2]|1: bad JSON: not a JSON object
"text"|1: bad JSON: not a JSON object
 	x|3: bad JSON: not a JSON object
EOF
}

@test "bad JSON: control characters, invalid UTF-8, deep nesting" {
	local deep
	printf '{"a": "x\ty"}\n' >"$IN.1"
	printf '{"a\xff": 1}\n' >"$IN.2"
	printf '{"a": "\xc0\xaf"}\n' >"$IN.3"
	printf '{"a": "\xed\xa0\x80"}\n' >"$IN.4"
	deep=$(printf '[%.0s' {1..64})$(printf ']%.0s' {1..64})
	printf '{"a": %s, %s: 1}\n' "$deep" "$SL" >"$IN.5"
	deep=$(printf '[%.0s' {1..100000})
	printf '{"a": %s\n' "$deep" >"$IN.6"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN.1"
	assert_equal "$stderr" "xgbp: $IN.1:1:9: bad JSON: control character in a string"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN.2"
	assert_equal "$stderr" "xgbp: $IN.2:1:4: bad JSON: invalid UTF-8 in a string"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN.3"
	assert_equal "$stderr" "xgbp: $IN.3:1:8: bad JSON: invalid UTF-8 in a string"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN.4"
	assert_equal "$stderr" "xgbp: $IN.4:1:8: bad JSON: invalid UTF-8 in a string"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN.5"
	assert_equal "$stderr" ""
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl "$IN.6"
	assert_equal "$stderr" "xgbp: $IN.6:1:71: bad JSON: nested deeper than 64 levels"
}

@test "bad values: duplicate keys, huge numbers, nested values, strings" {
	local line want
	while IFS='|' read -r line want; do
		printf '%s\n' "$line" >"$IN"
		run -1 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl \
		    -k id "$IN"
		assert_equal "$stderr" "xgbp: $IN:1:$want"
	done <<'EOF'
{"sepal length (cm)": 1, "sepal length (cm)": 2}|26: key "sepal length (cm)": appears twice
{"id": 1, "sepal length (cm)": 2, "id": 1}|35: key "id": appears twice
{"sepal length (cm)": 1e999}|23: key "sepal length (cm)": infinite, or too large for a float: "1e999"
{"sepal length (cm)": -3.5e38}|23: key "sepal length (cm)": infinite, or too large for a float: "-3.5e38"
{"sepal length (cm)": {"a": 1}}|23: key "sepal length (cm)": an object, not a number
{"sepal length (cm)": []}|23: key "sepal length (cm)": an array, not a number
{"sepal length (cm)": "1.5"}|23: key "sepal length (cm)": a string, not a number: "1.5"
{"sepal length (cm)": "\u00e9\n"}|23: key "sepal length (cm)": a string, not a number: "\xc3\xa9\x0a"
EOF
	# Other keys twice are not looked at, as they are not read.
	printf '{"x": 1, "x": {}, %s: 1, %s: 2, %s: 3, %s: 4}\n' \
	    "$SL" "$SW" "$PL" "$PW" >"$IN"
	run -0 xgbp -m "$IRIS/model.json" --jsonl -O jsonl "$IN"
	assert_output "$ROW1"
	# 3.4e38 is a float, and so is 1e-50 (as 0), as in CSV.
	printf '{%s: 3.4e38, %s: 1e-50}\n' "$SL" "$SW" >"$IN"
	run -0 xgbp -m "$IRIS/model.json" --jsonl "$IN"
	run -0 xgbp -m "$IRIS/model.json" --jsonl --missing 1e999 <<<'{"sepal length (cm)": 1e999}'
}

@test "a long line streams through: a member value of 8 MiB" {
	python3 -c 'import sys; sys.stdout.write(("{\"x\": \"" + "a" * (8 << 20) + "\", \"sepal length (cm)\": 1, \"sepal width (cm)\": 2, \"petal length (cm)\": 3, \"petal width (cm)\": 4}\n") * 3)' >"$IN"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --jsonl -O jsonl "$IN"
	assert_output "$ROW1"$'\n'"$ROW1"$'\n'"$ROW1"
}

@test "options that do not apply to JSON Lines are usage errors" {
	local args want
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr xgbp -m "$IRIS/model.json" $args
		assert_equal "$stderr" "xgbp: $want
Try 'xgbp --help'."
	done <<'EOF'
--jsonl -d ,|--jsonl: -d and -t do not apply to JSON Lines input
--jsonl -t|--jsonl: -d and -t do not apply to JSON Lines input
--jsonl --header|--jsonl: --header and --no-header do not apply to JSON Lines input
--jsonl -f 1-4|--jsonl: -f and -x do not apply to JSON Lines input
--jsonl -x id|--jsonl: -f and -x do not apply to JSON Lines input
--jsonl -a|--jsonl: -a do not apply to JSON Lines input
-O jsonl -a|-O jsonl: -a do not apply to JSON Lines output
-O jsonl -H|-O jsonl: -H do not apply to JSON Lines output
-O jsonl -D ;|-O jsonl: -D do not apply to JSON Lines output
-O xml|-O: not csv or jsonl: "xml"
--output-format=json|-O: not csv or jsonl: "json"
EOF
	run -0 xgbp -m "$IRIS/model.json" --output-format=csv <<<"1,2,3,4"
	assert_output "0.078337125,0.28561112,0.6360518"
}

@test "random JSON Lines read as Python's json module reads them" {
	local seed d=$BATS_TEST_TMPDIR
	for seed in 1 2 3; do
		python3 "$TOP/tests/jsonlgen.py" "$seed" 1500 "$d"
		run -0 xgbp -m "$IRIS/model.json" -O jsonl "$d/want.csv"
		printf '%s\n' "$output" >"$d/want.jsonl"
		xgbp -m "$IRIS/model.json" --jsonl --on-error skip -k tag \
		    -O jsonl -j $((seed % 2 + 1)) "$d/in.jsonl" >"$d/got.jsonl" \
		    2>"$d/stderr"
		run -0 python3 "$TOP/tests/jsonlgen.py" --check "$d" \
		    "$d/got.jsonl" "$d/stderr"
		echo "# $output" >&3
	done
}

@test "--jsonl excludes --libsvm and --base-margin; LibSVM excludes --base-margin" {
	run xgbp -m "$IRIS/model.json" --jsonl --libsvm /dev/null
	assert_failure 2
	assert_output --partial "--libsvm and --jsonl exclude each other"
	run xgbp -m "$IRIS/model.json" --jsonl --base-margin m /dev/null
	assert_failure 2
	assert_output --partial "--jsonl and --base-margin exclude each other"
	run xgbp -m "$IRIS/model.json" --libsvm --base-margin 1 /dev/null
	assert_failure 2
	assert_output --partial "--libsvm and --base-margin exclude each other"
	# LibSVM told from line 1 has no column for a base margin either.
	run xgbp -m "$IRIS/model.json" --base-margin 1 <(echo '0 0:1 1:2')
	assert_failure 1
	assert_output --partial "--base-margin: LibSVM input has no columns"
}

@test "-O jsonl refuses two members of one name: a kept key and an output's" {
	local m=$DATA/margin/binary_logistic/model.json
	printf '{"a":1,"b":2,"prediction":"mine"}\n' >"$BATS_TEST_TMPDIR/in"
	run xgbp --jsonl -O jsonl -k prediction -m "$m" "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output --partial 'two members of a line would be named "prediction"'
	printf 'x,y\n1,2\n' >"$BATS_TEST_TMPDIR/in.csv"
	run xgbp -O jsonl -k 1,1 -f 1,2 -m "$m" "$BATS_TEST_TMPDIR/in.csv"
	assert_failure 1
	assert_output --partial 'two members of a line would be named "x"'
	run xgbp -O jsonl -k 1 -f 1,2 -m "$m" "$BATS_TEST_TMPDIR/in.csv"
	assert_success
	assert_output '{"x":"1","prediction":0.64649343}'
	# With CSV output the same columns are only a header's names.
	run xgbp -k 1,1 -f 1,2 -m "$m" "$BATS_TEST_TMPDIR/in.csv"
	assert_success
}
