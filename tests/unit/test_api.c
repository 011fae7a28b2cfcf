/*
 * test_api.c: the library's calls as an embedder meets them (issue 18):
 * the version at run time, rules by version, options that can grow
 * (ranges without slices, a missing value, workspaces, base margins),
 * slices that outlive their model, category names given at load, one
 * error convention, and the stack a prediction needs.
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xgbp.h"
#include "unit.h"

#define IRIS	"examples/iris.json"	/* 1.7.4, multi:softprob, 8 rounds */
#define QUANT	"tests/data/xgb-2.1.4/reg_quantileerror_multi/model.bin"

/* Rows for iris: the first rows of its data, and some missing. */
static const float iris_x[] = {
	5.1f, 3.5f, 1.4f, 0.2f,	7.0f, 3.2f, 4.7f, 1.4f,
	6.3f, 3.3f, 6.0f, 2.5f,	NAN, 3.0f, NAN, 1.8f,
	4.9f, 3.0f, -999.0f, 0.2f
};
#define IRIS_ROWS	5

/* Whether a[0..n) and b[0..n) are the same floats, bit for bit. */
static int
same(const float *a, const float *b, size_t n)
{
	return memcmp(a, b, n * sizeof(*a)) == 0;
}

static void
test_version(void)
{
	CHECK_INT(xgbp_version_number(), XGBP_VERSION_NUMBER);
	CHECK_STR(xgbp_version_string(), XGBP_VERSION_STRING);
}

/*
 * A range in the options scores as a slice of the same rounds does, for
 * margins, predictions and leaves; a range the model lacks is an error
 * that says so.
 */
static void
test_range(void)
{
	static const int flags[] = { 0, XGBP_MARGIN, XGBP_LEAF };
	struct xgbp_predict_opts o;
	struct xgbp_model *m, *s;
	struct xgbp_error e;
	float a[IRIS_ROWS * 24], b[IRIS_ROWS * 24];
	size_t i, n;

	if ((m = unit_load(IRIS, 0)) == NULL)
		return;
	CHECK_INT(xgbp_model_slice(&s, m, 2, 5, &e), XGBP_OK);
	xgbp_predict_opts_init(&o);
	o.begin = 2;
	o.end = 5;
	for (i = 0; i < 3; i++) {
		o.flags = flags[i];
		n = xgbp_model_noutputs(s, flags[i]) * IRIS_ROWS;
		CHECK(n > 0 && n <= sizeof(a) / sizeof(a[0]));
		CHECK_INT(xgbp_predict(s, iris_x, IRIS_ROWS, 4, a, flags[i]),
		    XGBP_OK);
		CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b,
		    &e), XGBP_OK);
		CHECK(same(a, b, n));
	}
	/* Rounds 0 to the end are the whole model. */
	o.flags = XGBP_MARGIN;
	o.begin = 0;
	o.end = 0;
	CHECK_INT(xgbp_predict(m, iris_x, IRIS_ROWS, 4, a, XGBP_MARGIN),
	    XGBP_OK);
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b, &e),
	    XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	o.begin = 3;
	o.end = 9;
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b, &e),
	    XGBP_EARG);
	CHECK_STR(e.msg, "rounds 3:9 out of range: the model has 8");
	xgbp_model_free(s);
	xgbp_model_free(m);
}

/*
 * A missing value besides NaN, as XGBoost's missing: -999 scores as NaN,
 * whether the rows go through the stack area or a workspace; rows wider
 * than the area need a workspace.
 */
static void
test_missing(void)
{
	struct xgbp_predict_opts o;
	struct xgbp_model *m;
	struct xgbp_error e;
	float nan_x[IRIS_ROWS * 4], a[IRIS_ROWS * 3], b[IRIS_ROWS * 3];
	float work[64], *wide, out[3];
	size_t i;

	if ((m = unit_load(IRIS, 0)) == NULL)
		return;
	for (i = 0; i < IRIS_ROWS * 4; i++)
		nan_x[i] = iris_x[i] == -999.0f ? NAN : iris_x[i];
	CHECK_INT(xgbp_predict(m, nan_x, IRIS_ROWS, 4, a, 0), XGBP_OK);
	xgbp_predict_opts_init(&o);
	CHECK(isnan(o.missing));
	o.missing = -999.0f;
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b, &e),
	    XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	/* Without it, -999 is a value, and the fifth row differs. */
	CHECK_INT(xgbp_predict(m, iris_x, IRIS_ROWS, 4, b, 0), XGBP_OK);
	CHECK(!same(a + 12, b + 12, 3));
	/* A workspace of 6 floats: a row at a time. */
	o.work = work;
	o.worksize = 6 * sizeof(float);
	memset(b, 0, sizeof(b));
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b, &e),
	    XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	o.worksize = 3 * sizeof(float);
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b, &e),
	    XGBP_EARG);
	/* 5000 columns, past the stack area: a workspace it takes. */
	if ((wide = calloc(5000, sizeof(float))) != NULL) {
		memcpy(wide, iris_x, 4 * sizeof(float));
		o.work = NULL;
		o.worksize = 0;
		CHECK_INT(xgbp_predict_with(m, &o, wide, 1, 5000, out, &e),
		    XGBP_EARG);
		CHECK_STR(e.msg, "rows of 5000 features and a missing value "
		    "need a workspace of 20000 bytes");
		o.work = malloc(5000 * sizeof(float));
		o.worksize = 5000 * sizeof(float);
		CHECK_INT(xgbp_predict_with(m, &o, wide, 1, 5000, out, &e),
		    XGBP_OK);
		CHECK(same(out, a, 3));
		free(o.work);
		free(wide);
	}
	xgbp_model_free(m);
}

/* A slice outlives the model it was cut from: valgrind and ASan watch. */
static void
test_slice_lifetime(void)
{
	struct xgbp_model *m, *s, *s2;
	float a[IRIS_ROWS * 3], b[IRIS_ROWS * 3];

	if ((m = unit_load(IRIS, 0)) == NULL)
		return;
	CHECK_INT(xgbp_model_slice(&s, m, 1, 4, NULL), XGBP_OK);
	CHECK_INT(xgbp_model_slice(&s2, s, 0, 0, NULL), XGBP_OK);
	CHECK_INT(xgbp_predict(s, iris_x, IRIS_ROWS, 4, a, 0), XGBP_OK);
	xgbp_model_free(m);
	CHECK_INT(xgbp_predict(s, iris_x, IRIS_ROWS, 4, b, 0), XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	xgbp_model_free(s);
	CHECK_INT(xgbp_predict(s2, iris_x, IRIS_ROWS, 4, b, 0), XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	xgbp_model_free(s2);
}

/*
 * Rules by version: a 2.1.4 quantile model scores by 2.1's rules (alpha
 * order) unless XGBP_RULES(3, 4) asks for 3.4's (sorted in each row).
 */
static void
test_rules(void)
{
	struct xgbp_model *m;
	float x[64 * 8], a[64 * 8], b[64 * 8];
	size_t i, k, n, nout, unsorted = 0;

	if ((m = unit_load(QUANT, 0)) == NULL)
		return;
	n = xgbp_model_nfeatures(m);
	nout = xgbp_model_noutputs(m, 0);
	CHECK(n <= 8 && nout <= 8 && nout > 1);
	for (i = 0; i < 64 * n; i++)
		x[i] = (float)((i * 7919) % 1000) / 100.0f - 5.0f;
	CHECK_INT(xgbp_predict(m, x, 64, n, a, 0), XGBP_OK);
	CHECK_INT(xgbp_predict(m, x, 64, n, b, XGBP_RULES(2, 1)), XGBP_OK);
	CHECK(same(a, b, 64 * nout));
	CHECK_INT(xgbp_predict(m, x, 64, n, b, XGBP_RULES(3, 4)), XGBP_OK);
	for (i = 0; i < 64; i++) {
		for (k = 1; k < nout; k++) {
			CHECK(b[i * nout + k - 1] <= b[i * nout + k]);
			unsorted += a[i * nout + k - 1] > a[i * nout + k];
		}
	}
	CHECK(unsorted > 0);	/* or the test shows nothing */
	CHECK_INT(xgbp_predict(m, x, 64, n, b, 0x100), XGBP_EARG);
	xgbp_model_free(m);
}

/*
 * xgbp_model_noutputs() says 0 for exactly the flags xgbp_predict()
 * refuses, on a tree model, on gblinear and on a tree model of no trees
 * (no leaf to give: XGBoost's array would have no columns).
 */
static void
test_flags_agree(void)
{
	static const char lin[] = "{\"learner\":{\"learner_model_param\":"
	    "{\"base_score\":\"5E-1\",\"num_feature\":\"1\"},\"objective\":"
	    "{\"name\":\"reg:squarederror\"},\"gradient_booster\":{\"name\":"
	    "\"gblinear\",\"model\":{\"weights\":[2,1]}}},\"version\":"
	    "[1,7,4]}";
	static const char none[] = "{\"learner\":{\"learner_model_param\":"
	    "{\"base_score\":\"5E-1\",\"num_feature\":\"1\"},\"objective\":"
	    "{\"name\":\"reg:squarederror\"},\"gradient_booster\":{\"name\":"
	    "\"gbtree\",\"model\":{\"gbtree_model_param\":{\"num_trees\":"
	    "\"0\"},\"trees\":[],\"tree_info\":[]}}},\"version\":[1,7,4]}";
	struct xgbp_predict_opts o;
	struct xgbp_model *m[3];
	struct xgbp_error e;
	float x[4] = { 1, 2, 3, 4 }, y[256];	/* iris: 75 interactions */
	size_t i, n;
	int f, rc;

	m[0] = unit_load(IRIS, 0);
	m[1] = m[2] = NULL;
	CHECK_INT(xgbp_model_load(&m[1], lin, strlen(lin), &e), XGBP_OK);
	CHECK_INT(xgbp_model_load(&m[2], none, strlen(none), &e), XGBP_OK);
	if (m[2] != NULL) {
		CHECK_INT((int)xgbp_model_noutputs(m[2], XGBP_LEAF), 0);
		xgbp_predict_opts_init(&o);
		o.flags = XGBP_LEAF;
		CHECK_INT(xgbp_predict_with(m[2], &o, x, 1, 1, y, &e),
		    XGBP_EARG);
		CHECK_STR(e.msg, "the model has no trees");
		/* Its prediction is the base score. */
		CHECK_INT(xgbp_predict(m[2], x, 1, 1, y, 0), XGBP_OK);
		CHECK(y[0] == 0.5f);
	}
	for (i = 0; i < 3; i++) {
		if (m[i] == NULL)
			continue;
		for (f = 0; f < 0x400; f++) {
			n = xgbp_model_noutputs(m[i], f);
			CHECK(n <= sizeof(y) / sizeof(y[0]));
			rc = xgbp_predict(m[i], x, 1, 4, y, f);
			CHECK((n == 0) == (rc == XGBP_EARG));
		}
		xgbp_model_free(m[i]);
	}
}

/*
 * Options structs can grow: a caller's larger struct (a later header) is
 * taken when what this library does not know is 0, and refused when
 * not; a struct smaller than the first release's is refused; _init()
 * writes only the caller's size.
 */
static void
test_opts_grow(void)
{
	struct {
		struct xgbp_predict_opts o;
		unsigned char more[16];
	} big;
	struct {
		struct xgbp_load_opts o;
		unsigned char more[16];
	} lbig;
	struct xgbp_predict_opts small;
	struct xgbp_model *m, *m2 = NULL;
	struct xgbp_error e;
	float a[IRIS_ROWS * 3], b[IRIS_ROWS * 3];
	unsigned char *p;
	size_t len;

	if ((m = unit_load(IRIS, 0)) == NULL)
		return;
	memset(&big, 0xa5, sizeof(big));
	xgbp_predict_opts_setup(&big.o, sizeof(big));
	CHECK_INT(big.o.size, sizeof(big));
	CHECK(isnan(big.o.missing) && big.more[15] == 0);
	CHECK_INT(xgbp_predict_with(m, &big.o, iris_x, IRIS_ROWS, 4, a, &e),
	    XGBP_OK);
	CHECK_INT(xgbp_predict(m, iris_x, IRIS_ROWS, 4, b, 0), XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	big.more[3] = 1;
	CHECK_INT(xgbp_predict_with(m, &big.o, iris_x, IRIS_ROWS, 4, a, &e),
	    XGBP_EARG);
	CHECK(strstr(e.msg, "does not have") != NULL);
	/* Without the workspace fields, as an older header might be. */
	memset(&small, 0xa5, sizeof(small));
	xgbp_predict_opts_setup(&small, offsetof(struct xgbp_predict_opts,
	    work));
	CHECK(small.work != NULL);	/* beyond its size: untouched */
	CHECK_INT(xgbp_predict_with(m, &small, iris_x, IRIS_ROWS, 4, a, &e),
	    XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	small.size = sizeof(size_t);
	CHECK_INT(xgbp_predict_with(m, &small, iris_x, IRIS_ROWS, 4, a, &e),
	    XGBP_EARG);
	xgbp_model_free(m);
	if ((p = unit_slurp(IRIS, &len)) == NULL)
		return;
	xgbp_load_opts_setup(&lbig.o, sizeof(lbig));
	CHECK_INT(xgbp_model_load_with(&m2, p, len, &lbig.o, &e), XGBP_OK);
	xgbp_model_free(m2);
	m2 = NULL;
	lbig.more[0] = 1;
	CHECK_INT(xgbp_model_load_with(&m2, p, len, &lbig.o, &e), XGBP_EARG);
	CHECK(m2 == NULL);
	free(p);
}

/*
 * Per-row base margins (xgbp_predict_opts.base_margin): a base margin
 * equal to base_score's margin gives the same bits as none, for trees,
 * gblinear and explanations; rows start from their own, whether the
 * engine scores them in blocks or one by one; --leaf ignores them; an
 * options struct of 0.2.0's size has none.
 */
static void
test_base_margin(void)
{
	static const char *const models[] = { IRIS,
	    "tests/data/xgb-1.7.4/gblinear_multiclass/model.json" };
	static const int kinds[] = { XGBP_MARGIN, 0, XGBP_CONTRIBS_APPROX };
	struct xgbp_predict_opts o;
	struct xgbp_model *m;
	struct xgbp_error e;
	float bm[IRIS_ROWS * 3], a[IRIS_ROWS * 256], b[IRIS_ROWS * 256];
	float one[256];
	size_t i, k, r, n;

	for (i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		if ((m = unit_load(models[i], 0)) == NULL)
			return;
		xgbp_predict_opts_init(&o);
		CHECK(o.base_margin == NULL);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			/* base_score 0.5, a margin of 0.5 for softprob */
			for (r = 0; r < IRIS_ROWS * 3; r++)
				bm[r] = 0.5f;
			o.flags = kinds[k];
			o.base_margin = NULL;
			n = IRIS_ROWS * xgbp_model_noutputs(m, kinds[k]);
			CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS,
			    4, a, &e), XGBP_OK);
			o.base_margin = bm;
			CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS,
			    4, b, &e), XGBP_OK);
			CHECK(same(a, b, n));
			/* Each row its own, in blocks or alone. */
			for (r = 0; r < IRIS_ROWS * 3; r++)
				bm[r] = (float)r * 0.375f - 2.0f;
			CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS,
			    4, a, &e), XGBP_OK);
			CHECK(!same(a, b, n));
			for (r = 0; r < IRIS_ROWS; r++) {
				o.base_margin = bm + r * 3;
				CHECK_INT(xgbp_predict_with(m, &o, iris_x +
				    r * 4, 1, 4, one, &e), XGBP_OK);
				CHECK(same(one, a + r * (n / IRIS_ROWS),
				    n / IRIS_ROWS));
			}
			o.base_margin = bm;
		}
		/* With missing set, rows are copied a few at a time. */
		o.flags = XGBP_MARGIN;
		o.missing = -999.0f;
		CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, a,
		    &e), XGBP_OK);
		for (r = 0; r < IRIS_ROWS; r++) {
			o.base_margin = bm + r * 3;
			CHECK_INT(xgbp_predict_with(m, &o, iris_x + r * 4, 1,
			    4, one, &e), XGBP_OK);
			CHECK(same(one, a + r * 3, 3));
		}
		xgbp_model_free(m);
	}
	/* Leaves take no base margin; an old-sized struct has none. */
	if ((m = unit_load(IRIS, 0)) == NULL)
		return;
	xgbp_predict_opts_init(&o);
	o.flags = XGBP_LEAF;
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, a, &e),
	    XGBP_OK);
	o.base_margin = bm;
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, b, &e),
	    XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 24));
	memset(&o, 0xa5, sizeof(o));
	xgbp_predict_opts_setup(&o, offsetof(struct xgbp_predict_opts,
	    base_margin));
	CHECK_INT(xgbp_predict_with(m, &o, iris_x, IRIS_ROWS, 4, a, &e),
	    XGBP_OK);
	CHECK_INT(xgbp_predict(m, iris_x, IRIS_ROWS, 4, b, 0), XGBP_OK);
	CHECK(same(a, b, IRIS_ROWS * 3));
	xgbp_model_free(m);
}

/* Info fills what the caller's size holds, and no more. */
static void
test_info_size(void)
{
	struct xgbp_model *m;
	struct xgbp_info in;
	unsigned char raw[sizeof(in) + 16];

	if ((m = unit_load(IRIS, 0)) == NULL)
		return;
	in.size = sizeof(in);
	CHECK_INT(xgbp_model_info(m, &in), XGBP_OK);
	CHECK_INT(in.noutputs, 3);
	CHECK_INT(in.nrounds, 8);
	CHECK_INT(in.nonfinite, 0);
	/* An older caller's smaller struct: nothing written past it. */
	memset(raw, 0xa5, sizeof(raw));
	memcpy(raw, &(size_t){ offsetof(struct xgbp_info, ntargets) },
	    sizeof(size_t));
	CHECK_INT(xgbp_model_info(m, (struct xgbp_info *)(void *)raw),
	    XGBP_OK);
	CHECK(raw[offsetof(struct xgbp_info, ntargets)] == 0xa5);
	CHECK_INT(((struct xgbp_info *)(void *)raw)->noutputs, 3);
	in.size = sizeof(size_t);
	CHECK_INT(xgbp_model_info(m, &in), XGBP_EARG);
	xgbp_model_free(m);
}

/* A 1.7-style model with categorical feature 1, "color", no names. */
#define CATS_MODEL \
	"{\"learner\":{\"feature_names\":[\"x\",\"color\"]," \
	"\"feature_types\":[\"float\",\"c\"],\"learner_model_param\":" \
	"{\"base_score\":\"5E-1\",\"num_feature\":\"2\"},\"objective\":" \
	"{\"name\":\"reg:squarederror\"},\"gradient_booster\":{\"name\":" \
	"\"gbtree\",\"model\":{\"gbtree_model_param\":{\"num_trees\":\"1\"}," \
	"\"tree_info\":[0],\"trees\":[{\"tree_param\":{\"num_nodes\":\"3\"}," \
	"\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1]," \
	"\"split_indices\":[1,0,0],\"split_conditions\":[0,-1,2]," \
	"\"default_left\":[0,0,0],\"split_type\":[1,0,0],\"categories\":[2]," \
	"\"categories_nodes\":[0],\"categories_segments\":[0]," \
	"\"categories_sizes\":[1]}]}}},\"version\":[1,7,4]}"

static int
load_cats(struct xgbp_model **m, const char *cats, struct xgbp_error *e)
{
	struct xgbp_load_opts o;

	xgbp_load_opts_init(&o);
	o.categories = cats;
	o.categories_len = strlen(cats);
	*m = NULL;
	return xgbp_model_load_with(m, CATS_MODEL, strlen(CATS_MODEL), &o, e);
}

/*
 * Category names given at load, as pandas lists them, for a model written
 * before 3.1: each name is its code; errors say "categories:" and where.
 */
static void
test_categories(void)
{
	static const struct {
		const char	*text;
		int		 status;
		const char	*msg;
	} bad[] = {
		{ "{\"colour\":[\"red\"]}", XGBP_ENOTFOUND,
		    "categories: no feature named \"colour\" (byte 2)" },
		{ "{\"x\":[\"red\"]}", XGBP_EARG,
		    "categories: feature \"x\": not categorical (byte 2)" },
		{ "{\"color\":[\"a\"],\"color\":[\"b\"]}", XGBP_EARG,
		    "categories: feature \"color\": given twice (byte 16)" },
		{ "{\"color\":[1]}", XGBP_ESYNTAX,
		    "categories: expected a category name (byte 11)" },
		{ "{\"color\":[\"a\",]}", XGBP_ESYNTAX,
		    "categories: unexpected ']', expected a value (byte 15)" },
		{ "[]", XGBP_ESYNTAX,
		    "categories: expected an object of lists of names (byte 1)" },
	};
	struct xgbp_model *m;
	struct xgbp_error e;
	float code, x[2], y;
	size_t i;

	CHECK_INT(load_cats(&m, "{\"color\":[\"red\",\"green\",\"blue\"]}",
	    &e), XGBP_OK);
	if (m == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return;
	}
	CHECK_INT(xgbp_model_ncategories(m, 1), 3);
	CHECK_INT(xgbp_model_ncategories(m, 0), 0);
	CHECK_INT(xgbp_model_category(m, 1, "blue", 4, &code, &e), XGBP_OK);
	CHECK(code == 2.0f);
	CHECK_INT(xgbp_model_category(m, 1, "green", 5, &code, &e), XGBP_OK);
	CHECK(code == 1.0f);
	CHECK_INT(xgbp_model_category(m, 1, "mauve", 5, &code, &e),
	    XGBP_ENOTFOUND);
	CHECK_STR(e.msg, "feature 1: no category named \"mauve\"");
	CHECK_INT(xgbp_model_category(m, 0, "red", 3, &code, &e),
	    XGBP_ENOTFOUND);
	CHECK_STR(e.msg, "feature 0 has no category names");
	/* Code 2 (blue) goes right: leaf 2, margin 0.5 + 2. */
	x[0] = 0;
	x[1] = 2;
	CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
	CHECK(y == 2.5f);
	xgbp_model_free(m);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(load_cats(&m, bad[i].text, &e), bad[i].status);
		CHECK_STR(e.msg, bad[i].msg);
		CHECK_INT(e.line, 0);
		CHECK(m == NULL);
	}
}

/* One convention: statuses, and a message saying what. */
static void
test_errors(void)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 8, 0, 0, 0 };
	struct xgbp_model *m = NULL;
	struct xgbp_error e;
	float f;

	CHECK_INT(xgbp_model_load(&m, gz, sizeof(gz), &e), XGBP_EUNSUPPORTED);
	CHECK_STR(e.msg, "gzip-compressed: decompress it first");
	CHECK_INT(xgbp_parse_float("1.5x", 4, &f, 0, &e), XGBP_ESYNTAX);
	CHECK_STR(e.msg, "not a number");
	CHECK_INT(xgbp_parse_float("1.5", 3, &f, 0, &e), XGBP_OK);
	CHECK(f == 1.5f);
	CHECK_STR(xgbp_strerror(XGBP_ESYNTAX), "malformed text");
	CHECK_STR(xgbp_strerror(XGBP_ENOTFOUND), "no such name");
	CHECK(strstr(xgbp_strerror(XGBP_EMODEL), "file") == NULL);
}

struct job {
	struct xgbp_model *m;
	float		 y[256 * 3];
	int		 rc;
};

static void *
predict_job(void *arg)
{
	struct job *j = arg;
	float x[256 * 4];
	size_t i;

	for (i = 0; i < 256 * 4; i++)
		x[i] = iris_x[i % (IRIS_ROWS * 4)];
	j->rc = xgbp_predict(j->m, x, 256, 4, j->y, 0);
	return NULL;
}

/*
 * A prediction fits in XGBP_PREDICT_STACK, with this test's own 5 KiB of
 * rows and the thread's start: a thread given that much (four times under
 * AddressSanitizer, whose frames are bigger) scores a full block.
 */
static void
test_stack(void)
{
	struct job *j;
	pthread_attr_t a;
	pthread_t t;
	size_t stack = XGBP_PREDICT_STACK + 8 * 1024;

#if defined(__SANITIZE_ADDRESS__)
	stack *= 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	stack *= 4;
#endif
#endif
	if ((j = calloc(1, sizeof(*j))) == NULL ||
	    (j->m = unit_load(IRIS, 0)) == NULL) {
		free(j);
		return;
	}
	j->rc = -1;
	CHECK_INT(pthread_attr_init(&a), 0);
	CHECK_INT(pthread_attr_setstacksize(&a, stack), 0);
	CHECK_INT(pthread_create(&t, &a, predict_job, j), 0);
	CHECK_INT(pthread_join(t, NULL), 0);
	CHECK_INT(j->rc, XGBP_OK);
	pthread_attr_destroy(&a);
	xgbp_model_free(j->m);
	free(j);
}

int
main(void)
{
	RUN(test_version);
	RUN(test_range);
	RUN(test_missing);
	RUN(test_slice_lifetime);
	RUN(test_rules);
	RUN(test_flags_agree);
	RUN(test_opts_grow);
	RUN(test_base_margin);
	RUN(test_info_size);
	RUN(test_categories);
	RUN(test_errors);
	RUN(test_stack);
	return unit_done();
}
