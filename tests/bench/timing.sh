# tests/bench/timing.sh: the timing helpers of bench.sh and shapes.sh,
# which source it; W is the cache directory.

# run NAME COMMAND...: time one run, appending "seconds kbytes" to
# $W/NAME.times; its output goes nowhere, its stderr to $W/NAME.err.
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o $W/time.txt "$@" >/dev/null 2>$W/$name.err
	cat $W/time.txt >>$W/$name.times
}

# median FILE COLUMN: the median of a column of numbers.
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2];
	    else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
