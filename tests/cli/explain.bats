#!/usr/bin/env bats
# Explanations against XGBoost's own, for every fixture that has them
# (tests/data/xgb-*/ from ../shared/fixtures, tests/data/explain/ from
# tests/data/make-explain.py) in every format its model was saved in:
#
# - --contrib equals contribs.csv (pred_contribs=True) within A plus 4
#   float32 ulps of XGBoost's value, A being XGBoost's own additivity
#   error on the fixture (manifest.json contribs_sum_minus_margin_max_abs:
#   the largest |sum of a row's contributions - its margin|);
# - xgbp's contributions add up to xgbp's --margin within A too, but for
#   the rounding of the printed float32 values (tests/tools/shapsum.py);
# - --contrib-approx equals contribs_approx.csv bit for bit;
# - --interactions equals interactions.csv within A plus 4 ulps, on the
#   rows XGBoost explained (data_interactions.csv).
#
# The cases are listed one test per case and format, as in fixtures.bats;
# a case new in tests/data needs its lines here.

load helper

# additivity DIR: XGBoost's own additivity error A of fixture DIR.
additivity() {
	/usr/bin/env python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["contribs_sum_minus_margin_max_abs"])' \
	    "$1/manifest.json"
}

# explains CASE FORMAT [XGBP ARGS...]: CASE's explanations by its model in
# FORMAT agree with XGBoost's, as said above.
explains() {
	local dir=$DATA/$1 model a data
	model=$(model_file "$dir" "$2")
	shift 2
	a=$(additivity "$dir")
	data=$dir/data.csv
	# XGBoost explained only the first rows of a big case.
	[[ -f $dir/data_head.csv ]] && data=$dir/data_head.csv
	if [[ -f $dir/contribs.csv ]]; then
		near_as "$a" "$dir/contribs.csv" -m "$model" --contrib "$@" \
		    "$data"
		xgbp -m "$model" --contrib "$@" "$data" \
		    >"$BATS_TEST_TMPDIR/contribs.out"
		xgbp -m "$model" --margin "$@" "$data" \
		    >"$BATS_TEST_TMPDIR/margin.out"
		run python3 "$TOP/tests/tools/shapsum.py" \
		    "$BATS_TEST_TMPDIR/contribs.out" \
		    "$BATS_TEST_TMPDIR/margin.out" "$a"
		assert_success
	fi
	if [[ -f $dir/contribs_approx.csv ]]; then
		same_as "$dir/contribs_approx.csv" -m "$model" --contrib-approx \
		    "$@" "$data"
	fi
	if [[ -f $dir/interactions.csv ]]; then
		near_as "$a" "$dir/interactions.csv" -m "$model" \
		    --interactions "$@" "$dir/data_interactions.csv"
	fi
}

# Explanations are outputs like the others: every row a line of the same
# fields, kept columns and threads as for predictions, ranges applied.

@test "explanations under a range from 0 add up to XGBoost's margins of it" {
	local f dir args
	for f in "$DATA"/xgb-*/*/margin_iter_*.csv; do
		dir=${f%/*}
		args=${f##*_iter_}
		args=${args%.csv}
		# XGBoost explains ranges from round 0 only.
		if [[ $args != 0_* ]]; then
			run --separate-stderr xgbp -m "$(model_file "$dir" json)" \
			    --contrib --iteration-range="${args/_/:}" \
			    "$dir/data.csv"
			assert_failure 2
			[[ $stderr == *"from 0 only"* ]]
			continue
		fi
		xgbp -m "$(model_file "$dir" json)" --contrib \
		    --iteration-range="${args/_/:}" "$dir/data.csv" \
		    >"$BATS_TEST_TMPDIR/c.out"
		sed 1d "$f" >"$BATS_TEST_TMPDIR/m.out"
		run python3 "$TOP/tests/tools/shapsum.py" \
		    "$BATS_TEST_TMPDIR/c.out" "$BATS_TEST_TMPDIR/m.out" \
		    "$(additivity "$dir")"
		assert_success
	done
}

@test "--best-iteration explains the rounds up to best_iteration" {
	local dir=$DATA/xgb-1.7.4/early_stopping_bc
	xgbp -m "$dir/model.json" --contrib --best-iteration "$dir/data.csv" \
	    >"$BATS_TEST_TMPDIR/c.out"
	sed 1d "$dir/margin_best.csv" >"$BATS_TEST_TMPDIR/m.out"
	run python3 "$TOP/tests/tools/shapsum.py" "$BATS_TEST_TMPDIR/c.out" \
	    "$BATS_TEST_TMPDIR/m.out" "$(additivity "$dir")"
	assert_success
	# Not the whole model's: those add up to another margin.
	sed 1d "$dir/margin.csv" >"$BATS_TEST_TMPDIR/m.out"
	run python3 "$TOP/tests/tools/shapsum.py" "$BATS_TEST_TMPDIR/c.out" \
	    "$BATS_TEST_TMPDIR/m.out" "$(additivity "$dir")"
	assert_failure
}

@test "-j 2 writes what -j 1 writes, for every explanation" {
	local dir=$DATA/xgb-2.1.4/multi_softprob_7class o
	for o in --contrib --contrib-approx --interactions; do
		xgbp -j 1 -m "$(model_file "$dir" json)" $o "$dir/data.csv" \
		    >"$BATS_TEST_TMPDIR/1.out"
		xgbp -j 2 -m "$(model_file "$dir" json)" $o "$dir/data.csv" \
		    >"$BATS_TEST_TMPDIR/2.out"
		cmp "$BATS_TEST_TMPDIR/1.out" "$BATS_TEST_TMPDIR/2.out"
		[ "$(wc -l <"$BATS_TEST_TMPDIR/1.out")" -eq \
		    "$(($(wc -l <"$dir/data.csv") - 1))" ]
	done
}

@test "-H names features and bias, per output, and -k keeps columns" {
	run xgbp -H -k 1 --contrib -m "$IRIS/model.json" "$IRIS/data.csv"
	assert_success
	assert_line -n 0 "$(printf 'sepal length (cm)%s' \
	    "$(for g in 0 1 2; do for n in 'sepal length (cm)' \
	    'sepal width (cm)' 'petal length (cm)' 'petal width (cm)' bias; do
	    printf ',%s:%s' $g "$n"; done; done)")"
	# Every line: the kept field and 15 values.
	run awk -F, 'NF != 16 { bad++ } END { exit bad > 0 }' <<<"$output"
	assert_success
	run xgbp -H --interactions -m "$IRIS/model.json" "$IRIS/data.csv"
	assert_success
	[[ ${lines[0]} == "0:sepal length (cm)*sepal length (cm),"* ]]
	[[ ${lines[0]} == *",2:bias*bias" ]]
	run xgbp -H --contrib -m "$DATA/xgb-1.7.4/early_stopping_bc/model.json" \
	    "$DATA/xgb-1.7.4/early_stopping_bc/data.csv"
	[[ ${lines[0]} == *",bias" ]]
	[[ ${lines[0]} != *":"* ]]
}

@test "a bad row gives a line of nan as wide as the others, or none" {
	local dir=$DATA/xgb-1.7.4/early_stopping_bc n
	# The kept column, the features, the bias.
	n=$(head -n 1 "$dir/data.csv" | awk -F, '{ print NF + 2 }')
	{ sed -n 1,3p "$dir/data.csv"; sed -n 2p "$dir/data.csv" |
	    sed 's/^[^,]*/oops/'; sed -n 4,5p "$dir/data.csv"; } \
	    >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr xgbp -k 1 --on-error nan --contrib \
	    -m "$dir/model.json" "$BATS_TEST_TMPDIR/bad.csv"
	assert_success
	[ "${#lines[@]}" -eq 5 ]
	run awk -F, -v n="$n" 'NF != n + 0 { bad++ }
	    NR == 3 && $NF != "nan" { bad++ } END { exit bad > 0 }' \
	    <<<"$output"
	assert_success
	run --separate-stderr xgbp --on-error skip --contrib \
	    -m "$dir/model.json" "$BATS_TEST_TMPDIR/bad.csv"
	assert_success
	[ "${#lines[@]}" -eq 4 ]
	run --separate-stderr xgbp --contrib -m "$dir/model.json" \
	    "$BATS_TEST_TMPDIR/bad.csv"
	assert_failure 1
	[ "${#lines[@]}" -eq 2 ]
}

@test "what XGBoost refuses to explain is refused, with its reason" {
	run --separate-stderr xgbp --interactions \
	    -m "$DATA/xgb-1.7.4/gblinear_multiclass/model.json" \
	    "$DATA/xgb-1.7.4/gblinear_multiclass/data.csv"
	assert_failure 3
	[[ $stderr == *"no interaction values for gblinear"* ]]
	run --separate-stderr xgbp --contrib \
	    -m "$DATA/xgb-2.1.4/multi_target_multi_output_tree/model.json" \
	    "$DATA/xgb-2.1.4/multi_target_multi_output_tree/data.csv"
	assert_failure 3
	[[ $stderr == *"before 3.4"*"vector leaves"* ]]
	run --separate-stderr xgbp --contrib-approx \
	    -m "$DATA/explain/vector_leaf_3.4.1/model.json" \
	    "$DATA/explain/vector_leaf_3.4.1/data.csv"
	assert_failure 3
	run --separate-stderr xgbp --interactions \
	    -m "$DATA/explain/vector_leaf_3.4.1/model.json" \
	    "$DATA/explain/vector_leaf_3.4.1/data.csv"
	assert_failure 3
	# A model without covers cannot be explained, and says so.
	python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))
for t in m["learner"]["gradient_booster"]["model"]["trees"]:
    del t["sum_hessian"]
json.dump(m, open(sys.argv[2], "w"))' "$IRIS/model.json" \
	    "$BATS_TEST_TMPDIR/nocover.json"
	run --separate-stderr xgbp --contrib -m "$BATS_TEST_TMPDIR/nocover.json" \
	    "$IRIS/data.csv"
	assert_failure 3
	[[ $stderr == *"no node covers"* ]]
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/nocover.json" \
	    "$IRIS/data.csv"
	assert_success
	# Two kinds at once is a usage error.
	run --separate-stderr xgbp --contrib --margin -m "$IRIS/model.json" \
	    "$IRIS/data.csv"
	assert_failure 2
	assert_output ""
}

@test "1.7.4 base_score_auto_logistic_imbalanced model.json" {
	explains xgb-1.7.4/base_score_auto_logistic_imbalanced json
}

@test "1.7.4 base_score_auto_logistic_imbalanced model.ubj" {
	explains xgb-1.7.4/base_score_auto_logistic_imbalanced ubj
}

@test "1.7.4 base_score_auto_logistic_imbalanced model.bin" {
	explains xgb-1.7.4/base_score_auto_logistic_imbalanced bin
}

@test "1.7.4 base_score_explicit_reg model.json" {
	explains xgb-1.7.4/base_score_explicit_reg json
}

@test "1.7.4 base_score_explicit_reg model.ubj" {
	explains xgb-1.7.4/base_score_explicit_reg ubj
}

@test "1.7.4 base_score_explicit_reg model.bin" {
	explains xgb-1.7.4/base_score_explicit_reg bin
}

@test "1.7.4 binary_logitraw_bc_nan model.json" {
	explains xgb-1.7.4/binary_logitraw_bc_nan json
}

@test "1.7.4 binary_logitraw_bc_nan model.ubj" {
	explains xgb-1.7.4/binary_logitraw_bc_nan ubj
}

@test "1.7.4 binary_logitraw_bc_nan model.bin" {
	explains xgb-1.7.4/binary_logitraw_bc_nan bin
}

@test "1.7.4 categorical_multiclass_approx model.json" {
	explains xgb-1.7.4/categorical_multiclass_approx json
}

@test "1.7.4 categorical_multiclass_approx model.ubj" {
	explains xgb-1.7.4/categorical_multiclass_approx ubj
}

@test "1.7.4 count_poisson model.json" {
	explains xgb-1.7.4/count_poisson json
}

@test "1.7.4 count_poisson model.ubj" {
	explains xgb-1.7.4/count_poisson ubj
}

@test "1.7.4 count_poisson model.bin" {
	explains xgb-1.7.4/count_poisson bin
}

@test "1.7.4 dart_multiclass model.json" {
	explains xgb-1.7.4/dart_multiclass json
}

@test "1.7.4 dart_multiclass model.ubj" {
	explains xgb-1.7.4/dart_multiclass ubj
}

@test "1.7.4 dart_multiclass model.bin" {
	explains xgb-1.7.4/dart_multiclass bin
}

@test "1.7.4 degenerate_no_splits_multiclass model.json" {
	explains xgb-1.7.4/degenerate_no_splits_multiclass json
}

@test "1.7.4 degenerate_no_splits_multiclass model.ubj" {
	explains xgb-1.7.4/degenerate_no_splits_multiclass ubj
}

@test "1.7.4 degenerate_no_splits_multiclass model.bin" {
	explains xgb-1.7.4/degenerate_no_splits_multiclass bin
}

@test "1.7.4 early_stopping_bc model.json" {
	explains xgb-1.7.4/early_stopping_bc json
}

@test "1.7.4 early_stopping_bc model.ubj" {
	explains xgb-1.7.4/early_stopping_bc ubj
}

@test "1.7.4 early_stopping_bc model.bin" {
	explains xgb-1.7.4/early_stopping_bc bin
}

@test "1.7.4 gblinear_multiclass model.json" {
	explains xgb-1.7.4/gblinear_multiclass json
}

@test "1.7.4 gblinear_multiclass model.ubj" {
	explains xgb-1.7.4/gblinear_multiclass ubj
}

@test "1.7.4 gblinear_multiclass model.bin" {
	explains xgb-1.7.4/gblinear_multiclass bin
}

@test "1.7.4 lossguide_leaves model.json" {
	explains xgb-1.7.4/lossguide_leaves json
}

@test "1.7.4 lossguide_leaves model.ubj" {
	explains xgb-1.7.4/lossguide_leaves ubj
}

@test "1.7.4 lossguide_leaves model.bin" {
	explains xgb-1.7.4/lossguide_leaves bin
}

@test "1.7.4 missing_sentinel_-999 model.json" {
	explains xgb-1.7.4/missing_sentinel_-999 json --missing=-999.0
}

@test "1.7.4 missing_sentinel_-999 model.ubj" {
	explains xgb-1.7.4/missing_sentinel_-999 ubj --missing=-999.0
}

@test "1.7.4 missing_sentinel_-999 model.bin" {
	explains xgb-1.7.4/missing_sentinel_-999 bin --missing=-999.0
}

@test "1.7.4 multi_softmax_iris model.json" {
	explains xgb-1.7.4/multi_softmax_iris json
}

@test "1.7.4 multi_softmax_iris model.ubj" {
	explains xgb-1.7.4/multi_softmax_iris ubj
}

@test "1.7.4 multi_softmax_iris model.bin" {
	explains xgb-1.7.4/multi_softmax_iris bin
}

@test "1.7.4 multi_softprob_iris model.json" {
	explains xgb-1.7.4/multi_softprob_iris json
}

@test "1.7.4 multi_softprob_iris model.ubj" {
	explains xgb-1.7.4/multi_softprob_iris ubj
}

@test "1.7.4 multi_softprob_iris model.bin" {
	explains xgb-1.7.4/multi_softprob_iris bin
}

@test "1.7.4 multi_target_one_output_per_tree model.json" {
	explains xgb-1.7.4/multi_target_one_output_per_tree json
}

@test "1.7.4 multi_target_one_output_per_tree model.ubj" {
	explains xgb-1.7.4/multi_target_one_output_per_tree ubj
}

@test "1.7.4 multi_target_one_output_per_tree model.bin" {
	explains xgb-1.7.4/multi_target_one_output_per_tree bin
}

@test "1.7.4 nan_heavy_exact model.json" {
	explains xgb-1.7.4/nan_heavy_exact json
}

@test "1.7.4 nan_heavy_exact model.ubj" {
	explains xgb-1.7.4/nan_heavy_exact ubj
}

@test "1.7.4 nan_heavy_exact model.bin" {
	explains xgb-1.7.4/nan_heavy_exact bin
}

@test "1.7.4 reg_absoluteerror model.json" {
	explains xgb-1.7.4/reg_absoluteerror json
}

@test "1.7.4 reg_absoluteerror model.ubj" {
	explains xgb-1.7.4/reg_absoluteerror ubj
}

@test "1.7.4 reg_absoluteerror model.bin" {
	explains xgb-1.7.4/reg_absoluteerror bin
}

@test "1.7.4 reg_logistic model.json" {
	explains xgb-1.7.4/reg_logistic json
}

@test "1.7.4 reg_logistic model.ubj" {
	explains xgb-1.7.4/reg_logistic ubj
}

@test "1.7.4 reg_logistic model.bin" {
	explains xgb-1.7.4/reg_logistic bin
}

@test "1.7.4 reg_squaredlogerror model.json" {
	explains xgb-1.7.4/reg_squaredlogerror json
}

@test "1.7.4 reg_squaredlogerror model.ubj" {
	explains xgb-1.7.4/reg_squaredlogerror ubj
}

@test "1.7.4 reg_squaredlogerror model.bin" {
	explains xgb-1.7.4/reg_squaredlogerror bin
}

@test "1.7.4 rf_boosted_multiclass model.json" {
	explains xgb-1.7.4/rf_boosted_multiclass json
}

@test "1.7.4 rf_boosted_multiclass model.ubj" {
	explains xgb-1.7.4/rf_boosted_multiclass ubj
}

@test "1.7.4 rf_boosted_multiclass model.bin" {
	explains xgb-1.7.4/rf_boosted_multiclass bin
}

@test "1.7.4 survival_aft_extreme model.json" {
	explains xgb-1.7.4/survival_aft_extreme json
}

@test "1.7.4 survival_aft_extreme model.ubj" {
	explains xgb-1.7.4/survival_aft_extreme ubj
}

@test "1.7.4 survival_aft_extreme model.bin" {
	explains xgb-1.7.4/survival_aft_extreme bin
}

@test "1.7.4 unused_features model.json" {
	explains xgb-1.7.4/unused_features json
}

@test "1.7.4 unused_features model.ubj" {
	explains xgb-1.7.4/unused_features ubj
}

@test "1.7.4 unused_features model.bin" {
	explains xgb-1.7.4/unused_features bin
}

@test "2.1.4 base_score_explicit_logistic model.json" {
	explains xgb-2.1.4/base_score_explicit_logistic json
}

@test "2.1.4 base_score_explicit_logistic model.ubj" {
	explains xgb-2.1.4/base_score_explicit_logistic ubj
}

@test "2.1.4 base_score_explicit_logistic model.bin" {
	explains xgb-2.1.4/base_score_explicit_logistic bin
}

@test "2.1.4 binary_logistic_bc model.json" {
	explains xgb-2.1.4/binary_logistic_bc json
}

@test "2.1.4 binary_logistic_bc model.ubj" {
	explains xgb-2.1.4/binary_logistic_bc ubj
}

@test "2.1.4 binary_logistic_bc model.bin" {
	explains xgb-2.1.4/binary_logistic_bc bin
}

@test "2.1.4 categorical_codes_unseen model.json" {
	explains xgb-2.1.4/categorical_codes_unseen json
}

@test "2.1.4 categorical_codes_unseen model.ubj" {
	explains xgb-2.1.4/categorical_codes_unseen ubj
}

@test "2.1.4 categorical_partition model.json" {
	explains xgb-2.1.4/categorical_partition json
}

@test "2.1.4 categorical_partition model.ubj" {
	explains xgb-2.1.4/categorical_partition ubj
}

@test "2.1.4 dart_binary model.json" {
	explains xgb-2.1.4/dart_binary json
}

@test "2.1.4 dart_binary model.ubj" {
	explains xgb-2.1.4/dart_binary ubj
}

@test "2.1.4 dart_binary model.bin" {
	explains xgb-2.1.4/dart_binary bin
}

@test "2.1.4 deep_trees model.json" {
	explains xgb-2.1.4/deep_trees json
}

@test "2.1.4 deep_trees model.ubj" {
	explains xgb-2.1.4/deep_trees ubj
}

@test "2.1.4 deep_trees model.bin" {
	explains xgb-2.1.4/deep_trees bin
}

@test "2.1.4 degenerate_single_leaf model.json" {
	explains xgb-2.1.4/degenerate_single_leaf json
}

@test "2.1.4 degenerate_single_leaf model.ubj" {
	explains xgb-2.1.4/degenerate_single_leaf ubj
}

@test "2.1.4 degenerate_single_leaf model.bin" {
	explains xgb-2.1.4/degenerate_single_leaf bin
}

@test "2.1.4 gblinear_binary_nan model.json" {
	explains xgb-2.1.4/gblinear_binary_nan json
}

@test "2.1.4 gblinear_binary_nan model.ubj" {
	explains xgb-2.1.4/gblinear_binary_nan ubj
}

@test "2.1.4 gblinear_binary_nan model.bin" {
	explains xgb-2.1.4/gblinear_binary_nan bin
}

@test "2.1.4 gblinear_reg model.json" {
	explains xgb-2.1.4/gblinear_reg json
}

@test "2.1.4 gblinear_reg model.ubj" {
	explains xgb-2.1.4/gblinear_reg ubj
}

@test "2.1.4 gblinear_reg model.bin" {
	explains xgb-2.1.4/gblinear_reg bin
}

@test "2.1.4 multi_softmax_digits model.json" {
	explains xgb-2.1.4/multi_softmax_digits json
}

@test "2.1.4 multi_softmax_digits model.ubj" {
	explains xgb-2.1.4/multi_softmax_digits ubj
}

@test "2.1.4 multi_softmax_digits model.bin" {
	explains xgb-2.1.4/multi_softmax_digits bin
}

@test "2.1.4 multi_softprob_7class model.json" {
	explains xgb-2.1.4/multi_softprob_7class json
}

@test "2.1.4 multi_softprob_7class model.ubj" {
	explains xgb-2.1.4/multi_softprob_7class ubj
}

@test "2.1.4 multi_softprob_7class model.bin" {
	explains xgb-2.1.4/multi_softprob_7class bin
}

@test "2.1.4 nan_heavy model.json" {
	explains xgb-2.1.4/nan_heavy json
}

@test "2.1.4 nan_heavy model.ubj" {
	explains xgb-2.1.4/nan_heavy ubj
}

@test "2.1.4 nan_heavy model.bin" {
	explains xgb-2.1.4/nan_heavy bin
}

@test "2.1.4 rank_pairwise model.json" {
	explains xgb-2.1.4/rank_pairwise json
}

@test "2.1.4 rank_pairwise model.ubj" {
	explains xgb-2.1.4/rank_pairwise ubj
}

@test "2.1.4 rank_pairwise model.bin" {
	explains xgb-2.1.4/rank_pairwise bin
}

@test "2.1.4 reg_gamma model.json" {
	explains xgb-2.1.4/reg_gamma json
}

@test "2.1.4 reg_gamma model.ubj" {
	explains xgb-2.1.4/reg_gamma ubj
}

@test "2.1.4 reg_gamma model.bin" {
	explains xgb-2.1.4/reg_gamma bin
}

@test "2.1.4 reg_quantileerror_multi model.json" {
	explains xgb-2.1.4/reg_quantileerror_multi json
}

@test "2.1.4 reg_quantileerror_multi model.ubj" {
	explains xgb-2.1.4/reg_quantileerror_multi ubj
}

@test "2.1.4 reg_quantileerror_multi model.bin" {
	explains xgb-2.1.4/reg_quantileerror_multi bin
}

@test "2.1.4 reg_squarederror_diabetes model.json" {
	explains xgb-2.1.4/reg_squarederror_diabetes json
}

@test "2.1.4 reg_squarederror_diabetes model.ubj" {
	explains xgb-2.1.4/reg_squarederror_diabetes ubj
}

@test "2.1.4 reg_squarederror_diabetes model.bin" {
	explains xgb-2.1.4/reg_squarederror_diabetes bin
}

@test "2.1.4 rf_binary model.json" {
	explains xgb-2.1.4/rf_binary json
}

@test "2.1.4 rf_binary model.ubj" {
	explains xgb-2.1.4/rf_binary ubj
}

@test "2.1.4 rf_binary model.bin" {
	explains xgb-2.1.4/rf_binary bin
}

@test "2.1.4 survival_cox model.json" {
	explains xgb-2.1.4/survival_cox json
}

@test "2.1.4 survival_cox model.ubj" {
	explains xgb-2.1.4/survival_cox ubj
}

@test "2.1.4 survival_cox model.bin" {
	explains xgb-2.1.4/survival_cox bin
}

@test "2.1.4 wide_sparse model.json" {
	explains xgb-2.1.4/wide_sparse json
}

@test "2.1.4 wide_sparse model.ubj" {
	explains xgb-2.1.4/wide_sparse ubj
}

@test "2.1.4 wide_sparse model.bin" {
	explains xgb-2.1.4/wide_sparse bin
}

@test "3.4.1 base_score_auto_logistic_imbalanced model.json" {
	explains xgb-3.4.1/base_score_auto_logistic_imbalanced json
}

@test "3.4.1 base_score_auto_logistic_imbalanced model.ubj" {
	explains xgb-3.4.1/base_score_auto_logistic_imbalanced ubj
}

@test "3.4.1 binary_hinge model.json" {
	explains xgb-3.4.1/binary_hinge json
}

@test "3.4.1 binary_hinge model.ubj" {
	explains xgb-3.4.1/binary_hinge ubj
}

@test "3.4.1 binary_logitraw_bc_nan model.json" {
	explains xgb-3.4.1/binary_logitraw_bc_nan json
}

@test "3.4.1 binary_logitraw_bc_nan model.ubj" {
	explains xgb-3.4.1/binary_logitraw_bc_nan ubj
}

@test "3.4.1 categorical_onehot model.json" {
	explains xgb-3.4.1/categorical_onehot json
}

@test "3.4.1 categorical_onehot model.ubj" {
	explains xgb-3.4.1/categorical_onehot ubj
}

@test "3.4.1 count_poisson model.json" {
	explains xgb-3.4.1/count_poisson json
}

@test "3.4.1 count_poisson model.ubj" {
	explains xgb-3.4.1/count_poisson ubj
}

@test "3.4.1 dart_reg_forest_weighted model.json" {
	explains xgb-3.4.1/dart_reg_forest_weighted json
}

@test "3.4.1 dart_reg_forest_weighted model.ubj" {
	explains xgb-3.4.1/dart_reg_forest_weighted ubj
}

@test "3.4.1 degenerate_no_splits_multiclass model.json" {
	explains xgb-3.4.1/degenerate_no_splits_multiclass json
}

@test "3.4.1 degenerate_no_splits_multiclass model.ubj" {
	explains xgb-3.4.1/degenerate_no_splits_multiclass ubj
}

@test "3.4.1 feature_names_order model.json" {
	explains xgb-3.4.1/feature_names_order json
}

@test "3.4.1 feature_names_order model.ubj" {
	explains xgb-3.4.1/feature_names_order ubj
}

@test "3.4.1 gblinear_multiclass model.json" {
	explains xgb-3.4.1/gblinear_multiclass json
}

@test "3.4.1 gblinear_multiclass model.ubj" {
	explains xgb-3.4.1/gblinear_multiclass ubj
}

@test "3.4.1 multi_softmax_iris model.json" {
	explains xgb-3.4.1/multi_softmax_iris json
}

@test "3.4.1 multi_softmax_iris model.ubj" {
	explains xgb-3.4.1/multi_softmax_iris ubj
}

@test "3.4.1 multi_softprob_wine_nan model.json" {
	explains xgb-3.4.1/multi_softprob_wine_nan json
}

@test "3.4.1 multi_softprob_wine_nan model.ubj" {
	explains xgb-3.4.1/multi_softprob_wine_nan ubj
}

@test "3.4.1 multi_target_one_output_per_tree model.json" {
	explains xgb-3.4.1/multi_target_one_output_per_tree json
}

@test "3.4.1 multi_target_one_output_per_tree model.ubj" {
	explains xgb-3.4.1/multi_target_one_output_per_tree ubj
}

@test "3.4.1 rank_ndcg model.json" {
	explains xgb-3.4.1/rank_ndcg json
}

@test "3.4.1 rank_ndcg model.ubj" {
	explains xgb-3.4.1/rank_ndcg ubj
}

@test "3.4.1 reg_absoluteerror model.json" {
	explains xgb-3.4.1/reg_absoluteerror json
}

@test "3.4.1 reg_absoluteerror model.ubj" {
	explains xgb-3.4.1/reg_absoluteerror ubj
}

@test "3.4.1 reg_pseudohubererror model.json" {
	explains xgb-3.4.1/reg_pseudohubererror json
}

@test "3.4.1 reg_pseudohubererror model.ubj" {
	explains xgb-3.4.1/reg_pseudohubererror ubj
}

@test "3.4.1 reg_quantileerror_single model.json" {
	explains xgb-3.4.1/reg_quantileerror_single json
}

@test "3.4.1 reg_quantileerror_single model.ubj" {
	explains xgb-3.4.1/reg_quantileerror_single ubj
}

@test "3.4.1 reg_tweedie model.json" {
	explains xgb-3.4.1/reg_tweedie json
}

@test "3.4.1 reg_tweedie model.ubj" {
	explains xgb-3.4.1/reg_tweedie ubj
}

@test "3.4.1 rf_boosted_multiclass model.json" {
	explains xgb-3.4.1/rf_boosted_multiclass json
}

@test "3.4.1 rf_boosted_multiclass model.ubj" {
	explains xgb-3.4.1/rf_boosted_multiclass ubj
}

@test "3.4.1 speed_higgs_like model.json" {
	explains xgb-3.4.1/speed_higgs_like json
}

@test "3.4.1 survival_aft_normal model.json" {
	explains xgb-3.4.1/survival_aft_normal json
}

@test "3.4.1 survival_aft_normal model.ubj" {
	explains xgb-3.4.1/survival_aft_normal ubj
}

@test "3.4.1 unused_features model.json" {
	explains xgb-3.4.1/unused_features json
}

@test "3.4.1 unused_features model.ubj" {
	explains xgb-3.4.1/unused_features ubj
}

@test "vector_leaf_3.4.1 model.json" {
	explains explain/vector_leaf_3.4.1 json
}

@test "vector_leaf_3.4.1 model.ubj" {
	explains explain/vector_leaf_3.4.1 ubj
}
