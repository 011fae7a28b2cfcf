/*
 * xgbp.h: libxgbp, XGBoost model loading and prediction.
 *
 * The library takes model bytes from its caller and turns rows of float32
 * features into predictions, exactly as XGBoost's CPU predictor does.  It
 * opens no files, prints nothing, never exits and keeps no global state.
 *
 * Ownership: whoever creates frees.  The library never frees or retains
 * memory it did not allocate; every free function accepts NULL.
 */
#ifndef XGBP_H
#define XGBP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * What the shared library exports: the functions declared here and
 * nothing else (the library is built with -fvisibility=hidden and a linker
 * version script, lib/xgbp.map).
 */
#if defined(XGBP_BUILD) && defined(__GNUC__)
#define XGBP_API	__attribute__((visibility("default")))
#else
#define XGBP_API
#endif

/*
 * The version of this header.  The library that runs may be another,
 * with the same major version: ask it with xgbp_version_number().
 */
#define XGBP_VERSION_MAJOR	0
#define XGBP_VERSION_MINOR	3
#define XGBP_VERSION_PATCH	0
#define XGBP_VERSION_NUMBER	(XGBP_VERSION_MAJOR * 10000 + \
				    XGBP_VERSION_MINOR * 100 + XGBP_VERSION_PATCH)
#define XGBP_STR_(x)		#x
#define XGBP_STR(x)		XGBP_STR_(x)
#define XGBP_VERSION_STRING	XGBP_STR(XGBP_VERSION_MAJOR) "." \
				    XGBP_STR(XGBP_VERSION_MINOR) "." \
				    XGBP_STR(XGBP_VERSION_PATCH)

/* The version of the library that runs: XGBP_VERSION_NUMBER, "0.3.0". */
XGBP_API int	 xgbp_version_number(void);
XGBP_API const char *xgbp_version_string(void);

/*
 * Threads: every call is reentrant and keeps no global state.  A loaded
 * model is immutable, so any number of threads may predict with it, and
 * read it with the accessors, at once.  xgbp_model_free() must not run
 * while another call uses that model; a slice (xgbp_model_slice()) is a
 * model of its own in this respect, and may be freed before or after the
 * model it was cut from.
 */
struct xgbp_model;			/* opaque; immutable after load */

/*
 * What a call that can fail returns, and with struct xgbp_error, why.
 * Each status means one thing.
 */
enum xgbp_status {
	XGBP_OK = 0,
	XGBP_ENOMEM,		/* allocation failed */
	XGBP_ESYNTAX,		/* the text is not well-formed: a model, a */
				/* number, a list of categories */
	XGBP_EMODEL,		/* well-formed, but not a consistent model, or */
				/* one the rules asked for cannot score */
	XGBP_EUNSUPPORTED,	/* a model, or bytes of a kind, we do not read */
	XGBP_EARG,		/* the caller passed a bad argument */
	XGBP_ENOTFOUND		/* no such name: a category, a feature */
};

/*
 * Why a call failed: status, a one-line message (no newline, no file
 * name), and where, for the model being loaded.  Its layout is fixed for
 * every library of major version 0.
 */
struct xgbp_error {
	int		 status;
	unsigned long	 line;		/* 1-based; 0 when unknown */
	unsigned long	 column;	/* 1-based; 0 when unknown */
	unsigned long	 offset;	/* byte offset in the model buffer */
	char		 msg[160];	/* one line, no newline, no file name */
};

/* A sentence for a status: "out of memory", "malformed model", ... */
XGBP_API const char *xgbp_strerror(int status);

/*
 * Options of xgbp_model_load_with(); set them up with
 * xgbp_load_opts_init(), which zeroes them and sets size to this
 * header's sizeof.  A later library reads the fields this size holds
 * and takes its defaults for the rest; an earlier one, smaller, takes a
 * larger struct only if the fields it does not know are 0 (else
 * XGBP_EARG: an option this library does not have).
 */
struct xgbp_load_opts {
	size_t		 size;		/* sizeof(struct xgbp_load_opts) */
	/*
	 * The category names of categorical features, for a model written
	 * before XGBoost 3.1, which stores only codes: JSON text of an
	 * object naming each feature (by its name, or f0, f1, ... for a
	 * model without names) with the list of its categories in code
	 * order, as Python's json.dumps({c: list(df[c].cat.categories)
	 * for c in cats}) writes it.  NULL for none.  A model that stores
	 * names of its own keeps them.
	 */
	const char	*categories;
	size_t		 categories_len;
	/*
	 * The explanations to make fast, XGBP_CONTRIBS and
	 * XGBP_INTERACTIONS (xgbp_predict() flags): the model gets, for
	 * each leaf, a table of 2^d weights of the d features on its path
	 * (up to 64 MiB in all, for the first trees that fit), and explains
	 * with it in time linear in d rather than quadratic, for
	 * interactions quadratic rather than cubic per feature.  The values
	 * are the same either way, but for rounding.  0: none.
	 */
	int		 explain;
};
XGBP_API void	 xgbp_load_opts_setup(struct xgbp_load_opts *, size_t size);
#define xgbp_load_opts_init(o)	xgbp_load_opts_setup((o), sizeof(*(o)))

/*
 * Parse and validate the model in buf[0..len): XGBoost JSON or UBJSON (as
 * saved by XGBoost 1.0 to 3.x, or a memory snapshot of one), or the legacy
 * binary format of XGBoost 0.x to 3.0, told apart by content.  Compressed
 * bytes must be decompressed by the caller (gzip's are XGBP_EUNSUPPORTED,
 * saying so).  On success store a new model in *mp and return XGBP_OK.
 * On failure return the status, fill *err unless it is NULL, and leave
 * *mp untouched.  For a text model err->line and err->column give the
 * position of the offending token; for a binary one line is 0 and
 * err->offset is the byte offset.  buf is not retained.
 */
XGBP_API int	 xgbp_model_load(struct xgbp_model **mp, const void *buf,
		    size_t len, struct xgbp_error *err);
/* The same with options; opts NULL is xgbp_model_load(). */
XGBP_API int	 xgbp_model_load_with(struct xgbp_model **mp, const void *buf,
		    size_t len, const struct xgbp_load_opts *opts,
		    struct xgbp_error *err);
XGBP_API void	 xgbp_model_free(struct xgbp_model *);	/* NULL: no-op */

/*
 * Flags of xgbp_predict() and xgbp_model_noutputs().  By default a model
 * is scored by the rules of the XGBoost that wrote it, where its
 * predictions changed between releases (the model file records the
 * version; a legacy binary file, before 3.1, takes the oldest rules);
 * XGBP_RULES(major, minor) asks for those of another release instead.
 * The rules so far: from 3.2 a logistic base_score is clamped into
 * [1e-6, 1 - 1e-6] before its logit; from 3.3 a DART model adds leaf
 * times weight, where before each tree was predicted from 0 (so a margin
 * of -0 came out 0); from 3.4 quantile predictions are sorted in each
 * row.
 */
#define XGBP_MARGIN	0x1	/* raw margins: skip the objective's transform */
#define XGBP_LEAF	0x2	/* the leaf index reached in each tree */
/*
 * Explanations, in margin space, one of them at a time (see
 * xgbp_predict()): SHAP values by path-dependent TreeSHAP, XGBoost's
 * pred_contribs; Saabas attributions, its approx_contribs, bit for bit;
 * SHAP interaction values, its pred_interactions.  TreeSHAP values are
 * computed in double, so they equal XGBoost's float sums within
 * XGBoost's own rounding; a model loaded with xgbp_load_opts.explain
 * computes them far faster.  Refused as XGBoost refuses them: a model
 * that stores no node covers (sum_hessian); interactions of gblinear
 * (which has contributions) and of vector leaves; approximate
 * contributions of vector leaves, and any explanation of them under the
 * rules of XGBoost before 3.4.  Trees deeper than 256 are not explained.
 */
#define XGBP_CONTRIBS		0x4
#define XGBP_CONTRIBS_APPROX	0x8
#define XGBP_INTERACTIONS	0x10
#define XGBP_RULES(major, minor) \
	(0x80 | ((major) & 0x7f) << 16 | ((minor) & 0xff) << 8)

/* The number of features a row has, as the model's num_feature. */
XGBP_API size_t	 xgbp_model_nfeatures(const struct xgbp_model *);

/*
 * The number of values xgbp_predict() writes per row with these flags: for
 * multi:softmax one class index, but one margin per class with XGBP_MARGIN;
 * with XGBP_LEAF one per tree; with XGBP_CONTRIBS or XGBP_CONTRIBS_APPROX
 * (nfeatures + 1) per output; with XGBP_INTERACTIONS (nfeatures + 1)^2
 * per output.  0 for flags xgbp_predict() refuses (unknown bits, two
 * kinds at once, XGBP_LEAF with gblinear, which has no leaves, or with a
 * model of no trees, an explanation the model cannot give).
 */
XGBP_API size_t	 xgbp_model_noutputs(const struct xgbp_model *, int flags);

/*
 * The name and type ("q", "c", "int", "float", "i") of feature i, or NULL
 * when the model stores none or i is out of range.  The strings live as long
 * as the model.
 */
XGBP_API const char *xgbp_model_feature_name(const struct xgbp_model *,
		    size_t i);
XGBP_API const char *xgbp_model_feature_type(const struct xgbp_model *,
		    size_t i);

/* The objective's name, e.g. "binary:logistic". */
XGBP_API const char *xgbp_model_objective(const struct xgbp_model *);

enum xgbp_format { XGBP_FORMAT_JSON = 1, XGBP_FORMAT_UBJSON, XGBP_FORMAT_BINARY };

/*
 * What a model is, for people and scripts; see xgbp_model_info().  The
 * caller sets size to sizeof(struct xgbp_info) first: a later library
 * fills the fields this header knows, and no more.
 */
struct xgbp_info {
	size_t		 size;		/* sizeof(struct xgbp_info) */
	int		 format;	/* enum xgbp_format */
	int		 version[3];	/* XGBoost that wrote it: 0 0 0 unknown, */
					/* patch -1 unknown (binary files) */
	const char	*booster;	/* "gbtree", "dart" or "gblinear" */
	const char	*objective;
	size_t		 nfeatures;
	size_t		 noutputs;	/* margins per row */
	size_t		 nclasses;	/* num_class; 0 unless multi-class */
	size_t		 ntargets;	/* num_target */
	size_t		 ntrees;
	size_t		 nrounds;	/* boosting rounds (layers) */
	size_t		 nparallel;	/* trees per round and output */
	size_t		 max_depth;	/* of the deepest tree */
	const float	*base_score;	/* noutputs values, as stored */
	const float	*alphas;	/* quantile or expectile alphas */
	size_t		 nalphas;
	long		 best_iteration; /* early stopping's round, or -1 */
	size_t		 nonfinite;	/* values that are NaN or infinite: */
					/* leaves, thresholds, weights */
};

/*
 * Fill *info, whose size the caller has set; its pointers live as long as
 * the model.  Returns XGBP_OK, or XGBP_EARG for a size too small to hold
 * the first fields (those up to noutputs).
 */
XGBP_API int	 xgbp_model_info(const struct xgbp_model *,
		    struct xgbp_info *info);

/*
 * Make *sp a model that predicts with boosting rounds [begin, end) of m
 * only, as XGBoost's Booster slicing; end 0 means the last round.  A
 * gblinear model has one round and must be sliced from 0.  The slice
 * shares m's trees, counting references: either may be freed first, but
 * not both at once from two threads (the count is not atomic; free the
 * models sharing trees from one thread, or with a lock).
 * (xgbp_predict_with() takes a range without a slice.)  Returns XGBP_OK,
 * or XGBP_EARG for a range m does not have (err says why), or
 * XGBP_ENOMEM.
 */
XGBP_API int	 xgbp_model_slice(struct xgbp_model **sp,
		    const struct xgbp_model *m, size_t begin, size_t end,
		    struct xgbp_error *err);

/*
 * For a categorical feature whose categories the model knows by name
 * (stored by XGBoost 3.1 and later, or given at load), the code of the
 * category named s[0..n), the number its trees split on.  Returns
 * XGBP_OK and stores *code, or XGBP_ENOTFOUND for an unknown name or a
 * feature without names (err says which).
 */
XGBP_API int	 xgbp_model_category(const struct xgbp_model *,
		    size_t feature, const char *s, size_t n, float *code,
		    struct xgbp_error *err);

/* The number of category names known for a feature; 0 for most. */
XGBP_API size_t	 xgbp_model_ncategories(const struct xgbp_model *,
		    size_t feature);

/*
 * Score nrows rows: row r is x[r * nx .. r * nx + nx), feature i at index i,
 * NaN means missing.  nx may differ from xgbp_model_nfeatures(): features
 * beyond nx are missing, columns beyond the model's features are ignored.
 * Writes nrows * xgbp_model_noutputs(m, flags) values to out, row-major:
 * by default the objective's prediction; with XGBP_MARGIN the margins;
 * with XGBP_LEAF the index of the leaf node reached in each tree, as a
 * float, in the model's tree order (XGBoost's pred_leaf).  Explanations
 * are laid out as XGBoost's: row, output, then feature (the bias, last);
 * for interactions row, output, feature i, feature j.  Never allocates;
 * needs at most XGBP_PREDICT_STACK bytes of stack.  An explanation of a
 * model with deep trees or many features needs a workspace instead, which
 * xgbp_predict_with() takes (xgbp_model_worksize() says how big).  The
 * batch is the unit of speed: the engine walks each tree for a block of
 * rows at once.  Returns XGBP_OK; XGBP_EARG for flags it refuses (see
 * xgbp_model_noutputs()) or an explanation that needs a workspace; or
 * XGBP_EMODEL when the rules the flags ask for cannot score the model: a
 * logistic base_score outside (0, 1), which XGBoost before 3.2 refuses.
 * A call of 0 rows tells.
 */
XGBP_API int	 xgbp_predict(const struct xgbp_model *, const float *x,
		    size_t nrows, size_t nx, float *out, int flags);

/* The most stack a predict call uses, for threads with small stacks. */
#define XGBP_PREDICT_STACK	(128 * 1024)

/*
 * Bytes of workspace xgbp_predict_with() needs with these flags for rows
 * of nx values, so that no explanation and no missing value asks for
 * more (0 for flags it refuses).
 */
XGBP_API size_t	 xgbp_model_worksize(const struct xgbp_model *, int flags,
		    size_t nx);

/*
 * Options of xgbp_predict_with(); set them up with
 * xgbp_predict_opts_init(), which sets size to this header's sizeof and
 * the defaults: flags 0, every round, only NaN missing, no workspace,
 * no base margin.
 * Libraries earlier and later read them as xgbp_load_opts.
 */
struct xgbp_predict_opts {
	size_t		 size;		/* sizeof(struct xgbp_predict_opts) */
	int		 flags;		/* as xgbp_predict()'s */
	size_t		 begin;		/* boosting rounds [begin, end), as */
	size_t		 end;		/* XGBoost's iteration_range; end 0: */
					/* the last */
	float		 missing;	/* a value missing besides NaN, as */
					/* XGBoost's missing; NaN for none */
	/*
	 * Scratch memory, aligned as malloc()'s, instead of the stack's: an
	 * explanation's first, then, with missing set, room for rows copied
	 * to replace it by NaN, a few at a time (a 16 KiB area of the stack
	 * without work: more than 4096 features need a workspace for it).
	 */
	void		*work;
	size_t		 worksize;
	/*
	 * Each row's initial margins, XGBoost's base_margin (an offset, such
	 * as a log exposure): nrows rows of xgbp_model_noutputs(m,
	 * XGBP_MARGIN) values, row-major, one per output group in output
	 * order.  They replace base_score, as in XGBoost: the trees' sums
	 * (gbtree and dart) start from them, gblinear adds its bias and
	 * weights to them, in float and in XGBoost's order, and the
	 * objective's transform follows unless XGBP_MARGIN.  Explanations
	 * add them to the bias instead of base_score, as XGBoost's
	 * pred_contribs and pred_interactions do; XGBP_LEAF ignores them, as
	 * its pred_leaf does.  NULL (the default): base_score.  (0.3.0)
	 */
	const float	*base_margin;
};
XGBP_API void	 xgbp_predict_opts_setup(struct xgbp_predict_opts *,
		    size_t size);
#define xgbp_predict_opts_init(o) \
	xgbp_predict_opts_setup((o), sizeof(*(o)))

/*
 * xgbp_predict() with options: the same, over rounds [begin, end) only
 * when given (without a slice), with missing taken as NaN; fills *err
 * unless NULL.  Returns as xgbp_predict(), and XGBP_EARG for a range the
 * model does not have, or a missing value and rows too wide for the work
 * area.  opts NULL is xgbp_predict() with flags 0.  With base_margin,
 * row r's G margins start from base_margin[r * G .. r * G + G).
 */
XGBP_API int	 xgbp_predict_with(const struct xgbp_model *,
		    const struct xgbp_predict_opts *opts, const float *x,
		    size_t nrows, size_t nx, float *out,
		    struct xgbp_error *err);

/* Flags for xgbp_parse_float(). */
#define XGBP_PARSE_DIRECT	0x1	/* round once, as strtof */

/*
 * Convert the decimal number in s[0..n) to float.  By default the text is
 * rounded to the nearest double and that to the nearest float, as
 * (float)strtod() does and as a pandas or numpy float64 column cast to
 * float32 does, which is how XGBoost's users feed it; XGBP_PARSE_DIRECT
 * rounds once, as strtof().  Accepted: an optional sign, digits with an
 * optional '.', an optional exponent, or "inf", "infinity", "nan" in any
 * case.  The whole of s[0..n) must be the number: no spaces.  Independent of
 * the locale; never allocates.  Returns XGBP_OK and stores *out, or
 * XGBP_ESYNTAX when s is not a number (*out untouched; *err filled unless
 * NULL).  Out-of-range values give +-inf or +-0.
 */
XGBP_API int	 xgbp_parse_float(const char *s, size_t n, float *out,
		    int flags, struct xgbp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* XGBP_H */
