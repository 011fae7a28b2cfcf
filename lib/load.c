/*
 * load.c: format detection, and the model's public accessors.  The format
 * is told from the first bytes, never from a file name
 * (../shared/docs/xgboost-model-format.md §1.3): JSON text, UBJSON, the
 * legacy binary with or without its "binf" header, or a 1.0-1.3 pickle
 * snapshot; things that are not models get an error that says what they
 * are.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

/* The byte after p[i], skipping JSON white space; -1 at the end. */
static int
after_ws(const unsigned char *p, size_t len, size_t i)
{
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
	    p[i] == '\r'))
		i++;
	return i < len ? p[i] : -1;
}

static int
starts(const unsigned char *p, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && memcmp(p, s, n) == 0;
}

/*
 * Name what a buffer that is no model holds, when it is something users
 * mistake for one.
 */
static int
not_a_model(const unsigned char *p, size_t len, struct xgbp_error *err)
{
	if (len == 0)
		return xgbp_seterr(err, XGBP_ESYNTAX, 0, "empty model");
	if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return xgbp_seterr(err, XGBP_EUNSUPPORTED, 0,
		    "gzip-compressed: decompress it first");
	if (starts(p, len, "bs64"))
		return xgbp_seterr(err, XGBP_EUNSUPPORTED, 0,
		    "a base64 model of XGBoost 0.4x: not supported");
	if (starts(p, len, "booster["))
		return xgbp_seterr(err, XGBP_EUNSUPPORTED, 0,
		    "a text dump (dump_model), not a model: save the model "
		    "with save_model");
	if (after_ws(p, len, 0) == '[')
		return xgbp_seterr(err, XGBP_EUNSUPPORTED, 0,
		    "a JSON dump (dump_model), not a model: save the model "
		    "with save_model");
	if (len >= 2 && p[0] == 0x80 && p[1] >= 2 && p[1] <= 5)
		return xgbp_seterr(err, XGBP_EUNSUPPORTED, 0,
		    "a Python pickle, not a model: save the model with "
		    "save_model");
	if (starts(p, len, "X\n") || starts(p, len, "RDX2") ||
	    starts(p, len, "RDX3"))
		return xgbp_seterr(err, XGBP_EUNSUPPORTED, 0,
		    "an R object (saveRDS), not a model: save the model with "
		    "xgb.save");
	return XGBP_OK;
}

/* Build from a JSON or UBJSON document. */
static int
load_doc(struct xgbp_builder *b, const unsigned char *p, size_t len,
    int format)
{
	struct xgbp_reader r;
	int rc;

	if (format == XGBP_FORMAT_JSON)
		xgbp_json_init(&r, p, len, b->err);
	else
		xgbp_ubjson_init(&r, p, len, b->err);
	b->m->format = format;
	rc = xgbp_build_doc(b, &r);
	if (rc == XGBP_OK)
		rc = xgbp_build_finish(b);
	xgbp_reader_fini(&r);
	if (!b->err_outside)
		xgbp_err_position(b->err, p, len, format == XGBP_FORMAT_JSON);
	return rc;
}

/*
 * Detect the format of buf and build the model.  A document starts with
 * '{' and then a quote (JSON) or a UBJSON length marker; a legacy binary
 * file with "binf" or, before 1.1, directly with its parameters.
 */
static int
load(struct xgbp_builder *b, const unsigned char *p, size_t len)
{
	int c, rc;

	if (starts(p, len, "\xef\xbb\xbf")) {
		p += 3;		/* a UTF-8 byte order mark */
		len -= 3;
	}
	/* After the mark, which may be all there is: p[0] is read below. */
	if ((rc = not_a_model(p, len, b->err)) != XGBP_OK)
		return rc;
	/*
	 * A headerless binary file may begin with '{' too (its base_score's
	 * low byte), so only a '{' followed by what may follow it in JSON or
	 * UBJSON makes a document.
	 */
	c = len > 1 ? p[1] : -1;
	if (p[0] == '{' && c != -1 && strchr("LiUIlN#$", c) != NULL)
		return load_doc(b, p, len, XGBP_FORMAT_UBJSON);
	if ((p[0] == '{' && (c == -1 || strchr(" \t\r\n\"}", c) != NULL)) ||
	    (p[0] != '{' && after_ws(p, len, 0) == '{'))
		return load_doc(b, p, len, XGBP_FORMAT_JSON);
	b->m->format = XGBP_FORMAT_BINARY;
	if ((rc = xgbp_legacy_load(b, p, len)) != XGBP_OK)
		return rc;
	return xgbp_build_finish(b);
}

/*
 * A headerless binary model whose base_score happens to begin with the
 * byte '{' looks like a document (XGBoost 1.x itself mistakes it); when
 * the document does not parse, try the binary reader before giving up.
 * Keeps the document's error if that fails too.
 */
static int
retry_binary(struct xgbp_model **mp, const unsigned char *p, size_t len,
    struct xgbp_error *err)
{
	struct xgbp_builder b;
	struct xgbp_error e;
	struct xgbp_model *m;
	int rc;

	if ((m = xgbp_alloc(1, sizeof(*m))) == NULL)
		return err->status;
	memset(m, 0, sizeof(*m));
	if ((m->refs = xgbp_alloc(1, sizeof(*m->refs))) == NULL) {
		xgbp_free(m);
		return err->status;
	}
	*m->refs = 1;
	memset(&e, 0, sizeof(e));
	xgbp_build_init(&b, m, &e);
	b.size = len;
	m->format = XGBP_FORMAT_BINARY;
	if ((rc = xgbp_legacy_load(&b, p, len)) == XGBP_OK)
		rc = xgbp_build_finish(&b);
	xgbp_build_free(&b);
	if (rc != XGBP_OK) {
		xgbp_model_free(m);
		return err->status;
	}
	xgbp_model_free(*mp);
	*mp = m;
	memset(err, 0, sizeof(*err));
	return XGBP_OK;
}

void
xgbp_load_opts_setup(struct xgbp_load_opts *o, size_t size)
{
	if (o == NULL || size < sizeof(o->size))
		return;
	memset(o, 0, size);
	o->size = size;
}

int
xgbp_model_load(struct xgbp_model **mp, const void *buf, size_t len,
    struct xgbp_error *err)
{
	return xgbp_model_load_with(mp, buf, len, NULL, err);
}

int
xgbp_model_load_with(struct xgbp_model **mp, const void *buf, size_t len,
    const struct xgbp_load_opts *opts, struct xgbp_error *err)
{
	struct xgbp_load_opts lo;
	struct xgbp_builder b;
	struct xgbp_error dummy;
	struct xgbp_model *m;
	int rc;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	if (mp == NULL || (buf == NULL && len != 0))
		return xgbp_seterr(err, XGBP_EARG, 0, "invalid argument");
	if (opts != NULL) {
		/* The caller's struct, of its header's size. */
		xgbp_load_opts_init(&lo);
		if ((rc = xgbp_opts_copy(&lo, sizeof(lo), opts,
		    offsetof(struct xgbp_load_opts, explain) + sizeof(int),
		    err)) != XGBP_OK)
			return rc;
		opts = &lo;
	}
	if ((m = xgbp_alloc(1, sizeof(*m))) == NULL)
		return xgbp_seterr(err, XGBP_ENOMEM, 0, "out of memory");
	memset(m, 0, sizeof(*m));
	if ((m->refs = xgbp_alloc(1, sizeof(*m->refs))) == NULL) {
		xgbp_free(m);
		return xgbp_seterr(err, XGBP_ENOMEM, 0, "out of memory");
	}
	*m->refs = 1;
	xgbp_build_init(&b, m, err);
	b.size = len;
	if (opts != NULL && opts->categories != NULL) {
		b.cattext = opts->categories;
		b.cattextlen = opts->categories_len;
	}
	if (opts != NULL)
		b.explain = opts->explain;
	rc = load(&b, buf, len);
	xgbp_build_free(&b);
	if (rc == XGBP_ESYNTAX && len > 0 && *(const char *)buf == '{' &&
	    m->format != XGBP_FORMAT_BINARY)
		rc = retry_binary(&m, buf, len, err);
	if (rc != XGBP_OK) {
		xgbp_model_free(m);
		return rc;
	}
	m->tree1 = m->ntrees;
	m->layer1 = m->nlayers;
	*mp = m;
	return XGBP_OK;
}

void
xgbp_model_free(struct xgbp_model *m)
{
	size_t i;

	if (m == NULL)
		return;
	/*
	 * The last model that shares the arrays frees them.  A model and its
	 * slices are freed one at a time (xgbp.h): the count needs no lock.
	 */
	if (--*m->refs > 0) {
		xgbp_free(m);
		return;
	}
	xgbp_free(m->refs);
	/*
	 * num_feature may be 2^31 - 1 in a small file: loop over it only
	 * when there are per-feature strings, whose number the file bounds.
	 */
	for (i = 0; (m->feature_names != NULL || m->feature_types != NULL ||
	    m->catnames != NULL) && i < m->nfeature; i++) {
		if (m->feature_names != NULL)
			xgbp_free(m->feature_names[i]);
		if (m->feature_types != NULL)
			xgbp_free(m->feature_types[i]);
		if (m->catnames != NULL) {
			xgbp_free(m->catnames[i].off);
			xgbp_free(m->catnames[i].sorted);
		}
	}
	xgbp_free(m->feature_names);
	xgbp_free(m->feature_types);
	xgbp_free(m->catnames);
	xgbp_free(m->catpool);
	xgbp_free(m->base);
	xgbp_free(m->init);
	xgbp_free(m->alphas);
	xgbp_free(m->trees);
	xgbp_free(m->nodes);
	xgbp_free(m->covers);
	xgbp_free(m->means);
	xgbp_free(m->shapnodes);
	xgbp_free(m->shap_h);
	xgbp_free(m->shap_g);
	xgbp_free(m->shap_z);
	xgbp_free(m->shap_r);
	xgbp_free(m->shap_f);
	xgbp_free(m->shap_order);
	xgbp_free(m->shap_in);
	xgbp_free(m->shap_leaves);
	xgbp_free(m->leafvals);
	xgbp_free(m->cats);
	xgbp_free(m->indptr);
	xgbp_free(m->linear);
	xgbp_engine_free(m->engine);
	xgbp_free(m);
}

/*
 * Make *view m restricted to boosting rounds [begin, end) (end 0: the
 * last), sharing m's arrays without counting: for one call.  Returns
 * XGBP_OK, or XGBP_EARG for a range m does not have.
 */
int
xgbp_model_range(struct xgbp_model *view, const struct xgbp_model *m,
    size_t begin, size_t end, struct xgbp_error *err)
{
	size_t n;

	n = m->layer1 - m->layer0;
	if (end == 0)
		end = n;
	if (m->booster == BOOSTER_GBLINEAR && begin != 0)
		return xgbp_seterr(err, XGBP_EARG, 0,
		    "a gblinear model has no rounds to slice");
	if (m->booster != BOOSTER_GBLINEAR && (end > n || begin >= end))
		return xgbp_seterr(err, XGBP_EARG, 0,
		    "rounds %zu:%zu out of range: the model has %zu", begin,
		    end, n);
	*view = *m;
	if (m->booster != BOOSTER_GBLINEAR) {
		view->layer0 = m->layer0 + begin;
		view->layer1 = m->layer0 + end;
		view->tree0 = m->indptr[view->layer0];
		view->tree1 = m->indptr[view->layer1];
	}
	return XGBP_OK;
}

int
xgbp_model_slice(struct xgbp_model **sp, const struct xgbp_model *m,
    size_t begin, size_t end, struct xgbp_error *err)
{
	struct xgbp_error dummy;
	struct xgbp_model *s;
	int rc;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	if (sp == NULL || m == NULL)
		return xgbp_seterr(err, XGBP_EARG, 0, "invalid argument");
	if ((s = xgbp_alloc(1, sizeof(*s))) == NULL)
		return xgbp_seterr(err, XGBP_ENOMEM, 0, "out of memory");
	if ((rc = xgbp_model_range(s, m, begin, end, err)) != XGBP_OK) {
		xgbp_free(s);
		return rc;
	}
	++*s->refs;
	*sp = s;
	return XGBP_OK;
}

size_t
xgbp_model_nfeatures(const struct xgbp_model *m)
{
	return m->nfeature;
}

size_t
xgbp_model_noutputs(const struct xgbp_model *m, int flags)
{
	int f;

	if ((f = xgbp_rule_flags(m, flags, NULL)) == -1)
		return 0;
	return xgbp_outputs(m, f);
}

int
xgbp_version_number(void)
{
	return XGBP_VERSION_NUMBER;
}

const char *
xgbp_version_string(void)
{
	return XGBP_VERSION_STRING;
}

const char *
xgbp_model_feature_name(const struct xgbp_model *m, size_t i)
{
	if (m->feature_names == NULL || i >= m->nfeature)
		return NULL;
	return m->feature_names[i];
}

const char *
xgbp_model_feature_type(const struct xgbp_model *m, size_t i)
{
	if (m->feature_types == NULL || i >= m->nfeature)
		return NULL;
	return m->feature_types[i];
}

const char *
xgbp_model_objective(const struct xgbp_model *m)
{
	return m->obj.name;
}

int
xgbp_model_info(const struct xgbp_model *m, struct xgbp_info *info)
{
	static const char *const boosters[] = { "gbtree", "dart", "gblinear" };
	struct xgbp_info in, *out = info;
	size_t size;

	if (m == NULL || info == NULL || info->size <
	    offsetof(struct xgbp_info, noutputs) + sizeof(info->noutputs))
		return XGBP_EARG;
	/* Fill a whole one, and give the caller what its size holds. */
	size = info->size < sizeof(in) ? info->size : sizeof(in);
	info = &in;
	memset(info, 0, sizeof(*info));
	info->size = size;
	info->format = m->format;
	memcpy(info->version, m->version, sizeof(info->version));
	info->booster = boosters[m->booster];
	info->objective = m->obj.name;
	info->nfeatures = m->nfeature;
	info->noutputs = m->ngroup;
	info->nclasses = m->num_class;
	info->ntargets = m->num_target;
	info->ntrees = m->tree1 - m->tree0;
	info->nrounds = m->booster == BOOSTER_GBLINEAR ? 1 :
	    m->layer1 - m->layer0;
	info->nparallel = m->nparallel;
	info->max_depth = m->max_depth;
	info->base_score = m->base;
	info->alphas = m->alphas;
	info->nalphas = m->nalphas;
	info->best_iteration = m->best_iteration;
	info->nonfinite = m->nonfinite;
	memcpy(out, info, size);
	return XGBP_OK;
}

size_t
xgbp_model_ncategories(const struct xgbp_model *m, size_t f)
{
	if (m->catnames == NULL || f >= m->nfeature)
		return 0;
	return m->catnames[f].n;
}

int
xgbp_model_category(const struct xgbp_model *m, size_t f, const char *s,
    size_t n, float *code, struct xgbp_error *err)
{
	const struct xgbp_catnames *c;
	size_t lo, hi, mid, len;
	uint32_t k;
	int d;

	if (err != NULL)
		memset(err, 0, sizeof(*err));
	if (m == NULL || (s == NULL && n > 0) || code == NULL)
		return xgbp_seterr(err, XGBP_EARG, 0, "invalid argument");
	if (m->catnames == NULL || f >= m->nfeature ||
	    m->catnames[f].n == 0)
		return xgbp_seterr(err, XGBP_ENOTFOUND, 0, "feature %zu has "
		    "no category names", f);
	c = &m->catnames[f];
	lo = 0;
	hi = c->n;
	while (lo < hi) {		/* binary search of the sorted names */
		mid = lo + (hi - lo) / 2;
		k = c->sorted[mid];
		len = c->off[k + 1] - c->off[k];
		d = memcmp(s, c->pool + c->off[k], n < len ? n : len);
		if (d == 0)
			d = (n > len) - (n < len);
		if (d == 0) {
			*code = (float)k;
			return XGBP_OK;
		}
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return xgbp_seterr(err, XGBP_ENOTFOUND, 0, "feature %zu: no "
	    "category named \"%.*s\"", f, n > 60 ? 60 : (int)n, s);
}
