/*
 * table.c: how the records of one input become rows, decided from its
 * first record: the delimiter, whether that record is a header, which
 * column feeds which feature (-f, -x, or by name, or by position), and
 * which columns -k passes through.  Column lists follow xsv's selectors:
 * 1-based indices, ranges such as 4-6, 6-4 or 7-, and header names, quoted with
 * double quotes when they hold a comma or look like a number.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fmtfloat.h"

/* One item of a column list: columns lo..hi (1-based), or a name. */
struct item {
	size_t		 lo, hi;	/* hi 0: to the last column */
	char		*name;		/* NULL for an index or range */
};

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0 && n < 10;
}

static size_t
number(const char *s, size_t n)
{
	size_t v, i;

	for (v = 0, i = 0; i < n; i++)
		v = v * 10 + (size_t)(s[i] - '0');
	return v;
}

/*
 * Parse the next item of list at *p into it and advance *p past it and its
 * comma.  Returns NULL, or what is wrong.
 */
static const char *
next_item(const char **p, struct item *it)
{
	const char *s = *p, *e, *dash;
	struct buf b;

	memset(it, 0, sizeof(*it));
	if (*s == '"') {		/* a quoted name */
		memset(&b, 0, sizeof(b));
		for (s++; *s != '\0'; s++) {
			if (*s == '"' && s[1] != '"')
				break;
			if (*s == '"')
				s++;
			buf_addc(&b, *s);
		}
		if (*s != '"' || (s[1] != ',' && s[1] != '\0')) {
			buf_free(&b);
			return "bad quoting";
		}
		buf_addc(&b, '\0');
		it->name = b.p;
		*p = s[1] == ',' ? s + 2 : s + 1;
		return NULL;
	}
	if ((e = strchr(s, ',')) == NULL)
		e = s + strlen(s);
	*p = *e == ',' ? e + 1 : e;
	if (e == s)
		return "empty column";
	if ((dash = memchr(s, '-', (size_t)(e - s))) != NULL &&
	    digits(s, (size_t)(dash - s)) &&
	    (dash + 1 == e || digits(dash + 1, (size_t)(e - dash - 1)))) {
		it->lo = number(s, (size_t)(dash - s));
		it->hi = dash + 1 == e ? 0 : number(dash + 1,
		    (size_t)(e - dash - 1));
		return it->lo == 0 ? "columns count from 1" : NULL;
	}
	if (digits(s, (size_t)(e - s))) {
		it->lo = it->hi = number(s, (size_t)(e - s));
		return it->lo == 0 ? "columns count from 1" : NULL;
	}
	it->name = xmalloc((size_t)(e - s) + 1);
	memcpy(it->name, s, (size_t)(e - s));
	it->name[e - s] = '\0';
	return NULL;
}

/*
 * Check the syntax of a column list given to option opt, at option time.
 * Returns 0, or -1 after a message.
 */
int
selector_check(const char *opt, const char *list)
{
	const char *p = list, *why;
	struct item it;

	do {
		if ((why = next_item(&p, &it)) != NULL) {
			warnx("%s: %s: \"%s\"", opt, why, list);
			return -1;
		}
		free(it.name);
	} while (*p != '\0');
	return 0;
}

/* Append the columns an item names to cols; -1 after a message. */
static int
resolve_item(const struct item *it, const char *opt, const struct table *t,
    size_t **cols, size_t *n)
{
	size_t c, lo, hi, found;

	if (it->name == NULL) {
		lo = it->lo;
		hi = it->hi == 0 ? t->ncols : it->hi;
		if (hi > t->ncols || lo > t->ncols) {
			warnx("%s: column %zu out of range: %s has %zu", opt,
			    hi > t->ncols ? hi : lo, t->name, t->ncols);
			return -1;
		}
		/* A range runs either way: 4-2 is 4, 3, 2, as in xsv. */
		for (c = lo;; c += lo <= hi ? 1 : -1) {
			*cols = xreallocarray(*cols, *n + 1, sizeof(**cols));
			(*cols)[(*n)++] = c - 1;
			if (c == hi)
				break;
		}
		return 0;
	}
	if (t->header == NULL) {
		warnx("%s: column name \"%s\" needs a header line in %s", opt,
		    it->name, t->name);
		return -1;
	}
	for (found = 0, c = 0; c < t->ncols; c++) {
		if (strcmp(t->header[c], it->name) != 0)
			continue;
		if (found++ == 0) {
			*cols = xreallocarray(*cols, *n + 1, sizeof(**cols));
			(*cols)[(*n)++] = c;
		}
	}
	if (found != 1) {
		warnx(found == 0 ? "%s: no column named \"%s\" in %s" :
		    "%s: column \"%s\" appears more than once in %s", opt,
		    it->name, t->name);
		return -1;
	}
	return 0;
}

/* The columns list selects, in order, into a new array; -1 on error. */
static int
resolve(const char *opt, const char *list, const struct table *t,
    size_t **cols, size_t *n)
{
	const char *p = list;
	struct item it;
	int rc;

	*cols = NULL;
	*n = 0;
	do {
		if (next_item(&p, &it) != NULL)
			return -1;	/* checked at option time */
		rc = resolve_item(&it, opt, t, cols, n);
		free(it.name);
		if (rc == -1) {
			free(*cols);
			*cols = NULL;
			return -1;
		}
	} while (*p != '\0');
	return 0;
}

/*
 * The delimiter of a record, when none was given: a tab if the first line
 * has more tabs than commas outside quotes, else a comma.
 */
static int
detect_delim(const char *rec, size_t len)
{
	size_t i, commas, tabs;
	int q;

	commas = tabs = 0;
	for (q = 0, i = 0; i < len && rec[i] != '\n' && rec[i] != '\r'; i++) {
		if (rec[i] == '"')
			q = !q;
		else if (!q && rec[i] == ',')
			commas++;
		else if (!q && rec[i] == '\t')
			tabs++;
	}
	return tabs > commas ? '\t' : ',';
}

/*
 * Whether fields look like a header: any is neither a number, nor a missing
 * value, nor a category name of the feature at its position.
 */
static int
looks_like_header(const struct opts *o, const struct xgbp_model *m,
    char **fields, size_t n)
{
	size_t i;
	float v;

	for (i = 0; i < n; i++)
		if (field_value(o, m, i, fields[i], strlen(fields[i]), &v) !=
		    BAD_NONE)
			return 1;
	return 0;
}

/*
 * Map header columns to the model's features by name, leaving out the
 * excluded columns.  Every feature needs exactly one column; other columns
 * are ignored.
 */
static int
map_by_name(struct table *t, const struct xgbp_model *m,
    const unsigned char *excluded)
{
	size_t f, c, found, nf = xgbp_model_nfeatures(m);
	const char *name;

	for (f = 0; f < nf; f++) {
		name = xgbp_model_feature_name(m, f);
		found = 0;
		for (c = 0; c < t->ncols; c++) {
			if (excluded[c] || strcmp(t->header[c], name) != 0)
				continue;
			if (found++ > 0) {
				warnx("%s:%lu: column \"%s\" appears more "
				    "than once", t->name, t->head.line, name);
				return -1;
			}
			t->map[c] = (long)f;
		}
		if (found == 0) {
			warnx("%s:%lu: no column for feature \"%s\"", t->name,
			    t->head.line, name);
			return -1;
		}
	}
	return 0;
}

/*
 * Map columns to features: -f's columns in order; or by name, with a
 * header and a model that names its features; or the columns -x leaves, in
 * order.  Returns 0, or -1 after a message.
 */
static int
map_columns(struct table *t, const struct opts *o, const struct xgbp_model *m)
{
	unsigned char *excluded;
	size_t *cols, n, i, nf = xgbp_model_nfeatures(m);
	int rc;

	for (i = 0; i < t->ncols; i++)
		t->map[i] = -1;
	if (o->features != NULL) {
		if (resolve("-f", o->features, t, &cols, &n) == -1)
			return -1;
		rc = 0;
		if (n != nf) {
			warnx("-f: %zu columns selected, but the model has %zu "
			    "features", n, nf);
			rc = -1;
		}
		for (i = 0; rc == 0 && i < n; i++) {
			if (t->map[cols[i]] != -1) {
				warnx("-f: column %zu selected twice",
				    cols[i] + 1);
				rc = -1;
			}
			t->map[cols[i]] = (long)i;
		}
		free(cols);
		return rc;
	}
	excluded = xmalloc(t->ncols);
	memset(excluded, 0, t->ncols);
	if (o->exclude != NULL) {
		if (resolve("-x", o->exclude, t, &cols, &n) == -1) {
			free(excluded);
			return -1;
		}
		for (i = 0; i < n; i++)
			excluded[cols[i]] = 1;
		free(cols);
	}
	if (t->header != NULL && xgbp_model_feature_name(m, 0) != NULL)
		rc = map_by_name(t, m, excluded);
	else {
		for (n = 0, i = 0; i < t->ncols; i++)
			if (!excluded[i])
				t->map[i] = (long)n++;
		rc = 0;
		if (n != nf) {
			warnx("%s:%lu: %zu fields%s, but the model has %zu "
			    "features", t->name, t->head.line, n,
			    o->exclude != NULL ? " not excluded" : "", nf);
			rc = -1;
		}
	}
	free(excluded);
	return rc;
}

void
table_free(struct table *t)
{
	size_t c;

	if (t == NULL)
		return;
	if (t->header != NULL)
		for (c = 0; c < t->ncols; c++)
			free(t->header[c]);
	free(t->header);
	free(t->map);
	free(t->keep);
	free(t->headraw);
	free(t);
}

/*
 * A table for the input called name, from its first record rec[0..len)
 * on line: *isheader tells whether that record was a header.  Returns
 * NULL after a message when the columns do not fit the model or options.
 */
struct table *
table_new(const struct opts *o, const struct xgbp_model *m, const char *name,
    const char *rec, size_t len, unsigned long line, int *isheader)
{
	struct table *t;
	char **fields;
	size_t n, i;

	t = xmalloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->delim = o->delim != 0 ? o->delim : detect_delim(rec, len);
	t->head.line = line;
	if (record_fields(t->delim, rec, len, &fields, &n) == -1) {
		warnx("%s:%lu: malformed CSV in the first record", name, line);
		for (i = 0; i < n; i++)
			free(fields[i]);
		free(fields);
		free(t);
		return NULL;
	}
	*isheader = o->header == HEADER_DETECT ?
	    looks_like_header(o, m, fields, n) : o->header == HEADER_YES;
	t->ncols = n;
	if (*isheader) {
		t->header = fields;
		t->headraw = xmalloc(len + 1);
		memcpy(t->headraw, rec, len);
		t->head.len = len;
	} else {
		for (i = 0; i < n; i++)
			free(fields[i]);
		free(fields);
	}
	t->map = xreallocarray(NULL, t->ncols, sizeof(*t->map));
	if (map_columns(t, o, m) == -1 || (o->keep != NULL &&
	    resolve("-k", o->keep, t, &t->keep, &t->nkeep) == -1)) {
		table_free(t);
		return NULL;
	}
	return t;
}

/* Append the name of column c: its header name, or "column_C". */
static void
column_name(struct buf *b, const struct table *t, size_t c, int delim)
{
	char tmp[32];

	if (t->header != NULL)
		put_field(b, t->header[c], strlen(t->header[c]), delim);
	else {
		snprintf(tmp, sizeof(tmp), "column_%zu", c + 1);
		buf_adds(b, tmp);
	}
}

/*
 * Append the names of the prediction columns: "prediction" for one output;
 * prob_K for multi:softprob, class for multi:softmax, quantile_A or
 * expectile_A for each alpha, prediction_K for targets; margin or
 * margin_K with --margin; leaf_T for each tree with --leaf.
 */
static void
prediction_names(struct buf *b, const struct opts *o,
    const struct xgbp_model *m, int delim)
{
	struct xgbp_info info;
	const char *stem;
	size_t k, n;

	xgbp_model_info(m, &info);
	n = xgbp_model_noutputs(m, o->flags);
	stem = "prediction";
	if (o->flags & XGBP_LEAF)
		stem = "leaf";
	else if (o->flags & XGBP_MARGIN)
		stem = "margin";
	else if (strcmp(info.objective, "multi:softmax") == 0)
		stem = "class";
	else if (strcmp(info.objective, "multi:softprob") == 0)
		stem = "prob";
	else if (info.nalphas == n && n > 0)
		stem = strcmp(info.objective, "reg:quantileerror") == 0 ?
		    "quantile" : "expectile";
	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_addc(b, delim);
		buf_adds(b, stem);
		if (n == 1 && !(o->flags & XGBP_LEAF))
			continue;
		buf_addc(b, '_');
		if (strcmp(stem, "quantile") == 0 ||
		    strcmp(stem, "expectile") == 0)
			buf_addf(b, info.alphas[k]);
		else
			buf_printf(b, "%zu", k);
	}
}

/*
 * The output header line: with -a the input's header (or column_N names),
 * with -k the kept columns' names, then the prediction columns.
 */
void
header_line(struct buf *b, const struct opts *o, const struct xgbp_model *m,
    const struct table *t)
{
	int delim = o->odelim != 0 ? o->odelim : t->delim;
	size_t k;

	if (o->append && t->headraw != NULL)
		buf_add(b, t->headraw, t->head.len);
	for (k = 0; o->append && t->headraw == NULL && k < t->ncols; k++) {
		if (k > 0)
			buf_addc(b, delim);
		column_name(b, t, k, delim);
	}
	for (k = 0; k < t->nkeep; k++) {
		if (k > 0)
			buf_addc(b, delim);
		column_name(b, t, t->keep[k], delim);
	}
	if (o->append || t->nkeep > 0)
		buf_addc(b, delim);
	prediction_names(b, o, m, delim);
	buf_addc(b, '\n');
}

/* Split a comma-separated list into new strings; "" is the empty list. */
char **
split_list(const char *s, size_t *n)
{
	char **v;
	const char *e;

	v = xmalloc(sizeof(*v));
	*n = 0;
	while (*s != '\0') {
		if ((e = strchr(s, ',')) == NULL)
			e = s + strlen(s);
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[*n] = xmalloc((size_t)(e - s) + 1);
		memcpy(v[*n], s, (size_t)(e - s));
		v[(*n)++][e - s] = '\0';
		s = *e == ',' ? e + 1 : e;
	}
	return v;
}
