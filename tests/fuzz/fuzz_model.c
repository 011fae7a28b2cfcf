/*
 * fuzz_model.c: libFuzzer target for xgbp_model_load() on raw bytes, every
 * format alike.  When the bytes load, the model must also be usable: every
 * accessor, predictions with each flag on rows of extreme and missing
 * values, and slices of its rounds.  Beyond "no crash, no leak, no
 * undefined behaviour" it checks what the library promises: an error is
 * filled in and positioned inside the buffer, prediction allocates nothing
 * (lib/ is built with XGBP_ALLOC_HOOKS), no allocation is much bigger than
 * the file, a row scores the same alone as in
 * a batch, whatever nx, and engine.c's fast walkers agree to the bit with
 * predict.c's reference walk.  Built for libFuzzer by `make fuzz`, and
 * with tests/fuzz/replay.c by `make check`.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NROWS	8
#define MAXNX	64		/* columns given; the rest are missing */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A check the library promised; abort() makes it a finding. */
#define REQUIRE(c)	do { if (!(c)) abort(); } while (0)

/* Values worth a split: signs, ties, extremes, non-finite, categories. */
static const float values[] = {
	0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 1.5f, 3.0f, 1e-30f, -1e30f, 1e30f,
	16777216.0f, 2147483648.0f, -2.5f, 7.0f, 100.0f
};

/* Row r, column j of the test batch: row 0 all missing, row 1 all 0. */
static float
cell(size_t r, size_t j)
{
	if (r == 0)
		return NAN;
	if (r == 1)
		return 0.0f;
	if (r == 2)
		return (j & 1) ? INFINITY : -INFINITY;
	if ((r + j) % 5 == 0)
		return NAN;
	return values[(r * 7 + j * 3) % (sizeof(values) / sizeof(values[0]))];
}

/* Whether a and b are the same prediction: equal bits, or both NaN. */
static int
same(float a, float b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof(a)) == 0;
}

/*
 * Differential checks of engine.c against predict.c: the batch x through
 * the reference walk (the engine switched off), and through each of the
 * engine's walkers this CPU has, must give y's bits; with XGBP_LEAF each
 * output is the leaf xgbp_tree_leaf() finds.  They use internals, which
 * may move: keep this function in step with engine.c.
 */
static void
differential(struct xgbp_model *m, const float *x, size_t nx, int flags,
    const float *y, size_t nout)
{
	struct xgbp_engine *e = m->engine;
	size_t r, k, n = NROWS * nout;
	float *z;
	int isa, best;

	z = malloc((n + 1) * sizeof(*z));
	REQUIRE(z != NULL);
	m->engine = NULL;
	REQUIRE(xgbp_predict(m, x, NROWS, nx, z, flags) == XGBP_OK);
	m->engine = e;
	for (k = 0; k < n; k++)
		REQUIRE(same(y[k], z[k]));
	for (r = 0; (flags & XGBP_LEAF) && r < NROWS; r++)
		for (k = 0; k < nout; k++)
			REQUIRE(y[r * nout + k] == (float)xgbp_tree_leaf(m,
			    &m->trees[m->tree0 + k], x + r * nx, nx));
	if (e != NULL) {
		best = e->isa;
		for (isa = XGBP_ISA_SCALAR; isa < XGBP_NISA; isa++) {
			if (xgbp_engine_set_isa(m, isa) != 0)
				continue;
			REQUIRE(xgbp_predict(m, x, NROWS, nx, z, flags) ==
			    XGBP_OK);
			for (k = 0; k < n; k++)
				REQUIRE(same(y[k], z[k]));
		}
		e->isa = best;
	}
	free(z);
}

/*
 * Score the batch x (NROWS rows of nx) with flags; then each row alone,
 * and with extra columns that must be ignored.  Returns the status.
 */
static int
predict(struct xgbp_model *m, const float *x, size_t nx, int flags)
{
	float *y, *y1, *xw;
	size_t nout, r, k, j, nf;
	unsigned long before;
	int rc;

	nout = xgbp_model_noutputs(m, flags);
	nf = xgbp_model_nfeatures(m);
	y = malloc((NROWS * nout + 1) * sizeof(*y));
	y1 = malloc((nout + 1) * sizeof(*y1));
	xw = malloc((nx + 3) * sizeof(*xw));
	REQUIRE(y != NULL && y1 != NULL && xw != NULL);
	before = xgbp_alloc_count();
	rc = xgbp_predict(m, x, NROWS, nx, y, flags);
	REQUIRE(xgbp_alloc_count() == before);	/* predict never allocates */
	if (rc == XGBP_OK) {
		differential(m, x, nx, flags, y, nout);
		for (r = 0; r < NROWS; r++) {
			REQUIRE(xgbp_predict(m, x + r * nx, 1, nx, y1,
			    flags) == XGBP_OK);
			for (k = 0; k < nout; k++)
				REQUIRE(same(y[r * nout + k], y1[k]));
			if (nx < nf)
				continue;
			/* Columns beyond the model's features are ignored. */
			memcpy(xw, x + r * nx, nx * sizeof(*xw));
			for (j = nx; j < nx + 3; j++)
				xw[j] = (float)j;
			REQUIRE(xgbp_predict(m, xw, 1, nx + 3, y1, flags) ==
			    XGBP_OK);
			for (k = 0; k < nout; k++)
				REQUIRE(same(y[r * nout + k], y1[k]));
		}
		/* No columns at all: every feature missing, as row 0. */
		REQUIRE(xgbp_predict(m, x, 1, 0, y1, flags) == XGBP_OK);
		for (k = 0; k < nout; k++)
			REQUIRE(same(y[k], y1[k]));
	}
	REQUIRE(xgbp_predict(m, x, 0, nx, NULL, flags) == rc);
	free(y);
	free(y1);
	free(xw);
	return rc;
}

/* Every flag combination xgbp_predict() knows, on the test batch. */
static void
predict_all(struct xgbp_model *m)
{
	static const int flags[] = {
		0, XGBP_MARGIN, XGBP_LEAF, XGBP_RULES(1, 7),
		XGBP_MARGIN | XGBP_RULES(3, 2), XGBP_RULES(3, 4),
		XGBP_MARGIN | XGBP_RULES(0, 90),
		XGBP_MARGIN | XGBP_RULES(127, 255)
	};
	struct xgbp_info info;
	float x[NROWS * MAXNX];
	size_t nx, r, j, i;
	int rc;

	info.size = sizeof(info);
	xgbp_model_info(m, &info);
	nx = xgbp_model_nfeatures(m);
	if (nx > MAXNX)
		nx = MAXNX;
	for (r = 0; r < NROWS; r++)
		for (j = 0; j < nx; j++)
			x[r * nx + j] = cell(r, j);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		rc = predict(m, x, nx, flags[i]);
		if ((flags[i] & XGBP_LEAF) &&
		    (strcmp(info.booster, "gblinear") == 0 ||
		    info.ntrees == 0))
			REQUIRE(rc == XGBP_EARG);
		else if (rc == XGBP_EMODEL)
			/* A logistic base_score outside (0, 1), refused
			 * by the rules before 3.2 only. */
			REQUIRE(xgbp_predict(m, NULL, 0, 0, NULL,
			    XGBP_RULES(3, 1)) == XGBP_EMODEL &&
			    xgbp_predict(m, NULL, 0, 0, NULL,
			    XGBP_RULES(3, 2)) == XGBP_OK);
		else
			REQUIRE(rc == XGBP_OK);
	}
	REQUIRE(xgbp_predict(m, x, 1, nx, x, 0x100) == XGBP_EARG);
}

/* The accessors, on features in range and just out of it. */
static void
accessors(const struct xgbp_model *m, const uint8_t *data, size_t size)
{
	struct xgbp_info info;
	const char *s;
	size_t f, nf, n;
	float code;

	info.size = sizeof(info);
	xgbp_model_info(m, &info);
	nf = xgbp_model_nfeatures(m);
	REQUIRE(info.nfeatures == nf);
	REQUIRE(info.objective != NULL && info.booster != NULL);
	REQUIRE(strcmp(info.objective, xgbp_model_objective(m)) == 0);
	REQUIRE(info.noutputs == xgbp_model_noutputs(m, XGBP_MARGIN));
	for (f = 0; f <= nf && f < 16; f++) {
		if ((s = xgbp_model_feature_name(m, f)) != NULL)
			REQUIRE(f < nf && strlen(s) < size);
		if ((s = xgbp_model_feature_type(m, f)) != NULL)
			REQUIRE(f < nf && strlen(s) < size);
		n = xgbp_model_ncategories(m, f);
		REQUIRE(n <= size);
		if (xgbp_model_category(m, f, "", 0, &code, NULL) == XGBP_OK ||
		    xgbp_model_category(m, f, (const char *)data,
		    size < 8 ? size : 8, &code, NULL) == XGBP_OK)
			REQUIRE(code >= 0 && code < (float)n);
	}
	REQUIRE(xgbp_model_feature_name(m, nf) == NULL);
	REQUIRE(xgbp_model_ncategories(m, nf) == 0);
}

/* Slices: the first round, the second half, all, and ranges it lacks. */
static void
slices(const struct xgbp_model *m)
{
	struct xgbp_model *s;
	struct xgbp_error e;
	struct xgbp_info info;
	size_t n, b[4], end[4], i;
	int rc;

	info.size = sizeof(info);
	xgbp_model_info(m, &info);
	n = info.nrounds;
	b[0] = 0, end[0] = 1;
	b[1] = n / 2, end[1] = n;
	b[2] = 0, end[2] = 0;
	b[3] = n, end[3] = n + 1;
	for (i = 0; i < 4; i++) {
		rc = xgbp_model_slice(&s, m, b[i], end[i], &e);
		if (rc != XGBP_OK) {
			REQUIRE(rc == XGBP_EARG && e.status == rc);
			continue;
		}
		REQUIRE(i != 3);
		predict_all(s);
		xgbp_model_free(s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xgbp_model *m = NULL;
	struct xgbp_error e;
	size_t i;
	int rc;

	xgbp_alloc_largest();
	rc = xgbp_model_load(&m, data, size, &e);
	/*
	 * Counts are bounded by the file before they size anything; beyond
	 * that only constants (engine.c maps up to 2^20 split features).
	 */
	REQUIRE(rc != XGBP_ENOMEM);
	REQUIRE(xgbp_alloc_largest() <= 64 * size + ((size_t)8 << 20));
	if (rc != XGBP_OK) {
		REQUIRE(m == NULL);
		REQUIRE(e.status == rc);
		REQUIRE(memchr(e.msg, '\0', sizeof(e.msg)) != NULL);
		REQUIRE(e.msg[0] != '\0');
		for (i = 0; e.msg[i] != '\0'; i++)	/* one harmless line */
			REQUIRE((unsigned char)e.msg[i] >= 0x20 &&
			    e.msg[i] != 0x7f);
		REQUIRE(e.offset <= size);
		return 0;
	}
	REQUIRE(m != NULL && e.status == XGBP_OK);
	accessors(m, data, size);
	predict_all(m);
	slices(m);
	xgbp_model_free(m);
	return 0;
}
