/*
 * test_shap.c: the two ways libxgbp computes SHAP values agree.  A model
 * loaded with xgbp_load_opts.explain explains by per-leaf tables (the
 * program always asks for them, and tests/cli/explain.bats holds those
 * against XGBoost); loaded without, by TreeSHAP's path recursion, which
 * trees too big for the tables use.  Both compute in double: on every row
 * of each fixture's data their contributions and interaction values are
 * the same floats but for the last rounding (2 ulps, or 1e-9 where a
 * value cancels to nearly 0).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xgbp.h"
#include "unit.h"

/* Fixture models (not gzipped) and the data XGBoost scored with them. */
static const char *const cases[] = {
	"tests/data/xgb-1.7.4/dart_multiclass/model.json",
	"tests/data/xgb-1.7.4/lossguide_leaves/model.bin",
	"tests/data/xgb-1.7.4/multi_target_one_output_per_tree/model.ubj",
	"tests/data/xgb-1.7.4/nan_heavy_exact/model.bin",
	"tests/data/xgb-1.7.4/rf_boosted_multiclass/model.bin",
	"tests/data/xgb-1.7.4/early_stopping_bc/model.json",
	"tests/data/xgb-3.4.1/categorical_onehot/model.json",
	"tests/data/explain/vector_leaf_3.4.1/model.json",
};

#define MAXROWS	40

/*
 * Up to MAXROWS rows of the data.csv beside model path, nx values each
 * (an empty field NaN, a category name NaN too), into x; returns the rows.
 */
static size_t
rows(const char *path, size_t nx, float *x)
{
	char name[512], line[65536], *p, *end;
	size_t n = 0, j;
	FILE *f;

	snprintf(name, sizeof(name), "%.*s/data.csv",
	    (int)(strrchr(path, '/') - path), path);
	if ((f = fopen(name, "r")) == NULL) {
		CHECK(f != NULL);
		return 0;
	}
	if (fgets(line, sizeof(line), f) == NULL) {	/* the header */
		fclose(f);
		return 0;
	}
	while (n < MAXROWS && fgets(line, sizeof(line), f) != NULL) {
		for (p = line, j = 0; j < nx; j++) {
			x[n * nx + j] = strtof(p, &end);
			if (end == p)
				x[n * nx + j] = NAN;
			p = strchr(p, ',');
			if (p == NULL)
				break;
			p++;
		}
		for (j++; j < nx; j++)
			x[n * nx + j] = NAN;
		n++;
	}
	fclose(f);
	return n;
}

/* Whether got is expected but for the last rounding. */
static int
near(float got, float expected)
{
	float ulp;

	if (isnan(got) || isnan(expected))
		return isnan(got) && isnan(expected);
	ulp = nextafterf(fabsf(expected), INFINITY) - fabsf(expected);
	return fabsf(got - expected) <= 2 * ulp + 1e-9f;
}

/* Explain rows of x with m (flags f) into a new array, or NULL. */
static float *
explain(const struct xgbp_model *m, int f, const float *x, size_t n,
    size_t nx)
{
	struct xgbp_predict_opts o;
	struct xgbp_error e;
	float *out;

	xgbp_predict_opts_init(&o);
	o.flags = f;
	o.worksize = xgbp_model_worksize(m, f, nx);
	o.work = malloc(o.worksize);
	out = malloc((n * xgbp_model_noutputs(m, f) + 1) * sizeof(*out));
	CHECK(o.work != NULL && out != NULL);
	if (o.work != NULL && out != NULL)
		CHECK_INT(xgbp_predict_with(m, &o, x, n, nx, out, &e), XGBP_OK);
	free(o.work);
	return out;
}

static void
test_tables_agree(void)
{
	static const int flags[] = { XGBP_CONTRIBS, XGBP_INTERACTIONS };
	struct xgbp_model *fast, *slow;
	float *x, *a, *b;
	size_t i, k, j, n, nx, nout, bad;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fast = unit_load(cases[i], XGBP_CONTRIBS | XGBP_INTERACTIONS);
		slow = unit_load(cases[i], 0);
		if (fast == NULL || slow == NULL) {
			xgbp_model_free(fast);
			xgbp_model_free(slow);
			continue;
		}
		nx = xgbp_model_nfeatures(fast);
		x = malloc(MAXROWS * nx * sizeof(*x));
		n = x != NULL ? rows(cases[i], nx, x) : 0;
		CHECK(n > 0);
		for (k = 0; k < 2; k++) {
			nout = xgbp_model_noutputs(fast, flags[k]);
			if (nout == 0)	/* vector leaves: no interactions */
				continue;
			a = explain(fast, flags[k], x, n, nx);
			b = explain(slow, flags[k], x, n, nx);
			for (bad = 0, j = 0; a != NULL && b != NULL &&
			    j < n * nout; j++)
				bad += !near(a[j], b[j]);
			if (bad != 0)
				fprintf(stderr, "%s, flags %d: %zu of %zu "
				    "values differ\n", cases[i], flags[k], bad,
				    n * nout);
			CHECK(bad == 0);
			free(a);
			free(b);
		}
		free(x);
		xgbp_model_free(fast);
		xgbp_model_free(slow);
	}
}

int
main(void)
{
	RUN(test_tables_agree);
	return unit_done();
}
