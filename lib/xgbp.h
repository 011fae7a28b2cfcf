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

#define XGBP_VERSION_MAJOR	0
#define XGBP_VERSION_MINOR	1
#define XGBP_VERSION_PATCH	0
#define XGBP_VERSION_NUMBER	(XGBP_VERSION_MAJOR * 10000 + \
				    XGBP_VERSION_MINOR * 100 + XGBP_VERSION_PATCH)
#define XGBP_STR_(x)		#x
#define XGBP_STR(x)		XGBP_STR_(x)
#define XGBP_VERSION_STRING	XGBP_STR(XGBP_VERSION_MAJOR) "." \
				    XGBP_STR(XGBP_VERSION_MINOR) "." \
				    XGBP_STR(XGBP_VERSION_PATCH)

struct xgbp_model;			/* opaque; immutable after load */

enum xgbp_status {
	XGBP_OK = 0,
	XGBP_ENOMEM,		/* allocation failed */
	XGBP_ESYNTAX,		/* model text is not well-formed */
	XGBP_EMODEL,		/* well-formed, but not a consistent model */
	XGBP_EUNSUPPORTED,	/* consistent, but uses something we do not score */
	XGBP_EARG		/* the caller passed a bad argument */
};

struct xgbp_error {
	int		 status;
	unsigned long	 line;		/* 1-based; 0 when unknown */
	unsigned long	 column;	/* 1-based; 0 when unknown */
	unsigned long	 offset;	/* byte offset in the model buffer */
	char		 msg[160];	/* one line, no newline, no file name */
};

/*
 * Parse and validate the model in buf[0..len): XGBoost JSON or UBJSON (as
 * saved by XGBoost 1.0 to 3.x, or a memory snapshot of one), or the legacy
 * binary format of XGBoost 0.x to 3.0, told apart by content.  Compressed
 * files must be decompressed by the caller.  On success store a new model
 * in *mp and return XGBP_OK.  On failure return the status, fill *err unless
 * it is NULL, and leave *mp untouched.  For a text model err->line and
 * err->column give the position of the offending token; for a binary one
 * line is 0 and err->offset is the byte offset.  buf is not retained.
 */
int	 xgbp_model_load(struct xgbp_model **mp, const void *buf, size_t len,
	    struct xgbp_error *err);
void	 xgbp_model_free(struct xgbp_model *);	/* NULL is a no-op */

/* Flags for xgbp_predict() and xgbp_model_noutputs(). */
#define XGBP_MARGIN	0x1	/* raw margins: skip the objective's transform */
#define XGBP_LEAF	0x2	/* the leaf index reached in each tree */
#define XGBP_NO_QUANTILE_SORT 0x4 /* quantiles in alpha order, as before 3.4 */
#define XGBP_NO_LOGIT_CLAMP 0x8	/* a logistic base_score's logit taken as */
				/* stored, not clamped into [1e-6, 1 - */
				/* 1e-6] first, as before 3.2 */
#define XGBP_DART_FROM_ZERO 0x10 /* each DART tree predicted into a */
				/* buffer of 0s, so a -0 sum is +0, as */
				/* before 3.3 */
#define XGBP_RULES	(XGBP_NO_QUANTILE_SORT | XGBP_NO_LOGIT_CLAMP | \
			    XGBP_DART_FROM_ZERO)

/* The number of features a row has, as the model's num_feature. */
size_t	 xgbp_model_nfeatures(const struct xgbp_model *);

/*
 * The number of values xgbp_predict() writes per row with these flags: for
 * multi:softmax one class index, but one margin per class with XGBP_MARGIN;
 * with XGBP_LEAF one per tree (0 for gblinear, which has no leaves).
 */
size_t	 xgbp_model_noutputs(const struct xgbp_model *, int flags);

/*
 * The name and type ("q", "c", "int", "float", "i") of feature i, or NULL
 * when the model stores none or i is out of range.  The strings live as long
 * as the model.
 */
const char *xgbp_model_feature_name(const struct xgbp_model *, size_t i);
const char *xgbp_model_feature_type(const struct xgbp_model *, size_t i);

/* The objective's name, e.g. "binary:logistic". */
const char *xgbp_model_objective(const struct xgbp_model *);

enum xgbp_format { XGBP_FORMAT_JSON = 1, XGBP_FORMAT_UBJSON, XGBP_FORMAT_BINARY };

/* What a model is, for people and scripts; see xgbp_model_info(). */
struct xgbp_info {
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

/* Fill *info; its pointers live as long as the model. */
void	 xgbp_model_info(const struct xgbp_model *, struct xgbp_info *info);

/*
 * Make *sp a model that predicts with boosting rounds [begin, end) of m
 * only, as XGBoost's iteration_range and Booster slicing; end 0 means the
 * last round.  A gblinear model has one round and must be sliced from 0.
 * The slice shares m's trees: free it before m.  Returns XGBP_OK, or
 * XGBP_EARG for a range m does not have (err says why), or XGBP_ENOMEM.
 */
int	 xgbp_model_slice(struct xgbp_model **sp, const struct xgbp_model *m,
	    size_t begin, size_t end, struct xgbp_error *err);

/*
 * For a categorical feature whose categories the model stores by name
 * (XGBoost 3.1 and later), the code of the category named s[0..n), the
 * number its trees split on.  Returns 0 and stores *code, or -1 when the
 * name is unknown or the feature stores no names.
 */
int	 xgbp_model_category(const struct xgbp_model *, size_t feature,
	    const char *s, size_t n, float *code);

/* The number of category names stored for a feature; 0 for most. */
size_t	 xgbp_model_ncategories(const struct xgbp_model *, size_t feature);

/*
 * Score nrows rows: row r is x[r * nx .. r * nx + nx), feature i at index i,
 * NaN means missing.  nx may differ from xgbp_model_nfeatures(): features
 * beyond nx are missing, columns beyond the model's features are ignored.
 * Writes nrows * xgbp_model_noutputs(m, flags) values to out, row-major:
 * by default the objective's prediction; with XGBP_MARGIN the margins;
 * with XGBP_LEAF the index of the leaf node reached in each tree, as a
 * float, in the model's tree order (XGBoost's pred_leaf).  Never
 * allocates; any number of threads may share a model.  The batch is the
 * unit of speed: the engine walks each tree for a block of rows at once.
 * Returns XGBP_OK, or XGBP_EARG for bad flags (XGBP_LEAF with gblinear),
 * or XGBP_EMODEL when by the rules flags ask for the model cannot be
 * scored: a logistic base_score outside (0, 1) with XGBP_NO_LOGIT_CLAMP,
 * which XGBoost before 3.2 refuses.  A call of 0 rows tells.
 */
int	 xgbp_predict(const struct xgbp_model *, const float *x, size_t nrows,
	    size_t nx, float *out, int flags);

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
 * the locale; never allocates.  Returns 0 and stores *out, or -1 when s is
 * not a number (*out untouched).  Out-of-range values give ±inf or ±0.
 */
int	 xgbp_parse_float(const char *s, size_t n, float *out, int flags);

const char *xgbp_strerror(int status);

#endif /* XGBP_H */
