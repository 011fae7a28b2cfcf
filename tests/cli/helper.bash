# helper.bash: loaded by every bats file of xgbp's CLI tests.
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
DATA=$TOP/tests/data
: "${XGBP:=$TOP/cmd/xgbp}"
F32CMP=$TOP/tests/tools/f32cmp
IRIS=$DATA/xgb-1.7.4/multi_softprob_iris

# xgbp ARGS...: the program under test.
xgbp() {
	"$XGBP" "$@"
}

# model_file DIR FORMAT: the fixture's model in that format, stored as
# model.FORMAT or, when large, model.FORMAT.gz.
model_file() {
	if [[ -f $1/model.$2 ]]; then
		echo "$1/model.$2"
	else
		echo "$1/model.$2.gz"
	fi
}
