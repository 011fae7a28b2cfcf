/*
 * engine.c: the trees laid out for speed, and the block walker.  At load
 * every tree gets a compact copy (struct xgbp_etree, internal.h) built
 * from the validated model; prediction then takes up to XGBP_BLOCK rows
 * at a time through each tree in turn, all rows of the block stepping one
 * level together without a branch on the data, and adds each row's leaf
 * to its output group in float and in tree order, as XGBoost does
 * (dmlc/xgboost src/predictor/cpu_predictor.cc, predict_fn.h, v3.4.1).
 * Going through the trees in order for every row keeps each row's sum
 * bit-identical; only the order of work across rows changes.  The portable
 * walker is here; engine_x86.c has AVX2 and AVX-512 ones, chosen at load
 * by what the CPU offers, and engine_neon.c one for every AArch64 CPU.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define MAXPAD	10		/* deepest tree padded to complete */
#define MAXSTEP	64		/* deeper trees: one row at a time */
#define ACCMAX	4096		/* floats of margins per block */

/* The sizes of a tree's layout, found by the first pass. */
struct shape {
	int		 kind;
	size_t		 depth;
	size_t		 nnodes;	/* slots in feat, thr, dflt, child */
	size_t		 nleaves;	/* slots in leafv, leafid */
};

/*
 * Number the nodes of the tree nd that are reachable from its root
 * breadth-first: order[i] is the model index of the ith, lvl[i] its depth.
 * load.c has checked that no node is reached twice, so there are at most
 * as many as the tree has nodes.  Returns the count; *depth is the
 * greatest depth.
 */
static size_t
bfs(const struct xgbp_node *nd, int32_t *order, int32_t *lvl, size_t *depth)
{
	size_t head, tail;
	const struct xgbp_node *p;

	order[0] = 0;
	lvl[0] = 0;
	*depth = 0;
	for (head = 0, tail = 1; head < tail; head++) {
		if ((size_t)lvl[head] > *depth)
			*depth = (size_t)lvl[head];
		p = &nd[order[head]];
		if (p->left == NODE_LEAF)
			continue;
		order[tail] = p->left;
		order[tail + 1] = p->right;
		lvl[tail] = lvl[tail + 1] = lvl[head] + 1;
		tail += 2;
	}
	return tail;
}

/*
 * Choose the layout of tree t.  Padding to a complete tree pays while it
 * at most quadruples the leaves (or the tree is shallow): each level then
 * costs the same for every row and needs no child index.  Trees too deep
 * for a fixed number of steps, and trees with categorical splits, keep
 * the model's own walk.
 */
static void
choose(const struct xgbp_model *m, const struct xgbp_tree *t, int32_t *order,
    int32_t *lvl, struct shape *s)
{
	const struct xgbp_node *nd = m->nodes + t->node0;
	size_t i, n;

	n = bfs(nd, order, lvl, &s->depth);
	s->kind = ET_EXPLICIT;
	for (i = 0; i < n; i++)
		if (nd[order[i]].left != NODE_LEAF &&
		    nd[order[i]].categorical)
			s->kind = ET_GENERIC;
	if (s->depth > MAXSTEP)
		s->kind = ET_GENERIC;
	if (s->kind == ET_EXPLICIT && s->depth <= MAXPAD &&
	    (s->depth <= 6 || ((size_t)1 << s->depth) <= 2 * (n + 1)))
		s->kind = ET_COMPLETE;
	switch (s->kind) {
	case ET_COMPLETE:
		s->nnodes = ((size_t)1 << s->depth) - 1;
		s->nleaves = (size_t)1 << s->depth;
		break;
	case ET_EXPLICIT:
		s->nnodes = s->nleaves = n;
		break;
	default:
		s->nnodes = s->nleaves = 0;
		break;
	}
}

/* Store the split of model node p at slot k. */
static void
put_split(struct xgbp_engine *e, size_t k, const struct xgbp_node *p)
{
	e->feat[k] = p->feature;
	e->thr[k] = p->value;
	e->dflt[k] = p->default_left ? -1 : 0;
	e->child[k] = 0;
}

/*
 * Store a node that sends every row right: feature 0 against a NaN
 * threshold (no value is less), missing going right too.
 */
static void
put_right(struct xgbp_engine *e, size_t k, int32_t child)
{
	e->feat[k] = 0;
	e->thr[k] = NAN;
	e->dflt[k] = 0;
	e->child[k] = child;
}

/* Store leaf id of tree t at leaf slot k, its value times t's weight. */
static void
put_leaf(struct xgbp_engine *e, size_t k, const struct xgbp_tree *t,
    const struct xgbp_node *nd, int32_t id)
{
	e->leafv[k] = t->leafsize == 1 ? nd[id].value * t->weight : 0;
	e->leafid[k] = id;
}

/*
 * Lay tree t out as a complete tree of depth et->depth.  Level d holds
 * 2^d slots at et->off + 2^d - 1; cur[j] is the model node at slot j of
 * the level being filled, a leaf standing in for both its children until
 * the last level.
 */
static void
fill_complete(struct xgbp_engine *e, const struct xgbp_model *m,
    const struct xgbp_tree *t, const struct xgbp_etree *et)
{
	const struct xgbp_node *nd = m->nodes + t->node0, *p;
	int32_t a[1 << MAXPAD], b[1 << MAXPAD], *cur = a, *next = b, *tmp;
	size_t d, j, w, k;

	cur[0] = 0;
	for (d = 0, w = 1; d < et->depth; d++, w *= 2) {
		for (j = 0; j < w; j++) {
			p = &nd[cur[j]];
			k = et->off + w - 1 + j;
			if (p->left == NODE_LEAF) {
				put_right(e, k, 0);
				next[2 * j] = next[2 * j + 1] = cur[j];
			} else {
				put_split(e, k, p);
				next[2 * j] = p->left;
				next[2 * j + 1] = p->right;
			}
		}
		tmp = cur;
		cur = next;
		next = tmp;
	}
	for (j = 0; j < w; j++)
		put_leaf(e, et->loff + j, t, nd, cur[j]);
}

/*
 * Lay tree t out with explicit children, nodes renumbered breadth-first
 * (order[], from bfs()) so that siblings sit side by side.
 */
static void
fill_explicit(struct xgbp_engine *e, const struct xgbp_model *m,
    const struct xgbp_tree *t, struct xgbp_etree *et, int32_t *order,
    int32_t *lvl)
{
	const struct xgbp_node *nd = m->nodes + t->node0, *p;
	size_t i, n, next, depth;

	n = bfs(nd, order, lvl, &depth);
	/*
	 * Its top levels are complete while the first 2^top - 1 nodes in
	 * breadth-first order all split: there they sit as fill_complete()
	 * would put them, so a walker may take those levels as it does a
	 * complete tree's.
	 */
	for (et->top = 0, i = 0; et->top + 1 < et->depth; et->top++) {
		for (; i < ((size_t)2 << et->top) - 1; i++)
			if (nd[order[i]].left == NODE_LEAF)
				break;
		if (i < ((size_t)2 << et->top) - 1)
			break;
	}
	for (i = 0, next = 1; i < n; i++) {
		p = &nd[order[i]];
		if (p->left == NODE_LEAF)
			put_right(e, et->off + i, (int32_t)i - 1);
		else {
			put_split(e, et->off + i, p);
			e->child[et->off + i] = (int32_t)next;
			next += 2;
		}
		put_leaf(e, et->loff + i, t, nd, order[i]);
	}
	/* Feature and child in one word, for walkers that gather both. */
	et->packed = n <= 0x10000;
	for (i = 0; et->packed && i < n; i++) {
		if (e->feat[et->off + i] > 0xffff)
			et->packed = 0;
		e->fc[et->off + i] = e->feat[et->off + i] << 16 |
		    ((uint32_t)e->child[et->off + i] & 0xffff);
	}
}

/* Allocate the pools for nn node slots and nl leaf slots. */
static int
alloc_pools(struct xgbp_engine *e, size_t nn, size_t nl)
{
	if (nn > SIZE_MAX / 4 - XGBP_PAD || nl > SIZE_MAX / 4 - XGBP_PAD)
		return XGBP_ENOMEM;
	nn += XGBP_PAD;
	nl += XGBP_PAD;
	e->feat = xgbp_alloc(nn, sizeof(*e->feat));
	e->thr = xgbp_alloc(nn, sizeof(*e->thr));
	e->dflt = xgbp_alloc(nn, sizeof(*e->dflt));
	e->child = xgbp_alloc(nn, sizeof(*e->child));
	e->fc = xgbp_alloc(nn, sizeof(*e->fc));
	e->leafv = xgbp_alloc(nl, sizeof(*e->leafv));
	e->leafid = xgbp_alloc(nl, sizeof(*e->leafid));
	if (e->feat == NULL || e->thr == NULL || e->dflt == NULL ||
	    e->child == NULL || e->fc == NULL || e->leafv == NULL ||
	    e->leafid == NULL)
		return XGBP_ENOMEM;
	memset(e->feat, 0, nn * sizeof(*e->feat));
	memset(e->thr, 0, nn * sizeof(*e->thr));
	memset(e->dflt, 0, nn * sizeof(*e->dflt));
	memset(e->child, 0, nn * sizeof(*e->child));
	memset(e->fc, 0, nn * sizeof(*e->fc));
	memset(e->leafv, 0, nl * sizeof(*e->leafv));
	memset(e->leafid, 0, nl * sizeof(*e->leafid));
	return XGBP_OK;
}

/*
 * Renumber the features the ET_COMPLETE trees split on, for the walkers
 * of transposed blocks, when there are few enough: a block then holds
 * only those.  Padding nodes (NaN thresholds) go to any feature, as every
 * value goes right there.  Leaves e->xfeat NULL when it does not pay.
 */
static int
renumber(struct xgbp_engine *e, const struct xgbp_model *m, size_t nn)
{
	const struct xgbp_etree *t;
	uint32_t *map, f;
	size_t i, k, n, nused, ncomplete;

	if (e->nfeat > XGBP_MAXMAP)
		return XGBP_OK;
	if ((map = xgbp_alloc(e->nfeat, sizeof(*map))) == NULL)
		return XGBP_ENOMEM;
	memset(map, 0xff, e->nfeat * sizeof(*map));
	for (i = 0, nused = 0, ncomplete = 0; i < m->ntrees; i++) {
		t = &e->trees[i];
		if (t->kind != ET_COMPLETE)
			continue;
		ncomplete++;
		n = ((size_t)1 << t->depth) - 1;
		for (k = t->off; k < t->off + n; k++)
			if (!isnan(e->thr[k]) && map[e->feat[k]] == UINT32_MAX)
				map[e->feat[k]] = (uint32_t)nused++;
	}
	if (ncomplete == 0 || nused > XGBP_XT / XGBP_BLOCK) {
		xgbp_free(map);
		return XGBP_OK;
	}
	e->nused = nused > 0 ? nused : 1;
	e->used = xgbp_alloc(e->nused, sizeof(*e->used));
	e->xfeat = xgbp_alloc(nn + XGBP_PAD, sizeof(*e->xfeat));
	if (e->used == NULL || e->xfeat == NULL) {
		xgbp_free(map);
		return XGBP_ENOMEM;
	}
	e->used[0] = 0;
	for (f = 0; f < e->nfeat; f++)
		if (map[f] != UINT32_MAX)
			e->used[map[f]] = f;
	for (k = 0; k < nn + XGBP_PAD; k++)
		e->xfeat[k] = k < nn && !isnan(e->thr[k]) &&
		    map[e->feat[k]] != UINT32_MAX ? map[e->feat[k]] : 0;
	xgbp_free(map);
	return XGBP_OK;
}

/*
 * Size every tree's layout, allocate, then fill.  The model is already
 * valid, so the only failure is running out of memory.
 */
static int
build(struct xgbp_engine *e, const struct xgbp_model *m, int32_t *order,
    int32_t *lvl)
{
	struct xgbp_etree *et;
	const struct xgbp_tree *t;
	struct shape s;
	size_t i, k, nn, nl;
	int rc;

	e->nfeat = 1;
	for (i = 0, nn = nl = 0; i < m->ntrees; i++) {
		t = &m->trees[i];
		et = &e->trees[i];
		choose(m, t, order, lvl, &s);
		et->kind = (unsigned char)s.kind;
		et->depth = (unsigned char)s.depth;
		et->vector = t->leafsize != 1;
		et->group = t->group;
		et->off = nn;
		et->loff = nl;
		nn += s.nnodes;
		nl += s.nleaves;
		for (k = 0; s.kind != ET_GENERIC && k < t->nnodes; k++)
			if (m->nodes[t->node0 + k].left != NODE_LEAF &&
			    m->nodes[t->node0 + k].feature >= e->nfeat)
				e->nfeat = m->nodes[t->node0 + k].feature + 1;
	}
	if ((rc = alloc_pools(e, nn, nl)) != XGBP_OK)
		return rc;
	for (i = 0; i < m->ntrees; i++) {
		et = &e->trees[i];
		if (et->kind == ET_COMPLETE)
			fill_complete(e, m, &m->trees[i], et);
		else if (et->kind == ET_EXPLICIT)
			fill_explicit(e, m, &m->trees[i], et, order, lvl);
	}
	return renumber(e, m, nn);
}

int
xgbp_engine_build(struct xgbp_model *m)
{
	struct xgbp_engine *e;
	int32_t *order, *lvl;
	size_t i, maxn;
	int rc;

	if (m->booster == BOOSTER_GBLINEAR || m->ntrees == 0)
		return XGBP_OK;
	for (i = 0, maxn = 1; i < m->ntrees; i++)
		if (m->trees[i].nnodes > maxn)
			maxn = m->trees[i].nnodes;
	if ((e = xgbp_alloc(1, sizeof(*e))) == NULL)
		return XGBP_ENOMEM;
	memset(e, 0, sizeof(*e));
	e->isa = xgbp_cpu_isa();
	e->trees = xgbp_alloc(m->ntrees, sizeof(*e->trees));
	order = xgbp_alloc(maxn, sizeof(*order));
	lvl = xgbp_alloc(maxn, sizeof(*lvl));
	if (e->trees == NULL || order == NULL || lvl == NULL)
		rc = XGBP_ENOMEM;
	else
		rc = build(e, m, order, lvl);
	xgbp_free(order);
	xgbp_free(lvl);
	if (rc != XGBP_OK) {
		xgbp_engine_free(e);
		return rc;
	}
	m->engine = e;
	return XGBP_OK;
}

void
xgbp_engine_free(struct xgbp_engine *e)
{
	if (e == NULL)
		return;
	xgbp_free(e->trees);
	xgbp_free(e->feat);
	xgbp_free(e->thr);
	xgbp_free(e->dflt);
	xgbp_free(e->child);
	xgbp_free(e->fc);
	xgbp_free(e->leafv);
	xgbp_free(e->leafid);
	xgbp_free(e->xfeat);
	xgbp_free(e->used);
	xgbp_free(e);
}

/*
 * Make m (and every slice sharing its trees) walk with the given
 * instruction set, for tests and benchmarks.  Returns -1, changing
 * nothing, if this CPU or build lacks it.
 */
int
xgbp_engine_set_isa(struct xgbp_model *m, int isa)
{
	int best = xgbp_cpu_isa();

	if (m->engine == NULL || !(isa == XGBP_ISA_SCALAR || isa == best ||
	    (isa == XGBP_ISA_AVX2 && best == XGBP_ISA_AVX512)))
		return -1;
	m->engine->isa = isa;
	return 0;
}

/*
 * Whether the row at x goes right at node slot k: unless its value is
 * less than the threshold; a missing value (NaN, or a feature at or
 * beyond nx) follows the node's default instead.
 */
static inline int32_t
right(const struct xgbp_engine *e, size_t k, const float *x, size_t nx,
    int nan)
{
	uint32_t f = e->feat[k];
	float v;

	if (!nan)
		return !(x[f] < e->thr[k]);
	v = f < nx ? x[f] : NAN;
	return isnan(v) ? e->dflt[k] == 0 : !(v < e->thr[k]);
}

/*
 * Walk tree t for the rows of block b one level at a time, every row
 * taking t->depth steps; then add each row's leaf value to acc[r], or
 * with acc NULL store its leaf slot in pos[r].  One loop for each layout
 * and for blocks with and without missing values, as their steps differ.
 */
static void
walk_scalar(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	const struct xgbp_engine *e = b->e;
	const float *x = b->x;
	int32_t j[XGBP_BLOCK];
	size_t r, d, base, n = b->n, nx = b->nx;

	for (r = 0; r < n; r++)
		j[r] = 0;
	for (d = 0; d < t->depth; d++) {
		base = t->off + ((size_t)1 << d) - 1;
		if (t->kind == ET_COMPLETE && !b->nan)
			for (r = 0; r < n; r++)
				j[r] = 2 * j[r] + right(e, base + (size_t)j[r],
				    x + r * nx, nx, 0);
		else if (t->kind == ET_COMPLETE)
			for (r = 0; r < n; r++)
				j[r] = 2 * j[r] + right(e, base + (size_t)j[r],
				    x + r * nx, nx, 1);
		else if (!b->nan)
			for (r = 0; r < n; r++)
				j[r] = e->child[t->off + (size_t)j[r]] + right(e,
				    t->off + (size_t)j[r], x + r * nx, nx, 0);
		else
			for (r = 0; r < n; r++)
				j[r] = e->child[t->off + (size_t)j[r]] + right(e,
				    t->off + (size_t)j[r], x + r * nx, nx, 1);
	}
	for (r = 0; r < n; r++) {
		if (acc != NULL)
			acc[r] += e->leafv[t->loff + (size_t)j[r]];
		else
			pos[r] = j[r];
	}
}

/*
 * Walk model tree i for block b with the walker for isa: into acc or pos
 * as walk_scalar().  ET_GENERIC trees take the model's own walk and give
 * model node indices.
 */
static void
walk(const struct xgbp_model *m, const struct xgbp_block *b, int isa,
    size_t i, float *acc, int32_t *pos)
{
	const struct xgbp_etree *t = &b->e->trees[i];
	size_t r;

	if (t->kind == ET_GENERIC) {
		for (r = 0; r < b->n; r++)
			pos[r] = xgbp_tree_leaf(m, &m->trees[i],
			    b->x + r * b->nx, b->nx);
		return;
	}
	/* The x86 walkers take explicit trees only packed. */
	if (t->kind == ET_EXPLICIT && !t->packed &&
	    (isa == XGBP_ISA_AVX512 || isa == XGBP_ISA_AVX2))
		isa = XGBP_ISA_SCALAR;
	switch (isa) {
	case XGBP_ISA_AVX512:
		xgbp_walk_avx512(b, t, acc, pos);
		break;
	case XGBP_ISA_AVX2:
		xgbp_walk_avx2(b, t, acc, pos);
		break;
	case XGBP_ISA_NEON:
		xgbp_walk_neon(b, t, acc, pos);
		break;
	default:
		walk_scalar(b, t, acc, pos);
		break;
	}
}

/* The model node index of leaf slot s of tree i. */
static int32_t
leaf_id(const struct xgbp_model *m, size_t i, int32_t s)
{
	const struct xgbp_etree *t = &m->engine->trees[i];

	return t->kind == ET_GENERIC ? s : m->engine->leafid[t->loff +
	    (size_t)s];
}

/*
 * Add the leaves at slots pos[] of tree i to the margins acc[g * w + r],
 * for trees the walkers cannot add themselves: vector leaves, and
 * ET_GENERIC trees.
 */
static void
add_slots(const struct xgbp_model *m, size_t i, const int32_t *pos,
    size_t n, float *acc, size_t w)
{
	const struct xgbp_tree *t = &m->trees[i];
	const struct xgbp_node *nd;
	const float *v;
	size_t r, k;

	for (r = 0; r < n; r++) {
		nd = m->nodes + t->node0 + leaf_id(m, i, pos[r]);
		if (t->leafsize == 1) {
			acc[t->group * w + r] += nd->value * t->weight;
			continue;
		}
		v = m->leafvals + t->leaf0 + (size_t)nd->right * t->leafsize;
		for (k = 0; k < t->leafsize; k++)
			acc[k * w + r] += v[k] * t->weight;
	}
}

/*
 * Write the outputs of the block's n rows from their margins acc[g * w +
 * r]: the margins, transformed unless XGBP_MARGIN; or for multi:softmax
 * the first group with the greatest margin, NaN never winning, as
 * softmax_class() in predict.c.
 */
static void
finish(const struct xgbp_model *m, const float *acc, size_t w, size_t n,
    float *out, size_t nout, int flags)
{
	size_t r, g, best;
	float *o, mg, bestm;
	int dart0 = xgbp_dart_from_zero(m, flags);

	for (r = 0; r < n; r++) {
		o = out + r * nout;
		if (nout == m->ngroup) {
			for (g = 0; g < m->ngroup; g++)
				o[g] = dart0 ? acc[g * w + r] + 0.0f :
				    acc[g * w + r];
			if (!(flags & XGBP_MARGIN))
				xgbp_objective_transform(&m->obj, o, m->ngroup,
				    o, flags);
			continue;
		}
		for (g = 0, best = 0, bestm = 0; g < m->ngroup; g++) {
			mg = acc[g * w + r];
			if (g == 0 || mg > bestm) {
				best = g;
				bestm = mg;
			}
		}
		o[0] = (float)best;
	}
}

/* Whether any of the first nf features of the n rows at x is NaN. */
static int
has_nan(const float *x, size_t n, size_t nx, size_t nf)
{
	size_t r, f;
	int any;

	if (nf > nx)
		nf = nx;
	for (r = 0, any = 0; r < n; r++)
		for (f = 0; f < nf; f++)
			any |= isnan(x[r * nx + f]);
	return any;
}

/*
 * Copy the features e->used of the block's rows into xt feature-major, for
 * the wide walkers: feature used[c] of lane r at xt[c * width + r]; NaN
 * for features beyond nx, 0 for lanes past the rows.
 */
static void
transpose(struct xgbp_block *b, float *xt)
{
	const struct xgbp_engine *e = b->e;
	size_t r, c, w = b->width;
	const float *row;

	for (r = 0; r < b->n; r++) {
		row = b->x + r * b->nx;
		for (c = 0; c < e->nused; c++)
			xt[c * w + r] = e->used[c] < b->nx ? row[e->used[c]] :
			    NAN;
	}
	for (c = 0; c < e->nused; c++)
		for (r = b->n; r < w; r++)
			xt[c * w + r] = 0;
	for (b->wshift = 0; ((size_t)1 << b->wshift) < w; b->wshift++)
		;
	b->xt = xt;
}

/*
 * Set up block b for the n rows at x, w lanes wide; returns the walker to
 * use.  Wide walkers address the block with 32-bit offsets, so a block
 * too large for them, and one of one or two rows, is walked row by row.
 * A full block of a model with few features is transposed into xt.
 */
static int
block_init(struct xgbp_block *b, const struct xgbp_engine *e, const float *x,
    size_t n, size_t w, size_t nx, float *xt)
{
	size_t r;

	b->e = e;
	b->x = x;
	b->nx = nx;
	b->n = n;
	b->width = w;
	b->nan = nx < e->nfeat || has_nan(x, n, nx, e->nfeat);
	b->xt = NULL;
	b->wshift = 0;
	if (n <= 2 || e->nfeat > INT32_MAX ||
	    nx > (INT32_MAX - e->nfeat) / (w - 1))
		return XGBP_ISA_SCALAR;
	for (r = 0; r < w; r++)
		b->rowoff[r] = r < n ? (int32_t)(r * nx) : 0;
	if (e->isa != XGBP_ISA_SCALAR && w == XGBP_BLOCK && e->xfeat != NULL)
		transpose(b, xt);
	return e->isa;
}

/*
 * Score n rows at x into out, nout a row, through every tree at once; row
 * r's margins start from init[r * istride ..].
 */
static void
block(const struct xgbp_model *m, const float *x, size_t n, size_t w,
    size_t nx, float *out, size_t nout, int flags, const float *init,
    size_t istride)
{
	const struct xgbp_etree *t;
	struct xgbp_block b;
	float acc[ACCMAX], xt[XGBP_XT];
	int32_t pos[XGBP_BLOCK];
	size_t i, r, g;
	int isa;

	isa = block_init(&b, m->engine, x, n, w, nx, xt);
	if (flags & XGBP_LEAF) {
		for (i = m->tree0; i < m->tree1; i++) {
			walk(m, &b, isa, i, NULL, pos);
			for (r = 0; r < n; r++)
				out[r * nout + i - m->tree0] =
				    (float)leaf_id(m, i, pos[r]);
		}
		return;
	}
	/* Lanes past the rows are walked too, and their sums dropped. */
	for (g = 0; g < m->ngroup; g++)
		for (r = 0; r < w; r++)
			acc[g * w + r] = r < n ? init[r * istride + g] : 0;
	for (i = m->tree0; i < m->tree1; i++) {
		t = &m->engine->trees[i];
		if (t->kind != ET_GENERIC && !t->vector)
			walk(m, &b, isa, i, acc + t->group * w, NULL);
		else {
			walk(m, &b, isa, i, NULL, pos);
			add_slots(m, i, pos, n, acc, w);
		}
	}
	finish(m, acc, w, n, out, nout, flags);
}

/*
 * Score as xgbp_predict(), which has checked the arguments and says how
 * many values a row has, nout; row r's margins start from init[r * istride
 * ..] (istride 0: every row from the same).  Returns -1 without writing
 * anything when the model has no engine (gblinear) or too many outputs
 * for a block's margins to fit on the stack.
 */
int
xgbp_engine_predict(const struct xgbp_model *m, const float *x,
    size_t nrows, size_t nx, float *out, size_t nout, int flags,
    const float *init, size_t istride)
{
	size_t r0, n, w;

	if (m->engine == NULL || m->ngroup > ACCMAX / 16)
		return -1;
	w = m->ngroup <= ACCMAX / XGBP_BLOCK ? XGBP_BLOCK : 16;
	for (r0 = 0; r0 < nrows; r0 += n) {
		n = nrows - r0 < w ? nrows - r0 : w;
		block(m, x + r0 * nx, n, w, nx, out + r0 * nout, nout, flags,
		    init + r0 * istride, istride);
	}
	return 0;
}
