/*
 * predict.c: score a batch of rows.  Each row starts from the initial
 * margins; every tree's leaf, times its DART weight, is added in float and
 * in the model's tree order to its output group, as XGBoost's CPU predictor
 * does (dmlc/xgboost src/predictor/cpu_predictor.cc, predict_fn.h,
 * v3.4.1); float addition is not associative, so any other order would
 * differ in the last bit.  The objective's transform follows unless margins
 * are asked for.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "internal.h"

/*
 * Whether a categorical split sends value v right: v, truncated to an
 * integer, is one of the node's categories.  Negative values and values
 * from 2^24 on go left, as do categories never seen in training
 * (Decision in dmlc/xgboost src/common/categorical.h, 1.7 and later).
 */
static int
category_right(const struct xgbp_model *m, const struct xgbp_node *nd,
    float v)
{
	const int32_t *c = m->cats + nd->cat0;
	size_t lo, hi, mid;
	int32_t k;

	if (v < 0 || v >= 16777216.0f)
		return 0;
	k = (int32_t)v;
	lo = 0;
	hi = nd->ncat;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c[mid] == k)
			return 1;
		if (c[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * The child of split node p that row x takes.  Missing goes to the
 * default child, else a numeric split goes left iff x < threshold in
 * float; features beyond nx are missing.
 */
int32_t
xgbp_node_next(const struct xgbp_model *m, const struct xgbp_node *p,
    const float *x, size_t nx)
{
	float v;

	v = p->feature < nx ? x[p->feature] : NAN;
	if (isnan(v))
		return p->default_left ? p->left : p->right;
	if (p->categorical)
		return category_right(m, p, v) ? p->right : p->left;
	return v < p->value ? p->left : p->right;
}

/*
 * Return the index of the leaf that row x reaches in tree t.  load.c
 * guarantees every index is in range and every path ends in a leaf.  The
 * reference walk: engine.c's walkers must agree with it, and use it for
 * the trees they do not lay out.
 */
int32_t
xgbp_tree_leaf(const struct xgbp_model *m, const struct xgbp_tree *t,
    const float *x, size_t nx)
{
	const struct xgbp_node *nd = m->nodes + t->node0, *p;
	int32_t n;

	n = 0;
	while ((p = &nd[n])->left != NODE_LEAF)
		n = xgbp_node_next(m, p, x, nx);
	return n;
}

/* Add tree t's contribution for row x to each of the margins mg. */
static void
add_tree(const struct xgbp_model *m, const struct xgbp_tree *t,
    const float *x, size_t nx, float *mg)
{
	const struct xgbp_node *leaf;
	const float *v;
	size_t k;

	leaf = m->nodes + t->node0 + xgbp_tree_leaf(m, t, x, nx);
	if (t->leafsize == 1) {
		mg[t->group] += leaf->value * t->weight;
		return;
	}
	v = m->leafvals + t->leaf0 + (size_t)leaf->right * t->leafsize;
	for (k = 0; k < t->leafsize; k++)
		mg[k] += v[k] * t->weight;
}

/*
 * Add tree t's contribution for row x to group g's margin *mg, if it adds
 * anything to that group.
 */
static void
add_tree_group(const struct xgbp_model *m, const struct xgbp_tree *t,
    const float *x, size_t nx, size_t g, float *mg)
{
	const struct xgbp_node *leaf;

	if (t->leafsize == 1 && t->group != g)
		return;
	leaf = m->nodes + t->node0 + xgbp_tree_leaf(m, t, x, nx);
	if (t->leafsize == 1)
		*mg += leaf->value * t->weight;
	else
		*mg += m->leafvals[t->leaf0 + (size_t)leaf->right *
		    t->leafsize + g] * t->weight;
}

/*
 * The initial margins by the rules in flags: those of now, or with
 * RULE_NO_LOGIT_CLAMP those before (build.c makes both).
 */
const float *
xgbp_init_margins(const struct xgbp_model *m, int flags)
{
	return m->init + (flags & RULE_NO_LOGIT_CLAMP ? m->ngroup : 0);
}

/*
 * Whether margins take + 0.0f last: a DART model with trees, by the rules
 * before 3.3.  Dart::PredictBatchImpl (dmlc/xgboost src/gbm/gbtree.cc,
 * 1.7 to 3.2) predicts each tree into a buffer filled with 0 and adds
 * that times the tree's weight, so a leaf of -0 adds +0; 3.3 folded DART
 * into GBTree, which adds leaf times weight.  A sum can only differ in
 * the sign of a zero, which + 0.0f gives it.
 */
int
xgbp_dart_from_zero(const struct xgbp_model *m, int flags)
{
	return (flags & RULE_DART_FROM_ZERO) && m->booster == BOOSTER_DART &&
	    m->tree1 > m->tree0;
}

/*
 * The initial margin of group g of a gblinear model from a row's initial
 * margins init: base_score's, init[0], for every group, but a base margin
 * per group, init[g], when they are a row's own (perrow), as
 * GBLinear::PredictBatchInternal takes base_margin(row, gid) (dmlc/xgboost
 * src/gbm/gblinear.cc, 1.7).
 */
float
xgbp_linear_init(const float *init, size_t g, int perrow)
{
	return perrow ? init[g] : init[0];
}

/*
 * gblinear (GBLinear::Pred in dmlc/xgboost src/gbm/gblinear.cc): the bias
 * plus the initial margin base, then each present feature times its
 * weight, in feature order.
 */
static float
linear_margin(const struct xgbp_model *m, const float *x, size_t nx, size_t g,
    float base)
{
	const float *w = m->linear;
	size_t j, n, G = m->ngroup;
	float mg;

	n = nx < m->nfeature ? nx : m->nfeature;
	mg = w[m->nfeature * G + g] + base;
	for (j = 0; j < n; j++)
		if (!isnan(x[j]))
			mg += x[j] * w[j * G + g];
	return mg;
}

/*
 * The margins of row x, all ngroup of them, into mg, from its initial
 * margins init (perrow: a base margin of its own).
 */
static void
row_margins(const struct xgbp_model *m, const float *x, size_t nx,
    float *mg, const float *init, int perrow)
{
	size_t i;

	if (m->booster == BOOSTER_GBLINEAR) {
		for (i = 0; i < m->ngroup; i++)
			mg[i] = linear_margin(m, x, nx, i,
			    xgbp_linear_init(init, i, perrow));
		return;
	}
	memcpy(mg, init, m->ngroup * sizeof(*mg));
	for (i = m->tree0; i < m->tree1; i++)
		add_tree(m, &m->trees[i], x, nx, mg);
}

/*
 * The class multi:softmax predicts: the first group with the greatest
 * margin, NaN never winning (FindMaxIndex in dmlc/xgboost
 * src/common/math.h).  Each group's margin sums only that group's trees, in
 * tree order, so computing the groups one by one gives the same bits as
 * row_margins() without a buffer of ngroup floats.
 */
static float
softmax_class(const struct xgbp_model *m, const float *x, size_t nx,
    const float *init, int perrow)
{
	size_t g, i, best;
	float mg, bestm;

	best = 0;
	bestm = 0;
	for (g = 0; g < m->ngroup; g++) {
		if (m->booster == BOOSTER_GBLINEAR)
			mg = linear_margin(m, x, nx, g,
			    xgbp_linear_init(init, g, perrow));
		else {
			mg = init[g];
			for (i = m->tree0; i < m->tree1; i++)
				add_tree_group(m, &m->trees[i], x, nx, g, &mg);
		}
		if (g == 0 || mg > bestm) {
			best = g;
			bestm = mg;
		}
	}
	return (float)best;
}

/*
 * The values per row the engine writes with flags; the public
 * xgbp_model_noutputs() answers with it.  0 when there would be more
 * than a size_t holds.
 */
size_t
xgbp_outputs(const struct xgbp_model *m, int flags)
{
	size_t cols = m->nfeature + 1;

	if (flags & XGBP_LEAF)
		return m->tree1 - m->tree0;
	if (flags & (XGBP_CONTRIBS | XGBP_CONTRIBS_APPROX))
		return cols > SIZE_MAX / m->ngroup ? 0 : cols * m->ngroup;
	if (flags & XGBP_INTERACTIONS)
		return cols > SIZE_MAX / cols / m->ngroup ? 0 :
		    cols * cols * m->ngroup;
	if (!(flags & XGBP_MARGIN) && m->obj.kind == OBJ_SOFTMAX)
		return 1;
	return m->ngroup;
}

/* Whether more than one bit of v is set. */
#define MANY(v)	(((v) & ((v) - 1)) != 0)

/*
 * The internal flags for public ones: XGBP_MARGIN, XGBP_LEAF and the
 * explanations as they are, and the RULE_* bits of the XGBoost release
 * whose rules apply, the one XGBP_RULES() names or by default the one
 * that wrote m.  -1 for flags xgbp_predict() refuses; *why says why.
 */
int
xgbp_rule_flags(const struct xgbp_model *m, int flags, const char **why)
{
	int major, minor, f, kinds = flags & (XGBP_LEAF | XGBP_EXPLAIN);
	const char *dummy;

	if (why == NULL)
		why = &dummy;
	*why = "flags not valid";
	if ((flags & ~(XGBP_MARGIN | XGBP_LEAF | XGBP_EXPLAIN |
	    XGBP_RULES(0x7f, 0xff))) != 0 || MANY(kinds) ||
	    ((flags & XGBP_RULES(0x7f, 0xff)) != 0 &&
	    !(flags & XGBP_RULES(0, 0))))
		return -1;
	if ((flags & XGBP_LEAF) && m->booster == BOOSTER_GBLINEAR) {
		*why = "a gblinear model has no leaves";
		return -1;
	}
	if ((flags & XGBP_LEAF) && m->tree1 == m->tree0) {
		*why = "the model has no trees";
		return -1;
	}
	if (flags & XGBP_RULES(0, 0)) {
		major = flags >> 16 & 0x7f;
		minor = flags >> 8 & 0xff;
	} else {
		major = m->version[0];
		minor = m->version[1];
	}
	/* XGBoost explains vector leaves from 3.4, by TreeSHAP only. */
	if ((flags & XGBP_CONTRIBS) && m->leafvals != NULL &&
	    (major < 3 || (major == 3 && minor < 4))) {
		*why = "XGBoost before 3.4 computes no contributions for "
		    "vector leaves";
		return -1;
	}
	if ((*why = xgbp_explain_refused(m, flags)) != NULL ||
	    (kinds != 0 && xgbp_outputs(m, flags) == 0)) {
		if (*why == NULL)
			*why = "too many values a row";
		return -1;
	}
	f = flags & (XGBP_MARGIN | XGBP_LEAF | XGBP_EXPLAIN);
	if (major < 3 || (major == 3 && minor < 2))
		f |= RULE_NO_LOGIT_CLAMP;
	if (major < 3 || (major == 3 && minor < 3))
		f |= RULE_DART_FROM_ZERO;
	if (major < 3 || (major == 3 && minor < 4))
		f |= RULE_NO_QUANTILE_SORT;
	return f;
}

/* Bytes of explanation scratch a call may keep on the stack. */
#define STACKWORK	(32 * 1024)

/*
 * Score as xgbp_predict() with internal flags f: the engine's blocks, or
 * row by row for what it does not lay out; explanations in shap.c, with
 * scratch work.  Row r starts from the base margins bm[r * ngroup ..], or
 * with bm NULL every row from the model's initial margins.
 */
static void
predict(const struct xgbp_model *m, const float *x, size_t nrows, size_t nx,
    float *out, int f, void *work, const float *bm)
{
	size_t r, i, nout, istride;
	const float *row, *init;
	float *o;
	int dart0;

	nout = xgbp_outputs(m, f);
	init = bm != NULL ? bm : xgbp_init_margins(m, f);
	istride = bm != NULL ? m->ngroup : 0;
	if (f & XGBP_EXPLAIN) {
		xgbp_explain(m, x, nrows, nx, out, f, work, init, istride);
		return;
	}
	if (xgbp_engine_predict(m, x, nrows, nx, out, nout, f, init,
	    istride) == 0)
		return;
	dart0 = xgbp_dart_from_zero(m, f);
	for (r = 0; r < nrows; r++) {
		o = out + r * nout;
		row = x + r * nx;
		if (f & XGBP_LEAF) {
			for (i = m->tree0; i < m->tree1; i++)
				o[i - m->tree0] = (float)xgbp_tree_leaf(m,
				    &m->trees[i], row, nx);
		} else if (nout == m->ngroup) {
			row_margins(m, row, nx, o, init + r * istride,
			    bm != NULL);
			for (i = 0; dart0 && i < m->ngroup; i++)
				o[i] += 0.0f;
			if (!(f & XGBP_MARGIN))
				xgbp_objective_transform(&m->obj, o, m->ngroup,
				    o, f);
		} else
			o[0] = softmax_class(m, row, nx, init + r * istride,
			    bm != NULL);
	}
}

/*
 * Check the arguments shared by both entry points and work out the
 * internal flags into *f.  Returns XGBP_OK or what is wrong, in *err.
 */
static int
check(const struct xgbp_model *m, const float *x, size_t nrows, float *out,
    int flags, int *f, struct xgbp_error *err)
{
	const char *why;

	if (m == NULL || (nrows != 0 && (x == NULL || out == NULL)))
		return xgbp_seterr(err, XGBP_EARG, 0, "invalid argument");
	if ((*f = xgbp_rule_flags(m, flags, &why)) == -1)
		return xgbp_seterr(err, XGBP_EARG, 0, "%s", why);
	if ((*f & RULE_NO_LOGIT_CLAMP) && m->oldbase_bad)
		return xgbp_seterr(err, XGBP_EMODEL, 0, "base_score must be "
		    "in (0, 1) for a logistic objective before XGBoost 3.2, "
		    "whose rules apply (3.2 and later clamp it)");
	return XGBP_OK;
}

/* A workspace too small for an explanation: say how much it takes. */
static int
small_work(const struct xgbp_model *m, int f, struct xgbp_error *err)
{
	return xgbp_seterr(err, XGBP_EARG, 0, "this explanation needs a "
	    "workspace of %zu bytes (xgbp_model_worksize())",
	    xgbp_explain_work(m, f));
}

int
xgbp_predict(const struct xgbp_model *m, const float *x, size_t nrows,
    size_t nx, float *out, int flags)
{
	double work[STACKWORK / sizeof(double)];
	int f, rc;

	if ((rc = check(m, x, nrows, out, flags, &f, NULL)) != XGBP_OK)
		return rc;
	if (xgbp_explain_work(m, f) > sizeof(work) && nrows > 0)
		return small_work(m, f, NULL);
	predict(m, x, nrows, nx, out, f, work, NULL);
	return XGBP_OK;
}

size_t
xgbp_model_worksize(const struct xgbp_model *m, int flags, size_t nx)
{
	size_t n;
	int f;

	if (m == NULL || (f = xgbp_rule_flags(m, flags, NULL)) == -1)
		return 0;
	n = xgbp_explain_work(m, f);
	if (nx > (SIZE_MAX - n) / sizeof(float))
		return SIZE_MAX;
	return n + nx * sizeof(float);
}

void
xgbp_predict_opts_setup(struct xgbp_predict_opts *o, size_t size)
{
	if (o == NULL || size < sizeof(o->size))
		return;
	memset(o, 0, size);
	o->size = size;
	if (size >= offsetof(struct xgbp_predict_opts, missing) +
	    sizeof(o->missing))
		o->missing = NAN;
}

/* Words of stack xgbp_predict_with() copies rows into for missing. */
#define MISSBUF		4096

/*
 * Score rows with o->missing as well as NaN missing: copy as many as fit
 * of them to buf[0..cap), with NaN for missing, and score those.
 */
static int
predict_missing(const struct xgbp_model *m, const struct xgbp_predict_opts *o,
    const float *x, size_t nrows, size_t nx, float *out, int f, float *buf,
    size_t cap, void *work, struct xgbp_error *err)
{
	size_t r0, n, k, per, nout = xgbp_outputs(m, f);

	if (nx > cap)
		return xgbp_seterr(err, XGBP_EARG, 0, "rows of %zu features "
		    "and a missing value need a workspace of %zu bytes", nx,
		    nx * sizeof(float));
	per = nx == 0 ? nrows : cap / nx;
	for (r0 = 0; r0 < nrows; r0 += n) {
		n = nrows - r0 < per ? nrows - r0 : per;
		for (k = 0; k < n * nx; k++)
			buf[k] = x[r0 * nx + k] == o->missing ? NAN :
			    x[r0 * nx + k];
		predict(m, buf, n, nx, out + r0 * nout, f, work,
		    o->base_margin == NULL ? NULL :
		    o->base_margin + r0 * m->ngroup);
	}
	return XGBP_OK;
}

int
xgbp_predict_with(const struct xgbp_model *m,
    const struct xgbp_predict_opts *o, const float *x, size_t nrows,
    size_t nx, float *out, struct xgbp_error *err)
{
	struct xgbp_predict_opts dflt;
	struct xgbp_error dummy;
	struct xgbp_model view;
	double stack[STACKWORK / sizeof(double)];
	float buf[MISSBUF];
	unsigned char *work;
	size_t need, have;
	int f, rc;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	/* The caller's options, of its header's size, over the defaults. */
	xgbp_predict_opts_init(&dflt);
	if (o != NULL && (rc = xgbp_opts_copy(&dflt, sizeof(dflt), o,
	    offsetof(struct xgbp_predict_opts, work), err)) != XGBP_OK)
		return rc;
	o = &dflt;
	if (m != NULL && (o->begin != 0 || o->end != 0)) {
		if ((rc = xgbp_model_range(&view, m, o->begin, o->end,
		    err)) != XGBP_OK)
			return rc;
		m = &view;
	}
	if ((rc = check(m, x, nrows, out, o->flags, &f, err)) != XGBP_OK)
		return rc;
	/* The workspace: explanation scratch first, rows for missing after. */
	need = xgbp_explain_work(m, f);
	work = (unsigned char *)stack;
	have = sizeof(stack);
	if (o->work != NULL) {
		work = o->work;
		have = o->worksize;
	}
	if (need > have && nrows > 0)
		return small_work(m, f, err);
	if (!isnan(o->missing))
		return work == (unsigned char *)stack ?
		    predict_missing(m, o, x, nrows, nx, out, f, buf, MISSBUF,
		    work, err) :
		    predict_missing(m, o, x, nrows, nx, out, f,
		    (float *)(void *)(work + need), (have - need) /
		    sizeof(float), work, err);
	predict(m, x, nrows, nx, out, f, work, o->base_margin);
	return XGBP_OK;
}
