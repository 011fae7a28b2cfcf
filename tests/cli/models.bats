#!/usr/bin/env bats
# Models: formats told apart by content, not by name; things that are not
# models named for what they are; round selection, leaves, missing values,
# category names.  Expected values are XGBoost's (tests/data).

load helper

CAT=$DATA/xgb-3.4.1/categorical_onehot		# stores category names
BC=$DATA/xgb-2.1.4/binary_logistic_bc		# no best_iteration

@test "the format comes from the content, whatever the file's name" {
	cp "$IRIS/model.ubj" "$BATS_TEST_TMPDIR/model.json"
	cp "$IRIS/model.json" "$BATS_TEST_TMPDIR/model.bin"
	gzip -c "$IRIS/model.ubj" >"$BATS_TEST_TMPDIR/iris.model"
	for m in model.json model.bin iris.model; do
		same_as "$IRIS/pred.csv" -m "$BATS_TEST_TMPDIR/$m" \
		    "$IRIS/data.csv"
	done
}

@test "a pretty-printed JSON model with a byte order mark loads" {
	{ printf '\357\273\277\n  '; python3 -m json.tool "$IRIS/model.json" \
	    2>/dev/null || sed 's/,"/,\n  "/g' "$IRIS/model.json"; } \
	    >"$BATS_TEST_TMPDIR/pretty.json"
	same_as "$IRIS/pred.csv" -m "$BATS_TEST_TMPDIR/pretty.json" \
	    "$IRIS/data.csv"
}

@test "a memory snapshot {Config, Model} loads" {
	{ printf '{"Config":{"learner":{}},"Model":'; cat "$IRIS/model.json";
	    printf '}'; } >"$BATS_TEST_TMPDIR/snap.json"
	same_as "$IRIS/pred.csv" -m "$BATS_TEST_TMPDIR/snap.json" \
	    "$IRIS/data.csv"
}

@test "files that are not models say what they are: status 3" {
	printf 'booster[0]:\n0:[f2<2.45] yes=1,no=2,missing=1\n' \
	    >"$BATS_TEST_TMPDIR/dump.txt"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/dump.txt" \
	    "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/dump.txt: offset 0: a text dump (dump_model), not a model: save the model with save_model"
	printf '[{"nodeid": 0}]' >"$BATS_TEST_TMPDIR/dump.json"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/dump.json" \
	    "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/dump.json: offset 0: a JSON dump (dump_model), not a model: save the model with save_model"
	printf '\200\004\225junk' >"$BATS_TEST_TMPDIR/model.pkl"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/model.pkl" \
	    "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/model.pkl: offset 0: a Python pickle, not a model: save the model with save_model"
	: >"$BATS_TEST_TMPDIR/empty"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/empty" "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/empty: offset 0: empty model"
}

@test "an unknown objective is refused, not scored as the identity" {
	sed 's/"name":"multi:softprob"/"name":"multi:softmaybe"/' \
	    "$IRIS/model.json" >"$BATS_TEST_TMPDIR/m.json"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/m.json" "$IRIS/data.csv"
	assert_failure 3
	[[ "$stderr" =~ ": unknown objective \"multi:softmaybe\""$ ]]
}

@test "--iteration-range takes BEGIN:END, and either may be left out" {
	same_as "$IRIS/pred_iter_2_6.csv" -m "$IRIS/model.json" \
	    --iteration-range 2:6 "$IRIS/data.csv"
	same_as "$IRIS/pred_iter_0_3.csv" -m "$IRIS/model.json" \
	    --iteration-range :3 "$IRIS/data.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" \
	    --iteration-range 0: "$IRIS/data.csv"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" \
	    --iteration-range 3 "$IRIS/data.csv"
	assert_equal "${stderr_lines[0]}" 'xgbp: --iteration-range: not BEGIN:END: "3"'
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" \
	    --iteration-range 4:2 "$IRIS/data.csv"
	assert_equal "${stderr_lines[0]}" 'xgbp: --iteration-range: not BEGIN:END: "4:2"'
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" \
	    --iteration-range 2:9 "$IRIS/data.csv"
	assert_equal "$stderr" "xgbp: --iteration-range: rounds 2:9 out of range: the model has 8"
}

@test "--best-iteration needs a model that stores one" {
	run --separate-stderr xgbp -m "$BC/model.json" --best-iteration \
	    "$BC/data.csv"
	assert_failure 2
	assert_equal "$stderr" "xgbp: --best-iteration: $BC/model.json stores no best_iteration"
}

@test "--leaf and --margin exclude each other" {
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" --leaf --margin \
	    "$IRIS/data.csv"
	assert_equal "${stderr_lines[0]}" "xgbp: --leaf and --margin exclude each other"
}

@test "--leaf on a gblinear model is refused" {
	local dir=$DATA/xgb-2.1.4/gblinear_reg
	run --separate-stderr xgbp -m "$dir/model.json" --leaf "$dir/data.csv"
	assert_failure 2
	assert_equal "$stderr" "xgbp: --leaf: $dir/model.json has no trees"
}

@test "--missing: a sentinel value takes the default branch" {
	local dir=$DATA/xgb-1.7.4/missing_sentinel_-999
	grep -q -- -999 "$dir/data.csv"
	same_as "$dir/pred.csv" -m "$dir/model.json" --missing -999 \
	    "$dir/data.csv"
	run -0 xgbp -m "$dir/model.json" "$dir/data.csv"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$dir/pred.csv"
	assert_failure
	run -2 --separate-stderr xgbp -m "$dir/model.json" --missing x "$dir/data.csv"
	assert_equal "${stderr_lines[0]}" 'xgbp: --missing: not a number: "x"'
}

@test "category names are recoded to the model's codes" {
	same_as "$CAT/pred.csv" -m "$CAT/model.json" "$CAT/data_catnames.csv"
	same_as "$CAT/pred.csv" -m "$CAT/model.json" "$CAT/data.csv"
}

@test "an unseen category name is an error, or with --unseen missing, missing" {
	# Row 2 has no color; name it "purple", which the model never saw.
	sed '3s/^-0.0589,,M/-0.0589,purple,M/' "$CAT/data_catnames.csv" \
	    >"$BATS_TEST_TMPDIR/purple.csv"
	run --separate-stderr xgbp -m "$CAT/model.json" \
	    "$BATS_TEST_TMPDIR/purple.csv"
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/purple.csv:3:2: column \"color\": unknown category: \"purple\""
	same_as "$CAT/pred.csv" -m "$CAT/model.json" --unseen missing \
	    "$BATS_TEST_TMPDIR/purple.csv"
	run -2 --separate-stderr xgbp -m "$CAT/model.json" --unseen maybe
	assert_equal "${stderr_lines[0]}" 'xgbp: --unseen: not error or missing: "maybe"'
}

@test "quantiles: the writer's rule by default, --xgboost picks another" {
	local dir=$DATA/xgb-2.1.4/reg_quantileerror_multi m
	m=$(model_file "$dir" json)
	# Written by 2.1.4, scored as 2.1.4 did: crossing quantiles unsorted.
	same_as "$dir/pred.csv" -m "$m" "$dir/data.csv"
	same_as "$dir/pred.csv" -m "$m" --xgboost 2.1 "$dir/data.csv"
	run -0 sh -c 'sed 1d "$0" | awk -F, "\$1 > \$2 || \$2 > \$3" | wc -l' \
	    "$dir/pred.csv"
	refute_output 0
	# As 3.4 predicts: each row of XGBoost's values sorted.
	{
		head -n 1 "$dir/pred.csv"
		sed 1d "$dir/pred.csv" | while IFS=, read -r a b c; do
			printf '%s\n' "$a" "$b" "$c" | sort -g | paste -sd, -
		done
	} >"$BATS_TEST_TMPDIR/sorted.csv"
	same_as "$BATS_TEST_TMPDIR/sorted.csv" -m "$m" --xgboost 3.4 \
	    "$dir/data.csv"
	same_as "$BATS_TEST_TMPDIR/sorted.csv" -m "$m" --xgboost=3.4.1 \
	    "$dir/data.csv"
	# Margins are never sorted.
	same_as "$dir/margin.csv" -m "$m" --margin --xgboost 3.4 \
	    "$dir/data.csv"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" --xgboost x
	assert_equal "${stderr_lines[0]}" 'xgbp: --xgboost: not a version: "x"'
}

@test "iris.model from XGBoost 1.7 (binary) and 3.4 (UBJSON) both score" {
	local old=$DATA/xgb-1.7.4/multi_softprob_iris
	local new=$DATA/xgb-3.4.1/multi_softmax_iris
	mkdir -p "$BATS_TEST_TMPDIR/old" "$BATS_TEST_TMPDIR/new"
	cp "$old/model.bin" "$BATS_TEST_TMPDIR/old/iris.model"
	cp "$new/model.ubj" "$BATS_TEST_TMPDIR/new/iris.model"
	same_as "$old/pred.csv" -m "$BATS_TEST_TMPDIR/old/iris.model" \
	    "$old/data.csv"
	same_as "$new/pred.csv" -m "$BATS_TEST_TMPDIR/new/iris.model" \
	    "$new/data.csv"
	run -0 xgbp --info -m "$BATS_TEST_TMPDIR/old/iris.model"
	assert_line --index 0 "$(printf 'format\tbinary')"
	assert_line --index 1 "$(printf 'xgboost\t1.7')"
	run -0 xgbp --info -m "$BATS_TEST_TMPDIR/new/iris.model"
	assert_line --index 0 "$(printf 'format\tubjson')"
	assert_line --index 1 "$(printf 'xgboost\t3.4.1')"
}
