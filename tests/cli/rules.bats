#!/usr/bin/env bats
# Where xgbp once disagreed with XGBoost (issue 12, found by the
# differential test): each case with expected values from XGBoost itself.

load helper

M=$IRIS/model.json
# XGBoost's prediction for 5.1,3.5,1.4,0.2 (pred.csv, data row 1).
R1=0.9226171,0.039792567,0.037590317

setup() {
	IN=$BATS_TEST_TMPDIR/in
}

@test "the delimiter whose reading of line 1 holds the model's names wins" {
	local m=$BATS_TEST_TMPDIR/m.json
	# As many commas as tabs: by counting, a comma; by the names, a tab.
	sed 's/"feature_names":\[[^]]*\]/"feature_names":["a,b","c,d","e,f","g"]/' \
	    "$M" >"$m"
	printf 'a,b\tc,d\te,f\tg\n5.1\t3.5\t1.4\t0.2\n' >"$IN"
	run -0 --separate-stderr xgbp -m "$m" "$IN"
	assert_output "${R1//,/	}"
	assert_equal "$stderr" ""
	# Names with tabs, quoted in a CSV file (counting gets this one too).
	sed 's/"feature_names":\[[^]]*\]/"feature_names":["a\\tb","c\\td","e\\tf","g"]/' \
	    "$M" >"$m"
	printf '"a\tb","c\td","e\tf",g\n5.1,3.5,1.4,0.2\n' >"$IN"
	run -0 --separate-stderr xgbp -m "$m" "$IN"
	assert_output "$R1"
}

# agree CASE [XGBP ARGS...]: tests/data/rules/CASE scored by xgbp equals
# XGBoost's margins and predictions for it, bit for bit (-0 is not 0).
agree() {
	local dir=$DATA/rules/$1
	shift
	same_as "$dir/margin.csv" -m "$dir/model.json" --margin "$@" \
	    "$dir/data.csv"
	same_as "$dir/pred.csv" -m "$dir/model.json" "$@" "$dir/data.csv"
}

@test "a logistic base_score's logit, clamped from XGBoost 3.2 only" {
	# XGBoost 1.7.4 wrote and scored these: no clamp.
	agree logistic_base_lo
	agree logistic_base_hi
	run -0 xgbp --margin -m "$DATA/rules/logistic_base_lo/model.json" \
	    "$DATA/rules/logistic_base_lo/data.csv"
	assert_line --index 0 -- "-16.118095"
	# As XGBoost 3.2 and later score them: p clamped to 1e-6 first,
	# -logf(1 / 1e-6f - 1); 3.4.1 gives 0xc15d0c54 for this file
	# (measured).
	run -0 xgbp --margin --xgboost 3.2 \
	    -m "$DATA/rules/logistic_base_lo/model.json" \
	    "$DATA/rules/logistic_base_lo/data.csv"
	assert_line --index 0 -- "-13.81551"
	run -0 xgbp --margin --xgboost 3.1 \
	    -m "$DATA/rules/logistic_base_lo/model.json" \
	    "$DATA/rules/logistic_base_lo/data.csv"
	assert_line --index 0 -- "-16.118095"
}

@test "a logistic base_score of 0 or 1: refused before 3.2, clamped after" {
	local m=$BATS_TEST_TMPDIR/m.json d=$DATA/rules/logistic_base_lo b
	for b in 0E0 1E0; do
		sed "s/\"base_score\":\"[^\"]*\"/\"base_score\":\"$b\"/" \
		    "$d/model.json" >"$m"
		! cmp -s "$m" "$d/model.json"
		# XGBoost 1.7.4 and 2.1.4: "base_score must be in (0,1) for
		# logistic loss" (measured).
		run -3 --separate-stderr xgbp -m "$m" "$d/data.csv"
		assert_output ""
		assert_equal "$stderr" "xgbp: $m: base_score must be in (0, 1) for a logistic objective before XGBoost 3.2, whose rules apply (3.2 and later clamp it)"
	done
	# XGBoost 3.4.1 clamps them: -13.815510 and 13.745160 (measured).
	run -0 xgbp --margin --xgboost 3.4 -m "$m" "$d/data.csv"
	assert_line --index 0 "13.74516"
}

@test "survival:aft predictions are (float)exp((double)margin)" {
	# Its rows include six where expf() is one ulp away.
	agree aft_exp
}

@test "DART before XGBoost 3.3 adds +0 for a leaf of -0; gbtree adds -0" {
	agree zero_leaves_dart
	run -0 xgbp --margin -m "$DATA/rules/zero_leaves_dart/model.json" \
	    "$DATA/rules/zero_leaves_dart/data.csv"
	assert_line --index 0 "0"
	# XGBoost 3.3 folded DART into gbtree, which adds leaf times weight:
	# 3.4.1 scores this very file to -0 (measured).
	run -0 xgbp --margin --xgboost 3.3 \
	    -m "$DATA/rules/zero_leaves_dart/model.json" \
	    "$DATA/rules/zero_leaves_dart/data.csv"
	assert_line --index 0 -- "-0"
	agree zero_leaves_gbtree
	run -0 xgbp --margin -m "$DATA/rules/zero_leaves_gbtree/model.json" \
	    "$DATA/rules/zero_leaves_gbtree/data.csv"
	assert_line --index 0 -- "-0"
}

@test "a model whose training diverged loads, scores as XGBoost, warns once" {
	local c w
	for c in diverged_tree diverged_linear; do
		w="xgbp: $DATA/rules/$c/model.json: 1 values of the model are NaN or infinite (did its training diverge?): its predictions may be NaN, as XGBoost's are"
		run -0 --separate-stderr xgbp -m "$DATA/rules/$c/model.json" \
		    "$DATA/rules/$c/data.csv"
		assert_equal "$stderr" "$w"
		printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
		run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$DATA/rules/$c/pred.csv"
		assert_success
		run -0 --separate-stderr xgbp -q --margin -j 3 \
		    -m "$DATA/rules/$c/model.json" "$DATA/rules/$c/data.csv"
		assert_equal "$stderr" ""
		printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
		run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" \
		    "$DATA/rules/$c/margin.csv"
		assert_success
	done
	run -0 xgbp --info -m "$DATA/rules/diverged_tree/model.json"
	assert_line "nonfinite	1"
}

@test "--leaf of rounds B:E gives the sliced model's leaves, bst[B:E]" {
	local r dir=$DATA/rules/leaf_slices
	same_as "$dir/leaf.csv" -m "$dir/model.json" --leaf "$dir/data.csv"
	for r in 1:3 2:4 0:2; do
		same_as "$dir/leaf_slice_${r/:/_}.csv" -m "$dir/model.json" \
		    --leaf --iteration-range "$r" "$dir/data.csv"
	done
}

@test "explanations of rounds 0:E are XGBoost's; B:E with B > 0 is refused" {
	local r dir=$DATA/rules/explain_slices
	# XGBoost refuses a range from B > 0 for gbtree and, for this DART
	# model, explains rounds 0:E instead (make-rules.py asserts it):
	# xgbp refuses both (contribs_slice_1_3.csv and 2_5 hold what the
	# sliced model bst[B:E] would give).
	for r in 1_3 2_5; do
		run --separate-stderr xgbp -m "$dir/model.json" --contrib \
		    --iteration-range "${r/_/:}" "$dir/data.csv"
		assert_failure 2
		[[ $stderr == *"from 0 only"* ]]
		run --separate-stderr xgbp -m "$dir/model.json" --contrib-approx \
		    --iteration-range "${r/_/:}" "$dir/data.csv"
		assert_failure 2
	done
	r=0_2
	same_as "$dir/contribs_approx_slice_$r.csv" -m "$dir/model.json" \
	    --contrib-approx --iteration-range "${r/_/:}" "$dir/data.csv"
	run -0 --separate-stderr xgbp -m "$dir/model.json" --contrib \
	    --iteration-range "${r/_/:}" "$dir/data.csv"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H -u 4 -a "$(cat "$dir/contribs_slice_$r.tol")" \
	    "$BATS_TEST_TMPDIR/got" "$dir/contribs_slice_$r.csv"
	assert_success
}

@test "ranges of no rounds, or past the last, are usage errors in every mode" {
	local o dir=$DATA/rules/explain_slices
	# XGBoost 1.7.4 scores (3, 3) and (5, 0) as the base margin alone.
	run -2 --separate-stderr xgbp -m "$dir/model.json" \
	    --iteration-range 3:3 "$dir/data.csv"
	assert_equal "${stderr_lines[0]}" 'xgbp: --iteration-range: not BEGIN:END: "3:3"'
	run -2 --separate-stderr xgbp -m "$dir/model.json" \
	    --iteration-range 5: "$dir/data.csv"
	assert_equal "$stderr" "xgbp: --iteration-range: rounds 5:5 out of range: the model has 5"
	# XGBoost refuses (0, 6) for margins, but for leaves and explanations
	# takes the 5 rounds there are.
	for o in --margin --leaf --contrib --contrib-approx --interactions; do
		run -2 --separate-stderr xgbp -m "$dir/model.json" "$o" \
		    --iteration-range 0:6 "$dir/data.csv"
		assert_equal "$stderr" "xgbp: --iteration-range: rounds 0:6 out of range: the model has 5"
	done
}

@test "the bias of --interactions is --contrib's, the float nearest E + base" {
	local c dir=$DATA/rules/interactions_bias n
	# XGBoost's values, within its own error on these rows.
	for c in contribs:--contrib interactions:--interactions; do
		run -0 --separate-stderr xgbp -m "$dir/model.json" "${c#*:}" \
		    "$dir/data.csv"
		printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/${c%:*}"
		run "$F32CMP" -H -u 4 -a "$(cat "$dir/${c%:*}.tol")" \
		    "$BATS_TEST_TMPDIR/${c%:*}" "$dir/${c%:*}.csv"
		assert_success
	done
	# The bias, E + 1000 with E near -999.7, rounded once: XGBoost's,
	# summed in float, is 0.30871582, 574 ulp away.
	n=$(sed 1d "$dir/data.csv" | wc -l)
	{ echo bias; yes "$(sed 1d "$dir/bias.csv")" | head -n "$n"; } \
	    >"$BATS_TEST_TMPDIR/bias"
	cut -d, -f3 "$BATS_TEST_TMPDIR/contribs" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/bias"
	assert_success
	cut -d, -f9 "$BATS_TEST_TMPDIR/interactions" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/bias"
	assert_success
}

@test "SHAP values of a diverged model are summed in double: -inf, not NaN" {
	local dir=$DATA/rules/diverged_explain
	# Three trees of 1.95e38, three of -inf: both sum the margin in
	# float, 1.95e38 * 2 = inf, inf - inf = NaN.
	same_as "$dir/margin.csv" -q --margin -m "$dir/model.json" \
	    "$dir/data.csv"
	# XGBoost's bias is NaN the same way (contribs.csv); xgbp's, in
	# double, is 5.85e38 - inf.
	run -0 grep -c ',nan$' "$dir/contribs.csv"
	assert_output 20
	run -0 --separate-stderr xgbp -q --contrib -m "$dir/model.json" \
	    "$dir/data.csv"
	assert_equal "${#lines[@]}" 20
	assert_equal "$(printf '%s\n' "${lines[@]}" | sort -u)" "0,0,-inf"
}
