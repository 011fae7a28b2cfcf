/*
 * table.c: how the records of one input become rows, decided from its
 * first record: the delimiter, whether that record is a header, which
 * column feeds which feature (-f, -x, or by name, or by position), which
 * columns hold base margins (--base-margin), and which columns -k passes
 * through.  Column lists follow xsv's selectors:
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

/*
 * The keys a -k list names for JSON Lines input, as new strings: names,
 * quoted as in any list when they hold a comma or look like a number.
 * Returns NULL after a message for a column number or range, which
 * objects do not have.
 */
char **
key_list(const char *opt, const char *list, size_t *n)
{
	const char *p = list;
	struct item it;
	char **v;

	v = xmalloc(sizeof(*v));
	*n = 0;
	do {
		if (next_item(&p, &it) != NULL || it.name == NULL) {
			warnx("%s: with --jsonl, keys are named, not numbered "
			    "(quote a key that looks like a number): \"%s\"",
			    opt, list);
			while (*n > 0)
				free(v[--*n]);
			free(v);
			return NULL;
		}
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[(*n)++] = it.name;
	} while (*p != '\0');
	return v;
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
 * Whether line[0..len), split by delim, holds every feature name of m (a
 * model that stores names).
 */
static int
holds_names(const struct xgbp_model *m, int delim, const char *line,
    size_t len)
{
	struct fields f;
	size_t i, k, n, nf = xgbp_model_nfeatures(m);
	const char *name;
	int all = 1;

	memset(&f, 0, sizeof(f));
	split_record(&f, delim, line, len, -1);
	for (i = 0; all && i < nf; i++) {
		name = xgbp_model_feature_name(m, i);
		n = strlen(name);
		for (k = 0; k < f.nf && (f.n[k] != n ||
		    memcmp(f.p[k], name, n) != 0); k++)
			;
		all = k < f.nf;
	}
	fields_free(&f);
	return all;
}

/*
 * The delimiter of an input whose first line is line[0..len), when none
 * was given.  When the model stores feature names and the line, split
 * by a comma or by a tab but not both, holds them all, that one: a TSV
 * header whose names hold commas is still TSV.  Otherwise a tab if the
 * line has more tabs than commas outside quoted fields, else a comma;
 * either may be the delimiter, so a field is taken to be quoted when its
 * quote begins the line or follows a comma or a tab.
 */
int
detect_delim(const struct xgbp_model *m, const char *line, size_t len)
{
	size_t i, commas = 0, tabs = 0;
	int q = 0, c, t;

	if (len > 0 && xgbp_model_feature_name(m, 0) != NULL) {
		c = holds_names(m, ',', line, len);
		t = holds_names(m, '\t', line, len);
		if (c != t)
			return c ? ',' : '\t';
	}
	for (i = 0; i < len; i++) {
		if (q) {
			if (line[i] == '"' && i + 1 < len && line[i + 1] == '"')
				i++;
			else if (line[i] == '"')
				q = 0;
		} else if (line[i] == '"')
			q = i == 0 || line[i - 1] == ',' || line[i - 1] == '\t';
		else if (line[i] == ',')
			commas++;
		else if (line[i] == '\t')
			tabs++;
	}
	return tabs > commas ? '\t' : ',';
}

/* Whether a column list names a column by its header name. */
static int
names_columns(const char *list)
{
	const char *p = list;
	struct item it;
	int named = 0;

	while (list != NULL && !named && *p != '\0') {
		if (next_item(&p, &it) != NULL)
			break;
		named = it.name != NULL;
		free(it.name);
	}
	return named;
}

/*
 * The columns of line 1 that would hold features if it were data: -f's,
 * or those -x leaves, or all; as flags in cand[0..t->ncols).  Returns 0,
 * or -1 after a message.
 */
static int
feature_columns(const struct opts *o, const struct table *t,
    unsigned char *cand)
{
	const char *opt = o->features != NULL ? "-f" : "-x";
	size_t *cols, n, i;

	memset(cand, o->features != NULL ? 0 : 1, t->ncols);
	if (o->features == NULL && o->exclude == NULL)
		return 0;
	if (resolve(opt, o->features != NULL ? o->features : o->exclude, t,
	    &cols, &n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		cand[cols[i]] = o->features != NULL;
	free(cols);
	return 0;
}

/*
 * Whether fields[0..n), where cand says, hold every feature name of m:
 * 1 if they do, 0 if not, -1 if they hold them all but the names are
 * numbers out of the model's order, which data could be as well.
 */
static int
has_names(const struct xgbp_model *m, char **fields, size_t n,
    const unsigned char *cand)
{
	size_t f, c, last, nf = xgbp_model_nfeatures(m);
	const char *name;
	int numeric = 1, ordered = 1;
	float v;

	for (last = 0, f = 0; f < nf; f++) {
		name = xgbp_model_feature_name(m, f);
		for (c = 0; c < n && (!cand[c] || strcmp(fields[c], name) != 0);
		    c++)
			;
		if (c == n)
			return 0;
		if (xgbp_parse_float(name, strlen(name), &v, 0, NULL) !=
		    XGBP_OK)
			numeric = 0;
		if (f > 0 && c < last)
			ordered = 0;
		last = c;
	}
	return numeric && !ordered ? -1 : 1;
}

/*
 * Whether fields[0..n), where cand says, are the column numbers 0, 1, 2,
 * ..., two at least: the header pandas writes for a frame whose columns
 * have no names, which the model need not know.
 */
static int
column_numbers(char **fields, size_t n, const unsigned char *cand)
{
	size_t c, k = 0;
	char want[24];

	for (c = 0; c < n; c++) {
		if (!cand[c])
			continue;
		snprintf(want, sizeof(want), "%zu", k++);
		if (strcmp(fields[c], want) != 0)
			return 0;
	}
	return k >= 2;
}

/*
 * Whether line 1, fields[0..n), is a header.  Forced by --header or
 * --no-header, and by -f, -x, -k or --base-margin naming a column.
 * Otherwise, with a model that stores feature names, it is one when it
 * holds them all (when the names are numbers, as pandas makes them, in
 * the model's order).  Else it is one when a field that would be a
 * feature is not a value; text in other columns does not count.  Fields
 * that are the column numbers could be either, and xgbp asks.  *why gets
 * the first field that is not a value (n if none).  Returns 1, 0, or -1
 * after a message.
 */
static int
is_header(const struct opts *o, const struct xgbp_model *m,
    const struct table *t, char **fields, size_t *why)
{
	unsigned char *cand;
	size_t c, f;
	float v;
	int rc, bad;

	*why = t->ncols;
	if (o->header != HEADER_DETECT)
		return o->header == HEADER_YES;
	if (names_columns(o->features) || names_columns(o->exclude) ||
	    names_columns(o->keep) || names_columns(o->base_margin))
		return 1;
	cand = xmalloc(t->ncols);
	rc = feature_columns(o, t, cand);
	if (rc == 0 && xgbp_model_feature_name(m, 0) != NULL &&
	    (rc = has_names(m, fields, t->ncols, cand)) == -1)
		warnx("%s:%lu: line %lu holds the model's feature names, "
		    "but out of order: a header or data? Use --header or "
		    "--no-header", t->name, t->head.line, t->head.line);
	for (f = 0, c = 0; rc == 0 && c < t->ncols; c++) {
		if (!cand[c])
			continue;
		/* An infinity is a number, though a bad value. */
		bad = field_value(o, m, f++, t->delim, fields[c],
		    strlen(fields[c]), &v);
		if (bad != BAD_NONE && bad != BAD_INF) {
			*why = c;
			rc = 1;
		}
	}
	if (rc == 0 && column_numbers(fields, t->ncols, cand)) {
		warnx("%s:%lu: line %lu reads 0, 1, 2, ... like the header "
		    "pandas writes for columns without names: a header or "
		    "data? Use --header or --no-header", t->name, t->head.line,
		    t->head.line);
		rc = -1;
	}
	free(cand);
	return rc;
}

/*
 * Report that the header has no column for the feature called name; when
 * line 1 was taken for a header only because a field of it is not a
 * number, say so and how to read it as data instead.
 */
static void
no_column(const struct table *t, const char *name)
{
	char q[80];

	if (t->why >= t->ncols)
		warnx("%s:%lu: no column for feature \"%s\"", t->name,
		    t->head.line, name);
	else if (t->ncols == 1)
		warnx("%s:%lu: no column for feature \"%s\"; line %lu was "
		    "taken for a header of one column: use -d if its "
		    "delimiter is not '%s'", t->name, t->head.line, name,
		    t->head.line, t->delim == '\t' ? "\\t" : ",");
	else {
		quote_text(q, sizeof(q), t->header[t->why],
		    strlen(t->header[t->why]));
		warnx("%s:%lu: no column for feature \"%s\"; line %lu was "
		    "taken for a header, as field %zu (%s) is not a number: "
		    "use --no-header if it is data", t->name, t->head.line,
		    name, t->head.line, t->why + 1, q);
	}
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
			no_column(t, name);
			return -1;
		}
	}
	return 0;
}

/*
 * The columns of --base-margin, one per output of the model, into
 * t->bmcols.  Returns 0, or -1 after a message.
 */
static int
margin_columns(struct table *t, const struct opts *o,
    const struct xgbp_model *m)
{
	size_t G = xgbp_model_noutputs(m, XGBP_MARGIN);

	if (o->base_margin == NULL)
		return 0;
	if (resolve("--base-margin", o->base_margin, t, &t->bmcols,
	    &t->nbm) == -1)
		return -1;
	if (t->nbm != G) {
		warnx("--base-margin: %zu column%s selected, but the model has "
		    "%zu output%s, one base margin each", t->nbm,
		    t->nbm == 1 ? "" : "s", G, G == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

/* Whether column c holds a base margin. */
static int
is_margin(const struct table *t, size_t c)
{
	size_t k;

	for (k = 0; k < t->nbm && t->bmcols[k] != c; k++)
		;
	return k < t->nbm;
}

/*
 * Map columns to features: -f's columns in order; or by name, with a
 * header and a model that names its features; or the columns -x leaves, in
 * order.  Base margin columns are never features: left out as -x leaves
 * columns out, and an error in -f's list.  Returns 0, or -1 after a
 * message.
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
			} else if (is_margin(t, cols[i])) {
				warnx("-f: column %zu is a base margin "
				    "(--base-margin), not a feature",
				    cols[i] + 1);
				rc = -1;
			}
			t->map[cols[i]] = (long)i;
		}
		free(cols);
		return rc;
	}
	excluded = xmalloc(t->ncols);
	for (i = 0; i < t->ncols; i++)
		excluded[i] = (unsigned char)is_margin(t, i);
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
			    o->exclude != NULL || t->nbm > 0 ?
			    " not excluded" : "", nf);
			rc = -1;
		}
	}
	free(excluded);
	return rc;
}

/* List the columns that hold features, in order, for rows.c. */
static void
feature_list(struct table *t)
{
	size_t c;

	t->fcols = xreallocarray(NULL, t->ncols, sizeof(*t->fcols));
	for (t->nfcols = 0, c = 0; c < t->ncols; c++)
		if (t->map[c] >= 0)
			t->fcols[t->nfcols++] = c;
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
	free(t->fcols);
	free(t->keep);
	free(t->bmcols);
	free(t->headraw);
	jkeys_free(t->keys);
	free(t);
}

static void
free_fields(char **fields)
{
	size_t i;

	for (i = 0; fields[i] != NULL; i++)
		free(fields[i]);
	free(fields);
}

/*
 * Stop early for line 1 of one field that holds semicolons, when the
 * delimiter was guessed and the model needs more than one feature: the
 * input is most likely separated by semicolons, as spreadsheets in many
 * countries write CSV.  Returns -1 after a message, else 0.
 */
static int
semicolons(const struct opts *o, const struct xgbp_model *m,
    const struct table *t, const char *rec, size_t len)
{
	if (o->delim != 0 || t->ncols != 1 || xgbp_model_nfeatures(m) < 2 ||
	    o->features != NULL || memchr(rec, ';', len) == NULL)
		return 0;
	warnx("%s:%lu: one field with ';' in it, no ',' or tab: separated by "
	    "semicolons? Use -d ';'", t->name, t->head.line);
	return -1;
}

/*
 * The table of a LibSVM input: no header, features by index (libsvm.c),
 * and one column to keep, the label.  Returns NULL after a message when
 * an option selects columns that LibSVM records do not have.
 */
static struct table *
libsvm_table(const struct opts *o, const char *name, unsigned long line)
{
	struct table *t;

	if (o->features != NULL || o->exclude != NULL ||
	    o->base_margin != NULL || o->header == HEADER_YES) {
		warnx("%s:%lu: %s: LibSVM input has no columns by position "
		    "or header", name, line, o->features != NULL ? "-f" :
		    o->exclude != NULL ? "-x" : o->base_margin != NULL ?
		    "--base-margin" : "--header");
		return NULL;
	}
	t = xmalloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->delim = DELIM_LIBSVM;
	t->head.line = line;
	t->ncols = 1;
	t->map = xmalloc(sizeof(*t->map));
	t->map[0] = -1;
	if (o->keep != NULL &&
	    resolve("-k", o->keep, t, &t->keep, &t->nkeep) == -1) {
		table_free(t);
		return NULL;
	}
	feature_list(t);
	return t;
}

/*
 * The table of a JSON Lines input: no columns but the -k keys, which
 * the reader looks up with the features' names.  Returns NULL after a
 * message.
 */
static struct table *
jsonl_table(const struct opts *o, const struct xgbp_model *m,
    const char *name, const struct record *rec)
{
	struct table *t;
	size_t k;

	t = xmalloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->delim = ',';
	t->head.line = rec->line;
	if (o->keep != NULL) {
		if ((t->header = key_list("-k", o->keep, &t->ncols)) == NULL) {
			free(t);
			return NULL;
		}
		t->nkeep = t->ncols;
		t->keep = xreallocarray(NULL, t->nkeep, sizeof(*t->keep));
		for (k = 0; k < t->nkeep; k++)
			t->keep[k] = k;
	}
	if ((t->keys = jkeys_new(m, t->header, t->nkeep, name)) == NULL) {
		table_free(t);
		return NULL;
	}
	return t;
}

/*
 * A table for the input called name, from its first record rec (its
 * bytes at base + rec->off), split by delim: *isheader tells whether that
 * record was a header.  Returns NULL after a message when the record is
 * malformed, or its columns do not fit the model or options.
 */
struct table *
table_new(const struct opts *o, const struct xgbp_model *m, const char *name,
    int delim, const char *base, const struct record *rec, int *isheader)
{
	const char *s = base + rec->off;
	struct table *t;
	char **fields;
	size_t bad;
	int rc;

	*isheader = 0;
	if (o->jsonl)
		return jsonl_table(o, m, name, rec);
	if (delim == DELIM_LIBSVM)
		return libsvm_table(o, name, rec->line);
	t = xmalloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->delim = delim;
	t->head.line = rec->line;
	rc = record_fields(delim, s, rec->len, &fields, &t->ncols, &bad);
	if (rc != BAD_NONE) {
		warnx("%s:%lu:%zu: %s in line 1, which decides the columns",
		    name, rec->line, bad + 1, rc == BAD_QUOTE ?
		    "unterminated quoted field" : "text after a closing quote");
		free_fields(fields);
		free(t);
		return NULL;
	}
	if (semicolons(o, m, t, s, rec->len) == -1 ||
	    (*isheader = is_header(o, m, t, fields, &t->why)) == -1) {
		free_fields(fields);
		free(t);
		return NULL;
	}
	if (*isheader) {
		t->header = fields;
		t->headraw = xmalloc(rec->len + 1);
		memcpy(t->headraw, s, rec->len);
		t->head.len = rec->len;
	} else
		free_fields(fields);
	t->map = xreallocarray(NULL, t->ncols, sizeof(*t->map));
	if (margin_columns(t, o, m) == -1 || map_columns(t, o, m) == -1 ||
	    (o->keep != NULL &&
	    resolve("-k", o->keep, t, &t->keep, &t->nkeep) == -1)) {
		table_free(t);
		return NULL;
	}
	feature_list(t);
	return t;
}

/*
 * Append the name of column c: its header name, "label" for LibSVM's
 * field 1, or "column_C".
 */
static void
column_name(struct buf *b, const struct table *t, size_t c, int delim)
{
	char tmp[32];

	if (t->delim == DELIM_LIBSVM)
		buf_adds(b, "label");
	else if (t->header != NULL)
		put_field(b, t->header[c], strlen(t->header[c]), delim);
	else {
		snprintf(tmp, sizeof(tmp), "column_%zu", c + 1);
		buf_adds(b, tmp);
	}
}

/* Append feature f's name, or f<f> for a model without names, into b. */
static void
feature_name(struct buf *b, const struct xgbp_model *m, size_t f)
{
	const char *name;

	if ((name = xgbp_model_feature_name(m, f)) != NULL)
		buf_adds(b, name);
	else
		buf_printf(b, "f%zu", f);
}

/*
 * Where output names go: a CSV header's fields, separated by delim; or,
 * with delim 0, JSON member names ("name":), each ending in a NUL.
 */
struct names {
	struct buf	*b;
	int		 delim;
	size_t		 n;		/* names so far */
};

/* Add name s[0..n) to ns; quote says whether CSV may need it quoted. */
static void
add_name(struct names *ns, const char *s, size_t n, int quote)
{
	if (ns->delim == 0) {
		json_string(ns->b, s, n);
		buf_add(ns->b, ":", 2);
	} else {
		if (ns->n > 0)
			buf_addc(ns->b, ns->delim);
		if (quote)
			put_field(ns->b, s, n, ns->delim);
		else
			buf_add(ns->b, s, n);
	}
	ns->n++;
}

/*
 * Add the names of the explanation columns: each feature's name and
 * "bias", or for interactions each pair's, "a*b"; prefixed by the output,
 * "0:", "1:", ..., when there are several.
 */
static void
explanation_names(struct names *ns, const struct xgbp_model *m, int flags)
{
	struct buf name;
	size_t g, i, j, F = xgbp_model_nfeatures(m), cols = F + 1;
	size_t G = xgbp_model_noutputs(m, XGBP_MARGIN);

	memset(&name, 0, sizeof(name));
	for (g = 0; g < G; g++) {
		for (i = 0; i < (flags & XGBP_INTERACTIONS ? cols : 1); i++) {
			for (j = 0; j < cols; j++) {
				name.len = 0;
				if (G > 1)
					buf_printf(&name, "%zu:", g);
				if (flags & XGBP_INTERACTIONS) {
					if (i < F)
						feature_name(&name, m, i);
					else
						buf_adds(&name, "bias");
					buf_addc(&name, '*');
				}
				if (j < F)
					feature_name(&name, m, j);
				else
					buf_adds(&name, "bias");
				add_name(ns, name.p, name.len, 1);
			}
		}
	}
	buf_free(&name);
}

/*
 * Add the names of the prediction columns: "prediction" for one output;
 * prob_K for multi:softprob, class for multi:softmax, quantile_A or
 * expectile_A for each alpha, prediction_K for targets; margin or
 * margin_K with --margin; leaf_T for each tree with --leaf.
 */
static void
prediction_names(struct names *ns, const struct opts *o,
    const struct xgbp_model *m)
{
	struct xgbp_info info;
	struct buf name;
	const char *stem;
	size_t k, n;

	if (o->flags & (XGBP_CONTRIBS | XGBP_CONTRIBS_APPROX |
	    XGBP_INTERACTIONS)) {
		explanation_names(ns, m, o->flags);
		return;
	}
	if (o->decide != DECIDE_NONE) {
		if (o->labels != NULL)
			add_name(ns, "label", 5, 0);
		else
			add_name(ns, "decision", 8, 0);
		if (!o->proba)
			return;
	}
	info.size = sizeof(info);
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
	memset(&name, 0, sizeof(name));
	for (k = 0; k < n; k++) {
		name.len = 0;
		buf_adds(&name, stem);
		if (n > 1 || (o->flags & XGBP_LEAF)) {
			buf_addc(&name, '_');
			if (strcmp(stem, "quantile") == 0 ||
			    strcmp(stem, "expectile") == 0)
				buf_addf(&name, info.alphas[k]);
			else
				buf_printf(&name, "%zu", k);
		}
		add_name(ns, name.p, name.len, 0);
	}
	buf_free(&name);
}

/*
 * Append to b the JSON member name ("name":) of each output, the names
 * -H writes, each ending in a NUL.
 */
void
output_names(struct buf *b, const struct opts *o, const struct xgbp_model *m)
{
	struct names ns;

	ns.b = b;
	ns.delim = 0;
	ns.n = 0;
	prediction_names(&ns, o, m);
}

/*
 * For -O jsonl: whether two members of a line would have one name, a kept
 * column's and an output's or another kept column's, which a JSON reader
 * would make one.  Returns -1 after a message naming it, else 0.
 */
int
json_clash(const struct table *t, const struct opts *o,
    const struct xgbp_model *m)
{
	struct buf names, kept;
	const char *p, *end, *clash = NULL;
	char tmp[32];
	size_t k, c;

	memset(&names, 0, sizeof(names));
	memset(&kept, 0, sizeof(kept));
	output_names(&names, o, m);
	for (k = 0; k < t->nkeep && clash == NULL; k++) {
		c = t->keep[k];
		kept.len = 0;
		if (t->header != NULL)
			json_string(&kept, t->header[c], strlen(t->header[c]));
		else {
			if (t->delim == DELIM_LIBSVM)
				snprintf(tmp, sizeof(tmp), "label");
			else
				snprintf(tmp, sizeof(tmp), "column_%zu", c + 1);
			json_string(&kept, tmp, strlen(tmp));
		}
		buf_add(&kept, ":", 2);
		for (p = names.p, end = p + names.len; p < end;
		    p += strlen(p) + 1)
			if (strcmp(p, kept.p) == 0) {
				clash = kept.p;
				break;
			}
		buf_add(&names, kept.p, kept.len);
	}
	if (clash != NULL)
		warnx("%s: -O jsonl: two members of a line would be named %.*s "
		    "(-k keeps a column of that name twice, or one named as "
		    "an output)", t->name, (int)(strlen(clash) - 1), clash);
	buf_free(&names);
	buf_free(&kept);
	return clash != NULL ? -1 : 0;
}

/*
 * Append names for the columns of a -k list when no input line has been
 * seen: names as given, column_N for numbers and ranges (an open range
 * names its first column).  Returns the number of names.
 */
static size_t
list_names(struct buf *b, const char *list, int delim)
{
	const char *p = list;
	struct item it;
	size_t c, n = 0;

	while (*p != '\0' && next_item(&p, &it) == NULL) {
		if (it.name != NULL) {
			if (n++ > 0)
				buf_addc(b, delim);
			put_field(b, it.name, strlen(it.name), delim);
		}
		for (c = it.lo; it.name == NULL; c += it.lo <= it.hi ? 1 : -1) {
			if (n++ > 0)
				buf_addc(b, delim);
			buf_printf(b, "column_%zu", c);
			if (c == it.hi || it.hi == 0)
				break;
		}
		free(it.name);
	}
	return n;
}

/*
 * The output header line: with -a the input's header (re-encoded for
 * another output delimiter; column_N names without one; "record" for
 * LibSVM), with -k the kept
 * columns' names, then the prediction columns.  t is NULL when the input
 * had no line at all: then -k's names come from its list, and -a has
 * none.
 */
void
header_line(struct buf *b, const struct opts *o, const struct xgbp_model *m,
    const struct table *t)
{
	struct names ns;
	int delim;
	size_t k, n = 0;

	delim = t != NULL ? t->odelim : o->odelim != 0 ? o->odelim :
	    o->delim != 0 && o->delim != DELIM_LIBSVM ? o->delim : ',';
	if (t == NULL) {
		if (o->keep != NULL)
			n = list_names(b, o->keep, delim);
	} else if (o->append && t->headraw != NULL && delim == t->delim) {
		buf_add(b, t->headraw, t->head.len);
		n = 1;
	} else if (o->append && t->delim == DELIM_LIBSVM) {
		buf_adds(b, "record");	/* a LibSVM record is one field */
		n = 1;
	} else {
		n = o->append ? t->ncols : t->nkeep;
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_addc(b, delim);
			column_name(b, t, o->append ? k : t->keep[k], delim);
		}
	}
	if (n > 0)
		buf_addc(b, delim);
	ns.b = b;
	ns.delim = delim;
	ns.n = 0;
	prediction_names(&ns, o, m);
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
