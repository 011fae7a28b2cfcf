#!/usr/bin/env bats
# Every fixture made by real XGBoost (1.7.4, 2.1.4, 3.4.1; see
# tests/data/import.sh) in every format it was saved in, and the older
# binary layouts made from 1.7.4 files by tests/data/make-legacy.sh:
# xgbp's margins, predictions, leaf indices and iteration ranges equal
# XGBoost's own, bit for bit.  One test per case and format.

load helper

# agree CASE MODEL [XGBP ARGS...]: score CASE's data.csv with its model
# file MODEL (or MODEL.gz) and compare every output XGBoost wrote for it:
# margin.csv (--margin), pred.csv, leaf.csv (--leaf), the iteration ranges
# margin_iter_A_B.csv / pred_iter_A_B.csv and margin_best.csv /
# pred_best.csv (--best-iteration).
agree() {
	local dir=$DATA/$1 model=$DATA/$1/$2 f args
	[[ -f $model ]] || model=$model.gz
	shift 2
	same_as "$dir/margin.csv" -m "$model" --margin "$@" "$dir/data.csv"
	same_as "$dir/pred.csv" -m "$model" "$@" "$dir/data.csv"
	# leaf.csv of a big case covers only the rows of data_head.csv.
	if [[ -f $dir/data_head.csv ]]; then
		same_as "$dir/leaf.csv" -m "$model" --leaf "$@" 		    "$dir/data_head.csv"
	elif [[ -f $dir/leaf.csv ]]; then
		same_as "$dir/leaf.csv" -m "$model" --leaf "$@" "$dir/data.csv"
	fi
	for f in "$dir"/margin_iter_*.csv "$dir"/pred_iter_*.csv; do
		[[ -f $f ]] || continue
		args=${f##*_iter_}
		args=${args%.csv}
		args=--iteration-range=${args/_/:}
		[[ $f == */margin_* ]] && args="$args --margin"
		same_as "$f" -m "$model" $args "$@" "$dir/data.csv"
	done
	if [[ -f $dir/pred_best.csv ]]; then
		same_as "$dir/pred_best.csv" -m "$model" --best-iteration "$@" \
		    "$dir/data.csv"
		same_as "$dir/margin_best.csv" -m "$model" --best-iteration \
		    --margin "$@" "$dir/data.csv"
	fi
}

@test "1.7.4 base_score_auto_logistic_imbalanced model.json" {
	agree xgb-1.7.4/base_score_auto_logistic_imbalanced model.json
}

@test "1.7.4 base_score_auto_logistic_imbalanced model.ubj" {
	agree xgb-1.7.4/base_score_auto_logistic_imbalanced model.ubj
}

@test "1.7.4 base_score_auto_logistic_imbalanced model.bin" {
	agree xgb-1.7.4/base_score_auto_logistic_imbalanced model.bin
}

@test "1.7.4 base_score_explicit_reg model.json" {
	agree xgb-1.7.4/base_score_explicit_reg model.json
}

@test "1.7.4 base_score_explicit_reg model.ubj" {
	agree xgb-1.7.4/base_score_explicit_reg model.ubj
}

@test "1.7.4 base_score_explicit_reg model.bin" {
	agree xgb-1.7.4/base_score_explicit_reg model.bin
}

@test "1.7.4 binary_logitraw_bc_nan model.json" {
	agree xgb-1.7.4/binary_logitraw_bc_nan model.json
}

@test "1.7.4 binary_logitraw_bc_nan model.ubj" {
	agree xgb-1.7.4/binary_logitraw_bc_nan model.ubj
}

@test "1.7.4 binary_logitraw_bc_nan model.bin" {
	agree xgb-1.7.4/binary_logitraw_bc_nan model.bin
}

@test "1.7.4 categorical_multiclass_approx model.json" {
	agree xgb-1.7.4/categorical_multiclass_approx model.json
}

@test "1.7.4 categorical_multiclass_approx model.ubj" {
	agree xgb-1.7.4/categorical_multiclass_approx model.ubj
}

@test "1.7.4 count_poisson model.json" {
	agree xgb-1.7.4/count_poisson model.json
}

@test "1.7.4 count_poisson model.ubj" {
	agree xgb-1.7.4/count_poisson model.ubj
}

@test "1.7.4 count_poisson model.bin" {
	agree xgb-1.7.4/count_poisson model.bin
}

@test "1.7.4 dart_multiclass model.json" {
	agree xgb-1.7.4/dart_multiclass model.json
}

@test "1.7.4 dart_multiclass model.ubj" {
	agree xgb-1.7.4/dart_multiclass model.ubj
}

@test "1.7.4 dart_multiclass model.bin" {
	agree xgb-1.7.4/dart_multiclass model.bin
}

@test "1.7.4 degenerate_no_splits_multiclass model.json" {
	agree xgb-1.7.4/degenerate_no_splits_multiclass model.json
}

@test "1.7.4 degenerate_no_splits_multiclass model.ubj" {
	agree xgb-1.7.4/degenerate_no_splits_multiclass model.ubj
}

@test "1.7.4 degenerate_no_splits_multiclass model.bin" {
	agree xgb-1.7.4/degenerate_no_splits_multiclass model.bin
}

@test "1.7.4 early_stopping_bc model.json" {
	agree xgb-1.7.4/early_stopping_bc model.json
}

@test "1.7.4 early_stopping_bc model.ubj" {
	agree xgb-1.7.4/early_stopping_bc model.ubj
}

@test "1.7.4 early_stopping_bc model.bin" {
	agree xgb-1.7.4/early_stopping_bc model.bin
}

@test "1.7.4 gblinear_multiclass model.json" {
	agree xgb-1.7.4/gblinear_multiclass model.json
}

@test "1.7.4 gblinear_multiclass model.ubj" {
	agree xgb-1.7.4/gblinear_multiclass model.ubj
}

@test "1.7.4 gblinear_multiclass model.bin" {
	agree xgb-1.7.4/gblinear_multiclass model.bin
}

@test "1.7.4 lossguide_leaves model.json" {
	agree xgb-1.7.4/lossguide_leaves model.json
}

@test "1.7.4 lossguide_leaves model.ubj" {
	agree xgb-1.7.4/lossguide_leaves model.ubj
}

@test "1.7.4 lossguide_leaves model.bin" {
	agree xgb-1.7.4/lossguide_leaves model.bin
}

@test "1.7.4 missing_sentinel_-999 model.json" {
	agree xgb-1.7.4/missing_sentinel_-999 model.json --missing=-999.0
}

@test "1.7.4 missing_sentinel_-999 model.ubj" {
	agree xgb-1.7.4/missing_sentinel_-999 model.ubj --missing=-999.0
}

@test "1.7.4 missing_sentinel_-999 model.bin" {
	agree xgb-1.7.4/missing_sentinel_-999 model.bin --missing=-999.0
}

@test "1.7.4 multi_softmax_iris model.json" {
	agree xgb-1.7.4/multi_softmax_iris model.json
}

@test "1.7.4 multi_softmax_iris model.ubj" {
	agree xgb-1.7.4/multi_softmax_iris model.ubj
}

@test "1.7.4 multi_softmax_iris model.bin" {
	agree xgb-1.7.4/multi_softmax_iris model.bin
}

@test "1.7.4 multi_softprob_iris model.json" {
	agree xgb-1.7.4/multi_softprob_iris model.json
}

@test "1.7.4 multi_softprob_iris model.ubj" {
	agree xgb-1.7.4/multi_softprob_iris model.ubj
}

@test "1.7.4 multi_softprob_iris model.bin" {
	agree xgb-1.7.4/multi_softprob_iris model.bin
}

@test "1.7.4 multi_target_one_output_per_tree model.json" {
	agree xgb-1.7.4/multi_target_one_output_per_tree model.json
}

@test "1.7.4 multi_target_one_output_per_tree model.ubj" {
	agree xgb-1.7.4/multi_target_one_output_per_tree model.ubj
}

@test "1.7.4 multi_target_one_output_per_tree model.bin" {
	agree xgb-1.7.4/multi_target_one_output_per_tree model.bin
}

@test "1.7.4 nan_heavy_exact model.json" {
	agree xgb-1.7.4/nan_heavy_exact model.json
}

@test "1.7.4 nan_heavy_exact model.ubj" {
	agree xgb-1.7.4/nan_heavy_exact model.ubj
}

@test "1.7.4 nan_heavy_exact model.bin" {
	agree xgb-1.7.4/nan_heavy_exact model.bin
}

@test "1.7.4 reg_absoluteerror model.json" {
	agree xgb-1.7.4/reg_absoluteerror model.json
}

@test "1.7.4 reg_absoluteerror model.ubj" {
	agree xgb-1.7.4/reg_absoluteerror model.ubj
}

@test "1.7.4 reg_absoluteerror model.bin" {
	agree xgb-1.7.4/reg_absoluteerror model.bin
}

@test "1.7.4 reg_logistic model.json" {
	agree xgb-1.7.4/reg_logistic model.json
}

@test "1.7.4 reg_logistic model.ubj" {
	agree xgb-1.7.4/reg_logistic model.ubj
}

@test "1.7.4 reg_logistic model.bin" {
	agree xgb-1.7.4/reg_logistic model.bin
}

@test "1.7.4 reg_squaredlogerror model.json" {
	agree xgb-1.7.4/reg_squaredlogerror model.json
}

@test "1.7.4 reg_squaredlogerror model.ubj" {
	agree xgb-1.7.4/reg_squaredlogerror model.ubj
}

@test "1.7.4 reg_squaredlogerror model.bin" {
	agree xgb-1.7.4/reg_squaredlogerror model.bin
}

@test "1.7.4 rf_boosted_multiclass model.json" {
	agree xgb-1.7.4/rf_boosted_multiclass model.json
}

@test "1.7.4 rf_boosted_multiclass model.ubj" {
	agree xgb-1.7.4/rf_boosted_multiclass model.ubj
}

@test "1.7.4 rf_boosted_multiclass model.bin" {
	agree xgb-1.7.4/rf_boosted_multiclass model.bin
}

@test "1.7.4 survival_aft_extreme model.json" {
	agree xgb-1.7.4/survival_aft_extreme model.json
}

@test "1.7.4 survival_aft_extreme model.ubj" {
	agree xgb-1.7.4/survival_aft_extreme model.ubj
}

@test "1.7.4 survival_aft_extreme model.bin" {
	agree xgb-1.7.4/survival_aft_extreme model.bin
}

@test "1.7.4 unused_features model.json" {
	agree xgb-1.7.4/unused_features model.json
}

@test "1.7.4 unused_features model.ubj" {
	agree xgb-1.7.4/unused_features model.ubj
}

@test "1.7.4 unused_features model.bin" {
	agree xgb-1.7.4/unused_features model.bin
}

@test "2.1.4 base_score_explicit_logistic model.json" {
	agree xgb-2.1.4/base_score_explicit_logistic model.json
}

@test "2.1.4 base_score_explicit_logistic model.ubj" {
	agree xgb-2.1.4/base_score_explicit_logistic model.ubj
}

@test "2.1.4 base_score_explicit_logistic model.bin" {
	agree xgb-2.1.4/base_score_explicit_logistic model.bin
}

@test "2.1.4 binary_logistic_bc model.json" {
	agree xgb-2.1.4/binary_logistic_bc model.json
}

@test "2.1.4 binary_logistic_bc model.ubj" {
	agree xgb-2.1.4/binary_logistic_bc model.ubj
}

@test "2.1.4 binary_logistic_bc model.bin" {
	agree xgb-2.1.4/binary_logistic_bc model.bin
}

@test "2.1.4 binary_logistic_bc model_default_ext.model" {
	agree xgb-2.1.4/binary_logistic_bc model_default_ext.model
}

@test "2.1.4 categorical_codes_unseen model.json" {
	agree xgb-2.1.4/categorical_codes_unseen model.json
}

@test "2.1.4 categorical_codes_unseen model.ubj" {
	agree xgb-2.1.4/categorical_codes_unseen model.ubj
}

@test "2.1.4 categorical_partition model.json" {
	agree xgb-2.1.4/categorical_partition model.json
}

@test "2.1.4 categorical_partition model.ubj" {
	agree xgb-2.1.4/categorical_partition model.ubj
}

@test "2.1.4 dart_binary model.json" {
	agree xgb-2.1.4/dart_binary model.json
}

@test "2.1.4 dart_binary model.ubj" {
	agree xgb-2.1.4/dart_binary model.ubj
}

@test "2.1.4 dart_binary model.bin" {
	agree xgb-2.1.4/dart_binary model.bin
}

@test "2.1.4 deep_trees model.json" {
	agree xgb-2.1.4/deep_trees model.json
}

@test "2.1.4 deep_trees model.ubj" {
	agree xgb-2.1.4/deep_trees model.ubj
}

@test "2.1.4 deep_trees model.bin" {
	agree xgb-2.1.4/deep_trees model.bin
}

@test "2.1.4 degenerate_single_leaf model.json" {
	agree xgb-2.1.4/degenerate_single_leaf model.json
}

@test "2.1.4 degenerate_single_leaf model.ubj" {
	agree xgb-2.1.4/degenerate_single_leaf model.ubj
}

@test "2.1.4 degenerate_single_leaf model.bin" {
	agree xgb-2.1.4/degenerate_single_leaf model.bin
}

@test "2.1.4 gblinear_binary_nan model.json" {
	agree xgb-2.1.4/gblinear_binary_nan model.json
}

@test "2.1.4 gblinear_binary_nan model.ubj" {
	agree xgb-2.1.4/gblinear_binary_nan model.ubj
}

@test "2.1.4 gblinear_binary_nan model.bin" {
	agree xgb-2.1.4/gblinear_binary_nan model.bin
}

@test "2.1.4 gblinear_reg model.json" {
	agree xgb-2.1.4/gblinear_reg model.json
}

@test "2.1.4 gblinear_reg model.ubj" {
	agree xgb-2.1.4/gblinear_reg model.ubj
}

@test "2.1.4 gblinear_reg model.bin" {
	agree xgb-2.1.4/gblinear_reg model.bin
}

@test "2.1.4 multi_softmax_digits model.json" {
	agree xgb-2.1.4/multi_softmax_digits model.json
}

@test "2.1.4 multi_softmax_digits model.ubj" {
	agree xgb-2.1.4/multi_softmax_digits model.ubj
}

@test "2.1.4 multi_softmax_digits model.bin" {
	agree xgb-2.1.4/multi_softmax_digits model.bin
}

@test "2.1.4 multi_softprob_7class model.json" {
	agree xgb-2.1.4/multi_softprob_7class model.json
}

@test "2.1.4 multi_softprob_7class model.ubj" {
	agree xgb-2.1.4/multi_softprob_7class model.ubj
}

@test "2.1.4 multi_softprob_7class model.bin" {
	agree xgb-2.1.4/multi_softprob_7class model.bin
}

@test "2.1.4 multi_target_multi_output_tree model.json" {
	agree xgb-2.1.4/multi_target_multi_output_tree model.json
}

@test "2.1.4 multi_target_multi_output_tree model.ubj" {
	agree xgb-2.1.4/multi_target_multi_output_tree model.ubj
}

@test "2.1.4 nan_heavy model.json" {
	agree xgb-2.1.4/nan_heavy model.json
}

@test "2.1.4 nan_heavy model.ubj" {
	agree xgb-2.1.4/nan_heavy model.ubj
}

@test "2.1.4 nan_heavy model.bin" {
	agree xgb-2.1.4/nan_heavy model.bin
}

@test "2.1.4 rank_pairwise model.json" {
	agree xgb-2.1.4/rank_pairwise model.json
}

@test "2.1.4 rank_pairwise model.ubj" {
	agree xgb-2.1.4/rank_pairwise model.ubj
}

@test "2.1.4 rank_pairwise model.bin" {
	agree xgb-2.1.4/rank_pairwise model.bin
}

@test "2.1.4 reg_gamma model.json" {
	agree xgb-2.1.4/reg_gamma model.json
}

@test "2.1.4 reg_gamma model.ubj" {
	agree xgb-2.1.4/reg_gamma model.ubj
}

@test "2.1.4 reg_gamma model.bin" {
	agree xgb-2.1.4/reg_gamma model.bin
}

@test "2.1.4 reg_quantileerror_multi model.json" {
	agree xgb-2.1.4/reg_quantileerror_multi model.json
}

@test "2.1.4 reg_quantileerror_multi model.ubj" {
	agree xgb-2.1.4/reg_quantileerror_multi model.ubj
}

@test "2.1.4 reg_quantileerror_multi model.bin" {
	agree xgb-2.1.4/reg_quantileerror_multi model.bin
}

@test "2.1.4 reg_squarederror_diabetes model.json" {
	agree xgb-2.1.4/reg_squarederror_diabetes model.json
}

@test "2.1.4 reg_squarederror_diabetes model.ubj" {
	agree xgb-2.1.4/reg_squarederror_diabetes model.ubj
}

@test "2.1.4 reg_squarederror_diabetes model.bin" {
	agree xgb-2.1.4/reg_squarederror_diabetes model.bin
}

@test "2.1.4 rf_binary model.json" {
	agree xgb-2.1.4/rf_binary model.json
}

@test "2.1.4 rf_binary model.ubj" {
	agree xgb-2.1.4/rf_binary model.ubj
}

@test "2.1.4 rf_binary model.bin" {
	agree xgb-2.1.4/rf_binary model.bin
}

@test "2.1.4 survival_cox model.json" {
	agree xgb-2.1.4/survival_cox model.json
}

@test "2.1.4 survival_cox model.ubj" {
	agree xgb-2.1.4/survival_cox model.ubj
}

@test "2.1.4 survival_cox model.bin" {
	agree xgb-2.1.4/survival_cox model.bin
}

@test "2.1.4 wide_sparse model.json" {
	agree xgb-2.1.4/wide_sparse model.json
}

@test "2.1.4 wide_sparse model.ubj" {
	agree xgb-2.1.4/wide_sparse model.ubj
}

@test "2.1.4 wide_sparse model.bin" {
	agree xgb-2.1.4/wide_sparse model.bin
}

@test "3.4.1 base_score_auto_logistic_imbalanced model.json" {
	agree xgb-3.4.1/base_score_auto_logistic_imbalanced model.json
}

@test "3.4.1 base_score_auto_logistic_imbalanced model.ubj" {
	agree xgb-3.4.1/base_score_auto_logistic_imbalanced model.ubj
}

@test "3.4.1 binary_hinge model.json" {
	agree xgb-3.4.1/binary_hinge model.json
}

@test "3.4.1 binary_hinge model.ubj" {
	agree xgb-3.4.1/binary_hinge model.ubj
}

@test "3.4.1 binary_logitraw_bc_nan model.json" {
	agree xgb-3.4.1/binary_logitraw_bc_nan model.json
}

@test "3.4.1 binary_logitraw_bc_nan model.ubj" {
	agree xgb-3.4.1/binary_logitraw_bc_nan model.ubj
}

@test "3.4.1 categorical_onehot model.json" {
	agree xgb-3.4.1/categorical_onehot model.json
}

@test "3.4.1 categorical_onehot model.ubj" {
	agree xgb-3.4.1/categorical_onehot model.ubj
}

@test "3.4.1 count_poisson model.json" {
	agree xgb-3.4.1/count_poisson model.json
}

@test "3.4.1 count_poisson model.ubj" {
	agree xgb-3.4.1/count_poisson model.ubj
}

@test "3.4.1 dart_reg_forest_weighted model.json" {
	agree xgb-3.4.1/dart_reg_forest_weighted model.json
}

@test "3.4.1 dart_reg_forest_weighted model.ubj" {
	agree xgb-3.4.1/dart_reg_forest_weighted model.ubj
}

@test "3.4.1 degenerate_no_splits_multiclass model.json" {
	agree xgb-3.4.1/degenerate_no_splits_multiclass model.json
}

@test "3.4.1 degenerate_no_splits_multiclass model.ubj" {
	agree xgb-3.4.1/degenerate_no_splits_multiclass model.ubj
}

@test "3.4.1 feature_names_order model.json" {
	agree xgb-3.4.1/feature_names_order model.json
}

@test "3.4.1 feature_names_order model.ubj" {
	agree xgb-3.4.1/feature_names_order model.ubj
}

@test "3.4.1 gblinear_multiclass model.json" {
	agree xgb-3.4.1/gblinear_multiclass model.json
}

@test "3.4.1 gblinear_multiclass model.ubj" {
	agree xgb-3.4.1/gblinear_multiclass model.ubj
}

@test "3.4.1 multi_softmax_iris model.json" {
	agree xgb-3.4.1/multi_softmax_iris model.json
}

@test "3.4.1 multi_softmax_iris model.ubj" {
	agree xgb-3.4.1/multi_softmax_iris model.ubj
}

@test "3.4.1 multi_softprob_wine_nan model.json" {
	agree xgb-3.4.1/multi_softprob_wine_nan model.json
}

@test "3.4.1 multi_softprob_wine_nan model.ubj" {
	agree xgb-3.4.1/multi_softprob_wine_nan model.ubj
}

@test "3.4.1 multi_target_one_output_per_tree model.json" {
	agree xgb-3.4.1/multi_target_one_output_per_tree model.json
}

@test "3.4.1 multi_target_one_output_per_tree model.ubj" {
	agree xgb-3.4.1/multi_target_one_output_per_tree model.ubj
}

@test "3.4.1 rank_ndcg model.json" {
	agree xgb-3.4.1/rank_ndcg model.json
}

@test "3.4.1 rank_ndcg model.ubj" {
	agree xgb-3.4.1/rank_ndcg model.ubj
}

@test "3.4.1 reg_absoluteerror model.json" {
	agree xgb-3.4.1/reg_absoluteerror model.json
}

@test "3.4.1 reg_absoluteerror model.ubj" {
	agree xgb-3.4.1/reg_absoluteerror model.ubj
}

@test "3.4.1 reg_pseudohubererror model.json" {
	agree xgb-3.4.1/reg_pseudohubererror model.json
}

@test "3.4.1 reg_pseudohubererror model.ubj" {
	agree xgb-3.4.1/reg_pseudohubererror model.ubj
}

@test "3.4.1 reg_quantileerror_single model.json" {
	agree xgb-3.4.1/reg_quantileerror_single model.json
}

@test "3.4.1 reg_quantileerror_single model.ubj" {
	agree xgb-3.4.1/reg_quantileerror_single model.ubj
}

@test "3.4.1 reg_tweedie model.json" {
	agree xgb-3.4.1/reg_tweedie model.json
}

@test "3.4.1 reg_tweedie model.ubj" {
	agree xgb-3.4.1/reg_tweedie model.ubj
}

@test "3.4.1 rf_boosted_multiclass model.json" {
	agree xgb-3.4.1/rf_boosted_multiclass model.json
}

@test "3.4.1 rf_boosted_multiclass model.ubj" {
	agree xgb-3.4.1/rf_boosted_multiclass model.ubj
}

@test "3.4.1 speed_higgs_like model.json" {
	agree xgb-3.4.1/speed_higgs_like model.json
}

@test "3.4.1 survival_aft_normal model.json" {
	agree xgb-3.4.1/survival_aft_normal model.json
}

@test "3.4.1 survival_aft_normal model.ubj" {
	agree xgb-3.4.1/survival_aft_normal model.ubj
}

@test "3.4.1 unused_features model.json" {
	agree xgb-3.4.1/unused_features model.json
}

@test "3.4.1 unused_features model.ubj" {
	agree xgb-3.4.1/unused_features model.ubj
}

@test "legacy base_score_auto_logistic_imbalanced model-0.90.bin" {
	agree legacy/base_score_auto_logistic_imbalanced model-0.90.bin
}

@test "legacy base_score_auto_logistic_imbalanced snapshot-1.0.bin" {
	agree legacy/base_score_auto_logistic_imbalanced snapshot-1.0.bin
}

@test "legacy base_score_auto_logistic_imbalanced snapshot-binf.bin" {
	agree legacy/base_score_auto_logistic_imbalanced snapshot-binf.bin
}

@test "legacy binary_logitraw_bc_nan model-0.90.bin" {
	agree legacy/binary_logitraw_bc_nan model-0.90.bin
}

@test "legacy binary_logitraw_bc_nan snapshot-1.0.bin" {
	agree legacy/binary_logitraw_bc_nan snapshot-1.0.bin
}

@test "legacy binary_logitraw_bc_nan snapshot-binf.bin" {
	agree legacy/binary_logitraw_bc_nan snapshot-binf.bin
}

@test "legacy dart_multiclass model-0.90.bin" {
	agree legacy/dart_multiclass model-0.90.bin
}

@test "legacy dart_multiclass snapshot-1.0.bin" {
	agree legacy/dart_multiclass snapshot-1.0.bin
}

@test "legacy dart_multiclass snapshot-binf.bin" {
	agree legacy/dart_multiclass snapshot-binf.bin
}

@test "legacy gblinear_multiclass model-0.90.bin" {
	agree legacy/gblinear_multiclass model-0.90.bin
}

@test "legacy gblinear_multiclass snapshot-1.0.bin" {
	agree legacy/gblinear_multiclass snapshot-1.0.bin
}

@test "legacy gblinear_multiclass snapshot-binf.bin" {
	agree legacy/gblinear_multiclass snapshot-binf.bin
}
