/*
 * shap.c: why a row scores as it does.  Three explanations, as XGBoost
 * gives them through Booster.predict:
 *
 * - pred_contribs: SHAP values by path-dependent TreeSHAP (Lundberg, Erion
 *   and Lee, arXiv:1802.03888, Algorithm 2), a node's cover being its
 *   sum_hessian; one value per feature and a bias, the tree's expected
 *   value plus the base margin, summing to the margin.
 * - approx_contribs: Saabas attributions, the change of the expected
 *   value along the row's path.
 * - pred_interactions: SHAP interaction values, by TreeSHAP with each
 *   feature conditioned on and off (Fujimoto, Kojadinovic and Marichal,
 *   Games Econ. Behav. 2006).
 *
 * The arithmetic follows dmlc/xgboost src/tree/tree_model.cc
 * (RegTree::TreeShap, CalculateContributionsApprox) and
 * src/predictor/cpu_predictor.cc (PredictContribution,
 * PredictInteractionContributions), v1.7.4, with TreeSHAP's path weights
 * in double rather than float: XGBoost's own values are float sums, off
 * by a few units in the last place, and these are closer to exact (see
 * the man page for the tolerance).  Saabas attributions are float, in
 * XGBoost's order.  gblinear: feature j contributes x_j times its weight
 * (GBLinear::PredictContribution).
 *
 * Each row takes scratch memory the caller provides (xgbp_explain_work()
 * says how much); nothing is allocated.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

/* Deeper trees are not explained: their path tables grow as depth^2. */
#define SHAP_MAXDEPTH	256

/* One element of TreeSHAP's unique path (PathElement in XGBoost). */
struct path {
	uint32_t	 feature;	/* UINT32_MAX: the root's dummy */
	double		 zero;		/* share of the cover going this way */
	double		 one;		/* 1 if the row goes this way, else 0 */
	double		 weight;	/* permutation weight */
};

/* What one TreeSHAP walk of a tree for a row needs. */
struct walk {
	const struct xgbp_model *m;
	const struct xgbp_tree *t;
	const float	*x;
	size_t		 nx;
	size_t		 g;		/* output group, for vector leaves */
	double		 scale;		/* DART weight */
	double		*phi;		/* nfeature + 1 values */
	int		 condition;	/* 0, or 1 / -1: cfeature on / off */
	uint32_t	 cfeature;
	/* Scratch of a tree with tables: 2 * shap_maxnodes each, and */
	uint32_t	*bits;		/* F + 1 values for nothing */
	double		*acc, *sum, *spare;
};

/*
 * The value of leaf n of tree t for group g: its own value, or its g-th
 * value for a vector leaf.
 */
static float
leaf_value(const struct xgbp_model *m, const struct xgbp_tree *t,
    const struct xgbp_node *nd, int32_t n, size_t g)
{
	if (t->leafsize == 1)
		return nd[n].value;
	return m->leafvals[t->leaf0 + (size_t)nd[n].right * t->leafsize + g];
}

/*
 * The expected value of node n of tree t for group g: its leaves' values
 * weighted by cover, in float, as FillNodeMeanValues computes it.
 */
static float
mean_value(const struct xgbp_model *m, const struct xgbp_tree *t, size_t n,
    size_t g)
{
	return m->means[t->mean0 + n * t->leafsize + (t->leafsize > 1 ? g : 0)];
}

/* The expected value of node i of tree t from its children's. */
static void
node_mean(struct xgbp_model *m, const struct xgbp_tree *t, int32_t i)
{
	const struct xgbp_node *nd = m->nodes + t->node0;
	const float *cv = m->covers + t->node0;
	float *mv = m->means + t->mean0, r;
	size_t g, T = t->leafsize, k = (size_t)i;

	for (g = 0; g < T; g++) {
		if (nd[i].left == NODE_LEAF) {
			mv[k * T + g] = leaf_value(m, t, nd, i, g);
			continue;
		}
		r = mv[(size_t)nd[i].left * T + g] * cv[nd[i].left];
		r += mv[(size_t)nd[i].right * T + g] * cv[nd[i].right];
		r /= cv[i];
		mv[k * T + g] = r;
	}
}

/*
 * Compute the expected values of tree t's nodes, children before their
 * parents, with a stack of nodes (a child's index may be below its
 * parent's in a file xgbp did not write).  Returns XGBP_OK or
 * XGBP_ENOMEM.
 */
static int
tree_means(struct xgbp_model *m, const struct xgbp_tree *t)
{
	const struct xgbp_node *nd = m->nodes + t->node0;
	unsigned char *done;
	int32_t *stack, i;
	size_t sp = 0;

	stack = xgbp_alloc(t->nnodes, sizeof(*stack));
	done = xgbp_alloc(t->nnodes, 1);
	if (stack == NULL || done == NULL) {
		xgbp_free(stack);
		xgbp_free(done);
		return XGBP_ENOMEM;
	}
	memset(done, 0, t->nnodes);
	stack[sp++] = 0;
	while (sp > 0) {
		i = stack[sp - 1];
		if (nd[i].left != NODE_LEAF && !done[nd[i].left]) {
			stack[sp++] = nd[i].left;
			continue;
		}
		if (nd[i].left != NODE_LEAF && !done[nd[i].right]) {
			stack[sp++] = nd[i].right;
			continue;
		}
		node_mean(m, t, i);
		done[i] = 1;
		sp--;
	}
	xgbp_free(stack);
	xgbp_free(done);
	return XGBP_OK;
}

/*
 * SHAP tables, after FastTreeSHAP v2 (Yang, arXiv:2109.09847), in a form
 * of our own.  For a leaf of value v whose path splits on the d distinct
 * features P, with zero fractions z_j (the products of the cover ratios
 * of the splits on j) and K the features whose every split the row
 * follows, path-dependent TreeSHAP gives feature i of P
 *
 *	i in K:		v (1 - z_i) Q(K) G(K \ {i})
 *	i not in K:	-v Q(K) G(K)
 *
 * where Q(K) is the product of z_j over P \ K and, for A a subset of P,
 * G(A) = sum over S within A of w(|S|, d) times the product of z_j over
 * A \ S, w(s, d) = s! (d - s - 1)! / d!.  G depends on the leaf alone: a
 * table of 2^d values indexed by the bits of A.  So does H(A) = Q(A) G(A),
 * which contributions use: as Q(K \ {i}) = z_i Q(K), feature i gets
 * v H(K \ {i}) (1 - z_i) / z_i or -v H(K), a product and a sum each.
 * Conditioned on a feature c of P, as interaction values are, the path
 * loses c and G's weights are those of d - 1, which the same table
 * gives: G'(A) = (1 - z_c) G(A) + G(A + {c}), from w(s, d - 1) = w(s, d)
 * + w(s + 1, d).
 *
 * A row walks a tree with tables through all its splits in an order that
 * puts parents first, without branching on the row's values: each node
 * gets the bits of K its path keeps, then each leaf adds its share.
 */

/* Tables of a whole model: at most this many doubles, the first trees. */
#define SHAP_TABLE_MAX	((size_t)1 << 23)
/* A leaf's path of more distinct features has none. */
#define SHAP_TABLE_MAXD	16

/* What laying out one tree's tables needs, as the walk goes down. */
struct tabwalk {
	struct xgbp_model *m;
	const struct xgbp_tree *t;
	int		 inter;		/* G tables too, for interactions */
	uint32_t	 feat[SHAP_TABLE_MAXD];
	double		 z[SHAP_TABLE_MAXD];
	double		 w[SHAP_TABLE_MAXD + 1];
	double		*e;		/* scratch: 2^d * (d + 1) */
	size_t		 g, zn, on;	/* next free in tables, paths, order */
	size_t		 ln;		/* next free in shap_leaves */
	size_t		 nleaf;		/* the tree's, as counted */
	int32_t		 intro[SHAP_TABLE_MAXD]; /* first splits on feat */
	size_t		 nsplit;	/* the tree's, as counted */
	int		 bad;		/* too deep, or a zero fraction of 0 */
};

/* Fill G[0..2^d) and H[0..2^d) (G NULL: none) of the path w->z[0..d). */
static void
leaf_table(struct tabwalk *w, unsigned d, double *G, double *H)
{
	size_t a, prev, k, n = (size_t)1 << d, K = d + 1;
	double *e = w->e, c, g, q;
	unsigned b, s, pop;

	/* w(s, d) = 1 / (d C(d - 1, s)). */
	for (s = 0, c = 1; d > 0 && s < d; s++) {
		w->w[s] = 1 / (d * c);
		c = c * (d - 1 - s) / (s + 1);
	}
	/* e[a][k]: the k-th elementary symmetric sum of z over a's bits. */
	for (k = 0; k < K; k++)
		e[k] = k == 0;
	for (a = 0; a < n; a++) {
		if (a > 0) {
			for (b = 0; !(a >> b & 1); b++)
				;
			prev = a & (a - 1);
			e[a * K] = 1;
			for (k = 1; k < K; k++)
				e[a * K + k] = e[prev * K + k] +
				    w->z[b] * e[prev * K + k - 1];
		}
		for (k = a, pop = 0; k != 0; k &= k - 1)
			pop++;
		g = 0;
		if (pop < d)	/* else never asked for */
			for (s = 0; s <= pop; s++)
				g += w->w[s] * e[a * K + pop - s];
		for (q = 1, b = 0; b < d; b++)
			if (!(a >> b & 1))
				q *= w->z[b];
		if (G != NULL)
			G[a] = g;
		H[a] = q * g;
	}
}

/*
 * Lay out node n of the tree below a path of d distinct features (in
 * w->feat and w->z): its place, and a leaf's path and tables.  With fill
 * 0, only count what it needs into *ng and *nz, and whether it can have
 * tables into w->bad.
 */
static void
tab_node(struct tabwalk *w, int32_t n, unsigned d, size_t *ng, size_t *nz,
    int fill)
{
	struct xgbp_model *m = w->m;
	const struct xgbp_node *nd = m->nodes + w->t->node0;
	const float *cv = m->covers + w->t->node0;
	struct xgbp_shapnode *sn;
	int32_t c[2];
	unsigned k, i;
	double saved, r;

	if (nd[n].left == NODE_LEAF) {
		if (!fill) {
			*ng += (size_t)1 << d;
			*nz += d;
			w->nleaf++;
			return;
		}
		m->shap_leaves[w->ln++] = n;
		sn = m->shapnodes + w->t->node0 + n;
		sn->d = (uint8_t)d;
		sn->z0 = w->zn;
		sn->g0 = w->g;
		for (i = 0; i < d; i++) {
			m->shap_z[w->zn + i] = w->z[i];
			m->shap_r[w->zn + i] = (1 - w->z[i]) / w->z[i];
			m->shap_f[w->zn + i] = w->feat[i];
			m->shap_in[w->zn + i] = w->intro[i];
		}
		leaf_table(w, d, w->inter ? m->shap_g + w->g : NULL,
		    m->shap_h + w->g);
		w->zn += d;
		w->g += (size_t)1 << d;
		return;
	}
	for (k = 0; k < d && w->feat[k] != nd[n].feature; k++)
		;
	if (k == d && d == SHAP_TABLE_MAXD) {
		w->bad = 1;
		return;
	}
	c[0] = nd[n].left;
	c[1] = nd[n].right;
	if (fill) {
		m->shapnodes[w->t->node0 + n].pos = (uint8_t)k;
		m->shapnodes[w->t->node0 + n].intro = k == d;
		m->shap_order[w->on++] = n;
	} else
		w->nsplit++;
	for (i = 0; i < 2 && !w->bad; i++) {
		r = (double)cv[c[i]] / cv[n];
		/* H's division by z needs it positive and finite. */
		if (!(r > 0 && r < INFINITY)) {
			w->bad = 1;
			return;
		}
		if (k == d) {
			w->feat[d] = nd[n].feature;
			w->intro[d] = n;
			w->z[d] = r;
			tab_node(w, c[i], d + 1, ng, nz, fill);
		} else {
			saved = w->z[k];
			w->z[k] *= r;
			if (!(w->z[k] > 0))
				w->bad = 1;
			else
				tab_node(w, c[i], d, ng, nz, fill);
			w->z[k] = saved;
		}
	}
}

/*
 * Lay out the SHAP tables of the trees that fit in SHAP_TABLE_MAX
 * doubles, G tables too for interactions (inter).  Returns XGBP_OK or
 * XGBP_ENOMEM.
 */
static int
shap_tables(struct xgbp_model *m, int inter)
{
	struct tabwalk w;
	struct xgbp_tree *t;
	size_t i, ng, nz, tg = 0, tz = 0, to = 0, tl = 0;
	size_t per = inter ? 2 : 1;

	memset(&w, 0, sizeof(w));
	w.m = m;
	w.inter = inter;
	if (m->max_depth > SHAP_MAXDEPTH)
		return XGBP_OK;
	for (i = 0; i < m->ntrees; i++) {
		t = &m->trees[i];
		w.t = t;
		w.bad = 0;
		w.nsplit = w.nleaf = 0;
		ng = nz = 0;
		tab_node(&w, 0, 0, &ng, &nz, 0);
		if (w.bad || (tg + ng) * per > SHAP_TABLE_MAX)
			continue;
		t->shaptab = 1;
		t->order0 = to;
		t->nsplit = w.nsplit;
		t->leaves0 = tl;
		t->nleaf = w.nleaf;
		to += w.nsplit;
		tl += w.nleaf;
		tg += ng;
		tz += nz;
		if (t->nnodes > m->shap_maxnodes)
			m->shap_maxnodes = t->nnodes;
	}
	if (tg == 0)
		return XGBP_OK;
	m->shapnodes = xgbp_alloc(m->nnodes, sizeof(*m->shapnodes));
	m->shap_h = xgbp_alloc(tg, sizeof(double));
	if (inter)
		m->shap_g = xgbp_alloc(tg, sizeof(double));
	m->shap_z = xgbp_alloc(tz + 1, sizeof(double));
	m->shap_r = xgbp_alloc(tz + 1, sizeof(double));
	m->shap_f = xgbp_alloc(tz + 1, sizeof(uint32_t));
	m->shap_order = xgbp_alloc(to + 1, sizeof(int32_t));
	m->shap_in = xgbp_alloc(tz + 1, sizeof(int32_t));
	m->shap_leaves = xgbp_alloc(tl + 1, sizeof(int32_t));
	w.e = xgbp_alloc(((size_t)1 << SHAP_TABLE_MAXD) *
	    (SHAP_TABLE_MAXD + 1), sizeof(double));
	if (m->shapnodes == NULL || m->shap_h == NULL || (inter &&
	    m->shap_g == NULL) || m->shap_z == NULL || m->shap_r == NULL ||
	    m->shap_f == NULL || m->shap_order == NULL ||
	    m->shap_in == NULL || m->shap_leaves == NULL || w.e == NULL) {
		xgbp_free(w.e);
		return XGBP_ENOMEM;
	}
	memset(m->shapnodes, 0, m->nnodes * sizeof(*m->shapnodes));
	for (i = 0; i < m->ntrees; i++) {
		if (!m->trees[i].shaptab)
			continue;
		w.t = &m->trees[i];
		tab_node(&w, 0, 0, NULL, NULL, 1);
	}
	xgbp_free(w.e);
	return XGBP_OK;
}

/*
 * Lay out the expected values every explanation needs, at load: for each
 * tree one per node and output of its leaves; and the tables of explain
 * (XGBP_CONTRIBS, XGBP_INTERACTIONS), if any.  Returns XGBP_OK, or
 * XGBP_ENOMEM.  A model without covers gets none, and cannot be
 * explained.
 */
int
xgbp_shap_build(struct xgbp_model *m, int explain)
{
	size_t i, n;

	if (m->covers == NULL || m->ntrees == 0)
		return XGBP_OK;
	for (i = n = 0; i < m->ntrees; i++) {
		m->trees[i].mean0 = n;
		n += m->trees[i].nnodes * m->trees[i].leafsize;
	}
	if ((m->means = xgbp_alloc(n, sizeof(float))) == NULL)
		return XGBP_ENOMEM;
	for (i = 0; i < m->ntrees; i++)
		if (tree_means(m, &m->trees[i]) != XGBP_OK)
			return XGBP_ENOMEM;
	if (explain & (XGBP_CONTRIBS | XGBP_INTERACTIONS))
		return shap_tables(m, (explain & XGBP_INTERACTIONS) != 0);
	return XGBP_OK;
}

/* Extend the unique path p[0..d] with a split (ExtendPath). */
static void
extend(struct path *p, unsigned d, double zero, double one, uint32_t feature)
{
	int i;

	p[d].feature = feature;
	p[d].zero = zero;
	p[d].one = one;
	p[d].weight = d == 0 ? 1.0 : 0.0;
	for (i = (int)d - 1; i >= 0; i--) {
		p[i + 1].weight += one * p[i].weight * (i + 1) / (double)(d + 1);
		p[i].weight = zero * p[i].weight * (d - i) / (double)(d + 1);
	}
}

/* Undo the extension of element k of p[0..d] (UnwindPath). */
static void
unwind(struct path *p, unsigned d, unsigned k)
{
	double one = p[k].one, zero = p[k].zero, next = p[d].weight, tmp;
	int i;
	unsigned j;

	for (i = (int)d - 1; i >= 0; i--) {
		if (one != 0) {
			tmp = p[i].weight;
			p[i].weight = next * (d + 1) / ((i + 1) * one);
			next = tmp - p[i].weight * zero * (d - i) /
			    (double)(d + 1);
		} else
			p[i].weight = p[i].weight * (d + 1) / (zero * (d - i));
	}
	for (j = k; j < d; j++) {
		p[j].feature = p[j + 1].feature;
		p[j].zero = p[j + 1].zero;
		p[j].one = p[j + 1].one;
	}
}

/*
 * The total permutation weight of p[0..d] with element k unwound
 * (UnwoundPathSum).
 */
static double
unwound_sum(const struct path *p, unsigned d, unsigned k)
{
	double one = p[k].one, zero = p[k].zero, next = p[d].weight, tmp;
	double total = 0;
	int i;

	for (i = (int)d - 1; i >= 0; i--) {
		if (one != 0) {
			tmp = next * (d + 1) / ((i + 1) * one);
			total += tmp;
			next = p[i].weight - tmp * zero * ((d - i) /
			    (double)(d + 1));
		} else if (zero != 0)
			total += (p[i].weight / zero) / ((d - i) /
			    (double)(d + 1));
	}
	return total;
}

/*
 * TreeSHAP below node n, whose unique path so far is parent[0..d] and
 * which the walk reaches with the fractions given, coming through a
 * split on feature pf (RegTree::TreeShap).  The path of each node is a
 * copy, laid after its parent's.
 */
static void
tree_shap(const struct walk *w, int32_t n, unsigned d, struct path *parent,
    double pzero, double pone, uint32_t pf, double cfrac)
{
	const struct xgbp_node *nd = w->m->nodes + w->t->node0, *p = &nd[n];
	const float *cv = w->m->covers + w->t->node0;
	struct path *path = parent + d + 1;
	int32_t hot, cold;
	double hz, cz, iz = 1, io = 1, hfrac, cfrac2, v;
	unsigned k, i;

	if (cfrac == 0)
		return;
	memcpy(path, parent, (d + 1) * sizeof(*path));
	if (w->condition == 0 || w->cfeature != pf)
		extend(path, d, pzero, pone, pf);
	if (p->left == NODE_LEAF) {
		v = (double)leaf_value(w->m, w->t, nd, n, w->g) * cfrac *
		    w->scale;
		for (i = 1; i <= d; i++)
			w->phi[path[i].feature] += unwound_sum(path, d, i) *
			    (path[i].one - path[i].zero) * v;
		return;
	}
	hot = xgbp_node_next(w->m, p, w->x, w->nx);
	cold = hot == p->left ? p->right : p->left;
	hz = (double)cv[hot] / cv[n];
	cz = (double)cv[cold] / cv[n];
	/* A feature split on before: undo that split, to redo it here. */
	for (k = 0; k <= d && path[k].feature != p->feature; k++)
		;
	if (k != d + 1) {
		iz = path[k].zero;
		io = path[k].one;
		unwind(path, d, k);
		d--;
	}
	hfrac = cfrac2 = cfrac;
	if (w->condition > 0 && p->feature == w->cfeature) {
		cfrac2 = 0;
		d--;
	} else if (w->condition < 0 && p->feature == w->cfeature) {
		hfrac *= hz;
		cfrac2 *= cz;
		d--;
	}
	tree_shap(w, hot, d + 1, path, hz * iz, io, p->feature, hfrac);
	tree_shap(w, cold, d + 1, path, cz * iz, 0, p->feature, cfrac2);
}

/*
 * Rows explained together by contributions, each tree's tables read once
 * for them all: up to 64, in 16 KiB of values.
 */
static size_t
shap_block(const struct xgbp_model *m)
{
	size_t b = 2048 / (m->nfeature + 1);

	return b < 1 ? 1 : b > 64 ? 64 : b;
}

/*
 * The doubles of scratch flags f take: a block of rows' contributions, or
 * a row's with its interaction values.
 */
static size_t
work_doubles(const struct xgbp_model *m, int f)
{
	size_t cols = m->nfeature + 1;

	return (f & XGBP_INTERACTIONS ? 3 + cols : shap_block(m)) * cols;
}

/* The elements of path memory a walk of depth up to D needs. */
static size_t
path_size(size_t depth)
{
	return (depth + 2) * (depth + 3) / 2;
}

/*
 * Bytes of scratch an explanation with flags f needs, with the model's
 * max_depth: paths, and a row's values in double; 0 for predictions.
 */
size_t
xgbp_explain_work(const struct xgbp_model *m, int f)
{
	size_t cols = m->nfeature + 1;

	if (!(f & (XGBP_CONTRIBS | XGBP_INTERACTIONS)))
		return 0;
	if (m->booster == BOOSTER_GBLINEAR)
		return 0;
	/* (SIZE_MAX: more than memory holds, as xgbp_outputs() says 0.) */
	if ((f & XGBP_INTERACTIONS) && cols > ((size_t)1 << 28))
		return SIZE_MAX;
	return path_size(m->max_depth) * sizeof(struct path) +
	    work_doubles(m, f) * sizeof(double) +
	    2 * m->shap_maxnodes * (2 * sizeof(double) + sizeof(uint32_t)) +
	    cols * sizeof(double);
}

/*
 * Why an explanation of m with flags f cannot be given, or NULL: a model
 * without covers, trees too deep, interactions of gblinear, which
 * XGBoost refuses too.
 */
const char *
xgbp_explain_refused(const struct xgbp_model *m, int f)
{
	if (!(f & XGBP_EXPLAIN))
		return NULL;
	if (m->booster == BOOSTER_GBLINEAR)
		return f & XGBP_INTERACTIONS ? "XGBoost computes no interaction "
		    "values for gblinear" : NULL;
	if ((f & XGBP_CONTRIBS_APPROX) && m->leafvals != NULL)
		return "XGBoost has no approximate contributions for vector "
		    "leaves";
	if ((f & XGBP_INTERACTIONS) && m->leafvals != NULL)
		return "XGBoost has no interaction values for vector leaves";
	if (m->means == NULL && m->ntrees > 0)
		return "the model stores no node covers (sum_hessian), which "
		    "explanations need";
	if (m->max_depth > SHAP_MAXDEPTH)
		return "trees deeper than 256 are not explained";
	return NULL;
}

/*
 * The bits of the path positions each node of tree w->t keeps for row
 * w->x, into bits (the tree's nnodes): every split of the tree in turn,
 * parents first, without a branch on the row's way where it can.
 */
static void
tab_bits(const struct walk *w, uint32_t *bits)
{
	const struct xgbp_model *m = w->m;
	const struct xgbp_node *nd = m->nodes + w->t->node0, *p;
	const struct xgbp_shapnode *sn = m->shapnodes + w->t->node0;
	const int32_t *order = m->shap_order + w->t->order0;
	uint32_t b, bp, lose, sel;
	size_t k;
	int32_t n;
	float v;
	int left;

	bits[0] = UINT32_MAX;
	for (k = 0; k < w->t->nsplit; k++) {
		n = order[k];
		p = &nd[n];
		v = p->feature < w->nx ? w->x[p->feature] : NAN;
		if (isnan(v) || p->categorical)
			left = xgbp_node_next(m, p, w->x, w->nx) == p->left;
		else
			left = v < p->value;
		b = bits[n];
		bp = b & (uint32_t)1 << sn[n].pos;
		lose = b & ~bp;
		sel = 0 - (uint32_t)left;
		bits[p->left] = lose | (bp & sel);
		bits[p->right] = lose | (bp & ~sel);
	}
}

/* a if c is 1, else b (c 0), without a branch to mispredict. */
static double
pick(uint32_t c, double a, double b)
{
	uint64_t ua, ub, mask = 0 - (uint64_t)c;

	memcpy(&ua, &a, sizeof(ua));
	memcpy(&ub, &b, sizeof(ub));
	ua = (ua & mask) | (ub & ~mask);
	memcpy(&a, &ua, sizeof(a));
	return a;
}

/*
 * Tree w->t's SHAP values of rows x[0] and x[1] into phi[0] and phi[1],
 * by its tables (see above): two rows at once, whose sums do not wait on
 * each other.  Every feature of a leaf's path gets -v H(K) but those of
 * K, which get that and a correction: so a feature's sum over the leaves
 * below its first split is the sum of their -v H(K), which the splits
 * add up from the leaves, and of the corrections of the leaves whose K
 * holds it.
 */
static void
tree_contribs(struct walk *w, const float *const x[2], double *const phi[2])
{
	const struct xgbp_model *m = w->m;
	const struct xgbp_tree *t = w->t;
	const struct xgbp_node *nd = m->nodes + t->node0;
	const struct xgbp_shapnode *sn = m->shapnodes + t->node0, *s;
	const int32_t *leaves = m->shap_leaves + t->leaves0, *order, *in;
	const double *H, *r;
	double *acc[2], *sum[2], v, out[2], vr;
	uint32_t *bits[2], K[2], mask, bp;
	size_t k, nn = m->shap_maxnodes;
	int32_t n;
	unsigned p, q;

	for (q = 0; q < 2; q++) {
		acc[q] = w->acc + q * nn;
		sum[q] = w->sum + q * nn;
		bits[q] = w->bits + q * nn;
		w->x = x[q];
		tab_bits(w, bits[q]);
		memset(acc[q], 0, t->nnodes * sizeof(*acc[q]));
	}
	for (k = 0; k < t->nleaf; k++) {
		n = leaves[k];
		s = &sn[n];
		mask = ((uint32_t)1 << s->d) - 1;
		v = (double)leaf_value(m, t, nd, n, w->g) * w->scale;
		H = m->shap_h + s->g0;
		r = m->shap_r + s->z0;
		in = m->shap_in + s->z0;
		for (q = 0; q < 2; q++) {
			K[q] = bits[q][n] & mask;
			sum[q][n] = out[q] = -v * H[K[q]];
		}
		/* Every position, not K's alone: no branch to mispredict. */
		for (p = 0; p < s->d; p++) {
			bp = (uint32_t)1 << p;
			vr = v * r[p];
			acc[0][in[p]] += pick(K[0] >> p & 1,
			    vr * H[K[0] ^ bp] - out[0], 0);
			acc[1][in[p]] += pick(K[1] >> p & 1,
			    vr * H[K[1] ^ bp] - out[1], 0);
		}
	}
	order = m->shap_order + t->order0;
	for (k = t->nsplit; k-- > 0;) {
		n = order[k];
		for (q = 0; q < 2; q++) {
			sum[q][n] = sum[q][nd[n].left] + sum[q][nd[n].right];
			if (sn[n].intro)
				phi[q][nd[n].feature] += sum[q][n] +
				    acc[q][n];
		}
	}
}

/*
 * Every leaf of tree w->t, with the bits its path keeps for row w->x, to
 * fn(w, leaf, bits, arg).
 */
static void
tab_leaves(const struct walk *w, void (*fn)(const struct walk *, int32_t,
    uint32_t, double *), double *arg)
{
	const int32_t *leaves = w->m->shap_leaves + w->t->leaves0;
	size_t k;

	tab_bits(w, w->bits);
	for (k = 0; k < w->t->nleaf; k++)
		fn(w, leaves[k], w->bits[leaves[k]], arg);
}

/*
 * Leaf n's share of the interaction values into im (F + 1 rows of F + 1):
 * for each feature c of its path, the change of the others' SHAP values
 * with c on and off, halved, into row c.
 */
static void
leaf_interactions(const struct walk *w, int32_t n, uint32_t bits,
    double *im)
{
	const struct xgbp_shapnode *sn = w->m->shapnodes + w->t->node0 + n;
	const double *z = w->m->shap_z + sn->z0, *G = w->m->shap_g + sn->g0;
	const uint32_t *f = w->m->shap_f + sn->z0;
	uint32_t K = bits & (((uint32_t)1 << sn->d) - 1), Kc, A, bc;
	size_t cols = w->m->nfeature + 1;
	double v, q, fac, zc, out;
	double *row;
	unsigned c, i, j;

	if (sn->d < 2)
		return;
	v = (double)leaf_value(w->m, w->t, w->m->nodes + w->t->node0, n,
	    w->g) * w->scale;
	for (c = 0; c < sn->d; c++) {
		bc = (uint32_t)1 << c;
		zc = z[c];
		fac = v * ((K & bc ? 1 : 0) - zc) / 2;
		Kc = K & ~bc;
		for (q = 1, j = 0; j < sn->d; j++)
			if (j != c && !(Kc >> j & 1))
				q *= z[j];
		fac *= q;
		row = im + (size_t)f[c] * cols;
		out = fac * ((1 - zc) * G[Kc] + G[Kc | bc]);
		for (i = 0; i < sn->d; i++) {
			if (i == c)
				continue;
			if (Kc >> i & 1) {
				A = Kc ^ (uint32_t)1 << i;
				row[f[i]] += fac * (1 - z[i]) *
				    ((1 - zc) * G[A] + G[A | bc]);
			} else
				row[f[i]] -= out;
		}
	}
}

/*
 * TreeSHAP of row x for group g, over the trees in use, into phi[0..F]
 * (added to; the bias last), conditioned as w->condition says.
 */
static void
row_shap(struct walk *w, size_t g, struct path *paths)
{
	const struct xgbp_model *m = w->m;
	const float *x2[2];
	double *phi2[2];
	size_t i;

	w->g = g;
	for (i = m->tree0; i < m->tree1; i++) {
		w->t = &m->trees[i];
		if (w->t->leafsize == 1 && w->t->group != g)
			continue;
		w->scale = w->t->weight;
		if (w->condition == 0)
			w->phi[m->nfeature] += (double)mean_value(m, w->t, 0,
			    g) * w->scale;
		if (w->t->shaptab && w->condition == 0) {
			x2[0] = x2[1] = w->x;
			phi2[0] = w->phi;
			phi2[1] = w->spare;
			tree_contribs(w, x2, phi2);
			w->x = x2[0];
		} else
			tree_shap(w, 0, 0, paths, 1, 1, UINT32_MAX, 1);
	}
}

/*
 * TreeSHAP of the nb rows of w->x (w->nx apart) for group g, over the
 * trees in use, into phi (nb rows of F + 1, added to, the bias last): a
 * tree at a time, so that its tables serve every row.
 */
static void
block_shap(struct walk *w, size_t nb, size_t g, struct path *paths,
    double *phi)
{
	const struct xgbp_model *m = w->m;
	const float *x0 = w->x, *x2[2];
	size_t i, r, cols = m->nfeature + 1;
	double mean, *phi2[2];

	w->g = g;
	w->condition = 0;
	for (i = m->tree0; i < m->tree1; i++) {
		w->t = &m->trees[i];
		if (w->t->leafsize == 1 && w->t->group != g)
			continue;
		w->scale = w->t->weight;
		mean = (double)mean_value(m, w->t, 0, g) * w->scale;
		for (r = 0; r < nb; r++)
			phi[r * cols + m->nfeature] += mean;
		if (w->t->shaptab) {
			/* Rows two by two; an odd last one with itself, into
			 * scratch the second time. */
			for (r = 0; r < nb; r += 2) {
				x2[0] = x0 + r * w->nx;
				x2[1] = r + 1 < nb ? x2[0] + w->nx : x2[0];
				phi2[0] = phi + r * cols;
				phi2[1] = r + 1 < nb ? phi2[0] + cols : w->spare;
				tree_contribs(w, x2, phi2);
			}
			continue;
		}
		for (r = 0; r < nb; r++) {
			w->x = x0 + r * w->nx;
			w->phi = phi + r * cols;
			tree_shap(w, 0, 0, paths, 1, 1, UINT32_MAX, 1);
		}
	}
	w->x = x0;
}

/*
 * Saabas attributions of row x for group g into out[0..F], in float as
 * XGBoost: each tree's changes of expected value along the path, its
 * bias the root's, times the tree's weight.
 */
static void
row_approx(const struct xgbp_model *m, const float *x, size_t nx, size_t g,
    float *out)
{
	const struct xgbp_tree *t;
	const struct xgbp_node *nd;
	float node_value, nv, c[SHAP_MAXDEPTH + 2];
	uint32_t feat[SHAP_MAXDEPTH + 2], split;
	size_t i, k, nc;
	int32_t n;

	for (i = m->tree0; i < m->tree1; i++) {
		t = &m->trees[i];
		if (t->group != g)
			continue;
		nd = m->nodes + t->node0;
		node_value = mean_value(m, t, 0, 0);
		out[m->nfeature] += node_value * t->weight;
		if (nd[0].left == NODE_LEAF)
			continue;
		/* The tree's own contributions first, as XGBoost sums each
		 * tree apart before adding it. */
		n = 0;
		nc = 0;
		split = 0;
		while (nd[n].left != NODE_LEAF) {
			split = nd[n].feature;
			n = xgbp_node_next(m, &nd[n], x, nx);
			nv = mean_value(m, t, (size_t)n, 0);
			for (k = 0; k < nc && feat[k] != split; k++)
				;
			if (k == nc) {
				feat[nc] = split;
				c[nc++] = 0;
			}
			c[k] += nv - node_value;
			node_value = nv;
		}
		for (k = 0; k < nc && feat[k] != split; k++)
			;
		c[k] += nd[n].value - node_value;
		for (k = 0; k < nc; k++)
			out[feat[k]] += c[k] * t->weight;
	}
}

/* gblinear's contributions (GBLinear::PredictContribution). */
static void
row_linear(const struct xgbp_model *m, const float *x, size_t nx, size_t g,
    float base, float *out)
{
	const float *w = m->linear;
	size_t j, n, G = m->ngroup;

	n = nx < m->nfeature ? nx : m->nfeature;
	for (j = 0; j < n; j++)
		if (!isnan(x[j]))
			out[j] = x[j] * w[j * G + g];
	out[m->nfeature] = w[m->nfeature * G + g] + base;
}

/*
 * SHAP interaction values of row x for group g into out[0..F+1)^2,
 * (PredictInteractionContributions): for each feature i a tree splits on,
 * that tree's SHAP values with i on and off give row i's off-diagonal;
 * the diagonal is each value's share left, the bias's with the initial
 * margin init added in double, as --contrib adds it.  phi, on and off
 * are scratch of F + 1 doubles each, im of (F + 1)^2.
 */
static void
row_interactions(struct walk *w, size_t g, double init, struct path *paths,
    double *phi, double *on, double *off, double *im, float *out)
{
	const struct xgbp_model *m = w->m;
	const struct xgbp_node *nd;
	size_t F = m->nfeature, cols = F + 1, i, j, k;
	uint32_t fi;
	double s;

	memset(phi, 0, cols * sizeof(*phi));
	memset(im, 0, cols * cols * sizeof(*im));
	w->phi = phi;
	w->condition = 0;
	row_shap(w, g, paths);
	phi[F] += init;
	for (i = m->tree0; i < m->tree1; i++) {
		w->t = &m->trees[i];
		if (w->t->leafsize == 1 && w->t->group != g)
			continue;
		nd = m->nodes + w->t->node0;
		w->scale = w->t->weight;
		w->g = g;
		if (w->t->shaptab && m->shap_g != NULL) {
			tab_leaves(w, leaf_interactions, im);
			continue;
		}
		for (j = 0; j < w->t->nnodes; j++) {
			if (nd[j].left == NODE_LEAF)
				continue;
			fi = nd[j].feature;
			/* Once per feature of the tree. */
			for (k = 0; k < j && (nd[k].left == NODE_LEAF ||
			    nd[k].feature != fi); k++)
				;
			if (k < j)
				continue;
			memset(on, 0, cols * sizeof(*on));
			memset(off, 0, cols * sizeof(*off));
			w->cfeature = fi;
			w->condition = 1;
			w->phi = on;
			tree_shap(w, 0, 0, paths, 1, 1, UINT32_MAX, 1);
			w->condition = -1;
			w->phi = off;
			tree_shap(w, 0, 0, paths, 1, 1, UINT32_MAX, 1);
			for (k = 0; k < cols; k++)
				if (k != fi)
					im[fi * cols + k] += (on[k] - off[k]) /
					    2;
		}
	}
	for (i = 0; i < cols; i++) {
		for (s = 0, k = 0; k < cols; k++) {
			if (k == i)
				continue;
			out[i * cols + k] = (float)im[i * cols + k];
			s += im[i * cols + k];
		}
		out[i * cols + i] = (float)(phi[i] - s);
	}
}

/*
 * Explain nrows rows of x into out as flags f ask, with scratch work of
 * xgbp_explain_work() bytes; init: the initial margins of the rules, or
 * with istride > 0 each row's base margins, row r's at init[r * istride],
 * which XGBoost adds to the bias alike (PredictContribution in
 * dmlc/xgboost src/predictor/cpu_predictor.cc, 1.7).
 */
void
xgbp_explain(const struct xgbp_model *m, const float *x, size_t nrows,
    size_t nx, float *out, int f, void *work, const float *init,
    size_t istride)
{
	struct walk w;
	struct path *paths = work;
	double *phi, *on, *off, *im;
	size_t r, g, j, b, B, nb, cols = m->nfeature + 1, G = m->ngroup;
	size_t nout;
	const float *ri;
	float *o;

	nout = xgbp_outputs(m, f);
	phi = (double *)(void *)(paths + (m->booster == BOOSTER_GBLINEAR ? 0 :
	    path_size(m->max_depth)));
	on = phi + cols;
	off = on + cols;
	im = off + cols;
	memset(&w, 0, sizeof(w));
	w.m = m;
	w.nx = nx;
	w.spare = phi + work_doubles(m, f);
	w.acc = w.spare + cols;
	w.sum = w.acc + 2 * m->shap_maxnodes;
	w.bits = (uint32_t *)(void *)(w.sum + 2 * m->shap_maxnodes);
	if ((f & XGBP_CONTRIBS) && m->booster != BOOSTER_GBLINEAR) {
		B = shap_block(m);
		for (r = 0; r < nrows; r += nb) {
			nb = nrows - r < B ? nrows - r : B;
			for (g = 0; g < G; g++) {
				w.x = x + r * nx;
				memset(phi, 0, nb * cols * sizeof(*phi));
				block_shap(&w, nb, g, paths, phi);
				for (b = 0; b < nb; b++) {
					o = out + (r + b) * nout + g * cols;
					for (j = 0; j < cols; j++)
						o[j] = (float)phi[b * cols + j];
					o[m->nfeature] = (float)(phi[b * cols +
					    m->nfeature] + init[(r + b) *
					    istride + g]);
				}
			}
		}
		return;
	}
	for (r = 0; r < nrows; r++) {
		w.x = x + r * nx;
		ri = init + r * istride;
		memset(out + r * nout, 0, nout * sizeof(*out));
		for (g = 0; g < G; g++) {
			o = out + r * nout + g * (f & XGBP_INTERACTIONS ?
			    cols * cols : cols);
			if (m->booster == BOOSTER_GBLINEAR)
				row_linear(m, w.x, nx, g, xgbp_linear_init(ri,
				    g, istride > 0), o);
			else if (f & XGBP_CONTRIBS_APPROX) {
				row_approx(m, w.x, nx, g, o);
				o[m->nfeature] += ri[g];
			} else {
				row_interactions(&w, g, ri[g], paths, phi, on,
				    off, im, o);
			}
		}
	}
}
