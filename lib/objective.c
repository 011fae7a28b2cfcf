/*
 * objective.c: what each XGBoost objective does at prediction time: the link
 * that turns the stored base_score into an initial margin (ProbToMargin) and
 * the transform that turns margins into the prediction (PredTransform).
 * Sources: dmlc/xgboost src/objective/regression_loss.h, regression_obj.cu,
 * multiclass_obj.cu, hinge.cu, aft_obj.cu, lambdarank_obj.cc and
 * src/common/math.h (v3.4.1).  Every formula is float arithmetic with the C
 * library's float functions, one operation at a time, as XGBoost's is; the
 * build forbids fused multiply-add so the results are bit-identical.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

static const struct {
	const char	*name;
	const char	*canon;	/* for aliases */
	int		 kind;
} objectives[] = {
	{ "reg:squarederror",	NULL,	OBJ_IDENTITY },
	{ "reg:linear",		"reg:squarederror", OBJ_IDENTITY },
	{ "reg:squaredlogerror", NULL,	OBJ_IDENTITY },
	{ "reg:pseudohubererror", NULL,	OBJ_IDENTITY },
	{ "reg:absoluteerror",	NULL,	OBJ_IDENTITY },
	{ "reg:quantileerror",	NULL,	OBJ_QUANTILE },
	{ "reg:expectileerror",	NULL,	OBJ_EXPECTILE },
	{ "reg:logistic",	NULL,	OBJ_LOGISTIC },
	{ "reg:gamma",		NULL,	OBJ_EXP },
	{ "reg:tweedie",	NULL,	OBJ_EXP },
	{ "count:poisson",	NULL,	OBJ_EXP },
	{ "binary:logistic",	NULL,	OBJ_LOGISTIC },
	{ "binary:logitraw",	NULL,	OBJ_IDENTITY },
	{ "binary:hinge",	NULL,	OBJ_HINGE },
	{ "multi:softmax",	NULL,	OBJ_SOFTMAX },
	{ "multi:softprob",	NULL,	OBJ_SOFTPROB },
	{ "rank:pairwise",	NULL,	OBJ_IDENTITY },
	{ "rank:ndcg",		NULL,	OBJ_IDENTITY },
	{ "rank:map",		NULL,	OBJ_IDENTITY },
	{ "survival:cox",	NULL,	OBJ_EXP },
	{ "survival:aft",	NULL,	OBJ_AFT },
	/* GPU spellings of XGBoost 0.71-0.90, found in binary models. */
	{ "gpu:reg:linear",	"reg:squarederror", OBJ_IDENTITY },
	{ "gpu:reg:logistic",	"reg:logistic", OBJ_LOGISTIC },
	{ "gpu:binary:logistic", "binary:logistic", OBJ_LOGISTIC },
	{ "gpu:binary:logitraw", "binary:logitraw", OBJ_IDENTITY },
};

/*
 * Look up the objective called name[0..n) and fill *o.  Returns XGBP_OK, or
 * XGBP_EUNSUPPORTED for a name we do not know: scoring an unknown objective
 * as the identity would print plausible numbers that are wrong.
 */
int
xgbp_objective_find(struct xgbp_objective *o, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(objectives) / sizeof(objectives[0]); i++) {
		if (strlen(objectives[i].name) != n ||
		    memcmp(objectives[i].name, name, n) != 0)
			continue;
		o->name = objectives[i].canon != NULL ?
		    objectives[i].canon : objectives[i].name;
		o->kind = objectives[i].kind;
		return XGBP_OK;
	}
	return XGBP_EUNSUPPORTED;
}

/*
 * The initial margin for a stored base_score p (ProbToMargin).  The logit
 * clamps p into [1e-6, 1 - 1e-6] first, as XGBoost 3.2 and later do
 * (regression_loss.h, "Fix logistic with constant labels", #11973), unless
 * RULE_NO_LOGIT_CLAMP asks for the rule before.
 */
float
xgbp_objective_margin(const struct xgbp_objective *o, float p, int flags)
{
	const float eps = 1e-6f;

	switch (o->kind) {
	case OBJ_LOGISTIC:
		if (!(flags & RULE_NO_LOGIT_CLAMP) && p < eps)
			p = eps;
		if (!(flags & RULE_NO_LOGIT_CLAMP) && p > 1.0f - eps)
			p = 1.0f - eps;
		return -logf(1.0f / p - 1.0f);
	case OBJ_EXP:
	case OBJ_AFT:
		return logf(p);
	default:
		return p;
	}
}

/*
 * Expectile regression (3.3 and later, dmlc/xgboost
 * src/objective/quantile_obj.cu): margins are the first expectile and then
 * the gaps to the next, through a softplus so they cannot cross.
 */
#define EXPECTILE_EPS	1e-6f

static float
softplus(float x)
{
	return x > 0 ? x + log1pf(expf(-x)) : log1pf(expf(x));
}

static float
softplus_inv(float z)
{
	if (z < EXPECTILE_EPS)
		z = EXPECTILE_EPS;
	return z + logf(-expm1f(-z));
}

/*
 * The initial margins for the stored base_score vector base[0..n), by the
 * rules in flags.  Only expectiles look at more than one value: each
 * margin is a gap from the previous stored value.
 */
void
xgbp_objective_margins(const struct xgbp_objective *o, const float *base,
    size_t n, float *init, int flags)
{
	size_t j;

	if (o->kind != OBJ_EXPECTILE) {
		for (j = 0; j < n; j++)
			init[j] = xgbp_objective_margin(o, base[j], flags);
		return;
	}
	init[0] = base[0];
	for (j = n - 1; j >= 1; j--)
		init[j] = softplus_inv(base[j] - base[j - 1] - EXPECTILE_EPS);
}

/*
 * The sigmoid of XGBoost 1.6 and later (common::Sigmoid): -x is clamped at
 * 88.7 so expf cannot overflow; NaN stays NaN, as std::min keeps its first
 * argument when the comparison is false.  The 1e-16f vanishes when added to
 * a number >= 1 but is kept to mirror the source.
 */
static float
sigmoid(float x)
{
	const float cap = 88.7f;
	float nx = -x;

	if (cap < nx)
		nx = cap;
	return 1.0f / (expf(nx) + 1.0f + 1e-16f);
}

/*
 * Softmax as common::Softmax: subtract the maximum, exponentiate in float,
 * sum in double in class order, divide by the sum rounded to float.
 */
static void
softmax(const float *m, size_t n, float *out)
{
	double sum;
	float mx;
	size_t k;

	mx = m[0];
	for (k = 1; k < n; k++)
		mx = fmaxf(m[k], mx);
	sum = 0.0;
	for (k = 0; k < n; k++) {
		out[k] = expf(m[k] - mx);
		sum += out[k];
	}
	for (k = 0; k < n; k++)
		out[k] /= (float)sum;
}

/* The index of the first greatest margin; NaN never wins. */
static float
argmax(const float *m, size_t n)
{
	size_t k, best;

	for (best = 0, k = 1; k < n; k++)
		if (m[k] > m[best])
			best = k;
	return (float)best;
}

/* Sort a row's quantiles ascending, as XGBoost 3.4 and later do. */
static void
sort_row(float *v, size_t n)
{
	size_t i, j;
	float x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Transform one row's ngroup margins into predictions in out, which may be
 * margin itself; for multi:softmax one output comes from ngroup margins.
 * RULE_NO_QUANTILE_SORT in flags keeps quantiles in alpha order, as XGBoost
 * before 3.4.
 */
void
xgbp_objective_transform(const struct xgbp_objective *o, const float *margin,
    size_t ngroup, float *out, int flags)
{
	size_t g;
	float y;

	switch (o->kind) {
	case OBJ_LOGISTIC:
		for (g = 0; g < ngroup; g++)
			out[g] = sigmoid(margin[g]);
		break;
	case OBJ_EXP:
		for (g = 0; g < ngroup; g++)
			out[g] = expf(margin[g]);
		break;
	case OBJ_AFT:
		/*
		 * aft_obj.cu calls an unqualified exp() on a float, which is
		 * the C library's double exp(), not std::exp(float): 1.7.4
		 * gives (float)exp((double)m), 1 ulp from expf() in one row
		 * of about 2,000.
		 */
		for (g = 0; g < ngroup; g++)
			out[g] = (float)exp((double)margin[g]);
		break;
	case OBJ_HINGE:
		for (g = 0; g < ngroup; g++)
			out[g] = margin[g] > 0 ? 1.0f : 0.0f;
		break;
	case OBJ_SOFTMAX:
		out[0] = argmax(margin, ngroup);
		break;
	case OBJ_QUANTILE:
		if (out != margin)
			memmove(out, margin, ngroup * sizeof(*out));
		if (!(flags & RULE_NO_QUANTILE_SORT))
			sort_row(out, ngroup);
		break;
	case OBJ_EXPECTILE:
		for (y = margin[0], out[0] = y, g = 1; g < ngroup; g++)
			out[g] = y = y + (EXPECTILE_EPS + softplus(margin[g]));
		break;
	case OBJ_SOFTPROB:
		softmax(margin, ngroup, out);
		break;
	default:
		if (out != margin)
			memmove(out, margin, ngroup * sizeof(*out));
		break;
	}
}
