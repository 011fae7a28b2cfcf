/*
 * legacy.c: the binary model format of XGBoost 0.4x to 3.0 (3.1 removed
 * it), in every era: with the "binf" header (0.4x, 1.1-3.0), without it
 * (0.60-1.0.x), and inside a 1.0-1.3 pickle snapshot ("CONFIG-offset:").
 * The layout is in ../shared/docs/xgboost-model-format.md §4 and,
 * authoritatively, in dmlc/xgboost src/learner.cc (LoadModel),
 * src/gbm/gbtree_model.cc, src/gbm/gbtree.cc (Dart::Load),
 * src/gbm/gblinear_model.h and src/tree/tree_model.cc (RegTree::Load)
 * (v0.90, v1.7.6, v3.0.0).  Numbers are little-endian on every platform.
 *
 * The reader only fills the builder, as the JSON path does; build.c
 * validates.  Every count and length is checked against the bytes left
 * before anything is allocated or looped over, so a short or hostile file
 * costs no more than its own size.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define LEARNER_SIZE	136	/* LearnerModelParam(Legacy) */
#define GBTREE_SIZE	160	/* GBTreeModelParam */
#define TREE_SIZE	148	/* TreeParam */
#define NODE_SIZE	20	/* RegTree::Node */
#define STAT_SIZE	16	/* RTreeNodeStat */
#define LINEAR_SIZE	136	/* GBLinearModelParam */
#define SNAPSHOT	"CONFIG-offset:"
#define DELETED		0xffffffffU	/* sindex of a deleted node */
#define MAXOBJNAME	63	/* longest plausible objective name */

/* A cursor over the binary model p[0..end). */
struct bin {
	struct xgbp_builder *b;
	const unsigned char *p;
	size_t		 pos;
	size_t		 end;
	uint32_t	 major;		/* major_version: 0 before 1.0 */
	int		 binf;		/* the file has the "binf" header */
	int		 guess;		/* no header at all: maybe no model */
	int		 attrs;		/* attributes follow the booster */
};

static uint32_t
u32(const unsigned char *q)
{
	return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
	    (uint32_t)q[3] << 24;
}

static int32_t
s32(const unsigned char *q)
{
	uint32_t u;
	int32_t v;

	u = u32(q);
	memcpy(&v, &u, sizeof(v));
	return v;
}

static uint64_t
u64(const unsigned char *q)
{
	return (uint64_t)u32(q) | (uint64_t)u32(q + 4) << 32;
}

static float
f32(const unsigned char *q)
{
	uint32_t u;
	float f;

	u = u32(q);
	memcpy(&f, &u, sizeof(f));
	return f;
}

/* Check that a size-byte record (what) is left before reading it. */
static int
need(struct bin *r, size_t size, const char *what)
{
	if (size <= r->end - r->pos)
		return XGBP_OK;
	return xgbp_seterr(r->b->err, XGBP_ESYNTAX, r->end,
	    "truncated at byte %zu: expected %s", r->end, what);
}

/*
 * Check that count items of at least size bytes each are left, before
 * anything allocates or loops over them.  A truncated file and a corrupt
 * count look the same, and get the same message.
 */
static int
needn(struct bin *r, uint64_t count, size_t size, const char *what)
{
	if (count <= (r->end - r->pos) / size)
		return XGBP_OK;
	return xgbp_seterr(r->b->err, XGBP_ESYNTAX, r->end,
	    "truncated at byte %zu: expected %llu %s", r->end,
	    (unsigned long long)count, what);
}

/*
 * A headerless file is recognised only by being plausible (XGBoost itself
 * checks nothing), so anything that is not gets this error.
 */
static int
not_model(struct bin *r)
{
	return xgbp_seterr(r->b->err, XGBP_ESYNTAX, 0,
	    "not an XGBoost model (unrecognised format)");
}

/*
 * Read a string, a uint64 length and its bytes, into s[0..*n); *pos is
 * where the bytes begin.
 */
static int
string(struct bin *r, const char *what, const unsigned char **s, size_t *n,
    size_t *pos)
{
	uint64_t len;
	int rc;

	if ((rc = need(r, 8, "an 8-byte string length")) != XGBP_OK)
		return rc;
	len = u64(r->p + r->pos);
	r->pos += 8;
	if ((rc = needn(r, len, 1, what)) != XGBP_OK)
		return rc;
	*s = r->p + r->pos;
	*n = (size_t)len;
	*pos = r->pos;
	r->pos += *n;
	return XGBP_OK;
}

/*
 * In a headerless file, a name whose length is 0 or above max means the
 * bytes are no model at all.
 */
static int
plausible(struct bin *r, uint64_t max)
{
	uint64_t len;

	if (!r->guess || r->end - r->pos < 8)
		return XGBP_OK;
	len = u64(r->p + r->pos);
	return len == 0 || len > max ? not_model(r) : XGBP_OK;
}

/* Read a vector of floats, a uint64 count and the values, into v. */
static int
floats(struct bin *r, struct xgbp_vec *v, size_t *pos, const char *what)
{
	uint64_t n, i;
	float f;
	int rc;

	if ((rc = need(r, 8, "an 8-byte vector length")) != XGBP_OK)
		return rc;
	*pos = r->pos;
	n = u64(r->p + r->pos);
	r->pos += 8;
	if ((rc = needn(r, n, 4, what)) != XGBP_OK)
		return rc;
	v->n = 0;
	for (i = 0; i < n; i++) {
		f = f32(r->p + r->pos);
		if ((rc = xgbp_build_push(r->b, v, &f)) != XGBP_OK)
			return rc;
		r->pos += 4;
	}
	return XGBP_OK;
}

/* Check the counts of the learner parameters at q, as the JSON path does. */
static int
learner_counts(struct bin *r, const unsigned char *q)
{
	struct xgbp_builder *b = r->b;

	if (u32(q + 4) > INT32_MAX)
		return xgbp_seterr(b->err, XGBP_EMODEL, r->pos + 4,
		    "num_feature %lu out of range", (unsigned long)u32(q + 4));
	if (s32(q + 8) < 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, r->pos + 8,
		    "num_class %ld out of range", (long)s32(q + 8));
	if (r->major != 0 && u32(q + 28) > INT32_MAX)
		return xgbp_seterr(b->err, XGBP_EMODEL, r->pos + 28,
		    "num_target %lu out of range", (unsigned long)u32(q + 28));
	return XGBP_OK;
}

/*
 * LearnerModelParam (136 bytes).  major_version is 0 before 1.0, whose
 * base_score is a margin already (doc §5.4).  In 0.4x files (a "binf"
 * header and version 0) the fourth int is saved_with_pbuffer, and no
 * attributes follow: the prediction buffer it announces comes after
 * everything read here, and is ignored like any trailing data.
 */
static int
learner(struct bin *r)
{
	struct xgbp_builder *b = r->b;
	const unsigned char *q;
	float base;
	int rc;

	if (r->guess && r->end < LEARNER_SIZE + 8)
		return not_model(r);
	if ((rc = need(r, LEARNER_SIZE, "the 136-byte learner parameters")) !=
	    XGBP_OK)
		return rc;
	q = r->p + r->pos;
	r->major = u32(q + 20);
	if (r->guess && r->major > 1)	/* headerless: 0.60 to 1.0.x */
		return not_model(r);
	if ((rc = learner_counts(r, q)) != XGBP_OK)
		return rc;
	r->attrs = !(r->binf && r->major == 0) && s32(q + 12) != 0;
	base = f32(q);
	if ((rc = xgbp_build_push(b, &b->base, &base)) != XGBP_OK)
		return rc;
	b->base_is_margin = r->major == 0;
	b->num_feature = u32(q + 4);
	b->num_class = s32(q + 8);
	b->num_target = r->major == 0 || u32(q + 28) == 0 ? 1 : u32(q + 28);
	b->boost_from_average = r->major != 0 && s32(q + 32) != 0;
	b->have_lmp = 1;
	b->lmp_pos = r->pos;
	if (r->major != 0 && r->major < 1000 && u32(q + 24) < 1000) {
		b->m->version[0] = (int)r->major;
		b->m->version[1] = (int)u32(q + 24);
		b->m->version[2] = -1;	/* binary files keep no patch level */
	}
	r->pos += LEARNER_SIZE;
	return XGBP_OK;
}

static int
printable(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			return 0;
	return 1;
}

/* The objective's and the booster's names. */
static int
names(struct bin *r)
{
	struct xgbp_builder *b = r->b;
	const unsigned char *s;
	size_t n, pos;
	int rc;

	if ((rc = plausible(r, MAXOBJNAME)) != XGBP_OK ||
	    (rc = string(r, "bytes of the objective name", &s, &n, &pos)) !=
	    XGBP_OK)
		return rc;
	if (r->guess && !printable(s, n))
		return not_model(r);
	b->objpos = pos;
	b->objnamelen = n < sizeof(b->objname) ? n : sizeof(b->objname);
	memcpy(b->objname, s, b->objnamelen);
	if ((rc = plausible(r, sizeof(b->booster) - 1)) != XGBP_OK ||
	    (rc = string(r, "bytes of the booster name", &s, &n, &pos)) !=
	    XGBP_OK)
		return rc;
	b->boosterpos = pos;
	if (n < sizeof(b->booster) && memchr(s, '\0', n) == NULL) {
		memcpy(b->booster, s, n);
		b->booster[n] = '\0';
	}
	if (strcmp(b->booster, "gbtree") == 0 ||
	    strcmp(b->booster, "dart") == 0 ||
	    strcmp(b->booster, "gblinear") == 0)
		return XGBP_OK;
	if (r->guess)
		return not_model(r);
	return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, pos,
	    "booster \"%.*s\" is not supported", (int)(n < 40 ? n : 40),
	    (const char *)s);
}

/*
 * The nodes of a tree: n 20-byte records of parent (not needed), left and
 * right child, split feature with default_left in bit 31, and threshold or
 * leaf value (RegTree::Node, dmlc/xgboost include/xgboost/tree_model.h).
 * A deleted node is unreachable; it becomes a plain leaf, so build.c need
 * not know of it.
 */
static int
nodes(struct bin *r, int32_t n)
{
	struct xgbp_builder *b = r->b;
	struct xgbp_treein *t = &b->t;
	const unsigned char *q;
	int64_t v[TA_DEFLEFT + 1];
	uint32_t sindex;
	int32_t i;
	float cond;
	int k, rc;

	t->intpos[TA_LEFT] = r->pos + 4;
	t->intpos[TA_RIGHT] = r->pos + 8;
	t->intpos[TA_SPLIT] = t->intpos[TA_DEFLEFT] = r->pos + 12;
	t->floatpos[TF_COND] = r->pos + 16;
	for (i = 0; i < n; i++, r->pos += NODE_SIZE) {
		q = r->p + r->pos;
		sindex = u32(q + 12);
		v[TA_LEFT] = s32(q + 4);
		v[TA_RIGHT] = s32(q + 8);
		v[TA_SPLIT] = sindex & 0x7fffffff;
		v[TA_DEFLEFT] = sindex >> 31;
		cond = f32(q + 16);
		if (sindex == DELETED) {
			v[TA_LEFT] = v[TA_RIGHT] = NODE_LEAF;
			v[TA_SPLIT] = v[TA_DEFLEFT] = 0;
			if (!isfinite(cond))
				cond = 0;
		}
		for (k = TA_LEFT; k <= TA_DEFLEFT; k++)
			if ((rc = xgbp_build_push(b, &t->ints[k], &v[k])) !=
			    XGBP_OK)
				return rc;
		if ((rc = xgbp_build_push(b, &t->floats[TF_COND], &cond)) !=
		    XGBP_OK)
			return rc;
	}
	return XGBP_OK;
}

/*
 * Skip the leaf_vector that writers before 1.0 appended to a tree whose
 * size_leaf_vector is not 0 (never seen in practice; 1.0 and later
 * neither write nor read it).
 */
static int
skip_leaf_vector(struct bin *r)
{
	uint64_t n;
	int rc;

	if ((rc = need(r, 8, "an 8-byte vector length")) != XGBP_OK)
		return rc;
	n = u64(r->p + r->pos);
	r->pos += 8;
	if ((rc = needn(r, n, 4, "leaf vector values")) != XGBP_OK)
		return rc;
	r->pos += (size_t)n * 4;
	return XGBP_OK;
}

/*
 * One tree: TreeParam (148 bytes), num_nodes nodes, as many 16-byte node
 * statistics (their covers, for SHAP); then hand the arrays to build.c.
 */
static int
tree(struct bin *r)
{
	struct xgbp_builder *b = r->b;
	struct xgbp_treein *t = &b->t;
	const unsigned char *q;
	int32_t nroots, n, leafsize;
	float cover;
	int k, rc;

	if ((rc = need(r, TREE_SIZE, "the 148-byte tree parameters")) !=
	    XGBP_OK)
		return rc;
	q = r->p + r->pos;
	t->pos = r->pos;
	nroots = s32(q);
	n = s32(q + 4);
	leafsize = s32(q + 20);
	if (nroots != 1)
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, t->pos,
		    "tree %zu has %ld roots: not supported", b->trees.n,
		    (long)nroots);
	if (n < 1)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->pos + 4,
		    "tree %zu: num_nodes %ld out of range", b->trees.n,
		    (long)n);
	if (r->major != 0 && (leafsize < 0 || leafsize > 1))
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, t->pos + 20,
		    "tree %zu: size_leaf_vector %ld in a binary model",
		    b->trees.n, (long)leafsize);
	r->pos += TREE_SIZE;
	if ((rc = needn(r, (uint64_t)n, NODE_SIZE + STAT_SIZE, "nodes")) !=
	    XGBP_OK)
		return rc;
	for (k = 0; k < TA_NINT; k++)
		t->ints[k].n = 0;
	for (k = 0; k < TA_NFLOAT; k++)
		t->floats[k].n = 0;
	t->nnodes = n;
	t->leafsize = 0;
	if ((rc = nodes(r, n)) != XGBP_OK)
		return rc;
	/* RTreeNodeStat: loss_chg, sum_hess (the cover SHAP needs), ... */
	t->floatpos[TF_HESS] = r->pos + 4;
	for (k = 0; k < n; k++, r->pos += STAT_SIZE) {
		cover = f32(r->p + r->pos + 4);
		if ((rc = xgbp_build_push(b, &t->floats[TF_HESS], &cover)) !=
		    XGBP_OK)
			return rc;
	}
	if (r->major == 0 && leafsize != 0 &&
	    (rc = skip_leaf_vector(r)) != XGBP_OK)
		return rc;
	return xgbp_build_tree(b);
}

/*
 * gbtree and dart: GBTreeModelParam (160 bytes), the trees, tree_info
 * (one int32 per tree) and, for dart, weight_drop; the last two only when
 * there are trees (GBTreeModel::Load, Dart::Load).
 */
static int
gbtree(struct bin *r, int dart)
{
	struct xgbp_builder *b = r->b;
	const unsigned char *q;
	int32_t ntrees, i;
	int64_t info;
	int rc;

	if ((rc = need(r, GBTREE_SIZE, "the 160-byte gbtree parameters")) !=
	    XGBP_OK)
		return rc;
	q = r->p + r->pos;
	if ((ntrees = s32(q)) < 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, r->pos,
		    "num_trees %ld out of range", (long)ntrees);
	b->num_trees = ntrees;
	/* num_parallel_tree since 1.6; before, num_roots, always 1. */
	b->num_parallel = s32(q + 4) > 0 ? s32(q + 4) : 1;
	r->pos += GBTREE_SIZE;
	if ((rc = needn(r, (uint64_t)ntrees, TREE_SIZE + NODE_SIZE + STAT_SIZE,
	    "trees")) != XGBP_OK)
		return rc;
	for (i = 0; i < ntrees; i++)
		if ((rc = tree(r)) != XGBP_OK)
			return rc;
	b->tree_info_pos = r->pos;
	if ((rc = needn(r, (uint64_t)ntrees, 4, "tree_info entries")) !=
	    XGBP_OK)
		return rc;
	b->tree_info.n = 0;
	for (i = 0; i < ntrees; i++, r->pos += 4) {
		info = s32(r->p + r->pos);
		if ((rc = xgbp_build_push(b, &b->tree_info, &info)) != XGBP_OK)
			return rc;
	}
	b->have_trees = 1;
	if (dart && ntrees > 0)
		return floats(r, &b->weight_drop, &b->weight_drop_pos,
		    "DART weights");
	return XGBP_OK;
}

/* gblinear: a 136-byte parameter block (not needed), then the weights. */
static int
gblinear(struct bin *r)
{
	struct xgbp_builder *b = r->b;
	int rc;

	if ((rc = need(r, LINEAR_SIZE, "the 136-byte gblinear parameters")) !=
	    XGBP_OK)
		return rc;
	r->pos += LINEAR_SIZE;
	b->have_linear = 1;
	return floats(r, &b->linear, &b->linear_pos, "gblinear weights");
}

static int
keyis(const unsigned char *k, size_t n, const char *s)
{
	return n == strlen(s) && memcmp(k, s, n) == 0;
}

/*
 * One attribute.  Files of 1.0 and later keep the objective's JSON
 * configuration (num_class, quantile_alpha, ...) in "objective"; its
 * error positions are shifted from the string to the file.  The name
 * stays the one stored before the booster, which is what XGBoost creates
 * the objective from (Learner::LoadModel, dmlc/xgboost src/learner.cc).
 */
static int
attribute(struct bin *r, const unsigned char *k, size_t kn,
    const unsigned char *v, size_t vn, size_t vpos)
{
	struct xgbp_builder *b = r->b;
	char name[sizeof(b->objname)];
	size_t namelen, namepos;
	int64_t x;
	int rc, clean;

	if (keyis(k, kn, "best_iteration")) {
		if ((x = xgbp_decimal((const char *)v, vn)) >= 0)
			b->best_iteration = x;
		return XGBP_OK;
	}
	if (!keyis(k, kn, "objective") || r->major == 0)
		return XGBP_OK;
	memcpy(name, b->objname, sizeof(name));
	namelen = b->objnamelen;
	namepos = b->objpos;
	clean = b->err != NULL && b->err->status == XGBP_OK;
	if ((rc = xgbp_build_objective(b, (const char *)v, vn)) != XGBP_OK) {
		if (clean && b->err->status != XGBP_OK)
			b->err->offset += vpos;
		return rc;
	}
	memcpy(b->objname, name, sizeof(name));
	b->objnamelen = namelen;
	b->objpos = namepos;
	return XGBP_OK;
}

/* The attributes: a uint64 count, then name and value strings. */
static int
attributes(struct bin *r)
{
	const unsigned char *k, *v;
	size_t kn, vn, kpos, vpos;
	uint64_t n, i;
	int rc;

	if ((rc = need(r, 8, "an 8-byte attribute count")) != XGBP_OK)
		return rc;
	n = u64(r->p + r->pos);
	r->pos += 8;
	if ((rc = needn(r, n, 16, "attributes")) != XGBP_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = string(r, "bytes of an attribute name", &k, &kn,
		    &kpos)) != XGBP_OK ||
		    (rc = string(r, "bytes of an attribute value", &v, &vn,
		    &vpos)) != XGBP_OK ||
		    (rc = attribute(r, k, kn, v, vn, vpos)) != XGBP_OK)
			return rc;
	}
	return XGBP_OK;
}

/*
 * A 1.0-1.3 pickle snapshot is "CONFIG-offset:", an int64 n, n bytes of
 * binary model and the training configuration as JSON, which prediction
 * does not need (LearnerIO::Save, dmlc/xgboost src/learner.cc, v1.3.0).
 * Narrow r to the model.
 */
static int
snapshot(struct bin *r)
{
	size_t n = sizeof(SNAPSHOT) - 1;
	uint64_t len;
	int rc;

	if (r->end < n || memcmp(r->p, SNAPSHOT, n) != 0)
		return XGBP_OK;
	r->pos = n;
	if ((rc = need(r, 8, "the 8-byte length of the snapshot's model")) !=
	    XGBP_OK)
		return rc;
	len = u64(r->p + r->pos);
	r->pos += 8;
	if ((rc = needn(r, len, 1, "bytes of the snapshot's model")) !=
	    XGBP_OK)
		return rc;
	r->end = r->pos + (size_t)len;
	return XGBP_OK;
}

/*
 * Fill b from the binary model p[0..len), as xgbp_build_doc() does from a
 * document; the caller then calls xgbp_build_finish().  Bytes after the
 * attributes (pre-1.0 files keep some parameters there) are ignored.
 */
int
xgbp_legacy_load(struct xgbp_builder *b, const unsigned char *p, size_t len)
{
	struct bin r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.b = b;
	r.p = p;
	r.end = len;
	if ((rc = snapshot(&r)) != XGBP_OK)
		return rc;
	if (r.end - r.pos >= 4 && memcmp(r.p + r.pos, "binf", 4) == 0) {
		r.binf = 1;
		r.pos += 4;
	} else
		r.guess = r.pos == 0;
	if ((rc = learner(&r)) != XGBP_OK || (rc = names(&r)) != XGBP_OK)
		return rc;
	if (strcmp(b->booster, "gblinear") == 0)
		rc = gblinear(&r);
	else
		rc = gbtree(&r, strcmp(b->booster, "dart") == 0);
	if (rc == XGBP_OK && r.attrs)
		rc = attributes(&r);
	return rc;
}
