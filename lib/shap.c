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
 * Lay out the expected values every explanation needs, at load: for each
 * tree one per node and output of its leaves.  Returns XGBP_OK, or
 * XGBP_ENOMEM.  A model without covers gets none, and cannot be
 * explained.
 */
int
xgbp_shap_build(struct xgbp_model *m)
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
	return path_size(m->max_depth) * sizeof(struct path) +
	    (f & XGBP_INTERACTIONS ? 3 : 1) * cols * sizeof(double);
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
	if (m->means == NULL && m->ntrees > 0)
		return "the model stores no node covers (sum_hessian), which "
		    "explanations need";
	if (m->max_depth > SHAP_MAXDEPTH)
		return "trees deeper than 256 are not explained";
	if ((f & XGBP_CONTRIBS_APPROX) && m->leafvals != NULL)
		return "XGBoost has no approximate contributions for vector "
		    "leaves";
	return NULL;
}

/*
 * TreeSHAP of row x for group g, over the trees in use, into phi[0..F]
 * (added to; the bias last), conditioned as w->condition says.
 */
static void
row_shap(struct walk *w, size_t g, struct path *paths)
{
	const struct xgbp_model *m = w->m;
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
		tree_shap(w, 0, 0, paths, 1, 1, UINT32_MAX, 1);
	}
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
    const float *init, float *out)
{
	const float *w = m->linear;
	size_t j, n, G = m->ngroup;

	n = nx < m->nfeature ? nx : m->nfeature;
	for (j = 0; j < n; j++)
		if (!isnan(x[j]))
			out[j] = x[j] * w[j * G + g];
	out[m->nfeature] = w[m->nfeature * G + g] + init[0];
}

/*
 * SHAP interaction values of row x for group g into out[0..F+1)^2,
 * (PredictInteractionContributions): for each feature i a tree splits on,
 * that tree's SHAP values with i on and off give row i's off-diagonal;
 * the diagonal is each value's share left, the bias's with the initial
 * margin init added in double, as --contrib adds it.  phi, on and off
 * are scratch of F + 1 doubles each.
 */
static void
row_interactions(struct walk *w, size_t g, double init, struct path *paths,
    double *phi, double *on, double *off, float *out)
{
	const struct xgbp_model *m = w->m;
	const struct xgbp_node *nd;
	size_t F = m->nfeature, cols = F + 1, i, j, k;
	uint32_t fi;
	double s;

	memset(phi, 0, cols * sizeof(*phi));
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
					out[fi * cols + k] += (float)((on[k] -
					    off[k]) / 2);
		}
	}
	for (i = 0; i < cols; i++) {
		for (s = 0, k = 0; k < cols; k++)
			if (k != i)
				s += out[i * cols + k];
		out[i * cols + i] = (float)(phi[i] - s);
	}
}

/*
 * Explain nrows rows of x into out as flags f ask, with scratch work of
 * xgbp_explain_work() bytes; init: the initial margins of the rules.
 */
void
xgbp_explain(const struct xgbp_model *m, const float *x, size_t nrows,
    size_t nx, float *out, int f, void *work, const float *init)
{
	struct walk w;
	struct path *paths = work;
	double *phi, *on, *off;
	size_t r, g, j, cols = m->nfeature + 1, G = m->ngroup, nout;
	float *o;

	nout = xgbp_outputs(m, f);
	phi = (double *)(void *)(paths + (m->booster == BOOSTER_GBLINEAR ? 0 :
	    path_size(m->max_depth)));
	on = phi + cols;
	off = on + cols;
	memset(&w, 0, sizeof(w));
	w.m = m;
	w.nx = nx;
	for (r = 0; r < nrows; r++) {
		w.x = x + r * nx;
		memset(out + r * nout, 0, nout * sizeof(*out));
		for (g = 0; g < G; g++) {
			o = out + r * nout + g * (f & XGBP_INTERACTIONS ?
			    cols * cols : cols);
			if (m->booster == BOOSTER_GBLINEAR)
				row_linear(m, w.x, nx, g, init, o);
			else if (f & XGBP_CONTRIBS_APPROX) {
				row_approx(m, w.x, nx, g, o);
				o[m->nfeature] += init[g];
			} else if (f & XGBP_CONTRIBS) {
				memset(phi, 0, cols * sizeof(*phi));
				w.phi = phi;
				w.condition = 0;
				row_shap(&w, g, paths);
				phi[m->nfeature] += init[g];
				for (j = 0; j < cols; j++)
					o[j] = (float)phi[j];
			} else {
				row_interactions(&w, g, init[g], paths, phi, on,
				    off, o);
			}
		}
	}
}
