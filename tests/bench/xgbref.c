/*
 * xgbref: XGBoost's own C API path over a CSV file, the benchmark's
 * reference: strtof on every field, XGDMatrixCreateFromMat_omp,
 * XGBoosterPredict, one line per row of "%.9g" values joined by commas.
 *
 *	xgbref [-j nthread] [-c] [-i] [-m] [-t] model data.csv
 *
 * -m writes margins, -c SHAP contributions (option_mask 4, exact TreeSHAP),
 * -i SHAP interaction values (option_mask 16).  -t adds, on stderr, the milliseconds spent loading
 * the model, the seconds spent parsing, building the DMatrix and
 * predicting, and predict-only nanoseconds per row per tree, all in CPU
 * time of the process.  Features missing from a short row are NaN.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xgboost/c_api.h>

#define SAFE(call) do {							\
	if ((call) != 0) {						\
		fprintf(stderr, "xgbref: %s: %s\n", #call,		\
		    XGBGetLastError());					\
		exit(1);						\
	}								\
} while (0)

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read every row of fp into a new array of *nrows rows of ncol floats. */
static float *
parse(FILE *fp, size_t ncol, size_t *nrows)
{
	char *line = NULL, *p, *end;
	size_t cap = 0, n = 0, rcap = 0, j;
	float *x = NULL;

	while (getline(&line, &cap, fp) != -1) {
		if (n == rcap) {
			rcap = rcap ? rcap * 2 : 4096;
			x = realloc(x, rcap * ncol * sizeof(*x));
			if (x == NULL) {
				perror("xgbref");
				exit(1);
			}
		}
		for (p = line, j = 0; j < ncol; j++) {
			x[n * ncol + j] = strtof(p, &end);
			if (end == p)
				x[n * ncol + j] = NAN;
			p = end;
			while (*p != ',' && *p != '\n' && *p != '\0')
				p++;
			if (*p == ',')
				p++;
		}
		n++;
	}
	free(line);
	*nrows = n;
	return x;
}

int
main(int argc, char *argv[])
{
	BoosterHandle b;
	DMatrixHandle d;
	bst_ulong ncol, len, i;
	const float *res;
	double tl, t0, t1, t2, t3;
	size_t nrows;
	float *x;
	FILE *fp;
	char nth[16];
	int c, nthread = 1, mask = 0, timing = 0, rounds;
	size_t per;

	while ((c = getopt(argc, argv, "cij:mt")) != -1) {
		switch (c) {
		case 'c':
			mask |= 4;
			break;
		case 'i':
			mask |= 16;
			break;
		case 'j':
			nthread = atoi(optarg);
			break;
		case 'm':
			mask |= 1;
			break;
		case 't':
			timing = 1;
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: xgbref [-cimt] [-j n] model data.csv\n");
		return 2;
	}
	snprintf(nth, sizeof(nth), "%d", nthread);
	tl = now();
	SAFE(XGBoosterCreate(NULL, 0, &b));
	SAFE(XGBoosterLoadModel(b, argv[optind]));
	tl = now() - tl;
	SAFE(XGBoosterSetParam(b, "nthread", nth));
	SAFE(XGBoosterGetNumFeature(b, &ncol));
	SAFE(XGBoosterBoostedRounds(b, &rounds));
	if ((fp = fopen(argv[optind + 1], "r")) == NULL) {
		perror(argv[optind + 1]);
		return 1;
	}
	t0 = now();
	x = parse(fp, ncol, &nrows);
	fclose(fp);
	t1 = now();
	SAFE(XGDMatrixCreateFromMat_omp(x, nrows, ncol, NAN, &d, nthread));
	t2 = now();
	SAFE(XGBoosterPredict(b, d, mask, 0, 0, &len, &res));
	t3 = now();
	per = nrows > 0 ? len / nrows : 1;
	for (i = 0; i < len; i++)
		printf("%.9g%c", res[i], (i + 1) % per == 0 ? '\n' : ',');
	if (timing)
		fprintf(stderr, "load %.2f ms\nparse %.3f s\ndmatrix %.3f s\n"
		    "predict %.3f s\npredict %.3f ns/row/tree\n", tl * 1e3,
		    t1 - t0, t2 - t1, t3 - t2,
		    (t3 - t2) * 1e9 / ((double)nrows * rounds));
	XGDMatrixFree(d);
	XGBoosterFree(b);
	free(x);
	return fflush(stdout) == 0 ? 0 : 1;
}
