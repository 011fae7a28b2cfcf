/*
 * internal.h: structures and cross-file functions of libxgbp.  Never
 * installed; cmd/ sees only xgbp.h.
 */
#ifndef XGBP_INTERNAL_H
#define XGBP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "xgbp.h"

/* alloc.c: the only place lib/ calls malloc, realloc and free. */
void	*xgbp_alloc(size_t n, size_t size);	/* NULL on overflow or OOM */
void	*xgbp_realloc(void *p, size_t n, size_t size);
void	 xgbp_free(void *p);

/*
 * Test hook: make the nth allocation from now fail (1 = the next one), or
 * none with 0.  Global, so only for single-threaded tests.
 */
void	 xgbp_alloc_fail_at(unsigned long n);
unsigned long xgbp_alloc_count(void);		/* allocations made so far */
size_t	 xgbp_alloc_largest(void);	/* largest request since last call */
long	 xgbp_alloc_live(void);		/* blocks not yet freed */

/* number.c: xgbp_parse_float() without its error. */
int	 xgbp_number(const char *, size_t, float *, int flags);

/* error.c */
int	 xgbp_seterr(struct xgbp_error *, int status, size_t offset,
	    const char *fmt, ...)
#if defined(__GNUC__)
	    __attribute__((format(printf, 4, 5)))
#endif
	    ;
void	 xgbp_err_position(struct xgbp_error *, const unsigned char *buf,
	    size_t len, int text);

/*
 * A token of a model document.  JSON (json.c) and UBJSON (ubjson.c) readers
 * both turn bytes into this stream, so one builder (load.c) serves both.
 * Keys come as XT_KEY; a container's members follow its XT_OBJ or XT_ARR
 * token up to the matching end token.
 */
enum xgbp_tokkind {
	XT_EOF, XT_OBJ, XT_OBJ_END, XT_ARR, XT_ARR_END, XT_KEY, XT_STR,
	XT_INT, XT_FLOAT, XT_TRUE, XT_FALSE, XT_NULL
};

struct xgbp_tok {
	int		 kind;
	size_t		 pos;	/* byte offset of the token */
	const char	*s;	/* XT_KEY, XT_STR: bytes, valid until next */
	size_t		 n;	/* their length */
	int64_t		 i;	/* XT_INT */
	float		 f;	/* XT_FLOAT, and XT_INT converted */
	size_t		 count;	/* XT_ARR: element count, or SIZE_MAX */
};

#define XGBP_MAXDEPTH	64

struct xgbp_reader {
	const unsigned char *buf;
	size_t		 len;
	size_t		 pos;
	int		 text;		/* JSON: positions as line:column */
	int		 depth;
	unsigned char	 stack[XGBP_MAXDEPTH];	/* container kinds */
	int		 state;
	/* UBJSON containers: elements left (SIZE_MAX: until end marker) */
	size_t		 left[XGBP_MAXDEPTH];
	unsigned char	 elemtype[XGBP_MAXDEPTH];	/* typed array marker */
	char		*scratch;	/* decoded strings */
	size_t		 scratchsz;
	struct xgbp_error *err;
	int		(*next)(struct xgbp_reader *, struct xgbp_tok *);
};

void	 xgbp_json_init(struct xgbp_reader *, const void *, size_t,
	    struct xgbp_error *);
void	 xgbp_ubjson_init(struct xgbp_reader *, const void *, size_t,
	    struct xgbp_error *);
void	 xgbp_reader_fini(struct xgbp_reader *);
int	 xgbp_reader_skip(struct xgbp_reader *, const struct xgbp_tok *);
int	 xgbp_reader_scratch(struct xgbp_reader *, size_t);

/* The in-memory model, normalised from every format. */
#define NODE_LEAF	(-1)

struct xgbp_node {
	int32_t		 left;		/* NODE_LEAF for a leaf */
	int32_t		 right;		/* vector leaf: index of its values */
	uint32_t	 feature;
	float		 value;		/* threshold, or the leaf value */
	unsigned char	 default_left;
	unsigned char	 categorical;	/* set: cats[cat0 .. cat0 + ncat) */
	uint32_t	 cat0;
	uint32_t	 ncat;
};

struct xgbp_tree {
	size_t		 node0;		/* index of the root in model nodes */
	size_t		 nnodes;
	uint32_t	 group;		/* output group (tree_info) */
	uint32_t	 leafsize;	/* 1, or T outputs of a vector leaf */
	size_t		 leaf0;		/* vector leaves in model leafvals */
	float		 weight;	/* DART weight_drop, else 1 */
	size_t		 mean0;		/* its nodes' expected values in */
					/* model means, leafsize a node */
	int		 shaptab;	/* its leaves have SHAP tables, and */
	size_t		 order0;	/* its splits, parents first, at */
	size_t		 nsplit;	/* order0 in model shap_order; */
	size_t		 leaves0;	/* its leaves at leaves0 in model */
	size_t		 nleaf;		/* shap_leaves */
};

/*
 * A node's place in the SHAP tables (shap.c), for a tree that has them.
 * A split: the position of its feature in the unique path of the
 * features split on from the root, and whether it is the first split on
 * it there (intro).  A leaf: that path's length d, its features, zero
 * fractions z, (1 - z) / z and first splits at z0 in model shap_f,
 * shap_z, shap_r and shap_in, and its tables of 2^d weights at g0 in
 * model shap_h and shap_g.
 */
struct xgbp_shapnode {
	size_t		 g0;
	size_t		 z0;
	uint8_t		 pos;
	uint8_t		 intro;
	uint8_t		 d;
};

enum xgbp_objkind {
	OBJ_IDENTITY, OBJ_LOGISTIC, OBJ_EXP, OBJ_AFT, OBJ_HINGE, OBJ_SOFTMAX,
	OBJ_SOFTPROB, OBJ_QUANTILE, OBJ_EXPECTILE
};

struct xgbp_objective {
	const char	*name;		/* canonical */
	int		 kind;		/* enum xgbp_objkind */
};

enum { BOOSTER_GBTREE, BOOSTER_DART, BOOSTER_GBLINEAR };

/* Category names of one feature, for recoding text input (cats, 3.1+). */
struct xgbp_catnames {
	size_t		 n;
	const char	*pool;		/* the names, back to back */
	uint32_t	*off;		/* n + 1 offsets into pool */
	uint32_t	*sorted;	/* codes in byte order of their names */
};

struct xgbp_model {
	int		 format;	/* XGBP_FORMAT_* */
	int		 booster;	/* BOOSTER_* */
	int		 version[3];	/* XGBoost that wrote it, 0 unknown */
	size_t		 nfeature;
	size_t		 ngroup;	/* outputs per row: OutputLength */
	size_t		 num_class;
	size_t		 num_target;
	struct xgbp_objective obj;
	float		*base;		/* ngroup base_score, as stored */
	float		*init;		/* 2 * ngroup initial margins: by the */
					/* rules of now, then those before */
					/* RULE_NO_LOGIT_CLAMP */
	float		*alphas;	/* quantile or expectile alphas */
	size_t		 nalphas;
	struct xgbp_tree *trees;
	size_t		 ntrees;
	struct xgbp_node *nodes;
	size_t		 nnodes;
	float		*covers;	/* nnodes covers (sum_hessian), for */
					/* SHAP; NULL when the file has none */
	float		*means;		/* nodes' expected values (shap.c) */
	struct xgbp_shapnode *shapnodes; /* nnodes, or NULL: no tables */
	double		*shap_h;	/* H tables (shap.c) */
	double		*shap_g;	/* G tables, or NULL: no interactions */
	double		*shap_z;
	double		*shap_r;
	uint32_t	*shap_f;
	int32_t		*shap_order;
	int32_t		*shap_in;
	int32_t		*shap_leaves;
	size_t		 shap_maxnodes;	/* nnodes of the largest tree with */
					/* tables */
	float		*leafvals;	/* values of vector leaves */
	int32_t		*cats;		/* categories of categorical splits */
	size_t		*indptr;	/* nlayers + 1: trees of each round */
	size_t		 nlayers;
	size_t		 nparallel;	/* num_parallel_tree */
	float		*linear;	/* gblinear: (nfeature + 1) * ngroup */
	char		**feature_names; /* nfeature or NULL */
	char		**feature_types; /* nfeature or NULL */
	struct xgbp_catnames *catnames;	/* nfeature or NULL */
	char		*catpool;
	long		 best_iteration; /* -1: none */
	size_t		 nonfinite;	/* NaN or infinite values it holds */
	int		 oldbase_bad;	/* a logistic base_score outside (0, 1) */
					/* that RULE_NO_LOGIT_CLAMP refuses */
	size_t		 max_depth;
	/* What predict uses: all trees, or a slice's or a range's. */
	size_t		 tree0, tree1;	/* trees [tree0, tree1) */
	size_t		 layer0, layer1; /* their rounds */
	long		*refs;		/* models sharing the arrays: slices */
	struct xgbp_engine *engine;	/* fast layout of the trees, or NULL */
};

/*
 * Internal flags, beside XGBP_MARGIN and XGBP_LEAF: the rules of the
 * XGBoost release a prediction follows, where releases differ
 * (xgbp_rule_flags() in predict.c).  Never seen by callers.
 */
#define RULE_NO_QUANTILE_SORT	0x1000000 /* quantiles in alpha order (< 3.4) */
#define RULE_NO_LOGIT_CLAMP	0x2000000 /* base_score unclamped (< 3.2) */
#define RULE_DART_FROM_ZERO	0x4000000 /* DART trees from 0 (< 3.3) */
#define XGBP_EXPLAIN	(XGBP_CONTRIBS | XGBP_CONTRIBS_APPROX | \
			    XGBP_INTERACTIONS)

/* error.c */
int	 xgbp_opts_copy(void *dst, size_t dstsize, const void *src,
	    size_t minsize, struct xgbp_error *);

/* shap.c */
int	 xgbp_shap_build(struct xgbp_model *, int explain);
size_t	 xgbp_explain_work(const struct xgbp_model *, int f);
const char *xgbp_explain_refused(const struct xgbp_model *, int f);
void	 xgbp_explain(const struct xgbp_model *, const float *x, size_t nrows,
	    size_t nx, float *out, int f, void *work, const float *init,
	    size_t istride);

/* objective.c */
int	 xgbp_objective_find(struct xgbp_objective *, const char *, size_t);
float	 xgbp_objective_margin(const struct xgbp_objective *, float,
	    int flags);
void	 xgbp_objective_margins(const struct xgbp_objective *,
	    const float *base, size_t n, float *init, int flags);
void	 xgbp_objective_transform(const struct xgbp_objective *,
	    const float *margin, size_t ngroup, float *out, int flags);

/*
 * build.c: the one model builder.  A reader (json.c, ubjson.c) feeds
 * xgbp_build_doc(); legacy.c fills the fields itself and calls
 * xgbp_build_tree() once per tree.  xgbp_build_finish() then checks that
 * the parts agree and moves everything into the model.
 */
struct xgbp_vec {
	void		*p;
	size_t		 n;
	size_t		 cap;
	size_t		 size;		/* of an element */
};

enum {
	TA_LEFT, TA_RIGHT, TA_SPLIT, TA_DEFLEFT, TA_SPLITTYPE, TA_CATS,
	TA_CATNODES, TA_CATSEGS, TA_CATSIZES, TA_NINT
};
enum { TF_COND, TF_BASEW, TF_LEAFW, TF_HESS, TA_NFLOAT };

/* The arrays of one tree as read, before validation. */
struct xgbp_treein {
	struct xgbp_vec	 ints[TA_NINT];		/* int64_t */
	size_t		 intpos[TA_NINT];	/* where each array began */
	struct xgbp_vec	 floats[TA_NFLOAT];	/* float */
	size_t		 floatpos[TA_NFLOAT];
	int64_t		 nnodes;		/* tree_param.num_nodes */
	int64_t		 leafsize;		/* size_leaf_vector */
	size_t		 pos;			/* the tree itself */
};

/* One entry of cats.enc: where its offsets and name bytes were put. */
struct xgbp_catenc {
	size_t		 off0;		/* in catoffs */
	size_t		 noff;
	size_t		 val0;		/* in catvals */
	size_t		 nval;
};

struct xgbp_builder {
	struct xgbp_reader *r;		/* NULL for legacy binary */
	size_t		 size;		/* bytes of the model: bounds counts */
	struct xgbp_error *err;
	struct xgbp_model *m;
	struct xgbp_treein t;
	struct xgbp_vec	 trees;		/* struct xgbp_tree */
	struct xgbp_vec	 treepos;	/* size_t: each tree's split array */
	struct xgbp_vec	 nodes;		/* struct xgbp_node */
	struct xgbp_vec	 covers;	/* float: each node's sum_hessian */
	int		 nocover;	/* a tree came without them */
	struct xgbp_vec	 leafvals;	/* float */
	struct xgbp_vec	 cats;		/* int32_t */
	struct xgbp_vec	 tree_info;	/* int64_t */
	size_t		 tree_info_pos;
	struct xgbp_vec	 indptr;	/* int64_t */
	size_t		 indptr_pos;
	struct xgbp_vec	 weight_drop;	/* float */
	size_t		 weight_drop_pos;
	struct xgbp_vec	 linear;	/* float */
	size_t		 linear_pos;
	struct xgbp_vec	 names;		/* char * */
	struct xgbp_vec	 types;		/* char * */
	struct xgbp_vec	 base;		/* float: base_score values */
	struct xgbp_vec	 alphas;	/* float */
	struct xgbp_vec	 catenc;	/* struct xgbp_catenc: cats.enc */
	struct xgbp_vec	 catoffs;	/* int64_t: every enc offsets array */
	struct xgbp_vec	 catvals;	/* char: every enc values array */
	size_t		 cats_pos;
	const char	*cattext;	/* categories given at load, or NULL */
	int		 explain;	/* explanations to lay tables out for */
	size_t		 cattextlen;
	int		 err_outside;	/* the error is not in the model */
	int64_t		 num_feature;
	int64_t		 num_class;
	int64_t		 num_target;
	int64_t		 num_trees;	/* gbtree_model_param */
	int64_t		 num_parallel;
	int64_t		 obj_num_class;	/* softmax_multiclass_param */
	int64_t		 best_iteration;
	int		 boost_from_average;
	int		 base_is_margin; /* binary written before 1.0 */
	int		 have_lmp;	/* learner_model_param seen */
	int		 have_trees;
	int		 have_linear;
	size_t		 lmp_pos;
	size_t		 objpos;
	char		 objname[64];
	size_t		 objnamelen;
	char		 booster[16];
	size_t		 boosterpos;
};

void	 xgbp_build_init(struct xgbp_builder *, struct xgbp_model *,
	    struct xgbp_error *);
int	 xgbp_build_doc(struct xgbp_builder *, struct xgbp_reader *);
int	 xgbp_build_tree(struct xgbp_builder *);
int	 xgbp_build_finish(struct xgbp_builder *);
void	 xgbp_build_free(struct xgbp_builder *);
int	 xgbp_build_push(struct xgbp_builder *, struct xgbp_vec *,
	    const void *);
int	 xgbp_build_objective(struct xgbp_builder *, const char *, size_t);
int64_t	 xgbp_decimal(const char *, size_t);

/* legacy.c: the binary format of XGBoost 0.x to 3.0. */
int	 xgbp_legacy_load(struct xgbp_builder *, const unsigned char *,
	    size_t);

/* predict.c: the leaf (model node index) row x reaches in tree t. */
size_t	 xgbp_outputs(const struct xgbp_model *, int flags);
int	 xgbp_rule_flags(const struct xgbp_model *, int flags,
	    const char **why);
int	 xgbp_model_range(struct xgbp_model *view, const struct xgbp_model *,
	    size_t begin, size_t end, struct xgbp_error *);
const float *xgbp_init_margins(const struct xgbp_model *, int flags);
int	 xgbp_dart_from_zero(const struct xgbp_model *, int flags);
float	 xgbp_linear_init(const float *init, size_t g, int perrow);
int32_t	 xgbp_node_next(const struct xgbp_model *, const struct xgbp_node *,
	    const float *x, size_t nx);
int32_t	 xgbp_tree_leaf(const struct xgbp_model *, const struct xgbp_tree *,
	    const float *x, size_t nx);

/*
 * engine.c: the trees again, laid out for walking blocks of rows at once,
 * built once at load from the validated model (xgbp_build_finish) and
 * shared by its slices.  Each tree is one of:
 *
 * ET_COMPLETE	padded to a complete tree of its depth, nodes in
 *		breadth-first order, so a row's node at the next level is
 *		2j + right; a leaf above the last level becomes a node whose
 *		children are both that leaf.  Leaves: 2^depth slots.
 * ET_EXPLICIT	nodes renumbered breadth-first, children of node j at
 *		child[j] and child[j] + 1; a leaf is a node whose threshold is
 *		NaN (always right) and child[j] = j - 1, so it loops on itself
 *		and every row can take depth steps.  Leaves: one slot a node.
 *		Its first top levels are complete and have no leaf, so their
 *		nodes sit where ET_COMPLETE's would.
 * ET_GENERIC	walked by xgbp_tree_leaf() (categorical splits, very deep
 *		trees); its slots are model node indices.
 *
 * Per node: feat (split index), thr (threshold), dflt (-1 when missing
 * goes left, else 0), child and fc (ET_EXPLICIT only).  Per leaf slot:
 * leafv (the leaf value times the DART weight, so fl(v * w) is computed
 * once, exactly as XGBoost computes it per row) and leafid (the model node
 * index).
 */
enum { ET_COMPLETE, ET_EXPLICIT, ET_GENERIC };
enum { XGBP_ISA_SCALAR, XGBP_ISA_AVX2, XGBP_ISA_AVX512, XGBP_ISA_NEON,
	XGBP_NISA };

/* Which vector walkers this build has: x86's (engine_x86.c), or NEON. */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define XGBP_X86	1
#else
#define XGBP_X86	0
#endif
#if defined(__aarch64__) && defined(__ARM_NEON)
#define XGBP_NEON	1
#else
#define XGBP_NEON	0
#endif

#define XGBP_BLOCK	128	/* rows walked together, a multiple of 16 */
#define XGBP_PAD	32	/* slack after every pool, for wide loads */
#define XGBP_XT		8192	/* floats of a block transposed */
#define XGBP_MAXMAP	(1 << 20) /* features renumbered at most */

struct xgbp_etree {
	unsigned char	 kind;		/* ET_* */
	unsigned char	 depth;		/* steps from the root to a leaf */
	unsigned char	 vector;	/* a vector-leaf tree */
	unsigned char	 top;		/* ET_EXPLICIT: complete levels on top */
	unsigned char	 packed;	/* ET_EXPLICIT: fc holds its nodes */
	uint32_t	 group;		/* output group of a scalar tree */
	size_t		 off;		/* nodes at feat + off, ... */
	size_t		 loff;		/* leaf slots at leafv + loff, ... */
};

struct xgbp_engine {
	int		 isa;		/* XGBP_ISA_*: the walker to use */
	size_t		 nfeat;		/* 1 + the largest feature walked */
	struct xgbp_etree *trees;	/* one per model tree */
	uint32_t	*feat;
	float		*thr;
	int32_t		*dflt;
	int32_t		*child;
	uint32_t	*fc;		/* feat << 16 | child, when packed */
	float		*leafv;
	int32_t		*leafid;
	/*
	 * For walking transposed blocks: the features ET_COMPLETE trees
	 * split on, renumbered; xfeat is feat in the new numbers, used[c]
	 * the model's number of feature c.  NULL when there are too many.
	 */
	uint32_t	*xfeat;
	uint32_t	*used;
	size_t		 nused;
};

/*
 * A block of up to XGBP_BLOCK rows being walked: rows x, x + nx, ...;
 * width lanes (a multiple of 16, at least n), lane r reading the row at
 * x + rowoff[r] (row 0 for lanes past n, so wide loads stay in bounds).
 * nan: some feature may be missing (a NaN, or nx < e->nfeat).  A full
 * block is also transposed into xt when its trees use few features:
 * feature e->used[c] of lane r at xt[c * width + r], NaN beyond nx.
 */
struct xgbp_block {
	const struct xgbp_engine *e;
	const float	*x;
	size_t		 nx;
	size_t		 n;
	size_t		 width;
	int		 nan;
	int32_t		 rowoff[XGBP_BLOCK];
	const float	*xt;		/* the block feature-major, or NULL */
	int		 wshift;	/* xt: width is 1 << wshift */
};

int	 xgbp_engine_build(struct xgbp_model *);
void	 xgbp_engine_free(struct xgbp_engine *);
int	 xgbp_engine_predict(const struct xgbp_model *, const float *x,
	    size_t nrows, size_t nx, float *out, size_t nout, int flags,
	    const float *init, size_t istride);
int	 xgbp_engine_set_isa(struct xgbp_model *, int isa);	/* tests */

/*
 * engine_x86.c: the walkers for wider vectors, for x86 CPUs that have
 * them.  Walk tree t for every lane of b: add each lane's leaf value to
 * acc[lane], or with acc NULL store its leaf slot in pos[lane].
 */
void	 xgbp_walk_avx2(const struct xgbp_block *, const struct xgbp_etree *,
	    float *acc, int32_t *pos);
void	 xgbp_walk_avx512(const struct xgbp_block *,
	    const struct xgbp_etree *, float *acc, int32_t *pos);
/* engine_neon.c: the same for AArch64's NEON. */
void	 xgbp_walk_neon(const struct xgbp_block *,
	    const struct xgbp_etree *, float *acc, int32_t *pos);
/*
 * The best walker this CPU and build have (engine_x86.c on x86, else
 * engine_neon.c); an x86 CPU with AVX-512 has AVX2 too.
 */
int	 xgbp_cpu_isa(void);


#endif /* XGBP_INTERNAL_H */
