/*
 * info.c: --info and --print-header, what a model is, for people and
 * scripts.  --info writes one "key<TAB>value" line per property, so
 * `xgbp --info -m m.json | awk -F'\t' '$1 == "trees" { print $2 }'` works;
 * a feature name's tabs, line ends and backslashes are escaped to keep it
 * so.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char *const formats[] = { "", "json", "ubjson", "binary" };

static void
put_floats(struct buf *b, const float *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_addf(b, v[i]);
	}
}

/* Append s with backslash, tab, newline and carriage return escaped. */
static void
put_escaped(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

/*
 * Write out what b holds once it is big: a model may claim 2^31 features
 * in a few hundred bytes, and its lines must stream, not pile up.
 */
static void
flush_some(struct buf *b)
{
	if (b->len < 64 * 1024)
		return;
	out_write(b->p, b->len);
	b->len = 0;
}

void
print_info(const struct opts *o, const struct xgbp_model *m)
{
	struct xgbp_info in;
	struct buf b;
	const char *name, *type;
	size_t f;

	in.size = sizeof(in);
	xgbp_model_info(m, &in);
	memset(&b, 0, sizeof(b));
	buf_printf(&b, "format\t%s\n", formats[in.format]);
	if (in.version[0] != 0 && in.version[2] < 0)
		buf_printf(&b, "xgboost\t%d.%d\n", in.version[0],
		    in.version[1]);
	else if (in.version[0] != 0 || in.version[1] != 0)
		buf_printf(&b, "xgboost\t%d.%d.%d\n", in.version[0],
		    in.version[1], in.version[2]);
	else
		buf_adds(&b, "xgboost\tunknown\n");
	buf_printf(&b, "booster\t%s\nobjective\t%s\noutputs\t%zu\n"
	    "classes\t%zu\ntargets\t%zu\n", in.booster, in.objective,
	    in.noutputs, in.nclasses, in.ntargets);
	if (in.nalphas > 0) {
		buf_adds(&b, "alphas\t");
		put_floats(&b, in.alphas, in.nalphas);
		buf_addc(&b, '\n');
	}
	buf_printf(&b, "trees\t%zu\nrounds\t%zu\nparallel_trees\t%zu\n"
	    "max_depth\t%zu\n", in.ntrees, in.nrounds, in.nparallel,
	    in.max_depth);
	buf_adds(&b, "base_score\t");
	put_floats(&b, in.base_score, in.noutputs);
	buf_addc(&b, '\n');
	if (in.best_iteration >= 0)
		buf_printf(&b, "best_iteration\t%ld\n", in.best_iteration);
	else
		buf_adds(&b, "best_iteration\tnone\n");
	buf_printf(&b, "nonfinite\t%zu\n", in.nonfinite);
	buf_printf(&b, "features\t%zu\n", in.nfeatures);
	out_open(o);
	for (f = 0; f < in.nfeatures; f++) {
		flush_some(&b);
		name = xgbp_model_feature_name(m, f);
		type = xgbp_model_feature_type(m, f);
		buf_printf(&b, "feature\t%zu\t", f);
		if (name != NULL)
			put_escaped(&b, name);
		else
			buf_printf(&b, "f%zu", f);
		buf_addc(&b, '\t');
		put_escaped(&b, type != NULL ? type : "q");
		if (xgbp_model_ncategories(m, f) > 0)
			buf_printf(&b, "\t%zu categories",
			    xgbp_model_ncategories(m, f));
		buf_addc(&b, '\n');
	}
	out_write(b.p, b.len);
	out_close(1);
	buf_free(&b);
}

/*
 * The header line the model expects: its feature names, or f0, f1, ...
 * (XGBoost's names for unnamed features), joined by the delimiter.
 */
void
print_header(const struct opts *o, const struct xgbp_model *m)
{
	struct buf b;
	const char *name;
	char tmp[32];
	size_t f;
	int delim;

	delim = o->odelim != 0 ? o->odelim : o->delim != 0 &&
	    o->delim != DELIM_LIBSVM ? o->delim : ',';
	memset(&b, 0, sizeof(b));
	out_open(o);
	for (f = 0; f < xgbp_model_nfeatures(m); f++) {
		flush_some(&b);
		if (f > 0)
			buf_addc(&b, delim);
		if ((name = xgbp_model_feature_name(m, f)) == NULL) {
			snprintf(tmp, sizeof(tmp), "f%zu", f);
			name = tmp;
		}
		put_field(&b, name, strlen(name), delim);
	}
	buf_addc(&b, '\n');
	out_write(b.p, b.len);
	out_close(1);
	buf_free(&b);
}
