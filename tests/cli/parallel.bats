#!/usr/bin/env bats
# Scaling out on GNU parallel: xgbp keeps no state between rows, so the
# README's recipe, parallel --pipe cutting the input into blocks and -k
# putting the outputs back in order, writes what one xgbp writes, byte for
# byte.  The inputs are a few MB, cut into 50 kB blocks: tens of chunks.

load helper

POISSON=$DATA/xgb-1.7.4/count_poisson	# stores no feature names

# Two inputs for setup_file: $NAMED, with a header, an id column and every
# iris feature by name, some missing; $PLAIN, no header, for a model that
# names no features.  Each row differs from every other.
setup_file() {
	local dir=$BATS_FILE_TMPDIR

	export NAMED=$dir/named.csv PLAIN=$dir/plain.csv
	export PARALLEL_HOME=$dir/parallel
	mkdir -p "$dir/bin" "$PARALLEL_HOME"
	ln -s "$XGBP" "$dir/bin/xgbp"
	export PATH=$dir/bin:$PATH
	awk -F, 'NR == 1 { print "id," $0; next }
	    { r[NR - 1] = $0 }
	    END {
		for (i = 0; i < 100000; i++) {
			split(r[i % 150 + 1], f, ",")
			printf "%d,%.1f,%.1f,%s,%.2f\n", i,
			    f[1] + i % 7 * 0.1, f[2],
			    i % 13 == 0 ? "" : f[3], f[4] + i % 5 * 0.05
		}
	    }' "$IRIS/data.csv" >"$NAMED"
	awk -F, -v OFS=, 'NR > 1 { r[NR - 1] = $0 }
	    END {
		for (i = 0; i < 45000; i++) {
			$0 = r[i % 300 + 1]
			$1 = sprintf("%.4f", $1 + int(i / 300) * 0.001)
			print
		}
	    }' "$POISSON/data.csv" >"$PLAIN"
}

setup() {
	command -v parallel >/dev/null ||
	    skip "GNU parallel is not installed (apt-get install parallel)"
	cd "$BATS_FILE_TMPDIR"
}

# same_as_one_run INPUT PARALLEL_OPTIONS -- XGBP_ARGS...: the output of
# parallel --pipe OPTIONS xgbp ARGS < INPUT is xgbp ARGS < INPUT's.
same_as_one_run() {
	local input=$1 opts=()

	shift
	while [[ $1 != -- ]]; do
		opts+=("$1")
		shift
	done
	shift
	xgbp "$@" <"$input" >one.out
	parallel --pipe --joblog jobs "${opts[@]}" xgbp "$@" <"$input" \
	    >par.out 2>par.err
	assert_equal "$(cat par.err)" ""
	run cmp one.out par.out
	assert_success
	[ "$(wc -l <one.out)" -gt 40000 ]
	# The joblog has a title line, then one line per chunk.
	[ "$(wc -l <jobs)" -gt 40 ]
}

@test "with a header: --header : gives it to every chunk" {
	same_as_one_run "$NAMED" --header : --block 50k -k -- \
	    -m "$IRIS/model.json"
}

@test "with a header: -a and -k keep columns as one run does" {
	same_as_one_run "$NAMED" --header : --block 50k -k -- \
	    -a -m "$IRIS/model.json"
	same_as_one_run "$NAMED" --header : --block 50k -k -- \
	    -k id,5 -m "$IRIS/model.json"
}

@test "without a header, for a model that names no features" {
	same_as_one_run "$PLAIN" --block 50k -k -- -m "$POISSON/model.json"
	same_as_one_run "$PLAIN" --block 50k -k -- -a -m "$POISSON/model.json"
}

@test "without a header: --no-header and -x for a named model" {
	sed 1d "$NAMED" >nohead.csv
	same_as_one_run nohead.csv --block 50k -k -- --no-header -x 1 -k 1 \
	    -m "$IRIS/model.json"
}

@test "-H: only the first chunk, {#} 1, writes the header line" {
	cp "$IRIS/model.json" model.json
	xgbp -H -k id -m model.json <"$NAMED" >one.out
	parallel --pipe --header : --block 50k -k \
	    'xgbp $(test {#} -eq 1 && echo -H) -k id -m model.json' \
	    <"$NAMED" >par.out 2>par.err
	assert_equal "$(cat par.err)" ""
	run cmp one.out par.out
	assert_success
	assert_equal "$(head -n 1 par.out)" "id,prob_0,prob_1,prob_2"
	assert_equal "$(grep -c prob par.out)" 1
}

@test "-z: the chunks' gzip members make one gzip stream" {
	xgbp -m "$IRIS/model.json" <"$NAMED" >one.out
	parallel --pipe --header : --block 50k -k xgbp -z \
	    -m "$IRIS/model.json" <"$NAMED" >par.out.gz
	run gzip -t par.out.gz
	assert_success
	run sh -c 'gzip -dc par.out.gz | cmp one.out -'
	assert_success
}
