/*
 * test_load.c: the JSON model loader and the predictor on small hand-made
 * models: what loads, what is refused with which status and position, what
 * each split decides, and that every allocation failure is clean.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

/*
 * One tree: node 0 splits feature 0 at 1.5, missing goes left; leaves -1
 * (left) and 2 (right).  base_score 0.5.  The %s hooks let cases replace
 * parts of the document.
 */
#define TREE_MODEL(lmp, obj, trees, info) \
	"{\"learner\":{\"learner_model_param\":{" lmp "}," \
	"\"objective\":{\"name\":\"" obj "\"}," \
	"\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{" \
	"\"gbtree_model_param\":{\"num_trees\":\"1\"}," \
	"\"tree_info\":" info ",\"trees\":[" trees "]}}}," \
	"\"version\":[1,7,4]}"
#define LMP	"\"base_score\":\"5E-1\",\"num_class\":\"0\"," \
		"\"num_feature\":\"2\""
#define TREE(left, right, split, cond) \
	"{\"tree_param\":{\"num_nodes\":\"3\"},\"left_children\":" left "," \
	"\"right_children\":" right ",\"split_indices\":" split "," \
	"\"split_conditions\":" cond ",\"default_left\":[1,0,0]}"
#define GOOD_TREE	TREE("[1,-1,-1]", "[2,-1,-1]", "[0,0,0]", \
			    "[1.5,-1,2]")
#define GOOD	TREE_MODEL(LMP, "reg:squarederror", GOOD_TREE, "[0]")

static struct xgbp_model *
load(const char *text, int *status, struct xgbp_error *e)
{
	struct xgbp_model *m = NULL;

	*status = xgbp_model_load(&m, text, strlen(text), e);
	return m;
}

static void
test_good_model(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	float x[] = { 1.0f, 0, 1.5f, 0, NAN, 0, 1.4999999f, 0, 2.0f, 0 };
	float y[5];
	int st;

	m = load(GOOD, &st, &e);
	CHECK_INT(st, XGBP_OK);
	if (m == NULL)
		return;
	CHECK_INT(xgbp_model_nfeatures(m), 2);
	CHECK_INT(xgbp_model_noutputs(m, 0), 1);
	CHECK_STR(xgbp_model_objective(m), "reg:squarederror");
	CHECK(xgbp_model_feature_name(m, 0) == NULL);
	CHECK_INT(xgbp_predict(m, x, 5, 2, y, 0), XGBP_OK);
	CHECK(y[0] == -0.5f);		/* 1.0 < 1.5: left */
	CHECK(y[1] == 2.5f);		/* equal to the threshold: right */
	CHECK(y[2] == -0.5f);		/* missing: default, left */
	CHECK(y[3] == -0.5f);
	CHECK(y[4] == 2.5f);
	/* Fewer columns than features: the rest are missing. */
	CHECK_INT(xgbp_predict(m, x + 4, 1, 0, y, 0), XGBP_OK);
	CHECK(y[0] == -0.5f);
	CHECK_INT(xgbp_predict(m, x, 1, 2, y, 0x100), XGBP_EARG);
	xgbp_model_free(m);
	xgbp_model_free(NULL);
}

static void
test_logistic_margin(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	float x[] = { 0, 0 }, y;
	int st;

	m = load(TREE_MODEL(LMP, "binary:logistic", GOOD_TREE, "[0]"), &st,
	    &e);
	CHECK_INT(st, XGBP_OK);
	if (m == NULL)
		return;
	/* base_score 0.5 is margin 0; the leaf is -1. */
	CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
	CHECK(y == -1.0f);
	CHECK_INT(xgbp_predict(m, x, 1, 2, &y, 0), XGBP_OK);
	CHECK(y == 1.0f / (expf(1.0f) + 1.0f));
	xgbp_model_free(m);
}

/*
 * A categorical split on feature 0 sending categories {0, 2, 5} right:
 * XGBoost 1.7 and later truncate the value toward zero, send negative
 * values and values from 2^24 on left, and missing values to the default
 * child (Decision in dmlc/xgboost src/common/categorical.h); the table of
 * values is the one the format document verified against XGBoost 1.7.4
 * and 3.4.1 (../shared/docs/xgboost-model-format.md, 5.2.3).
 */
#define CAT_TREE \
	"{\"tree_param\":{\"num_nodes\":\"3\"},\"left_children\":[1,-1,-1]," \
	"\"right_children\":[2,-1,-1],\"split_indices\":[0,0,0]," \
	"\"split_conditions\":[NaN,-1,2],\"default_left\":[0,0,0]," \
	"\"split_type\":[1,0,0],\"categories\":[5,0,2]," \
	"\"categories_nodes\":[0],\"categories_segments\":[0]," \
	"\"categories_sizes\":[3]}"

static void
test_categorical_rule(void)
{
	static const float right[] = { 0, 2, 5, 0.5f, 2.9f, 5.99f };
	static const float left[] = { 1, 3, 4, 6, 31, 32, 100, 16777215.0f,
	    16777216.0f, 1e9f, -1, -0.5f, -0.99f };
	struct xgbp_error e;
	struct xgbp_model *m;
	float x[2] = { 0, 0 }, y;
	size_t i;
	int st;

	m = load(TREE_MODEL(LMP, "reg:squarederror", CAT_TREE, "[0]"), &st,
	    &e);
	CHECK_INT(st, XGBP_OK);
	if (m == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return;
	}
	for (i = 0; i < sizeof(right) / sizeof(right[0]); i++) {
		x[0] = right[i];
		CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
		if (y != 2.5f)
			fprintf(stderr, "%g should go right\n", right[i]);
		CHECK(y == 2.5f);
	}
	for (i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
		x[0] = left[i];
		CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
		if (y != -0.5f)
			fprintf(stderr, "%g should go left\n", left[i]);
		CHECK(y == -0.5f);
	}
	x[0] = NAN;		/* missing: the default child, right here */
	CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
	CHECK(y == 2.5f);
	CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_LEAF), XGBP_OK);
	CHECK(y == 2.0f);
	xgbp_model_free(m);
}

struct bad {
	const char	*text;
	int		 status;
	unsigned long	 line, column;
	const char	*msg;
};

static const struct bad bad[] = {
	{ "", XGBP_ESYNTAX, 0, 0, "empty model" },
	{ "{", XGBP_ESYNTAX, 1, 2,
	    "unexpected end of file, expected a key" },
	{ "{\n\"a\" 1}", XGBP_ESYNTAX, 2, 5, "unexpected '1', expected ':'" },
	{ "{\"a\":[1 2]}", XGBP_ESYNTAX, 1, 9,
	    "unexpected '2', expected ',' or ']'" },
	{ "{\"a\":\"x}", XGBP_ESYNTAX, 1, 6, "unterminated string" },
	{ "{\"a\":tru}", XGBP_ESYNTAX, 1, 6,
	    "unexpected 't', expected a value" },
	{ "{\"a\":99999999999999999999}", XGBP_ESYNTAX, 1, 6,
	    "integer out of range" },
	{ "{} x", XGBP_ESYNTAX, 1, 4,
	    "unexpected 'x', expected the end of the file" },
	{ "{}", XGBP_EMODEL, 1, 1,
	    "not an XGBoost model: no learner_model_param" },
	{ "{\"learner\":[]}", XGBP_EMODEL, 1, 12,
	    "expected an object, found array" },
	{ TREE_MODEL(LMP, "reg:unknown", GOOD_TREE, "[0]"),
	    XGBP_EUNSUPPORTED, 1, 0, "unknown objective \"reg:unknown\"" },
	{ TREE_MODEL(LMP, "reg:squarederror",
	    TREE("[1,-1,-1]", "[3,-1,-1]", "[0,0,0]", "[1.5,-1,2]"), "[0]"),
	    XGBP_EMODEL, 1, 0, "tree 0 node 0: child 3 out of range" },
	{ TREE_MODEL(LMP, "reg:squarederror",
	    TREE("[1,2,-1]", "[2,-1,-1]", "[0,0,0]", "[1.5,1,2]"), "[0]"),
	    XGBP_EMODEL, 1, 0, "tree 0 node 1: node 2 reached twice" },
	{ TREE_MODEL(LMP, "reg:squarederror",
	    TREE("[1,0,-1]", "[2,2,-1]", "[0,0,0]", "[1.5,1,2]"), "[0]"),
	    XGBP_EMODEL, 1, 0, "tree 0 node 1: child 0 out of range" },
	{ TREE_MODEL(LMP, "reg:squarederror",
	    TREE("[1,-1,-1]", "[2,-1,-1]", "[7,0,0]", "[1.5,-1,2]"), "[0]"),
	    XGBP_EMODEL, 1, 0,
	    "tree 0 node 0: split index 7 out of range (num_feature 2)" },
	{ TREE_MODEL(LMP, "reg:squarederror",
	    TREE("[1,-1,-1]", "[2,-1,-1]", "[0,0]", "[1.5,-1,2]"), "[0]"),
	    XGBP_EMODEL, 1, 0, "tree 0: 2 elements, num_nodes is 3" },
	{ TREE_MODEL(LMP, "reg:squarederror", GOOD_TREE, "[1]"),
	    XGBP_EMODEL, 1, 0,
	    "tree_info[0] is 1, but the model has 1 outputs" },
	{ TREE_MODEL(LMP, "reg:squarederror", GOOD_TREE, "[0,0]"),
	    XGBP_EMODEL, 1, 0, "tree_info has 2 entries for 1 trees" },
	{ TREE_MODEL("\"base_score\":\"[1,2]\",\"num_feature\":\"2\"",
	    "reg:squarederror", GOOD_TREE, "[0]"),
	    XGBP_EMODEL, 1, 0, "2 base_score values for 1 outputs" },
	{ TREE_MODEL("\"base_score\":\"abc\",\"num_feature\":\"2\"",
	    "reg:squarederror", GOOD_TREE, "[0]"),
	    XGBP_EMODEL, 1, 0,
	    "not a number or list of numbers: \"abc\"" },
	{ TREE_MODEL("\"base_score\":\"5E-1\",\"num_feature\":\"x2\"",
	    "reg:squarederror", GOOD_TREE, "[0]"),
	    XGBP_EMODEL, 1, 0, "parameter is not an integer: \"x2\"" },
};

/* Nested arrays deeper than the reader allows. */
static void
test_deep(void)
{
	struct xgbp_error e;
	char buf[300];
	int st;

	memset(buf, '[', sizeof(buf) - 1);
	buf[0] = '{';
	memcpy(buf + 1, "\"a\":", 4);
	buf[sizeof(buf) - 1] = '\0';
	CHECK(load(buf, &st, &e) == NULL);
	CHECK_INT(st, XGBP_ESYNTAX);
	CHECK_STR(e.msg, "nested deeper than 64 levels");
}

static void
test_bad_models(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	size_t i;
	int st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = load(bad[i].text, &st, &e);
		CHECK(m == NULL);
		xgbp_model_free(m);
		CHECK_INT(st, bad[i].status);
		CHECK_INT(e.status, bad[i].status);
		CHECK_STR(e.msg, bad[i].msg);
		CHECK_INT(e.line, bad[i].line);
		if (bad[i].column != 0)
			CHECK_INT(e.column, bad[i].column);
		if (unit_fails != 0) {
			fprintf(stderr, "case %zu: %s\n", i, bad[i].text);
			return;
		}
	}
}

/*
 * Make each allocation of a load fail in turn: every failure must be
 * reported as XGBP_ENOMEM and leave nothing allocated (checked by the
 * sanitizer and valgrind runs of the suite).
 */
static void
test_alloc_failure(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	unsigned long n, before, total;
	int st;

	before = xgbp_alloc_count();
	m = load(GOOD, &st, &e);
	CHECK_INT(st, XGBP_OK);
	total = xgbp_alloc_count() - before;
	xgbp_model_free(m);
	CHECK(total > 5);
	for (n = 1; n <= total; n++) {
		xgbp_alloc_fail_at(n);
		m = load(GOOD, &st, &e);
		CHECK(m == NULL);
		CHECK_INT(st, XGBP_ENOMEM);
		xgbp_model_free(m);
	}
	xgbp_alloc_fail_at(0);
	m = load(GOOD, &st, &e);
	CHECK_INT(st, XGBP_OK);
	xgbp_model_free(m);
}

static void
test_strerror(void)
{
	CHECK_STR(xgbp_strerror(XGBP_OK), "success");
	CHECK_STR(xgbp_strerror(XGBP_ENOMEM), "out of memory");
	CHECK_STR(xgbp_strerror(-1), "unknown error");
}

int
main(void)
{
	RUN(test_good_model);
	RUN(test_logistic_margin);
	RUN(test_categorical_rule);
	RUN(test_bad_models);
	RUN(test_deep);
	RUN(test_alloc_failure);
	RUN(test_strerror);
	return unit_done();
}
