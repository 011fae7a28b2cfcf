# report.awk: turn tests/bench/cache/results.txt, "key value..." lines
# written by bench.sh, into the Markdown tables of `make bench`.
function row(label, t, kb) {
	printf "| %s | %.2f s | %.2fM | %.2fx | %.0f MB |\n", label, t,
	    v["rows"] / t / 1e6, v["xgb1"] / t, kb / 1024
}

function xrow(label, n, x, g) {
	printf "| %s | %d | %.2f s | %.2f s | %.1fx | %.0f | %.0f | %.0f / " \
	    "%.0f MB |\n", label, n, t[x], t[g], t[g] / t[x],
	    t[x] * 1e9 / n / 500, t[g] * 1e9 / n / 500, m[x] / 1024,
	    m[g] / 1024
}

function srow(label, k) {
	printf "| %s | %.2f s | %.0f | %.0f | %.0f MB |\n", label, t[k],
	    v["sprows"] / t[k], t[k] * 1e9 / v["spvalues"], m[k] / 1024
}

{
	line = $0
	key = $1
	$1 = ""
	sub(/^ /, "")
	v[key] = $0
	split($0, f, " ")
	t[key] = f[1]
	m[key] = f[2]
}

line ~ /^xgbp_parse/ { pmb = f[3]; pns = f[5] }
line ~ /^xgbp_numbers/ { nmb = f[3]; nns = f[5] }
line ~ /^xgbp_predict reference/ { ref = f[4] }
line ~ /^xgbp_predict (scalar|avx2|avx512)/ { w[f[1]] = f[4]; walker = f[1] }
line ~ /^xgbp_load/ { load = f[1] }
line ~ /^xgbp_format/ { fmt = f[3] }
line ~ /^xgb_load/ { xload = f[1] }
line ~ /^xgb_parse/ { xparse = f[1] }

END {
	printf "Machine: %s, %s cores (load average %s at the end); " \
	    "walker %s.\n", v["cpu"], v["cores"], v["loadavg"], walker
	printf "%d rows x 28 features, %s MB of CSV; 500 trees of depth 6, " \
	    "binary:logistic, trained by XGBoost 1.7.4.\n", v["rows"], v["mb"]
	printf "Predictions of xgbp and XGBoost: %s.\n\n", v["same"]
	printf "| whole process, CSV in, predictions out | wall, median " \
	    "of %s | rows/s | speed vs XGBoost 1 thread | peak RSS |\n",
	    v["runs"]
	print "|---|---|---|---|---|"
	row("xgbp -j1", t["xgbp1"], m["xgbp1"])
	row("xgbp -j2", t["xgbp2"], m["xgbp2"])
	row("XGBoost C API, 1 thread", t["xgb1"], m["xgb1"])
	row("XGBoost C API, 2 threads", t["xgb2"], m["xgb2"])
	printf "\n| part, one thread, CPU time (%d rows) | xgbp | XGBoost " \
	    "| ratio |\n", v["partrows"]
	print "|---|---|---|---|"
	printf "| predict only, ns per row per tree | %.2f | %.2f | %.1fx |\n",
	    w[walker], v["xgbpredict"], v["xgbpredict"] / w[walker]
	if ("avx2" in w && walker != "avx2")
		printf "| ... AVX2 walker | %.2f | | |\n", w["avx2"]
	printf "| ... portable C walker | %.2f | | |\n", w["scalar"]
	printf "| ... one row at a time (xgbp before) | %.2f | | |\n", ref
	xmb = v["partbytes"] / xparse / 1e6
	printf "| split and parse fields to float, MB/s | %s (%s ns a " \
	    "field) | %.0f (strtof) | %.1fx |\n", pmb, pns, xmb, pmb / xmb
	printf "| ... parsing alone, fields found beforehand, MB/s | %s " \
	    "(%s ns a field) | | |\n", nmb, nns
	printf "| model load, 3.8 MB JSON | %s ms | %s ms | %.1fx |\n",
	    load, xload, xload / load
	printf "| format one prediction | %s ns | | |\n", fmt
	if ("start" in t)
		printf "| start-up: iris, one row, whole process | %.2f ms | " \
		    "%.2f ms | %.1fx |\n", t["start"], m["start"],
		    m["start"] / t["start"]
	if ("cx1" in t) {
		printf "\nExplanations of the same model (whole process, %s " \
		    "rounds, medians): %s.\n\n", v["runs"], v["xsame"]
		print "| explanation | rows | xgbp | XGBoost C API, 1 thread " \
		    "| speed vs XGBoost | xgbp ns per row-tree | XGBoost ns " \
		    "per row-tree | peak RSS xgbp / XGBoost |"
		print "|---|---|---|---|---|---|---|---|"
		xrow("--contrib -j1", v["exrows"], "cx1", "cg1")
		xrow("--contrib -j2", v["exrows"], "cx2", "cg1")
		xrow("--interactions -j1", v["inrows"], "ix1", "ig1")
		xrow("--interactions -j2", v["inrows"], "ix2", "ig1")
		printf "\n-j2 against -j1: %.2fx for --contrib, %.2fx for " \
		    "--interactions.\n", t["cx1"] / t["cx2"],
		    t["ix1"] / t["ix2"]
	}
	if ("svm1" in t) {
		printf "\nWide sparse rows: %s rows for a model of 10,000 " \
		    "features, 200 trees; %s values stored, about 1 %% of " \
		    "features a row (medians of %s): %s.\n\n", v["sprows"],
		    v["spvalues"], v["runs"], v["ssame"]
		print "| the same rows, whole process | wall | rows/s | ns per " \
		    "stored value | peak RSS |"
		print "|---|---|---|---|---|"
		srow("xgbp -j1, LibSVM", "svm1")
		srow("xgbp -j1, dense CSV, empty fields", "svmcsv1")
	}
	est = v["rows"] * 500 * w[walker] / 1e9
	par = v["rows"] * 28 * nns / 1e9
	printf "\nWhere xgbp -j1's %.2f s go, from the parts: predict " \
	    "%.2f s, numbers %.2f s, formatting %.2f s, the rest (reading, " \
	    "CSV splitting, glue) %.2f s.\n", t["xgbp1"], est, par,
	    v["rows"] * fmt / 1e9, t["xgbp1"] - est - par - v["rows"] * fmt / 1e9
}
