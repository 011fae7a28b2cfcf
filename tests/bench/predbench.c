/*
 * predbench: time libxgbp's parts on one model and CSV file, in one
 * process: model load, parsing (splitting lines and fields, and
 * xgbp_parse_float() on each), and xgbp_predict() on rows already parsed,
 * in batches as cmd/score.c calls it, with each walker the CPU has and
 * with the model's own one-row-at-a-time walk ("reference"); and
 * cmd/fmtfloat.c's formatting of the predictions.
 *
 *	predbench [-b batch] [-i walker] [-r repeats] model data.csv
 *
 * Prints "name value unit" lines; times are medians of the repeats, in
 * CPU time of the thread, so other load on the machine matters less.
 * Checks that every walker gives the same bits as the reference.  With -i
 * (scalar, avx2, avx512, neon) only that walker is timed, and the reference
 * is run once.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fmtfloat.h"
#include "internal.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *t, int n)
{
	qsort(t, n, sizeof(*t), cmpd);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp;
	char *p;
	long n;

	if ((fp = fopen(path, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (p = malloc(n + 1)) == NULL || fread(p, 1, n, fp) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(fp);
	p[n] = '\0';
	*len = n;
	return p;
}

/* Parse the CSV text p[0..len) into nf floats a row; returns the rows. */
static size_t
parse(const char *p, size_t len, size_t nf, float *x, size_t maxrows)
{
	const char *end = p + len, *q;
	size_t r, f;

	for (r = 0; p < end && r < maxrows; r++) {
		for (f = 0; f < nf; f++) {
			for (q = p; q < end && *q != ',' && *q != '\n'; q++)
				;
			if (q == p || xgbp_parse_float(p, q - p,
			    &x[r * nf + f], 0, NULL) != XGBP_OK)
				x[r * nf + f] = NAN;
			p = q < end ? q + 1 : q;
			if (q < end && *q == '\n')
				break;
		}
		while (p < end && p[-1] != '\n')
			p++;
	}
	return r;
}

/*
 * The fields of the CSV text p[0..len), found once: field i is
 * p[off[i]..off[i] + flen[i]).  Returns how many, at most max.
 */
static size_t
split(const char *p, size_t len, uint32_t *off, uint8_t *flen, size_t max)
{
	size_t i, n = 0, start = 0;

	for (i = 0; i <= len && n < max; i++) {
		if (i < len && p[i] != ',' && p[i] != '\n')
			continue;
		if (i > start) {
			off[n] = (uint32_t)start;
			flen[n++] = (uint8_t)(i - start < 255 ? i - start : 255);
		}
		start = i + 1;
	}
	return n;
}

/* Median seconds of reps runs of xgbp_predict over all rows. */
static double
predict(const struct xgbp_model *m, const float *x, size_t nrows,
    size_t nf, size_t nout, float *out, size_t batch, int reps)
{
	double t[64], t0;
	size_t r, n;
	int k;

	for (k = 0; k < reps; k++) {
		t0 = now();
		for (r = 0; r < nrows; r += n) {
			n = nrows - r < batch ? nrows - r : batch;
			if (xgbp_predict(m, x + r * nf, n, nf, out + r * nout,
			    0) !=
			    XGBP_OK) {
				fprintf(stderr, "predbench: predict failed\n");
				exit(1);
			}
		}
		t[k] = now() - t0;
	}
	return median(t, reps);
}

int
main(int argc, char *argv[])
{
	static const char *const isaname[] = { "scalar", "avx2", "avx512",
	    "neon" };
	struct xgbp_model *m;
	struct xgbp_error e;
	struct xgbp_engine *eng;
	struct xgbp_info info;
	double t[64], t0, s, ref;
	size_t mlen, dlen, nf, nout, nrows, batch = 256, i, maxrows, ndiff, nfield;
	float *x, *out, *want;
	uint32_t *off;
	uint8_t *flen;
	char *mbuf, *dbuf, fbuf[FMTFLOAT_MAX];
	const char *only = NULL;
	int c, k, isa, reps = 5;

	while ((c = getopt(argc, argv, "b:i:r:")) != -1) {
		switch (c) {
		case 'b':
			batch = strtoul(optarg, NULL, 10);
			break;
		case 'i':
			only = optarg;
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 2 || reps < 1 || reps > 64 || batch < 1) {
		fprintf(stderr, "usage: predbench [-b batch] [-i walker] "
		    "[-r repeats] model data.csv\n");
		return 2;
	}
	mbuf = slurp(argv[optind], &mlen);
	dbuf = slurp(argv[optind + 1], &dlen);
	for (k = 0; k < reps; k++) {
		t0 = now();
		if (xgbp_model_load(&m, mbuf, mlen, &e) != XGBP_OK) {
			fprintf(stderr, "predbench: %s\n", e.msg);
			return 1;
		}
		t[k] = now() - t0;
		if (k + 1 < reps)
			xgbp_model_free(m);
	}
	printf("load %.2f ms (%.0f MB/s)\n", median(t, reps) * 1e3,
	    mlen / median(t, reps) / 1e6);
	info.size = sizeof(info);
	xgbp_model_info(m, &info);
	nf = info.nfeatures;
	nout = info.noutputs;
	for (i = 0, maxrows = 0; i < dlen; i++)
		maxrows += dbuf[i] == '\n';
	if ((x = malloc((maxrows + 1) * nf * sizeof(*x))) == NULL ||
	    (out = malloc((maxrows + 1) * nout * sizeof(*out))) == NULL ||
	    (want = malloc((maxrows + 1) * nout * sizeof(*want))) == NULL) {
		perror("predbench");
		return 1;
	}
	for (k = 0; k < reps; k++) {
		t0 = now();
		nrows = parse(dbuf, dlen, nf, x, maxrows + 1);
		t[k] = now() - t0;
	}
	s = median(t, reps);
	printf("parse %.3f s %.0f MB/s %.1f ns/field\n", s, dlen / s / 1e6,
	    s * 1e9 / ((double)nrows * nf));
	/* The numbers alone, fields already found: the parser's own speed. */
	if ((off = malloc((maxrows + 1) * nf * sizeof(*off))) == NULL ||
	    (flen = malloc((maxrows + 1) * nf)) == NULL) {
		perror("predbench");
		return 1;
	}
	nfield = split(dbuf, dlen, off, flen, (maxrows + 1) * nf);
	for (k = 0; k < reps; k++) {
		t0 = now();
		for (i = 0; i < nfield; i++)
			(void)xgbp_parse_float(dbuf + off[i], flen[i], &x[i], 0,
			    NULL);
		t[k] = now() - t0;
	}
	s = median(t, reps);
	printf("numbers %.3f s %.0f MB/s %.1f ns/field\n", s, dlen / s / 1e6,
	    s * 1e9 / (double)nfield);
	free(off);
	free(flen);
	printf("rows %zu trees %zu batch %zu\n", nrows, info.ntrees, batch);
	eng = m->engine;
	m->engine = NULL;
	ref = predict(m, x, nrows, nf, nout, want, batch, only != NULL ? 1 :
	    reps < 3 ? reps : 3);
	m->engine = eng;
	printf("predict reference %.3f s %.3f ns/row/tree\n", ref,
	    ref * 1e9 / ((double)nrows * info.ntrees));
	for (isa = XGBP_ISA_SCALAR; isa < XGBP_NISA; isa++) {
		if ((only != NULL && strcmp(only, isaname[isa]) != 0) ||
		    xgbp_engine_set_isa(m, isa) != 0)
			continue;
		s = predict(m, x, nrows, nf, nout, out, batch, reps);
		for (i = 0, ndiff = 0; i < nrows * nout; i++)
			ndiff += memcmp(&out[i], &want[i], sizeof(*out)) != 0;
		printf("predict %s %.3f s %.3f ns/row/tree %zu differ\n",
		    isaname[isa], s, s * 1e9 / ((double)nrows * info.ntrees),
		    ndiff);
		if (ndiff != 0)
			return 1;
	}
	for (k = 0; k < reps; k++) {
		t0 = now();
		for (i = 0, ndiff = 0; i < nrows; i++)
			ndiff += fmt_float(fbuf, out[i]);
		t[k] = now() - t0;
	}
	s = median(t, reps);
	printf("format %.3f s %.1f ns/value %.0f MB/s\n", s, s * 1e9 / nrows,
	    ndiff / s / 1e6);
	xgbp_model_free(m);
	free(x);
	free(out);
	free(want);
	free(mbuf);
	free(dbuf);
	return 0;
}
