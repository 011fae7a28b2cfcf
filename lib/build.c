/*
 * build.c: the one model builder.  JSON and UBJSON readers feed it a token
 * stream (xgbp_build_doc); the legacy binary reader fills its fields
 * directly.  All validation happens here, once, so predict.c can trust
 * every index.  The document layout is described in
 * ../shared/docs/xgboost-model-format.md §2 and, authoritatively, by
 * dmlc/xgboost src/learner.cc, src/gbm/gbtree_model.cc, src/gbm/gbtree.cc,
 * src/gbm/gblinear_model.h, src/tree/tree_model.cc and
 * src/tree/multi_target_tree_model.cc (v3.4.1), whose SaveModel and
 * LoadModel it mirrors.  Keys may come in any order and unknown keys are
 * skipped, so files from XGBoost 1.0 through 3.x, and later ones that add
 * members, all load.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int top_object(struct xgbp_builder *, struct xgbp_tok *);

/* Append one element; a vector never holds more than the file can. */
int
xgbp_build_push(struct xgbp_builder *b, struct xgbp_vec *v, const void *elem)
{
	void *p;
	size_t cap;

	if (v->n == v->cap) {
		cap = v->cap == 0 ? 16 : v->cap * 2;
		if ((p = xgbp_realloc(v->p, cap, v->size)) == NULL)
			return xgbp_seterr(b->err, XGBP_ENOMEM,
			    b->r != NULL ? b->r->pos : 0, "out of memory");
		v->p = p;
		v->cap = cap;
	}
	memcpy((char *)v->p + v->n * v->size, elem, v->size);
	v->n++;
	return XGBP_OK;
}

static void
vec_free(struct xgbp_vec *v)
{
	xgbp_free(v->p);
	v->p = NULL;
	v->n = v->cap = 0;
}

/* Hand the vector's array to the caller, which frees it. */
static void *
vec_take(struct xgbp_vec *v)
{
	void *p = v->p;

	v->p = NULL;
	v->n = v->cap = 0;
	return p;
}

static int
keyis(const struct xgbp_tok *t, const char *k)
{
	return t->n == strlen(k) && memcmp(t->s, k, t->n) == 0;
}

static const char *
kindname(int kind)
{
	static const char *const names[] = {
		"end of file", "object", "'}'", "array", "']'", "key",
		"string", "integer", "number", "true", "false", "null"
	};

	return names[kind];
}

static int
want(struct xgbp_builder *b, const struct xgbp_tok *t, const char *what)
{
	return xgbp_seterr(b->err, XGBP_EMODEL, t->pos, "expected %s, found %s",
	    what, kindname(t->kind));
}

static int
next(struct xgbp_builder *b, struct xgbp_tok *t)
{
	return b->r->next(b->r, t);
}

/*
 * Read the value that follows a key, which must be an object, and call fn
 * for each of its members with the key token in *t; fn reads the value.
 */
static int
object(struct xgbp_builder *b, struct xgbp_tok *t,
    int (*fn)(struct xgbp_builder *, struct xgbp_tok *))
{
	int rc;

	if ((rc = next(b, t)) != XGBP_OK)
		return rc;
	if (t->kind != XT_OBJ)
		return want(b, t, "an object");
	for (;;) {
		if ((rc = next(b, t)) != XGBP_OK)
			return rc;
		if (t->kind == XT_OBJ_END)
			return XGBP_OK;
		if ((rc = fn(b, t)) != XGBP_OK)
			return rc;
	}
}

/* Skip the value of the member whose key was just read. */
static int
skip(struct xgbp_builder *b)
{
	struct xgbp_tok t;
	int rc;

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	return xgbp_reader_skip(b->r, &t);
}

/* Parse a decimal integer in s[0..n), at most 18 digits; -1 if it is not. */
int64_t
xgbp_decimal(const char *s, size_t n)
{
	int64_t v;
	size_t i;

	if (n == 0 || n > 18)
		return -1;
	for (v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Read a non-negative integer parameter, as XGBoost stores them: in a
 * string ("4") or, tolerantly, as a number.
 */
static int
intparam(struct xgbp_builder *b, int64_t *out, int64_t max)
{
	struct xgbp_tok t;
	int64_t v;
	int rc;

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind == XT_INT)
		v = t.i;
	else if (t.kind == XT_STR) {
		if ((v = xgbp_decimal(t.s, t.n)) < 0)
			return xgbp_seterr(b->err, XGBP_EMODEL, t.pos,
			    "parameter is not an integer: \"%.*s\"",
			    (int)(t.n < 40 ? t.n : 40), t.s);
	} else
		return want(b, &t, "an integer parameter");
	if (v < 0 || v > max)
		return xgbp_seterr(b->err, XGBP_EMODEL, t.pos,
		    "parameter %lld out of range", (long long)v);
	*out = v;
	return XGBP_OK;
}

/*
 * Read an array of numbers into v: integers when v holds int64_t, where
 * booleans count as 0 and 1 (XGBoost 1.0-1.5 wrote default_left as
 * true/false); floats when it holds float, integers converted.
 */
static int
numarray(struct xgbp_builder *b, struct xgbp_vec *v, size_t *pos)
{
	struct xgbp_tok t;
	int64_t x;
	int rc, ints = v->size == sizeof(int64_t);

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_ARR)
		return want(b, &t, ints ? "an array of integers" :
		    "an array of numbers");
	*pos = t.pos;
	v->n = 0;
	for (;;) {
		if ((rc = next(b, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_ARR_END)
			return XGBP_OK;
		if (ints && t.kind == XT_INT)
			x = t.i;
		else if (ints && (t.kind == XT_TRUE || t.kind == XT_FALSE))
			x = t.kind == XT_TRUE;
		else if (ints || (t.kind != XT_FLOAT && t.kind != XT_INT))
			return want(b, &t, ints ? "an integer" : "a number");
		if ((rc = xgbp_build_push(b, v, ints ? (void *)&x :
		    (void *)&t.f)) != XGBP_OK)
			return rc;
	}
}

/* Copy a string token into a new NUL-terminated string. */
static int
strdup_tok(struct xgbp_builder *b, const struct xgbp_tok *t, char **out)
{
	char *s;

	if ((s = xgbp_alloc(t->n + 1, 1)) == NULL)
		return xgbp_seterr(b->err, XGBP_ENOMEM, t->pos,
		    "out of memory");
	memcpy(s, t->s, t->n);
	s[t->n] = '\0';
	*out = s;
	return XGBP_OK;
}

/* Read an array of strings into v (char *). */
static int
strarray(struct xgbp_builder *b, struct xgbp_vec *v)
{
	struct xgbp_tok t;
	char *s;
	int rc;

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_ARR)
		return want(b, &t, "an array of strings");
	for (;;) {
		if ((rc = next(b, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_ARR_END)
			return XGBP_OK;
		if (t.kind != XT_STR)
			return want(b, &t, "a string");
		if ((rc = strdup_tok(b, &t, &s)) != XGBP_OK)
			return rc;
		if ((rc = xgbp_build_push(b, v, &s)) != XGBP_OK) {
			xgbp_free(s);
			return rc;
		}
	}
}

/*
 * Parse a list of floats written inside a string: "5E-1", "0.500000",
 * "[5E-1]", "[1E-1,5E-1]", or with parentheses, the forms base_score and
 * quantile_alpha take across versions (dmlc/xgboost
 * src/common/param_array.cc, v3.4.1).  Numbers go straight to float.
 */
static int
floatlist(struct xgbp_builder *b, const struct xgbp_tok *str,
    struct xgbp_vec *out)
{
	struct xgbp_reader r;
	struct xgbp_error e;
	struct xgbp_tok t;
	char buf[4096];
	size_t n, i;
	int rc, depth;

	n = str->n;
	if (n >= sizeof(buf))
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, str->pos,
		    "list of numbers too long");
	memcpy(buf, str->s, n);
	for (i = 0; i < n; i++)
		if (buf[i] == '(' || buf[i] == ')')
			buf[i] = buf[i] == '(' ? '[' : ']';
	memset(&e, 0, sizeof(e));
	xgbp_json_init(&r, buf, n, &e);
	out->n = 0;
	depth = 0;
	do {
		if ((rc = r.next(&r, &t)) != XGBP_OK)
			break;
		if (t.kind == XT_ARR && depth == 0)
			depth++;
		else if (t.kind == XT_ARR_END)
			depth--;
		else if (t.kind == XT_FLOAT || t.kind == XT_INT)
			rc = xgbp_build_push(b, out, &t.f);
		else if (t.kind != XT_EOF)
			rc = XGBP_ESYNTAX;
	} while (rc == XGBP_OK && t.kind != XT_EOF);
	xgbp_reader_fini(&r);
	if (rc == XGBP_ENOMEM || e.status == XGBP_ENOMEM)
		return xgbp_seterr(b->err, XGBP_ENOMEM, str->pos,
		    "out of memory");
	if (rc != XGBP_OK || out->n == 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, str->pos,
		    "not a number or list of numbers: \"%.*s\"",
		    (int)(n < 40 ? n : 40), str->s);
	return XGBP_OK;
}

/* Read a string holding a list of floats (see floatlist) into out. */
static int
floatlistparam(struct xgbp_builder *b, struct xgbp_vec *out)
{
	struct xgbp_tok v;
	int rc;

	if ((rc = next(b, &v)) != XGBP_OK)
		return rc;
	if (v.kind == XT_FLOAT || v.kind == XT_INT) {
		out->n = 0;
		return xgbp_build_push(b, out, &v.f);
	}
	if (v.kind != XT_STR)
		return want(b, &v, "a string");
	return floatlist(b, &v, out);
}

static int
lmp_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	int64_t x;
	int rc;

	if (keyis(t, "num_feature"))
		return intparam(b, &b->num_feature, INT32_MAX);
	if (keyis(t, "num_class"))
		return intparam(b, &b->num_class, INT32_MAX);
	if (keyis(t, "num_target"))
		return intparam(b, &b->num_target, INT32_MAX);
	if (keyis(t, "boost_from_average")) {
		if ((rc = intparam(b, &x, 1)) == XGBP_OK)
			b->boost_from_average = (int)x;
		return rc;
	}
	if (keyis(t, "base_score"))
		return floatlistparam(b, &b->base);
	return skip(b);
}

/* A member of an objective's parameter object. */
static int
objparam_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "num_class"))
		return intparam(b, &b->obj_num_class, INT32_MAX);
	if (keyis(t, "quantile_alpha") || keyis(t, "expectile_alpha"))
		return floatlistparam(b, &b->alphas);
	return skip(b);
}

static int
objective_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	struct xgbp_tok v;
	int rc;

	if (!keyis(t, "name")) {
		if ((rc = next(b, &v)) != XGBP_OK)
			return rc;
		if (v.kind != XT_OBJ)
			return xgbp_reader_skip(b->r, &v);
		for (;;) {	/* the objective's parameters */
			if ((rc = next(b, &v)) != XGBP_OK)
				return rc;
			if (v.kind == XT_OBJ_END)
				return XGBP_OK;
			if ((rc = objparam_member(b, &v)) != XGBP_OK)
				return rc;
		}
	}
	if ((rc = next(b, &v)) != XGBP_OK)
		return rc;
	if (v.kind != XT_STR)
		return want(b, &v, "a string");
	b->objpos = v.pos;
	b->objnamelen = v.n < sizeof(b->objname) ? v.n : sizeof(b->objname);
	memcpy(b->objname, v.s, b->objnamelen);
	return XGBP_OK;
}

static int
tree_param_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "num_nodes"))
		return intparam(b, &b->t.nnodes, INT32_MAX);
	if (keyis(t, "size_leaf_vector"))
		return intparam(b, &b->t.leafsize, INT32_MAX);
	return skip(b);
}

static int
tree_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	static const char *const intkeys[TA_NINT] = {
		"left_children", "right_children", "split_indices",
		"default_left", "split_type", "categories",
		"categories_nodes", "categories_segments", "categories_sizes"
	};
	static const char *const floatkeys[TA_NFLOAT] = {
		"split_conditions", "base_weights", "leaf_weights",
		"sum_hessian"
	};
	int i;

	for (i = 0; i < TA_NINT; i++)
		if (keyis(t, intkeys[i]))
			return numarray(b, &b->t.ints[i], &b->t.intpos[i]);
	for (i = 0; i < TA_NFLOAT; i++)
		if (keyis(t, floatkeys[i]))
			return numarray(b, &b->t.floats[i],
			    &b->t.floatpos[i]);
	if (keyis(t, "tree_param"))
		return object(b, t, tree_param_member);
	return skip(b);
}

static int
ordered_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/*
 * Attach the category lists of the tree's categorical splits to its nodes
 * nd[0..n): for the k-th entry, node categories_nodes[k] sends the
 * categories categories[segments[k] .. segments[k] + sizes[k]) right
 * (RegTree::LoadCategoricalSplit, dmlc/xgboost src/tree/tree_model.cc).
 * Each list is sorted for the predictor's binary search.
 */
static int
tree_categories(struct xgbp_builder *b, struct xgbp_node *nd, size_t n)
{
	struct xgbp_treein *t = &b->t;
	const int64_t *cat, *node, *seg, *size;
	size_t k, j, ncat, c0, total;
	int32_t c;
	int rc;

	cat = t->ints[TA_CATS].p;
	node = t->ints[TA_CATNODES].p;
	seg = t->ints[TA_CATSEGS].p;
	size = t->ints[TA_CATSIZES].p;
	ncat = t->ints[TA_CATS].n;
	if (t->ints[TA_CATSEGS].n != t->ints[TA_CATNODES].n ||
	    t->ints[TA_CATSIZES].n != t->ints[TA_CATNODES].n)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->intpos[TA_CATNODES],
		    "tree %zu: category arrays of different lengths",
		    b->trees.n);
	total = 0;
	for (k = 0; k < t->ints[TA_CATNODES].n; k++) {
		if (node[k] < 0 || (uint64_t)node[k] >= n ||
		    !nd[node[k]].categorical || nd[node[k]].ncat != 0)
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    t->intpos[TA_CATNODES], "tree %zu: categories_nodes"
			    "[%zu] is not a categorical split", b->trees.n, k);
		if (seg[k] < 0 || size[k] < 1 || (uint64_t)seg[k] > ncat ||
		    (uint64_t)size[k] > ncat - (uint64_t)seg[k])
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    t->intpos[TA_CATSEGS], "tree %zu: category "
			    "segment %zu out of range", b->trees.n, k);
		/*
		 * XGBoost writes the segments one after another; overlapping
		 * ones would let a small file copy its categories once per
		 * node, quadratically.
		 */
		if ((total += (size_t)size[k]) > ncat)
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    t->intpos[TA_CATSIZES], "tree %zu: category "
			    "segments overlap", b->trees.n);
		c0 = b->cats.n;
		for (j = (size_t)seg[k]; j < (size_t)(seg[k] + size[k]); j++) {
			if (cat[j] < 0 || cat[j] > INT32_MAX)
				return xgbp_seterr(b->err, XGBP_EMODEL,
				    t->intpos[TA_CATS], "tree %zu: category "
				    "%lld out of range", b->trees.n,
				    (long long)cat[j]);
			c = (int32_t)cat[j];
			if ((rc = xgbp_build_push(b, &b->cats, &c)) != XGBP_OK)
				return rc;
		}
		qsort((int32_t *)b->cats.p + c0, (size_t)size[k],
		    sizeof(int32_t), ordered_cmp);
		nd[node[k]].cat0 = (uint32_t)c0;
		nd[node[k]].ncat = (uint32_t)size[k];
	}
	for (k = 0; k < n; k++)
		if (nd[k].categorical && nd[k].ncat == 0)
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    t->intpos[TA_SPLITTYPE], "tree %zu node %zu: "
			    "categorical split without categories",
			    b->trees.n, k);
	if (b->cats.n > UINT32_MAX)
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, t->pos,
		    "too many categories");
	return XGBP_OK;
}

/*
 * Copy the leaf vectors of a vector-leaf tree into the model's leafvals and
 * point each leaf's right at its vector.  3.2 and later store them in
 * leaf_weights, indexed by the leaf's right_children; 2.0 to 3.1 in
 * base_weights, num_nodes vectors of T (multi_target_tree_model.cc).
 */
static int
tree_leaf_vectors(struct xgbp_builder *b, struct xgbp_node *nd, size_t n,
    struct xgbp_tree *tr)
{
	struct xgbp_treein *t = &b->t;
	const struct xgbp_vec *src;
	const float *v;
	size_t i, j, T, k, nvec;
	int rc, inleaf;

	T = tr->leafsize;
	inleaf = t->floats[TF_LEAFW].n != 0;
	src = &t->floats[inleaf ? TF_LEAFW : TF_BASEW];
	if (src->n % T != 0 || (!inleaf && src->n != n * T))
		return xgbp_seterr(b->err, XGBP_EMODEL,
		    t->floatpos[inleaf ? TF_LEAFW : TF_BASEW], "tree %zu: "
		    "%zu leaf values for leaves of %zu", b->trees.n, src->n, T);
	nvec = src->n / T;
	v = src->p;
	/*
	 * One vector per leaf (3.2+: leaf_weights holds leaves * T values),
	 * so leaves sharing a vector cannot multiply a small file.
	 */
	for (i = 0, k = 0; inleaf && i < n; i++)
		k += nd[i].left == NODE_LEAF;
	if (inleaf && k > nvec)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->floatpos[TF_LEAFW],
		    "tree %zu: %zu leaves but %zu leaf vectors", b->trees.n,
		    k, nvec);
	tr->leaf0 = b->leafvals.n;
	for (i = 0; i < n; i++) {
		if (nd[i].left != NODE_LEAF)
			continue;
		k = inleaf ? (size_t)nd[i].right : i;
		if (inleaf && (nd[i].right < 0 || k >= nvec))
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    t->intpos[TA_RIGHT], "tree %zu node %zu: leaf "
			    "index %d out of range", b->trees.n, i,
			    (int)nd[i].right);
		nd[i].right = (int32_t)((b->leafvals.n - tr->leaf0) / T);
		for (j = 0; j < T; j++) {
			b->m->nonfinite += !isfinite(v[k * T + j]);
			if ((rc = xgbp_build_push(b, &b->leafvals,
			    &v[k * T + j])) != XGBP_OK)
				return rc;
		}
	}
	return XGBP_OK;
}

/*
 * Check that the nodes form one tree under node 0: every child index in
 * range, no node reached twice (so no cycle), hence every path from the
 * root ends in a leaf.  Iterative, so a hostile depth cannot overflow the
 * C stack.
 */
static int
check_shape(struct xgbp_builder *b, const struct xgbp_node *nd, size_t n)
{
	int32_t *stack, i, c[2], depth;
	unsigned char *seen;
	size_t sp;
	int k, rc;

	stack = xgbp_alloc(n, 2 * sizeof(*stack));	/* node, depth */
	seen = xgbp_alloc(n, 1);
	rc = XGBP_OK;
	if (stack == NULL || seen == NULL) {
		rc = xgbp_seterr(b->err, XGBP_ENOMEM, b->t.pos,
		    "out of memory");
		goto out;
	}
	memset(seen, 0, n);
	sp = 0;
	stack[sp++] = 0;
	stack[sp++] = 0;
	seen[0] = 1;
	while (sp > 0 && rc == XGBP_OK) {
		depth = stack[--sp];
		i = stack[--sp];
		if ((size_t)depth > b->m->max_depth)
			b->m->max_depth = (size_t)depth;
		if (nd[i].left == NODE_LEAF)
			continue;
		c[0] = nd[i].left;
		c[1] = nd[i].right;
		for (k = 0; k < 2 && rc == XGBP_OK; k++) {
			if (c[k] <= 0 || (size_t)c[k] >= n)
				rc = xgbp_seterr(b->err, XGBP_EMODEL,
				    b->t.intpos[k ? TA_RIGHT : TA_LEFT],
				    "tree %zu node %d: child %d out of range",
				    b->trees.n, (int)i, (int)c[k]);
			else if (seen[c[k]])
				rc = xgbp_seterr(b->err, XGBP_EMODEL,
				    b->t.intpos[k ? TA_RIGHT : TA_LEFT],
				    "tree %zu node %d: node %d reached twice",
				    b->trees.n, (int)i, (int)c[k]);
			else {
				seen[c[k]] = 1;
				stack[sp++] = c[k];
				stack[sp++] = depth + 1;
			}
		}
	}
out:
	xgbp_free(stack);
	xgbp_free(seen);
	return rc;
}

/* Check the per-node arrays against num_nodes. */
static int
check_lengths(struct xgbp_builder *b, size_t n)
{
	struct xgbp_treein *t = &b->t;
	int k;

	if (t->nnodes < 1)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->pos,
		    "tree %zu: no tree_param.num_nodes", b->trees.n);
	for (k = TA_LEFT; k <= TA_SPLITTYPE; k++) {
		if (k == TA_SPLITTYPE && t->ints[k].n == 0)
			continue;	/* before 1.3: all numeric */
		if (t->ints[k].n != n)
			return xgbp_seterr(b->err, XGBP_EMODEL, t->intpos[k],
			    "tree %zu: %zu elements, num_nodes is %zu",
			    b->trees.n, t->ints[k].n, n);
	}
	if (t->floats[TF_COND].n != n)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->floatpos[TF_COND],
		    "tree %zu: %zu split_conditions, num_nodes is %zu",
		    b->trees.n, t->floats[TF_COND].n, n);
	return XGBP_OK;
}

/* Make node i of the tree being read from its arrays, and check it. */
static int
make_node(struct xgbp_builder *b, size_t i, int vector, struct xgbp_node *x)
{
	struct xgbp_treein *t = &b->t;
	const int64_t *a[TA_NINT];
	float cond;
	int k;

	for (k = 0; k < TA_NINT; k++)
		a[k] = t->ints[k].p;
	cond = ((const float *)t->floats[TF_COND].p)[i];
	memset(x, 0, sizeof(*x));
	if (a[TA_LEFT][i] < -1 || a[TA_LEFT][i] > INT32_MAX ||
	    a[TA_RIGHT][i] < -1 || a[TA_RIGHT][i] > INT32_MAX)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->intpos[TA_LEFT],
		    "tree %zu node %zu: child out of range", b->trees.n, i);
	x->left = (int32_t)a[TA_LEFT][i];
	x->right = (int32_t)a[TA_RIGHT][i];
	x->value = cond;
	if (x->left == NODE_LEAF) {
		b->m->nonfinite += !vector && !isfinite(cond);
		return XGBP_OK;
	}
	if (a[TA_SPLIT][i] < 0 || a[TA_SPLIT][i] > UINT32_MAX)
		return xgbp_seterr(b->err, XGBP_EMODEL, t->intpos[TA_SPLIT],
		    "tree %zu node %zu: split index %lld out of range",
		    b->trees.n, i, (long long)a[TA_SPLIT][i]);
	x->feature = (uint32_t)a[TA_SPLIT][i];
	x->default_left = a[TA_DEFLEFT][i] != 0;
	x->categorical = t->ints[TA_SPLITTYPE].n != 0 &&
	    a[TA_SPLITTYPE][i] != 0;
	/* x < NaN is false, so a NaN threshold sends every value right,
	 * in the engine's walkers as in XGBoost's. */
	b->m->nonfinite += !x->categorical && !isfinite(cond);
	return XGBP_OK;
}

/*
 * Validate the arrays of the tree just read into b->t and append the tree
 * to the model being built.
 */
int
xgbp_build_tree(struct xgbp_builder *b)
{
	struct xgbp_treein *t = &b->t;
	struct xgbp_tree tr;
	struct xgbp_node x, *nd;
	size_t n, i;
	int rc;

	n = (size_t)t->nnodes;
	if ((rc = check_lengths(b, n)) != XGBP_OK)
		return rc;
	memset(&tr, 0, sizeof(tr));
	tr.node0 = b->nodes.n;
	tr.nnodes = n;
	tr.group = 0;
	tr.leafsize = t->leafsize > 1 ? (uint32_t)t->leafsize : 1;
	tr.leaf0 = 0;
	tr.weight = 1.0f;
	for (i = 0; i < n; i++) {
		if ((rc = make_node(b, i, tr.leafsize > 1, &x)) != XGBP_OK ||
		    (rc = xgbp_build_push(b, &b->nodes, &x)) != XGBP_OK)
			return rc;
	}
	/*
	 * Covers, for SHAP: one per node, or the model has none (vector
	 * leaves of 2.0 to 3.1; files cut short of them).
	 */
	if (t->floats[TF_HESS].n != n)
		b->nocover = 1;
	for (i = 0; !b->nocover && i < n; i++)
		if ((rc = xgbp_build_push(b, &b->covers,
		    (float *)t->floats[TF_HESS].p + i)) != XGBP_OK)
			return rc;
	nd = (struct xgbp_node *)b->nodes.p + tr.node0;
	if ((rc = check_shape(b, nd, n)) != XGBP_OK ||
	    (rc = tree_categories(b, nd, n)) != XGBP_OK)
		return rc;
	if (tr.leafsize > 1 &&
	    (rc = tree_leaf_vectors(b, nd, n, &tr)) != XGBP_OK)
		return rc;
	if ((rc = xgbp_build_push(b, &b->treepos, &t->intpos[TA_SPLIT])) !=
	    XGBP_OK)
		return rc;
	return xgbp_build_push(b, &b->trees, &tr);
}

/* Read one tree object, an element of "trees". */
static int
tree(struct xgbp_builder *b, struct xgbp_tok *t)
{
	int k, rc;

	if (t->kind != XT_OBJ)
		return want(b, t, "a tree object");
	/* An array the tree lacks is reported at the tree, not elsewhere. */
	for (k = 0; k < TA_NINT; k++) {
		b->t.ints[k].n = 0;
		b->t.intpos[k] = t->pos;
	}
	for (k = 0; k < TA_NFLOAT; k++) {
		b->t.floats[k].n = 0;
		b->t.floatpos[k] = t->pos;
	}
	b->t.nnodes = 0;
	b->t.leafsize = 0;
	b->t.pos = t->pos;
	for (;;) {
		if ((rc = next(b, t)) != XGBP_OK)
			return rc;
		if (t->kind == XT_OBJ_END)
			break;
		if ((rc = tree_member(b, t)) != XGBP_OK)
			return rc;
	}
	return xgbp_build_tree(b);
}

static int
trees(struct xgbp_builder *b)
{
	struct xgbp_tok t;
	int rc;

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_ARR)
		return want(b, &t, "an array of trees");
	for (;;) {
		if ((rc = next(b, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_ARR_END)
			break;
		if ((rc = tree(b, &t)) != XGBP_OK)
			return rc;
	}
	b->have_trees = 1;
	return XGBP_OK;
}

/*
 * One entry of cats.enc: {"offsets": [...], "values": [...]} holds the
 * names of one feature's categories as UTF-8 bytes (stored as int8) split
 * at the offsets; numeric categories ({"type": ..., "values": [...]}) and
 * numeric features have no offsets and so no names.  The arrays are
 * appended to catoffs and catvals; e records where.
 */
static int
cats_enc_member(struct xgbp_builder *b, struct xgbp_tok *t,
    struct xgbp_catenc *e)
{
	struct xgbp_vec tmp;
	size_t pos, i;
	char c;
	int rc, offsets;

	if (!(offsets = keyis(t, "offsets")) && !keyis(t, "values"))
		return skip(b);
	memset(&tmp, 0, sizeof(tmp));
	tmp.size = sizeof(int64_t);
	if ((rc = numarray(b, &tmp, &pos)) != XGBP_OK)
		goto out;
	if (offsets) {
		e->off0 = b->catoffs.n;
		e->noff = tmp.n;
	} else {
		e->val0 = b->catvals.n;
		e->nval = tmp.n;
	}
	for (i = 0; i < tmp.n && rc == XGBP_OK; i++) {
		if (offsets)
			rc = xgbp_build_push(b, &b->catoffs,
			    (int64_t *)tmp.p + i);
		else {
			c = (char)(unsigned char)(((int64_t *)tmp.p)[i] & 0xff);
			rc = xgbp_build_push(b, &b->catvals, &c);
		}
	}
out:
	vec_free(&tmp);
	return rc;
}

/* cats.enc: one entry per feature. */
static int
cats_enc(struct xgbp_builder *b)
{
	struct xgbp_catenc e;
	struct xgbp_tok t;
	int rc;

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_ARR)
		return want(b, &t, "an array");
	for (;;) {
		if ((rc = next(b, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_ARR_END)
			return XGBP_OK;
		if (t.kind != XT_OBJ)
			return want(b, &t, "an object");
		memset(&e, 0, sizeof(e));
		for (;;) {
			if ((rc = next(b, &t)) != XGBP_OK)
				return rc;
			if (t.kind == XT_OBJ_END)
				break;
			if ((rc = cats_enc_member(b, &t, &e)) != XGBP_OK)
				return rc;
		}
		if ((rc = xgbp_build_push(b, &b->catenc, &e)) != XGBP_OK)
			return rc;
	}
}

static int
cats_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "enc"))
		return cats_enc(b);
	return skip(b);
}

static int
gbtree_param_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "num_trees"))
		return intparam(b, &b->num_trees, INT32_MAX);
	if (keyis(t, "num_parallel_tree"))
		return intparam(b, &b->num_parallel, INT32_MAX);
	return skip(b);
}

/*
 * A member of a booster's "model" object: gbtree members, or gblinear's
 * "weights"; which booster it is comes later ("name" sorts after "model").
 */
static int
model_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "gbtree_model_param"))
		return object(b, t, gbtree_param_member);
	if (keyis(t, "trees"))
		return trees(b);
	if (keyis(t, "tree_info"))
		return numarray(b, &b->tree_info, &b->tree_info_pos);
	if (keyis(t, "iteration_indptr"))
		return numarray(b, &b->indptr, &b->indptr_pos);
	if (keyis(t, "weight_drop"))	/* DART, 3.4 and later */
		return numarray(b, &b->weight_drop, &b->weight_drop_pos);
	if (keyis(t, "weights")) {	/* gblinear */
		b->have_linear = 1;
		return numarray(b, &b->linear, &b->linear_pos);
	}
	if (keyis(t, "cats")) {
		b->cats_pos = t->pos;
		return object(b, t, cats_member);
	}
	return skip(b);
}

/*
 * A member of gradient_booster.  DART comes in three layouts: 1.0-3.2
 * {"name":"dart","gbtree":{"name":"gbtree","model":...},"weight_drop":[]};
 * 3.3 {"name":"gbtree","model":...,"weight_drop":[]}; 3.4 with weight_drop
 * inside "model" (dmlc/xgboost src/gbm/gbtree.cc, v1.7.6, v3.3.0, v3.4.1).
 */
static int
booster_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	struct xgbp_tok v;
	int rc;

	if (keyis(t, "model"))
		return object(b, t, model_member);
	if (keyis(t, "gbtree"))
		return object(b, t, booster_member);
	if (keyis(t, "weight_drop"))
		return numarray(b, &b->weight_drop, &b->weight_drop_pos);
	if (!keyis(t, "name"))
		return skip(b);
	if ((rc = next(b, &v)) != XGBP_OK)
		return rc;
	if (v.kind != XT_STR)
		return want(b, &v, "a string");
	if (strcmp(b->booster, "dart") == 0)
		return XGBP_OK;		/* the name of its inner gbtree */
	b->boosterpos = v.pos;
	if (v.n >= sizeof(b->booster) || memchr(v.s, '\0', v.n) != NULL)
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, v.pos,
		    "unknown booster \"%.*s\"", (int)(v.n < 40 ? v.n : 40),
		    v.s);
	memcpy(b->booster, v.s, v.n);
	b->booster[v.n] = '\0';
	return XGBP_OK;
}

static int
attribute_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	struct xgbp_tok v;
	int64_t x;
	int rc;

	if (!keyis(t, "best_iteration"))
		return skip(b);
	if ((rc = next(b, &v)) != XGBP_OK)
		return rc;
	if (v.kind == XT_STR && (x = xgbp_decimal(v.s, v.n)) >= 0)
		b->best_iteration = x;
	else if (v.kind == XT_INT && v.i >= 0)
		b->best_iteration = v.i;
	else
		return xgbp_reader_skip(b->r, &v);
	return XGBP_OK;
}

static int
learner_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "learner_model_param")) {
		b->have_lmp = 1;
		b->lmp_pos = t->pos;
		return object(b, t, lmp_member);
	}
	if (keyis(t, "objective"))
		return object(b, t, objective_member);
	if (keyis(t, "gradient_booster"))
		return object(b, t, booster_member);
	if (keyis(t, "feature_names"))
		return strarray(b, &b->names);
	if (keyis(t, "feature_types"))
		return strarray(b, &b->types);
	if (keyis(t, "attributes"))
		return object(b, t, attribute_member);
	return skip(b);
}

static int
version(struct xgbp_builder *b)
{
	struct xgbp_tok t;
	int rc, i;

	if ((rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_ARR)
		return xgbp_reader_skip(b->r, &t);
	for (i = 0;; i++) {
		if ((rc = next(b, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_ARR_END)
			return XGBP_OK;
		if (t.kind == XT_INT && i < 3 && t.i >= 0 && t.i < 1000)
			b->m->version[i] = (int)t.i;
		else if ((rc = xgbp_reader_skip(b->r, &t)) != XGBP_OK)
			return rc;
	}
}

/*
 * A member of the top-level object: {"learner": ..., "version": [...]}, or
 * a memory snapshot {"Config": ..., "Model": {...}} whose Model is such an
 * object (dmlc/xgboost src/learner.cc, LearnerIO::Load).
 */
static int
top_member(struct xgbp_builder *b, struct xgbp_tok *t)
{
	if (keyis(t, "learner"))
		return object(b, t, learner_member);
	if (keyis(t, "version"))
		return version(b);
	if (keyis(t, "Model"))
		return top_object(b, t);
	return skip(b);
}

static int
top_object(struct xgbp_builder *b, struct xgbp_tok *t)
{
	return object(b, t, top_member);
}

/* Build from the document reader r yields, up to its end. */
int
xgbp_build_doc(struct xgbp_builder *b, struct xgbp_reader *r)
{
	struct xgbp_tok t;
	int rc;

	b->r = r;
	if ((rc = top_object(b, &t)) != XGBP_OK ||
	    (rc = next(b, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_EOF)
		return xgbp_seterr(b->err, XGBP_ESYNTAX, t.pos,
		    "data after the end of the model");
	return XGBP_OK;
}

/*
 * Read an objective's JSON configuration, as legacy binary files of 1.0 to
 * 3.0 keep in their "objective" attribute.
 */
int
xgbp_build_objective(struct xgbp_builder *b, const char *s, size_t n)
{
	struct xgbp_reader r, *saved;
	struct xgbp_tok t;
	int rc;

	xgbp_json_init(&r, s, n, b->err);
	saved = b->r;
	b->r = &r;
	if ((rc = object(b, &t, objective_member)) == XGBP_OK &&
	    (rc = next(b, &t)) == XGBP_OK && t.kind != XT_EOF)
		rc = xgbp_seterr(b->err, XGBP_ESYNTAX, t.pos,
		    "data after the objective");
	xgbp_reader_fini(&r);
	b->r = saved;
	return rc;
}

/*
 * Check each tree against the model: its output group (tree_info), split
 * features below num_feature, and its DART weight.
 */
static int
finish_trees(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	struct xgbp_tree *tr = b->trees.p;
	const struct xgbp_node *nd = b->nodes.p;
	const int64_t *info = b->tree_info.p;
	const float *w = b->weight_drop.p;
	size_t i, j;

	if (b->num_trees != (int64_t)b->trees.n)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->tree_info_pos,
		    "num_trees is %lld but %zu trees are stored",
		    (long long)b->num_trees, b->trees.n);
	if (b->tree_info.n != b->trees.n)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->tree_info_pos,
		    "tree_info has %zu entries for %zu trees",
		    b->tree_info.n, b->trees.n);
	if (b->weight_drop.n > b->trees.n)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->weight_drop_pos,
		    "%zu DART weights for %zu trees", b->weight_drop.n,
		    b->trees.n);
	for (i = 0; i < b->trees.n; i++) {
		if (info[i] < 0 || (uint64_t)info[i] >= m->ngroup)
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    b->tree_info_pos, "tree_info[%zu] is %lld, but the "
			    "model has %zu outputs", i, (long long)info[i],
			    m->ngroup);
		if (tr[i].leafsize > 1 && tr[i].leafsize != m->ngroup)
			return xgbp_seterr(b->err, XGBP_EMODEL,
			    ((size_t *)b->treepos.p)[i], "tree %zu has leaves "
			    "of %lu values, but the model has %zu outputs", i,
			    (unsigned long)tr[i].leafsize, m->ngroup);
		tr[i].group = (uint32_t)info[i];
		if (i < b->weight_drop.n) {
			m->nonfinite += !isfinite(w[i]);
			tr[i].weight = w[i];
		}
		for (j = tr[i].node0; j < tr[i].node0 + tr[i].nnodes; j++)
			if (nd[j].left != NODE_LEAF &&
			    nd[j].feature >= m->nfeature)
				return xgbp_seterr(b->err, XGBP_EMODEL,
				    ((size_t *)b->treepos.p)[i],
				    "tree %zu node %zu: split index %lu out of "
				    "range (num_feature %zu)", i,
				    j - tr[i].node0,
				    (unsigned long)nd[j].feature, m->nfeature);
	}
	return XGBP_OK;
}

/*
 * The trees of each boosting round: iteration_indptr as stored (2.0+), or
 * rebuilt as XGBoost does for older files (MakeIndptr in dmlc/xgboost
 * src/gbm/gbtree_model.cc): rounds of num_parallel_tree trees per output
 * group.
 */
static int
finish_layers(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	const int64_t *ip = b->indptr.p;
	size_t i, per, groups, n = b->trees.n;

	m->nparallel = b->num_parallel > 0 ? (size_t)b->num_parallel : 1;
	if (b->indptr.n > 0) {
		for (i = 0; i < b->indptr.n; i++)
			if (ip[i] < (i == 0 ? 0 : ip[i - 1]) ||
			    (i == 0 && ip[i] != 0) ||
			    (i == b->indptr.n - 1 && (size_t)ip[i] != n))
				return xgbp_seterr(b->err, XGBP_EMODEL,
				    b->indptr_pos, "iteration_indptr does not "
				    "split %zu trees into rounds", n);
		m->nlayers = b->indptr.n - 1;
	} else {
		groups = 1;
		for (i = 0; i < n; i++)
			if (((const int64_t *)b->tree_info.p)[i] >= 0 &&
			    (size_t)((const int64_t *)b->tree_info.p)[i] >=
			    groups)
				groups = (size_t)((const int64_t *)
				    b->tree_info.p)[i] + 1;
		per = m->nparallel * groups;
		if (n % per != 0)
			return xgbp_seterr(b->err, XGBP_EMODEL, b->tree_info_pos,
			    "%zu trees do not make whole rounds of %zu", n,
			    per);
		m->nlayers = n / per;
	}
	if ((m->indptr = xgbp_alloc(m->nlayers + 1, sizeof(size_t))) == NULL)
		return xgbp_seterr(b->err, XGBP_ENOMEM, 0, "out of memory");
	for (i = 0; i <= m->nlayers; i++)
		m->indptr[i] = b->indptr.n > 0 ? (size_t)ip[i] :
		    i * (m->nlayers == 0 ? 0 : n / m->nlayers);
	return XGBP_OK;
}

/* gblinear: (num_feature + 1) weights per output group, bias last. */
static int
finish_linear(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	const float *w = b->linear.p;
	size_t i;

	if (!b->have_linear)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->boosterpos,
		    "gblinear without weights");
	if (b->linear.n / (m->nfeature + 1) != m->ngroup ||
	    b->linear.n % (m->nfeature + 1) != 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->linear_pos,
		    "%zu gblinear weights for %zu features and %zu outputs",
		    b->linear.n, m->nfeature, m->ngroup);
	for (i = 0; i < b->linear.n; i++)
		m->nonfinite += !isfinite(w[i]);
	m->linear = vec_take(&b->linear);
	return XGBP_OK;
}

/* Take over the feature names and types, which must match num_feature. */
static int
finish_names(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;

	if (b->names.n != 0 && b->names.n != m->nfeature)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
		    "%zu feature names for %zu features", b->names.n,
		    m->nfeature);
	if (b->types.n != 0 && b->types.n != m->nfeature)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
		    "%zu feature types for %zu features", b->types.n,
		    m->nfeature);
	if (b->names.n != 0)
		m->feature_names = vec_take(&b->names);
	if (b->types.n != 0)
		m->feature_types = vec_take(&b->types);
	return XGBP_OK;
}

/* Compare the names of codes x and y of c bytewise, shorter first on ties. */
static int
namecmp(const struct xgbp_catnames *c, uint32_t x, uint32_t y)
{
	size_t nx = c->off[x + 1] - c->off[x], ny = c->off[y + 1] - c->off[y];
	int d;

	d = memcmp(c->pool + c->off[x], c->pool + c->off[y],
	    nx < ny ? nx : ny);
	return d != 0 ? d : (nx > ny) - (nx < ny);
}

/*
 * Sort c->sorted by name: a bottom-up merge sort, since qsort() has no
 * argument to pass c through and the library keeps no global state.
 */
static int
sort_names(struct xgbp_catnames *c)
{
	uint32_t *a = c->sorted, *t, *tmp;
	size_t w, lo, mid, hi, i, j, k;

	if ((tmp = xgbp_alloc(c->n, sizeof(*tmp))) == NULL)
		return XGBP_ENOMEM;
	for (w = 1; w < c->n; w *= 2) {
		for (lo = 0; lo < c->n; lo += 2 * w) {
			mid = lo + w < c->n ? lo + w : c->n;
			hi = lo + 2 * w < c->n ? lo + 2 * w : c->n;
			for (i = lo, j = mid, k = lo; k < hi; k++)
				tmp[k] = j == hi || (i < mid &&
				    namecmp(c, a[i], a[j]) <= 0) ?
				    a[i++] : a[j++];
		}
		t = a;
		a = tmp;
		tmp = t;
	}
	if (a != c->sorted) {
		memcpy(c->sorted, a, c->n * sizeof(*a));
		tmp = a;
	}
	xgbp_free(tmp);
	return XGBP_OK;
}

/* The index of the feature called s[0..n) (f0, f1, ... without names). */
static size_t
feature_index(const struct xgbp_model *m, const char *s, size_t n)
{
	char tmp[32];
	size_t f;

	for (f = 0; f < m->nfeature; f++) {
		if (m->feature_names == NULL)
			snprintf(tmp, sizeof(tmp), "f%zu", f);
		if (strlen(m->feature_names != NULL ? m->feature_names[f] :
		    tmp) == n && memcmp(m->feature_names != NULL ?
		    m->feature_names[f] : tmp, s, n) == 0)
			return f;
	}
	return SIZE_MAX;
}

/*
 * The list of one feature's category names, an array of strings, as the
 * offsets and values a cats container would hold (cats_enc_member()).
 */
static int
given_list(struct xgbp_builder *b, struct xgbp_reader *r,
    struct xgbp_catenc *e, struct xgbp_error *err)
{
	struct xgbp_tok t;
	int64_t off = 0;
	size_t i;
	int rc;

	if ((rc = r->next(r, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_ARR)
		return xgbp_seterr(err, XGBP_ESYNTAX, t.pos,
		    "expected a list of names");
	e->off0 = b->catoffs.n;
	e->val0 = b->catvals.n;
	if ((rc = xgbp_build_push(b, &b->catoffs, &off)) != XGBP_OK)
		return rc;
	for (;;) {
		if ((rc = r->next(r, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_ARR_END)
			break;
		if (t.kind != XT_STR)
			return xgbp_seterr(err, XGBP_ESYNTAX, t.pos,
			    "expected a category name");
		for (i = 0; i < t.n; i++)
			if ((rc = xgbp_build_push(b, &b->catvals, &t.s[i])) !=
			    XGBP_OK)
				return rc;
		off += (int64_t)t.n;
		if ((rc = xgbp_build_push(b, &b->catoffs, &off)) != XGBP_OK)
			return rc;
	}
	e->noff = b->catoffs.n - e->off0;
	e->nval = b->catvals.n - e->val0;
	return XGBP_OK;
}

/*
 * Read the category names given at load (xgbp_load_opts.categories), a
 * JSON object naming features, each with its names in code order, into
 * catenc, catoffs and catvals as a cats container's: one entry per
 * feature.  Only categorical features (type "c") take names.
 */
static int
given_doc(struct xgbp_builder *b, struct xgbp_reader *r,
    struct xgbp_error *err)
{
	struct xgbp_model *m = b->m;
	struct xgbp_catenc *e;
	struct xgbp_tok t;
	size_t f;
	int rc;

	if ((rc = r->next(r, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_OBJ)
		return xgbp_seterr(err, XGBP_ESYNTAX, t.pos,
		    "expected an object of lists of names");
	for (;;) {
		if ((rc = r->next(r, &t)) != XGBP_OK)
			return rc;
		if (t.kind == XT_OBJ_END)
			break;
		if ((f = feature_index(m, t.s, t.n)) == SIZE_MAX)
			return xgbp_seterr(err, XGBP_ENOTFOUND, t.pos,
			    "no feature named \"%.*s\"", t.n > 60 ? 60 :
			    (int)t.n, t.s);
		e = (struct xgbp_catenc *)b->catenc.p + f;
		if (strcmp(m->feature_types[f], "c") != 0 || e->noff != 0)
			return xgbp_seterr(err, XGBP_EARG, t.pos,
			    "feature \"%.*s\": %s", t.n > 60 ? 60 :
			    (int)t.n, t.s, e->noff != 0 ? "given twice" :
			    "not categorical");
		if ((rc = given_list(b, r, e, err)) != XGBP_OK)
			return rc;
	}
	if ((rc = r->next(r, &t)) != XGBP_OK)
		return rc;
	if (t.kind != XT_EOF)
		return xgbp_seterr(err, XGBP_ESYNTAX, t.pos,
		    "text after the object");
	return XGBP_OK;
}

/*
 * Category names given at load, for a model that stores none of its own
 * (one that does keeps them).  An error says "categories:" and the byte
 * of the given text where it is.
 */
static int
given_categories(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	struct xgbp_catenc e;
	struct xgbp_reader r;
	struct xgbp_error e2;
	size_t f;
	int rc;

	if (b->cattext == NULL || b->catenc.n > 0)
		return XGBP_OK;
	b->err_outside = 1;
	if (m->feature_types == NULL)
		return xgbp_seterr(b->err, XGBP_EARG, 0, "categories: the "
		    "model stores no feature types, so no categorical "
		    "features");
	memset(&e, 0, sizeof(e));
	for (f = 0; f < m->nfeature; f++)
		if ((rc = xgbp_build_push(b, &b->catenc, &e)) != XGBP_OK)
			return rc;
	memset(&e2, 0, sizeof(e2));
	xgbp_json_init(&r, b->cattext, b->cattextlen, &e2);
	rc = given_doc(b, &r, &e2);
	xgbp_reader_fini(&r);
	if (rc == XGBP_OK) {
		b->err_outside = 0;
		return XGBP_OK;
	}
	if (e2.status != XGBP_OK)
		return xgbp_seterr(b->err, e2.status, 0,
		    "categories: %s (byte %lu)", e2.msg, e2.offset + 1);
	return rc;
}

/*
 * The category names of the model's cats container (3.1 and later), kept
 * to recode input given as names: for each feature, its names in code
 * order and a permutation sorting them bytewise for binary search.
 */
static int
finish_catnames(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	const struct xgbp_catenc *e = b->catenc.p;
	const int64_t *off = b->catoffs.p;
	struct xgbp_catnames *c;
	size_t f, i;

	if (b->catenc.n == 0)
		return XGBP_OK;
	if (b->catenc.n != m->nfeature)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->cats_pos,
		    "categories for %zu features, the model has %zu",
		    b->catenc.n, m->nfeature);
	if ((m->catnames = xgbp_alloc(m->nfeature, sizeof(*c))) == NULL)
		return xgbp_seterr(b->err, XGBP_ENOMEM, 0, "out of memory");
	memset(m->catnames, 0, m->nfeature * sizeof(*c));
	for (f = 0; f < m->nfeature; f++) {
		c = &m->catnames[f];
		if (e[f].noff < 2)
			continue;
		for (i = 0; i < e[f].noff; i++)
			if (off[e[f].off0 + i] < (i == 0 ? 0 :
			    off[e[f].off0 + i - 1]) ||
			    (uint64_t)off[e[f].off0 + i] > e[f].nval ||
			    e[f].val0 + e[f].nval > UINT32_MAX)
				return xgbp_seterr(b->err, XGBP_EMODEL,
				    b->cats_pos, "feature %zu: category "
				    "offsets out of range", f);
		c->n = e[f].noff - 1;
		c->off = xgbp_alloc(c->n + 1, sizeof(uint32_t));
		c->sorted = xgbp_alloc(c->n, sizeof(uint32_t));
		if (c->off == NULL || c->sorted == NULL)
			return xgbp_seterr(b->err, XGBP_ENOMEM, 0,
			    "out of memory");
		for (i = 0; i <= c->n; i++)
			c->off[i] = (uint32_t)(e[f].val0 + off[e[f].off0 + i]);
		for (i = 0; i < c->n; i++)
			c->sorted[i] = (uint32_t)i;
	}
	m->catpool = vec_take(&b->catvals);
	for (f = 0; f < m->nfeature; f++) {
		m->catnames[f].pool = m->catpool;
		if (m->catnames[f].n > 1 &&
		    sort_names(&m->catnames[f]) != XGBP_OK)
			return xgbp_seterr(b->err, XGBP_ENOMEM, 0,
			    "out of memory");
	}
	return XGBP_OK;
}

/*
 * The initial margins: base_score through the objective's link, one value
 * broadcast to every output (HandleOldFormat in dmlc/xgboost
 * src/learner.cc).  XGBoost 3.x skips the link for a model without trees
 * whose intercept was estimated (boost_from_average).  A binary model
 * written before 1.0 stores a margin already; XGBoost 1.2-3.0 read it as
 * ProbToMargin(PredTransform(stored)) for objectives other than multi:*.
 */
static int
finish_base(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	const float *base = b->base.p;
	size_t g;
	float v;

	if (b->base.n == 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
		    "no base_score");
	if (b->base.n != 1 && b->base.n != m->ngroup)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
		    "%zu base_score values for %zu outputs", b->base.n,
		    m->ngroup);
	m->base = xgbp_alloc(m->ngroup, sizeof(float));
	m->init = xgbp_alloc(2 * m->ngroup, sizeof(float));
	if (m->base == NULL || m->init == NULL)
		return xgbp_seterr(b->err, XGBP_ENOMEM, 0, "out of memory");
	for (g = 0; g < m->ngroup; g++) {
		v = base[b->base.n == 1 ? 0 : g];
		if (!isfinite(v))
			return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
			    "base_score is not finite");
		m->base[g] = v;
		if (b->base_is_margin && m->obj.kind != OBJ_SOFTMAX &&
		    m->obj.kind != OBJ_SOFTPROB)
			xgbp_objective_transform(&m->obj, &v, 1, &m->base[g],
			    0);
	}
	if (m->ntrees == 0 && b->boost_from_average &&
	    m->booster != BOOSTER_GBLINEAR) {
		memcpy(m->init, m->base, m->ngroup * sizeof(float));
		memcpy(m->init + m->ngroup, m->base, m->ngroup * sizeof(float));
	} else {
		xgbp_objective_margins(&m->obj, m->base, m->ngroup, m->init,
		    0);
		xgbp_objective_margins(&m->obj, m->base, m->ngroup,
		    m->init + m->ngroup, RULE_NO_LOGIT_CLAMP);
		/* XGBoost before 3.2 checks p in (0, 1) and stops. */
		for (g = 0; g < m->ngroup; g++)
			if (m->obj.kind == OBJ_LOGISTIC &&
			    !isfinite(m->init[m->ngroup + g]))
				m->oldbase_bad = 1;
	}
	return XGBP_OK;
}

/* The objective, and the number of outputs it implies. */
static int
finish_objective(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;

	if (b->objnamelen == 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
		    "no objective");
	if (xgbp_objective_find(&m->obj, b->objname, b->objnamelen) !=
	    XGBP_OK)
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, b->objpos,
		    "unknown objective \"%.*s\"", (int)b->objnamelen,
		    b->objname);
	m->nfeature = (size_t)b->num_feature;
	m->num_class = (size_t)b->num_class;
	m->num_target = b->num_target > 0 ? (size_t)b->num_target : 1;
	m->ngroup = 1;
	if (m->num_class > m->ngroup)
		m->ngroup = m->num_class;
	if (m->num_target > m->ngroup)
		m->ngroup = m->num_target;
	/*
	 * Every output costs bytes of the file (a tree, a weight, a
	 * base_score), so a count beyond its size is corrupt, and is refused
	 * before it sizes an allocation.
	 */
	if (m->ngroup > b->size)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->lmp_pos,
		    "%zu outputs in a model of %zu bytes", m->ngroup, b->size);
	if ((m->obj.kind == OBJ_SOFTMAX || m->obj.kind == OBJ_SOFTPROB) &&
	    m->num_class == 0)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->objpos,
		    "%s without num_class", m->obj.name);
	if (b->obj_num_class > 0 && (size_t)b->obj_num_class != m->num_class)
		return xgbp_seterr(b->err, XGBP_EMODEL, b->objpos,
		    "the objective has %lld classes, the model %zu",
		    (long long)b->obj_num_class, m->num_class);
	if (b->alphas.n > 0 && (m->obj.kind == OBJ_QUANTILE ||
	    m->obj.kind == OBJ_EXPECTILE)) {
		if (b->alphas.n != m->ngroup)
			return xgbp_seterr(b->err, XGBP_EMODEL, b->objpos,
			    "%zu alphas for %zu outputs", b->alphas.n,
			    m->ngroup);
		m->nalphas = b->alphas.n;
		m->alphas = vec_take(&b->alphas);
	}
	return XGBP_OK;
}

/* Check that the parts agree and move everything into the model. */
int
xgbp_build_finish(struct xgbp_builder *b)
{
	struct xgbp_model *m = b->m;
	int rc;

	if (!b->have_lmp)
		return xgbp_seterr(b->err, XGBP_EMODEL, 0,
		    "not an XGBoost model: no learner_model_param");
	if ((rc = finish_objective(b)) != XGBP_OK)
		return rc;
	if (strcmp(b->booster, "gblinear") == 0)
		m->booster = BOOSTER_GBLINEAR;
	else if (strcmp(b->booster, "dart") == 0 || (b->weight_drop_pos != 0 &&
	    strcmp(b->booster, "gbtree") == 0))
		m->booster = BOOSTER_DART;
	else if (strcmp(b->booster, "gbtree") == 0)
		m->booster = BOOSTER_GBTREE;
	else
		return xgbp_seterr(b->err, XGBP_EUNSUPPORTED, b->boosterpos,
		    "booster \"%s\" is not supported", b->booster);
	m->best_iteration = b->best_iteration;
	if (m->booster == BOOSTER_GBLINEAR) {
		if ((rc = finish_linear(b)) != XGBP_OK)
			return rc;
	} else {
		if (!b->have_trees)
			return xgbp_seterr(b->err, XGBP_EMODEL, b->boosterpos,
			    "no trees");
		if ((rc = finish_trees(b)) != XGBP_OK ||
		    (rc = finish_layers(b)) != XGBP_OK)
			return rc;
		m->ntrees = b->trees.n;
		m->trees = vec_take(&b->trees);
		m->nnodes = b->nodes.n;
		m->nodes = vec_take(&b->nodes);
		if (!b->nocover && b->covers.n == m->nnodes)
			m->covers = vec_take(&b->covers);
		m->leafvals = vec_take(&b->leafvals);
		m->cats = vec_take(&b->cats);
	}
	if ((rc = finish_names(b)) != XGBP_OK ||
	    (rc = given_categories(b)) != XGBP_OK ||
	    (rc = finish_catnames(b)) != XGBP_OK ||
	    (rc = finish_base(b)) != XGBP_OK)
		return rc;
	if ((rc = xgbp_engine_build(m)) != XGBP_OK ||
	    (rc = xgbp_shap_build(m, b->explain)) != XGBP_OK)
		return xgbp_seterr(b->err, rc, 0, "out of memory");
	return XGBP_OK;
}

void
xgbp_build_init(struct xgbp_builder *b, struct xgbp_model *m,
    struct xgbp_error *err)
{
	int k;

	memset(b, 0, sizeof(*b));
	b->err = err;
	b->m = m;
	b->num_target = 1;
	b->best_iteration = -1;
	for (k = 0; k < TA_NINT; k++)
		b->t.ints[k].size = sizeof(int64_t);
	for (k = 0; k < TA_NFLOAT; k++)
		b->t.floats[k].size = sizeof(float);
	b->trees.size = sizeof(struct xgbp_tree);
	b->treepos.size = sizeof(size_t);
	b->nodes.size = sizeof(struct xgbp_node);
	b->covers.size = sizeof(float);
	b->leafvals.size = sizeof(float);
	b->cats.size = sizeof(int32_t);
	b->tree_info.size = sizeof(int64_t);
	b->indptr.size = sizeof(int64_t);
	b->weight_drop.size = sizeof(float);
	b->linear.size = sizeof(float);
	b->names.size = sizeof(char *);
	b->types.size = sizeof(char *);
	b->base.size = sizeof(float);
	b->alphas.size = sizeof(float);
	b->catenc.size = sizeof(struct xgbp_catenc);
	b->catoffs.size = sizeof(int64_t);
	b->catvals.size = 1;
}

static void
free_strings(struct xgbp_vec *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		xgbp_free(((char **)v->p)[i]);
	vec_free(v);
}

void
xgbp_build_free(struct xgbp_builder *b)
{
	int k;

	for (k = 0; k < TA_NINT; k++)
		vec_free(&b->t.ints[k]);
	for (k = 0; k < TA_NFLOAT; k++)
		vec_free(&b->t.floats[k]);
	vec_free(&b->trees);
	vec_free(&b->treepos);
	vec_free(&b->nodes);
	vec_free(&b->covers);
	vec_free(&b->leafvals);
	vec_free(&b->cats);
	vec_free(&b->tree_info);
	vec_free(&b->indptr);
	vec_free(&b->weight_drop);
	vec_free(&b->linear);
	free_strings(&b->names);
	free_strings(&b->types);
	vec_free(&b->base);
	vec_free(&b->alphas);
	vec_free(&b->catenc);
	vec_free(&b->catoffs);
	vec_free(&b->catvals);
}
