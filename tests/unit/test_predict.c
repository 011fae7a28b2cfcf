/*
 * test_predict.c: the block walkers of engine.c, engine_x86.c and
 * engine_neon.c against XGBoost and against the reference walk of
 * predict.c.  Every walker the CPU can run (portable, AVX2, AVX-512; NEON
 * on AArch64, which make cross-check runs under qemu) must give margins
 * bit-identical to XGBoost's own on its fixtures, the leaves XGBoost's
 * pred_leaf gives, and the same bits as the one-row-at-a-time reference
 * (the model with its engine taken away) on every fixture's data and on
 * random trees of every shape the engine lays out: shallow complete, deep
 * explicit, deeper than it walks in steps, and categorical, with missing
 * values, short rows and every batch size around the block width.
 */
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

#define D17	"tests/data/xgb-1.7.4/"
#define D21	"tests/data/xgb-2.1.4/"
#define D34	"tests/data/xgb-3.4.1/"

static const char *const isaname[] = { "scalar", "avx2", "avx512", "neon" };

/*
 * Read a CSV of numbers with a header line (XGBoost's data, margins or
 * leaves as the fixtures hold them): rows of *ncol floats, an empty field
 * NaN.  NULL, and a failed check, if it cannot.
 */
static float *
read_csv(const char *path, size_t *nrow, size_t *ncol)
{
	unsigned char *text;
	char *p, *end;
	float *v = NULL;
	size_t len, n = 0, cap = 0, cols = 0, col = 0;

	*nrow = *ncol = 0;
	if ((text = unit_slurp(path, &len)) == NULL)
		return NULL;
	text[len - 1] = '\0';		/* the last newline */
	if ((p = strchr((char *)text, '\n')) == NULL) {
		free(text);
		return NULL;
	}
	for (p++; *p != '\0'; p = end + 1) {
		if (n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			v = realloc(v, cap * sizeof(*v));
			CHECK(v != NULL);
			if (v == NULL)
				break;
		}
		if (*p == ',' || *p == '\n' || *p == '\0') {
			v[n++] = NAN;
			end = p;
		} else
			v[n++] = (float)strtod(p, &end);
		col++;
		if (*end == '\0' || *end == '\n') {
			if (cols == 0)
				cols = col;
			CHECK_INT(col, cols);
			col = 0;
			if (*end == '\0')
				break;
		} else
			CHECK(*end == ',');
	}
	free(text);
	*ncol = cols;
	*nrow = cols == 0 ? 0 : n / cols;
	return v;
}

/* Whether a and b hold the same floats, bit for bit. */
static int
same(const float *a, const float *b, size_t n, const char *what)
{
	uint32_t ua, ub;
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(&ua, &a[i], 4);
		memcpy(&ub, &b[i], 4);
		if (ua != ub && !(isnan(a[i]) && isnan(b[i]))) {
			fprintf(stderr, "%s: value %zu: %.9g != %.9g\n", what,
			    i, a[i], b[i]);
			return 0;
		}
	}
	return 1;
}

/* Predict with the reference walk: the model without its engine. */
static int
reference(struct xgbp_model *m, const float *x, size_t n, size_t nx,
    float *y, int flags)
{
	struct xgbp_engine *e = m->engine;
	int rc;

	m->engine = NULL;
	rc = xgbp_predict(m, x, n, nx, y, flags);
	m->engine = e;
	return rc;
}

/*
 * Fixtures: the model, the data, and XGBoost's margins and leaves for it.
 * Each walker the CPU has gives them all, bit for bit.
 */
static void
test_fixtures(void)
{
	static const char *const dirs[] = {
		D17 "dart_multiclass",
		D17 "lossguide_leaves",
		D17 "binary_logitraw_bc_nan",
		D17 "multi_softprob_iris",
		D21 "wide_sparse",
		D21 "rf_binary",
		D21 "multi_target_multi_output_tree",
		D34 "dart_reg_forest_weighted",
		D34 "categorical_onehot",
		D34 "multi_softprob_wine_nan",
	};
	char path[256], what[300];
	struct xgbp_model *m;
	float *x, *mg, *lf, *y;
	size_t i, n, nx, n2, nmg, n3, nlf;
	int isa, flags, nisa;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/model.json", dirs[i]);
		if ((m = unit_load(path, 0)) == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/data.csv", dirs[i]);
		x = read_csv(path, &n, &nx);
		snprintf(path, sizeof(path), "%s/margin.csv", dirs[i]);
		mg = read_csv(path, &n2, &nmg);
		snprintf(path, sizeof(path), "%s/leaf.csv", dirs[i]);
		lf = read_csv(path, &n3, &nlf);
		CHECK(n > 0 && n2 == n && n3 == n);
		CHECK_INT(nmg, xgbp_model_noutputs(m, XGBP_MARGIN));
		CHECK_INT(nlf, xgbp_model_noutputs(m, XGBP_LEAF));
		y = malloc(n * (nmg > nlf ? nmg : nlf) * sizeof(*y));
		nisa = 0;
		for (isa = XGBP_ISA_SCALAR; y != NULL && unit_fails == 0 &&
		    isa < XGBP_NISA; isa++) {
			if (xgbp_engine_set_isa(m, isa) != 0)
				continue;
			nisa++;
			flags = XGBP_MARGIN;
			CHECK_INT(xgbp_predict(m, x, n, nx, y, flags), XGBP_OK);
			snprintf(what, sizeof(what), "%s %s margin", dirs[i],
			    isaname[isa]);
			CHECK(same(y, mg, n * nmg, what));
			flags = XGBP_LEAF;
			CHECK_INT(xgbp_predict(m, x, n, nx, y, flags), XGBP_OK);
			snprintf(what, sizeof(what), "%s %s leaf", dirs[i],
			    isaname[isa]);
			CHECK(same(y, lf, n * nlf, what));
		}
#if defined(__aarch64__)
		CHECK_INT(xgbp_cpu_isa(), XGBP_ISA_NEON);
#endif
		/* The portable walker, and the best this build offers. */
		CHECK(nisa >= 1 + (xgbp_cpu_isa() != XGBP_ISA_SCALAR));
		free(y);
		free(x);
		free(mg);
		free(lf);
		xgbp_model_free(m);
	}
}

/* A small generator, so the random models are the same on every run. */
static uint64_t rng = 88172645463325252ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

struct text {
	char	*p;
	size_t	 len, cap;
};

static void
add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		/* No t->p + 0 while t->p is NULL: clang's UBSan stops there. */
		if (t->p == NULL && (t->p = malloc(t->cap = 256)) == NULL)
			abort();
		va_start(ap, fmt);
		n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < t->cap - t->len)
			break;
		t->cap = t->cap * 2 + (size_t)n + 64;
		if ((t->p = realloc(t->p, t->cap)) == NULL)
			abort();
	}
	t->len += (size_t)n;
}

#define NF	12		/* features of the random models */
#define MAXN	4096		/* nodes of a random tree, at most */
#define GRID(k)	((float)(int)(k) * 0.25f - 2.0f)	/* thresholds */

/* One tree's arrays, as XGBoost's JSON holds them. */
struct rtree {
	int	 n;
	int	 left[MAXN], right[MAXN], feat[MAXN], dleft[MAXN], cat[MAXN];
	float	 cond[MAXN];
};

/*
 * Grow node i of t: a split with probability p while depth allows,
 * else a leaf.  Children are numbered as they are made, like XGBoost's.
 */
static void
grow(struct rtree *t, int i, int depth, int maxdepth, unsigned p,
    int categorical)
{
	if (depth < maxdepth && t->n + 2 <= MAXN && next() % 100 < p) {
		t->left[i] = t->n;
		t->right[i] = t->n + 1;
		t->n += 2;
		t->feat[i] = (int)(next() % NF);
		t->dleft[i] = (int)(next() % 2);
		t->cat[i] = categorical && next() % 3 == 0;
		t->cond[i] = t->cat[i] ? 0 : GRID(next() % 17);
		grow(t, t->left[i], depth + 1, maxdepth, p, categorical);
		grow(t, t->right[i], depth + 1, maxdepth, p, categorical);
	} else {
		t->left[i] = t->right[i] = -1;
		t->feat[i] = 0;
		t->dleft[i] = 0;
		t->cat[i] = 0;
		t->cond[i] = (float)(int)(next() % 2001 - 1000) / 128.0f;
	}
}

/* A chain: node 2k splits, its left child a leaf, deeper than 64. */
static void
chain(struct rtree *t, int depth)
{
	int i, k;

	t->n = 1;
	for (k = 0, i = 0; k < depth; k++) {
		t->left[i] = t->n;
		t->right[i] = t->n + 1;
		t->feat[i] = k % NF;
		t->dleft[i] = k % 2;
		t->cat[i] = 0;
		t->cond[i] = GRID(k % 17);
		t->left[t->n] = t->right[t->n] = -1;
		t->cond[t->n] = (float)k;
		t->feat[t->n] = t->dleft[t->n] = t->cat[t->n] = 0;
		i = t->n + 1;
		t->n += 2;
	}
	t->left[i] = t->right[i] = -1;
	t->cond[i] = -1.0f;
	t->feat[i] = t->dleft[i] = t->cat[i] = 0;
}

static void
put_ints(struct text *s, const char *key, const int *v, int n)
{
	int i;

	add(s, "\"%s\":[", key);
	for (i = 0; i < n; i++)
		add(s, "%s%d", i > 0 ? "," : "", v[i]);
	add(s, "]");
}

static void
put_tree(struct text *s, const struct rtree *t)
{
	int i, ncat = 0, nodes[MAXN], segs[MAXN], sizes[MAXN];
	int cats[3 * MAXN], nc = 0;

	add(s, "{\"tree_param\":{\"num_nodes\":\"%d\"},", t->n);
	put_ints(s, "left_children", t->left, t->n);
	add(s, ",");
	put_ints(s, "right_children", t->right, t->n);
	add(s, ",");
	put_ints(s, "split_indices", t->feat, t->n);
	add(s, ",");
	put_ints(s, "default_left", t->dleft, t->n);
	add(s, ",");
	put_ints(s, "split_type", t->cat, t->n);
	add(s, ",\"split_conditions\":[");
	for (i = 0; i < t->n; i++)
		add(s, "%s%.9g", i > 0 ? "," : "", t->cond[i]);
	add(s, "]");
	/* Each categorical split sends one or two of categories 0-4 right. */
	for (i = 0; i < t->n; i++) {
		if (t->left[i] == -1 || !t->cat[i])
			continue;
		nodes[ncat] = i;
		segs[ncat] = nc;
		cats[nc++] = (int)(next() % 3);
		if (next() % 2)
			cats[nc++] = 3 + (int)(next() % 2);
		sizes[ncat] = nc - segs[ncat];
		ncat++;
	}
	add(s, ",");
	put_ints(s, "categories", cats, nc);
	add(s, ",");
	put_ints(s, "categories_nodes", nodes, ncat);
	add(s, ",");
	put_ints(s, "categories_segments", segs, ncat);
	add(s, ",");
	put_ints(s, "categories_sizes", sizes, ncat);
	add(s, "}");
}

/*
 * A model of ntree random trees over ngroup outputs (multi:softprob when
 * more than one), each tree shaped by maxdepth and the split chance p;
 * every fifth one a chain deeper than the engine steps, when chains.
 */
static struct xgbp_model *
random_model(int ntree, int ngroup, int maxdepth, unsigned p,
    int categorical, int chains)
{
	static struct rtree t;
	struct text s = { NULL, 0, 0 };
	struct xgbp_error e;
	struct xgbp_model *m = NULL;
	int i;

	add(&s, "{\"learner\":{\"learner_model_param\":{\"base_score\":"
	    "\"5E-1\",\"num_class\":\"%d\",\"num_feature\":\"%d\"},"
	    "\"objective\":{\"name\":\"%s\"},\"gradient_booster\":"
	    "{\"name\":\"gbtree\",\"model\":{\"gbtree_model_param\":"
	    "{\"num_trees\":\"%d\"},\"tree_info\":[", ngroup > 1 ? ngroup : 0,
	    NF, ngroup > 1 ? "multi:softprob" : "reg:squarederror", ntree);
	for (i = 0; i < ntree; i++)
		add(&s, "%s%d", i > 0 ? "," : "", i % ngroup);
	add(&s, "],\"trees\":[");
	for (i = 0; i < ntree; i++) {
		t.n = 1;
		if (chains && i % 5 == 4)
			chain(&t, 70 + i % 3);
		else
			grow(&t, 0, 0, maxdepth, p, categorical);
		if (i > 0)
			add(&s, ",");
		put_tree(&s, &t);
	}
	add(&s, "]}}},\"version\":[2,1,4]}");
	if (xgbp_model_load(&m, s.p, s.len, &e) != XGBP_OK)
		fprintf(stderr, "random model: %s\n", e.msg);
	CHECK(m != NULL);
	free(s.p);
	return m;
}

/*
 * Rows of nx values on the thresholds' grid, a step off it, or missing
 * (NaN) with probability nanp percent.
 */
static void
random_rows(float *x, size_t n, unsigned nanp)
{
	size_t i;
	uint32_t r;

	for (i = 0; i < n; i++) {
		r = next();
		if (r % 100 < nanp)
			x[i] = NAN;
		else if (r % 7 == 0)
			x[i] = nextafterf(GRID(r / 7 % 17), r % 2 ? 9 : -9);
		else if (r % 5 == 0)
			x[i] = (float)(r / 5 % 6);	/* categories, and 5 */
		else
			x[i] = GRID(r / 3 % 19);
	}
}

/* Rows x (n of nx values) through m: every walker agrees with reference. */
static void
agree(struct xgbp_model *m, const float *x, size_t n, size_t nx,
    const char *what)
{
	static const int flags[] = { XGBP_MARGIN, XGBP_LEAF, 0 };
	char buf[200];
	float *want, *got;
	size_t j, nout;
	int isa;

	for (j = 0; j < sizeof(flags) / sizeof(flags[0]); j++) {
		nout = xgbp_model_noutputs(m, flags[j]);
		want = malloc((n * nout + 1) * sizeof(*want));
		got = malloc((n * nout + 1) * sizeof(*got));
		CHECK(want != NULL && got != NULL);
		if (want == NULL || got == NULL) {
			free(want);
			free(got);
			return;
		}
		CHECK_INT(reference(m, x, n, nx, want, flags[j]), XGBP_OK);
		for (isa = XGBP_ISA_SCALAR; unit_fails == 0 &&
		    isa < XGBP_NISA; isa++) {
			if (xgbp_engine_set_isa(m, isa) != 0)
				continue;
			memset(got, 0xff, (n * nout + 1) * sizeof(*got));
			CHECK_INT(xgbp_predict(m, x, n, nx, got, flags[j]),
			    XGBP_OK);
			snprintf(buf, sizeof(buf), "%s, %zu rows of %zu, %s, "
			    "flags %d", what, n, nx, isaname[isa], flags[j]);
			CHECK(same(got, want, n * nout, buf));
			/* Not a float past the end. */
			CHECK(memcmp(got + n * nout, "\xff\xff\xff\xff", 4) ==
			    0);
		}
		free(want);
		free(got);
	}
}

static void
test_random(void)
{
	static const struct {
		const char	*what;
		int		 ntree, ngroup, maxdepth;
		unsigned	 p;
		int		 categorical, chains;
		int		 kind;	/* a layout some tree must have */
		int		 top;	/* complete levels on top it must have */
	} shapes[] = {
		{ "stumps", 40, 1, 1, 100, 0, 0, ET_COMPLETE, 0 },
		{ "complete, depth 6", 30, 1, 6, 100, 0, 0, ET_COMPLETE, 0 },
		{ "sparse, depth 6", 30, 1, 6, 60, 0, 0, ET_COMPLETE, 0 },
		{ "explicit, depth 14", 12, 1, 14, 62, 0, 0, ET_EXPLICIT, 0 },
		{ "explicit, full top", 12, 1, 12, 94, 0, 0, ET_EXPLICIT, 4 },
		{ "deep chains", 15, 1, 8, 70, 0, 1, ET_GENERIC, 0 },
		{ "categorical", 20, 1, 5, 80, 1, 0, ET_GENERIC, 0 },
		{ "3 groups", 30, 3, 5, 85, 0, 0, ET_COMPLETE, 0 },
		{ "40 groups", 80, 40, 3, 90, 0, 0, ET_COMPLETE, 0 },
	};
	static const size_t sizes[] = { 1, 2, 3, 15, 16, 17, 127, 128, 129,
	    255, 300 };
	struct xgbp_model *m;
	float *x;
	size_t i, j, k, rows = 300;

	if ((x = malloc(rows * (NF + 3) * sizeof(*x))) == NULL)
		return;
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		m = random_model(shapes[i].ntree, shapes[i].ngroup,
		    shapes[i].maxdepth, shapes[i].p, shapes[i].categorical,
		    shapes[i].chains);
		if (m == NULL)
			continue;
		CHECK(m->engine != NULL);
		for (j = 0; m->engine != NULL && j < m->ntrees; j++)
			if (m->engine->trees[j].kind == shapes[i].kind &&
			    m->engine->trees[j].top >= shapes[i].top)
				break;
		CHECK(m->engine != NULL && j < m->ntrees);
		/* No missing values, some, and rows of extra columns. */
		random_rows(x, rows * NF, 0);
		agree(m, x, rows, NF, shapes[i].what);
		random_rows(x, rows * (NF + 3), 10);
		for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
			agree(m, x, sizes[k], NF + 3, shapes[i].what);
		/* Short rows: the missing features are missing. */
		agree(m, x, rows, NF - 5, shapes[i].what);
		agree(m, x, 40, 0, shapes[i].what);
		/*
		 * Explicit trees of features past 2^16 keep feature and
		 * child apart: the walkers of unpacked trees agree too.
		 */
		for (j = 0; m->engine != NULL && j < m->ntrees; j++)
			m->engine->trees[j].packed = 0;
		agree(m, x, rows, NF + 3, shapes[i].what);
		xgbp_model_free(m);
	}
	free(x);
}

/*
 * Every JSON fixture of trees of every XGBoost release: the first MAXROWS
 * rows of its data through each walker, as through the reference walk.
 */
#define MAXROWS	600
static void
test_every_fixture(void)
{
	static const char *const dirs[] = { D17, D21, D34 };
	char path[512];
	struct xgbp_model *m;
	struct dirent *de;
	DIR *dp;
	FILE *fp;
	float *x;
	size_t i, n, nx, nmodels = 0;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if ((dp = opendir(dirs[i])) == NULL) {
			CHECK(dp != NULL);
			continue;
		}
		while ((de = readdir(dp)) != NULL && unit_fails == 0) {
			snprintf(path, sizeof(path), "%s%s/model.json", dirs[i],
			    de->d_name);
			if (de->d_name[0] == '.' ||
			    (fp = fopen(path, "r")) == NULL)
				continue;
			fclose(fp);
			if ((m = unit_load(path, 0)) == NULL)
				continue;
			snprintf(path, sizeof(path), "%s%s/data.csv", dirs[i],
			    de->d_name);
			/* gblinear has no trees to walk. */
			x = m->engine != NULL ? read_csv(path, &n, &nx) : NULL;
			if (x != NULL)
				agree(m, x, n < MAXROWS ? n : MAXROWS, nx,
				    path);
			nmodels += x != NULL;
			free(x);
			xgbp_model_free(m);
		}
		closedir(dp);
	}
	CHECK(nmodels >= 40);	/* 45 when written */
}

int
main(void)
{
	RUN(test_fixtures);
	RUN(test_every_fixture);
	RUN(test_random);
	return unit_done();
}
