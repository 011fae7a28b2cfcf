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
