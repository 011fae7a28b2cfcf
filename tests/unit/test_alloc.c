/*
 * test_alloc.c: allocation failure.  lib/ allocates only through alloc.c,
 * whose test hook can make the Nth allocation from now fail.  For models
 * of every format and kind, every N from 1 to the number of allocations a
 * load makes must give XGBP_ENOMEM, no model, the message "out of memory"
 * and no block left allocated; then the load succeeds again.  Slicing a
 * model is treated the same way, and prediction must allocate nothing at
 * all, so it cannot fail for want of memory.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

#define D17	"tests/data/xgb-1.7.4/"
#define D21	"tests/data/xgb-2.1.4/"
#define D34	"tests/data/xgb-3.4.1/"
#define DL	"tests/data/legacy/"

/* One of each kind of thing the loaders build, in every format. */
static const char *const paths[] = {
	D17 "dart_multiclass/model.json",
	D17 "dart_multiclass/model.ubj",
	D17 "dart_multiclass/model.bin",
	D17 "rf_boosted_multiclass/model.bin",
	D21 "categorical_codes_unseen/model.json",
	D21 "multi_target_multi_output_tree/model.json",
	D17 "gblinear_multiclass/model.ubj",
	D17 "multi_target_one_output_per_tree/model.json",
	D34 "categorical_onehot/model.ubj",
	D34 "feature_names_order/model.json",
	D34 "reg_quantileerror_single/model.json",
	D34 "survival_aft_normal/model.ubj",
	DL "dart_multiclass/model-0.90.bin",
	DL "gblinear_multiclass/snapshot-1.0.bin",
	DL "binary_logitraw_bc_nan/snapshot-binf.bin",
};

/*
 * Load p[0..len) with allocation n failing (0: none).  Returns the
 * status; a failed load must leave *mp NULL and a message.
 */
static int
load_failing(struct xgbp_model **mp, const unsigned char *p, size_t len,
    unsigned long n)
{
	struct xgbp_error e;
	int st;

	*mp = NULL;
	memset(&e, 0, sizeof(e));
	xgbp_alloc_fail_at(n);
	st = xgbp_model_load(mp, p, len, &e);
	xgbp_alloc_fail_at(0);
	if (st != XGBP_OK) {
		CHECK(*mp == NULL);
		CHECK_STR(e.msg, "out of memory");
	}
	return st;
}

static void
test_load(void)
{
	struct xgbp_model *m;
	unsigned long n, before, total;
	unsigned char *p;
	long live;
	size_t i, len;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if ((p = unit_slurp(paths[i], &len)) == NULL)
			continue;
		live = xgbp_alloc_live();
		before = xgbp_alloc_count();
		CHECK_INT(load_failing(&m, p, len, 0), XGBP_OK);
		total = xgbp_alloc_count() - before;
		CHECK(xgbp_alloc_live() > live);
		xgbp_model_free(m);
		CHECK_INT(xgbp_alloc_live(), live);
		CHECK(total > 3);
		for (n = 1; n <= total && unit_fails == 0; n++) {
			CHECK_INT(load_failing(&m, p, len, n), XGBP_ENOMEM);
			CHECK_INT(xgbp_alloc_live(), live);
			if (unit_fails != 0)
				fprintf(stderr, "%s: allocation %lu of %lu\n",
				    paths[i], n, total);
		}
		/* One past the last: nothing fails. */
		CHECK_INT(load_failing(&m, p, len, total + 1), XGBP_OK);
		xgbp_model_free(m);
		CHECK_INT(xgbp_alloc_live(), live);
		free(p);
	}
}

static void
test_slice(void)
{
	struct xgbp_model *m, *s;
	struct xgbp_error e;
	unsigned long n, before, total;
	unsigned char *p;
	size_t len;
	long live;
	int st;

	if ((p = unit_slurp(D17 "dart_multiclass/model.json", &len)) == NULL)
		return;
	CHECK_INT(load_failing(&m, p, len, 0), XGBP_OK);
	free(p);
	if (m == NULL)
		return;
	live = xgbp_alloc_live();
	before = xgbp_alloc_count();
	CHECK_INT(xgbp_model_slice(&s, m, 2, 7, &e), XGBP_OK);
	total = xgbp_alloc_count() - before;
	xgbp_model_free(s);
	CHECK_INT(xgbp_alloc_live(), live);
	CHECK(total > 0);
	for (n = 1; n <= total; n++) {
		s = NULL;
		memset(&e, 0, sizeof(e));
		xgbp_alloc_fail_at(n);
		st = xgbp_model_slice(&s, m, 2, 7, &e);
		xgbp_alloc_fail_at(0);
		CHECK_INT(st, XGBP_ENOMEM);
		CHECK(s == NULL);
		CHECK_STR(e.msg, "out of memory");
		CHECK_INT(xgbp_alloc_live(), live);
	}
	xgbp_model_free(m);
}

/*
 * A batch of rows through every model, with the very next allocation set
 * to fail: prediction allocates nothing, so it neither fails nor counts.
 */
static void
test_predict(void)
{
	static const int flags[] = { 0, XGBP_MARGIN, XGBP_LEAF };
	struct xgbp_model *m;
	unsigned long before;
	unsigned char *p;
	float *x, *y;
	size_t i, j, k, len, nf, nout, rows = 300;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if ((p = unit_slurp(paths[i], &len)) == NULL)
			continue;
		CHECK_INT(load_failing(&m, p, len, 0), XGBP_OK);
		free(p);
		if (m == NULL)
			continue;
		nf = xgbp_model_nfeatures(m);
		x = malloc(rows * nf * sizeof(*x));
		CHECK(x != NULL);
		for (k = 0; x != NULL && k < rows * nf; k++)
			x[k] = k % 7 == 3 ? NAN : (float)(k % 13) * 0.5f;
		for (j = 0; x != NULL && j < 3; j++) {
			if ((nout = xgbp_model_noutputs(m, flags[j])) == 0)
				continue;	/* --leaf of gblinear */
			y = malloc(rows * nout * sizeof(*y));
			CHECK(y != NULL);
			if (y == NULL)
				break;
			before = xgbp_alloc_count();
			xgbp_alloc_fail_at(1);
			CHECK_INT(xgbp_predict(m, x, rows, nf, y, flags[j]),
			    XGBP_OK);
			xgbp_alloc_fail_at(0);
			CHECK_INT(xgbp_alloc_count(), before);
			free(y);
		}
		free(x);
		xgbp_model_free(m);
	}
}

int
main(void)
{
	RUN(test_load);
	RUN(test_slice);
	RUN(test_predict);
	return unit_done();
}
