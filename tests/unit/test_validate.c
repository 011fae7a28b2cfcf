/*
 * test_validate.c: what the loader refuses, and what it costs to refuse
 * it.  Every hostile model must be turned away at load with XGBP_EMODEL
 * (or XGBP_ESYNTAX) and a message that says what and where, before it
 * sizes anything by a count it claims: a file of a few hundred bytes must
 * not ask for more than a small multiple of its size (test_legacy.c does
 * the same for the binary format).  JSON cases are hand-made; UBJSON ones
 * patch a model XGBoost 1.7.4 wrote.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

/* A model of one tree, its parts replaceable; as in test_load.c. */
#define MODEL(lmp, obj, booster) \
	"{\"learner\":{\"learner_model_param\":{" lmp "}," \
	"\"objective\":{\"name\":\"" obj "\"}," \
	"\"gradient_booster\":" booster "},\"version\":[1,7,4]}"
#define GBTREE(trees, info) \
	"{\"name\":\"gbtree\",\"model\":{" \
	"\"gbtree_model_param\":{\"num_trees\":\"1\"}," \
	"\"tree_info\":" info ",\"trees\":[" trees "]}}"
#define LMP	"\"base_score\":\"5E-1\",\"num_feature\":\"2\""
#define TREE(param, left, right, split, cond, extra) \
	"{\"tree_param\":{" param "},\"left_children\":" left "," \
	"\"right_children\":" right ",\"split_indices\":" split "," \
	"\"split_conditions\":" cond ",\"default_left\":[1,0,0]" extra "}"
#define N3	"\"num_nodes\":\"3\""
#define PLAIN(left, right, split, cond) \
	MODEL(LMP, "reg:squarederror", GBTREE(TREE(N3, left, right, split, \
	    cond, ""), "[0]"))
/* Node 0 a categorical split, with category arrays cats. */
#define CATEG(cats) \
	MODEL(LMP, "reg:squarederror", GBTREE(TREE(N3, "[1,-1,-1]", \
	    "[2,-1,-1]", "[0,0,0]", "[0,-1,2]", \
	    ",\"split_type\":[1,0,0]" cats), "[0]"))
/* Two categorical splits, nodes 0 and 1. */
#define CATEG2(cats) \
	MODEL(LMP, "reg:squarederror", GBTREE("{\"tree_param\":" \
	    "{\"num_nodes\":\"5\"},\"left_children\":[1,3,-1,-1,-1]," \
	    "\"right_children\":[2,4,-1,-1,-1],\"split_indices\":" \
	    "[0,1,0,0,0],\"split_conditions\":[0,0,1,2,3]," \
	    "\"default_left\":[1,0,0,0,0],\"split_type\":[1,1,0,0,0]" \
	    cats "}", "[0]"))
#define DART(weights) \
	MODEL(LMP, "reg:squarederror", "{\"name\":\"dart\",\"gbtree\":" \
	    GBTREE(TREE(N3, "[1,-1,-1]", "[2,-1,-1]", "[0,0,0]", \
	    "[1.5,-1,2]", ""), "[0]") ",\"weight_drop\":" weights "}")
#define GOOD	PLAIN("[1,-1,-1]", "[2,-1,-1]", "[0,0,0]", "[1.5,-1,2]")

struct bad {
	const char	*text;
	int		 status;
	const char	*msg;
	const char	*at;	/* where the message points: text there */
};

static const struct bad bad[] = {
	/* Every path ends in a leaf: a node has two children or none. */
	{ PLAIN("[1,-1,-1]", "[-1,-1,-1]", "[0,0,0]", "[1.5,-1,2]"),
	    XGBP_EMODEL, "tree 0 node 0: child -1 out of range",
	    "[-1,-1,-1],\"split" },
	/* No cycles: a child loops back to the root, or to itself. */
	{ PLAIN("[1,-1,1]", "[2,-1,1]", "[0,0,0]", "[1.5,-1,2]"),
	    XGBP_EMODEL, "tree 0 node 2: node 1 reached twice",
	    "[1,-1,1]" },
	{ PLAIN("[1,1,-1]", "[2,2,-1]", "[0,0,0]", "[1.5,1,2]"),
	    XGBP_EMODEL, "tree 0 node 1: node 1 reached twice",
	    "[1,1,-1]" },
	/* Split feature indices: negative, or past num_feature. */
	{ PLAIN("[1,-1,-1]", "[2,-1,-1]", "[-1,0,0]", "[1.5,-1,2]"),
	    XGBP_EMODEL, "tree 0 node 0: split index -1 out of range",
	    "[-1,0,0]" },
	{ PLAIN("[1,-1,-1]", "[2,-1,-1]", "[2,0,0]", "[1.5,-1,2]"),
	    XGBP_EMODEL,
	    "tree 0 node 0: split index 2 out of range (num_feature 2)",
	    "[2,0,0]" },
	/* A base_score XGBoost cannot turn into a margin. */
	{ MODEL("\"base_score\":\"1E39\",\"num_feature\":\"2\"",
	    "reg:squarederror", GBTREE(TREE(N3, "[1,-1,-1]", "[2,-1,-1]",
	    "[0,0,0]", "[1.5,-1,2]", ""), "[0]")),
	    XGBP_EMODEL, "base_score is not finite",
	    "\"learner_model_param\"" },
	{ DART("[1,1]"), XGBP_EMODEL, "2 DART weights for 1 trees",
	    "[1,1]" },
	/* Array lengths agree with num_nodes and with each other. */
	{ MODEL(LMP, "reg:squarederror", GBTREE(TREE(
	    "\"num_nodes\":\"1000000000\"", "[1,-1,-1]", "[2,-1,-1]",
	    "[0,0,0]", "[1.5,-1,2]", ""), "[0]")),
	    XGBP_EMODEL, "tree 0: 3 elements, num_nodes is 1000000000",
	    "[1,-1,-1],\"right" },
	{ MODEL(LMP, "reg:squarederror", GBTREE(TREE(N3, "[1,-1,-1]",
	    "[2,-1,-1]", "[0,0,0]", "[1.5,-1,2]", ""), "[0,0,0,0]")),
	    XGBP_EMODEL, "tree_info has 4 entries for 1 trees",
	    "[0,0,0,0]" },
	/* Output counts bounded by the file before they size anything. */
	{ MODEL("\"base_score\":\"5E-1\",\"num_feature\":\"2\","
	    "\"num_class\":\"2147483647\"", "multi:softprob",
	    GBTREE(TREE(N3, "[1,-1,-1]", "[2,-1,-1]", "[0,0,0]",
	    "[1.5,-1,2]", ""), "[0]")),
	    XGBP_EMODEL, "2147483647 outputs in a model of %zu bytes",
	    "\"learner_model_param\"" },
	{ MODEL("\"base_score\":\"5E-1\",\"num_feature\":\"2\","
	    "\"num_target\":\"100000000\"", "reg:squarederror",
	    GBTREE(TREE(N3, "[1,-1,-1]", "[2,-1,-1]", "[0,0,0]",
	    "[1.5,-1,2]", ""), "[0]")),
	    XGBP_EMODEL, "100000000 outputs in a model of %zu bytes",
	    "\"learner_model_param\"" },
	/* Categories: in range, in their segments, one list per node. */
	{ CATEG(",\"categories\":[1,-1],\"categories_nodes\":[0],"
	    "\"categories_segments\":[0],\"categories_sizes\":[2]"),
	    XGBP_EMODEL, "tree 0: category -1 out of range", "[1,-1]" },
	{ CATEG(",\"categories\":[1,2147483648],\"categories_nodes\":[0],"
	    "\"categories_segments\":[0],\"categories_sizes\":[2]"),
	    XGBP_EMODEL, "tree 0: category 2147483648 out of range",
	    "[1,2147483648]" },
	{ CATEG(",\"categories\":[1,2],\"categories_nodes\":[0],"
	    "\"categories_segments\":[1],\"categories_sizes\":[2]"),
	    XGBP_EMODEL, "tree 0: category segment 0 out of range",
	    "[1],\"categories_sizes" },
	{ CATEG(",\"categories\":[1,2],\"categories_nodes\":[0],"
	    "\"categories_segments\":[0],\"categories_sizes\":[-1]"),
	    XGBP_EMODEL, "tree 0: category segment 0 out of range",
	    "[0],\"categories_sizes" },
	{ CATEG(",\"categories\":[1,2],\"categories_nodes\":[1],"
	    "\"categories_segments\":[0],\"categories_sizes\":[2]"),
	    XGBP_EMODEL,
	    "tree 0: categories_nodes[0] is not a categorical split",
	    "[1],\"categories_segments" },
	{ CATEG(",\"categories\":[1,2],\"categories_nodes\":[0,0],"
	    "\"categories_segments\":[0,0],\"categories_sizes\":[2,2]"),
	    XGBP_EMODEL,
	    "tree 0: categories_nodes[1] is not a categorical split",
	    "[0,0],\"categories_segments" },
	{ CATEG(",\"categories\":[1,2],\"categories_nodes\":[0],"
	    "\"categories_segments\":[0,1],\"categories_sizes\":[2]"),
	    XGBP_EMODEL, "tree 0: category arrays of different lengths",
	    "[0],\"categories_segments" },
	{ CATEG(""), XGBP_EMODEL,
	    "tree 0 node 0: categorical split without categories",
	    "[1,0,0]}" },
	{ CATEG2(",\"categories\":[1,2],\"categories_nodes\":[0,1],"
	    "\"categories_segments\":[0,0],\"categories_sizes\":[2,2]"),
	    XGBP_EMODEL, "tree 0: category segments overlap",
	    "[2,2]" },
	/* Control characters quoted from the file stay harmless. */
	{ MODEL(LMP, "reg:\\n\\u001b[2Jx", GBTREE(TREE(N3, "[1,-1,-1]",
	    "[2,-1,-1]", "[0,0,0]", "[1.5,-1,2]", ""), "[0]")),
	    XGBP_EUNSUPPORTED,
	    "unknown objective \"reg:\\x0a\\x1b[2Jx\"", NULL },
};

/* Line 1, column: where text at points to in s (1-based). */
static unsigned long
column_of(const char *s, const char *at)
{
	const char *p = strstr(s, at);

	CHECK(p != NULL);
	return p == NULL ? 0 : (unsigned long)(p - s) + 1;
}

static void
test_refused(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	char want[sizeof(e.msg)];
	size_t i, len, largest;
	int st, fails;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		len = strlen(bad[i].text);
		fails = unit_fails;
		m = NULL;
		memset(&e, 0, sizeof(e));
		xgbp_alloc_largest();
		st = xgbp_model_load(&m, bad[i].text, len, &e);
		largest = xgbp_alloc_largest();
		CHECK(m == NULL);
		xgbp_model_free(m);
		CHECK_INT(st, bad[i].status);
		snprintf(want, sizeof(want), bad[i].msg, len);
		CHECK_STR(e.msg, want);
		CHECK(strchr(e.msg, '\n') == NULL);
		CHECK_INT(e.line, 1);
		if (bad[i].at != NULL)
			CHECK_INT(e.column, column_of(bad[i].text,
			    bad[i].at));
		/* Allocation bounded by the file, not by what it claims. */
		CHECK(largest <= 64 * len + 4096);
		if (unit_fails != fails)
			fprintf(stderr, "case %zu: %s (largest %zu, column "
			    "%lu)\n", i, bad[i].text, largest, e.column);
	}
}

/* The well-formed versions of the cases load, so each case is one fault. */
static void
test_accepted(void)
{
	static const char *const good[] = {
		GOOD,
		CATEG(",\"categories\":[1,3],\"categories_nodes\":[0],"
		    "\"categories_segments\":[0],\"categories_sizes\":[2]"),
		CATEG2(",\"categories\":[1,2],\"categories_nodes\":[0,1],"
		    "\"categories_segments\":[0,1],\"categories_sizes\":[1,1]"),
		DART("[0.5]"),
	};
	struct xgbp_error e;
	struct xgbp_model *m;
	size_t i;
	float x[2] = { 3.0f, 1.0f }, y;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		m = NULL;
		CHECK_INT(xgbp_model_load(&m, good[i], strlen(good[i]), &e),
		    XGBP_OK);
		if (m == NULL) {
			fprintf(stderr, "good %zu: %s\n", i, e.msg);
			continue;
		}
		CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
		xgbp_model_free(m);
	}
	/* The categorical one: category 3 is in the list, so it goes right. */
	m = NULL;
	CHECK_INT(xgbp_model_load(&m, good[1], strlen(good[1]), &e), XGBP_OK);
	if (m != NULL) {
		CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
		CHECK(y == 2.5f);
		x[0] = 2.0f;
		CHECK_INT(xgbp_predict(m, x, 1, 2, &y, XGBP_MARGIN), XGBP_OK);
		CHECK(y == -0.5f);
		xgbp_model_free(m);
	}
}

/*
 * Non-finite values where XGBoost has numbers load, as XGBoost loads a
 * model whose training diverged, and are counted: leaves, thresholds,
 * DART and gblinear weights; JSON's 1e39 is infinite, as XGBoost's
 * reader's fallback to strtof() makes it (src/common/json.cc).  A row
 * meets them as XGBoost's would: a NaN threshold sends every value right.
 */
static void
test_nonfinite(void)
{
	static const struct {
		const char	*text;
		size_t		 n;
		float		 y[2];	/* margins of rows x[0] and x[1] */
	} c[] = {
		{ PLAIN("[1,-1,-1]", "[2,-1,-1]", "[0,0,0]", "[1.5,-1,Infinity]"),
		    1, { INFINITY, -0.5f } },
		{ PLAIN("[1,-1,-1]", "[2,-1,-1]", "[0,0,0]", "[1.5,-1,1e39]"),
		    1, { INFINITY, -0.5f } },
		{ PLAIN("[1,-1,-1]", "[2,-1,-1]", "[0,0,0]", "[NaN,-1,2]"),
		    1, { 2.5f, 2.5f } },
		{ PLAIN("[1,-1,-1]", "[2,-1,-1]", "[0,0,0]",
		    "[-Infinity,NaN,-Infinity]"), 3, { -INFINITY, -INFINITY } },
		{ DART("[NaN]"), 1, { NAN, NAN } },
	};
	float x[4] = { 3.0f, 0.0f, 1.0f, 0.0f }, y[2];
	struct xgbp_error e;
	struct xgbp_info info;
	struct xgbp_model *m;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		m = NULL;
		CHECK_INT(xgbp_model_load(&m, c[i].text, strlen(c[i].text),
		    &e), XGBP_OK);
		if (m == NULL) {
			fprintf(stderr, "case %zu: %s\n", i, e.msg);
			continue;
		}
		info.size = sizeof(info);
		xgbp_model_info(m, &info);
		CHECK_INT(info.nonfinite, c[i].n);
		CHECK_INT(xgbp_predict(m, x, 2, 2, y, XGBP_MARGIN), XGBP_OK);
		CHECK(memcmp(y, c[i].y, sizeof(y)) == 0 ||
		    (isnan(y[0]) && isnan(c[i].y[0]) && isnan(y[1]) &&
		    isnan(c[i].y[1])));
		xgbp_model_free(m);
	}
}

/*
 * A model claiming 2^31 - 1 features in a few hundred bytes loads (its
 * rows may be short: the rest is missing), without sizing anything by
 * that count.
 */
static void
test_many_features(void)
{
	static const char text[] = MODEL("\"base_score\":\"5E-1\","
	    "\"num_feature\":\"2147483647\"", "reg:squarederror",
	    GBTREE(TREE(N3, "[1,-1,-1]", "[2,-1,-1]", "[0,0,0]",
	    "[1.5,-1,2]", ""), "[0]"));
	struct xgbp_error e;
	struct xgbp_model *m = NULL;
	float x = 1.0f, y;

	xgbp_alloc_largest();
	CHECK_INT(xgbp_model_load(&m, text, strlen(text), &e), XGBP_OK);
	CHECK(xgbp_alloc_largest() <= 64 * sizeof(text) + 4096);
	if (m == NULL)
		return;
	CHECK_INT(xgbp_model_nfeatures(m), 2147483647);
	CHECK_INT(xgbp_predict(m, &x, 1, 1, &y, XGBP_MARGIN), XGBP_OK);
	CHECK(y == -0.5f);
	xgbp_model_free(m);
}

/*
 * A UBJSON model (XGBoost 1.7.4's iris) patched: the count of a typed
 * array, and a split index.  Returns the offset of the typed array that
 * follows key, or 0.
 */
static size_t
typed_array(const unsigned char *p, size_t len, const char *key)
{
	size_t k = strlen(key), i;

	for (i = 0; i + k + 4 < len; i++)
		if (memcmp(p + i, key, k) == 0 && p[i + k] == '[' &&
		    p[i + k + 1] == '$')
			return i + k;
	CHECK(0);
	return 0;
}

static void
put_be(unsigned char *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = (unsigned char)v;
		v >>= 8;
	}
}

static void
test_ubjson(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	unsigned char *p;
	size_t len, at, largest;
	char want[sizeof(e.msg)];

	p = unit_slurp("tests/data/xgb-1.7.4/multi_softmax_iris/model.ubj",
	    &len);
	if (p == NULL || (at = typed_array(p, len, "split_indices")) == 0) {
		free(p);
		return;
	}
	/* "[$l#L" then an 8-byte count: claim 2^40 elements. */
	CHECK(memcmp(p + at, "[$l#L", 5) == 0);
	put_be(p + at + 5, UINT64_C(1) << 40, 8);
	m = NULL;
	xgbp_alloc_largest();
	CHECK_INT(xgbp_model_load(&m, p, len, &e), XGBP_ESYNTAX);
	largest = xgbp_alloc_largest();
	CHECK(m == NULL);
	snprintf(want, sizeof(want), "count %llu exceeds the file",
	    (unsigned long long)1 << 40);
	CHECK_STR(e.msg, want);
	CHECK_INT(e.offset, at);
	CHECK(largest <= 4 * len);
	/* The real count, and a first split index of 2^31. */
	put_be(p + at + 5, 3, 8);
	put_be(p + at + 13, UINT64_C(0x80000000), 4);
	CHECK_INT(xgbp_model_load(&m, p, len, &e), XGBP_EMODEL);
	CHECK(m == NULL);
	CHECK_STR(e.msg, "tree 0 node 0: split index -2147483648 out of "
	    "range");
	CHECK_INT(e.offset, at);
	/* Back to the model XGBoost wrote: it loads. */
	put_be(p + at + 13, 2, 4);
	CHECK_INT(xgbp_model_load(&m, p, len, &e), XGBP_OK);
	xgbp_model_free(m);
	free(p);
}

int
main(void)
{
	RUN(test_refused);
	RUN(test_accepted);
	RUN(test_nonfinite);
	RUN(test_many_features);
	RUN(test_ubjson);
	return unit_done();
}
