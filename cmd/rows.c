/*
 * rows.c: split a record into fields with libcsv (RFC 4180 quoting,
 * strict) and turn the fields that are features into floats, exactly as
 * (float)strtod() would, with missing values as NaN.  Each thread has its
 * own struct rowctx, so records of different chunks can be split at once.
 */
#include <csv.h>
#include <err.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define CSV_OPTIONS	(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | \
			    CSV_EMPTY_IS_NULL)

struct rowctx {
	const struct opts *o;
	const struct xgbp_model *model;
	struct csv_parser csv;
	/* The record being split. */
	const struct table *t;
	float		*x;		/* its features, or NULL */
	struct buf	*slots;		/* -k fields, one buffer per column */
	size_t		 nslots;
	size_t		 col;		/* fields seen so far */
	int		 bad;		/* first problem, BAD_* */
	size_t		 badcol;
	char		 badtext[80];
	size_t		 nmissing;
	char		**fields;	/* record_fields(): all of them */
	size_t		 nfields;
};

/*
 * Note which bytes begin a missing-value token, so most fields are told
 * apart by their first byte, and whether a token reads as a number other
 * than NaN, in which case tokens must be tried before numbers.
 */
void
na_prepare(struct opts *o)
{
	size_t i;
	float v;

	memset(o->na_first, 0, sizeof(o->na_first));
	o->na_number = 0;
	o->nalen = xreallocarray(NULL, o->nna > 0 ? o->nna : 1,
	    sizeof(*o->nalen));
	for (i = 0; i < o->nna; i++) {
		o->nalen[i] = strlen(o->na[i]);
		o->na_first[(unsigned char)o->na[i][0]] = 1;
		if (xgbp_parse_float(o->na[i], o->nalen[i], &v, 0) == 0 &&
		    !isnan(v))
			o->na_number = 1;	/* "NaN" is missing either way */
	}
}

/* Whether s[0..n) means a missing value: empty, or an --na token. */
int
is_na(const struct opts *o, const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 1;
	if (!o->na_first[(unsigned char)s[0]])
		return 0;
	/* Lengths first: strncmp() would stop at a NUL inside the field,
	 * and "NA\0" is no "NA" (nor may na[i][n] be read past its end). */
	for (i = 0; i < o->nna; i++)
		if (o->nalen[i] == n && memcmp(o->na[i], s, n) == 0)
			return 1;
	return 0;
}

/*
 * Convert field s[0..n) of feature f into *v: NaN for a missing value (an
 * empty field, an --na token, or --missing's value); for a categorical
 * feature whose category names the model stores, a name becomes its code;
 * otherwise a number.  Returns BAD_NONE, or what is wrong with the field.
 */
int
field_value(const struct opts *o, const struct xgbp_model *m, size_t f,
    const char *s, size_t n, float *v)
{
	int named;

	if (s == NULL || n == 0 || (o->na_number && is_na(o, s, n))) {
		*v = NAN;
		return BAD_NONE;
	}
	named = xgbp_model_ncategories(m, f) > 0;
	if (named && xgbp_model_category(m, f, s, n, v) == 0)
		return BAD_NONE;
	if (xgbp_parse_float(s, n, v, 0) == 0) {
		if (*v == o->missing)
			*v = NAN;
		return BAD_NONE;
	}
	if (is_na(o, s, n)) {
		*v = NAN;
		return BAD_NONE;
	}
	if (!named)
		return BAD_NUMBER;
	if (o->unseen == UNSEEN_MISSING) {
		*v = NAN;
		return BAD_NONE;
	}
	return BAD_UNSEEN;
}

/*
 * Append s[0..n) to b as a CSV field: quoted, with quotes doubled, when it
 * holds the delimiter, a quote or a line end, or starts or ends with a
 * space that libcsv would otherwise trim.
 */
void
put_field(struct buf *b, const char *s, size_t n, int delim)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r')
			break;
	if (i == n && (n == 0 || (s[0] != ' ' && s[0] != '\t' &&
	    s[n - 1] != ' ' && s[n - 1] != '\t'))) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

static void
cb_field(void *p, size_t n, void *data)
{
	struct rowctx *r = data;
	const struct table *t = r->t;
	const char *s = p;
	size_t k;
	long f;
	int bad;

	if (r->fields != NULL) {
		r->fields = xreallocarray(r->fields, r->nfields + 2,
		    sizeof(*r->fields));
		r->fields[r->nfields] = xmalloc(n + 1);
		if (s != NULL)
			memcpy(r->fields[r->nfields], s, n);
		r->fields[r->nfields++][n] = '\0';
	}
	if (t != NULL && r->col < t->ncols) {
		for (k = 0; k < t->nkeep; k++)
			if (t->keep[k] == r->col && s != NULL)
				buf_add(&r->slots[k], s, n);
		if (r->x != NULL && (f = t->map[r->col]) >= 0) {
			bad = field_value(r->o, r->model, (size_t)f, s, n,
			    &r->x[f]);
			if (bad == BAD_NONE && isnan(r->x[f]))
				r->nmissing++;
			if (bad != BAD_NONE && r->bad == BAD_NONE) {
				r->bad = bad;
				r->badcol = r->col;
				quote_text(r->badtext, sizeof(r->badtext), s,
				    n);
			}
		}
	}
	r->col++;
}

static void
cb_record(int c, void *data)
{
	(void)c;
	(void)data;
}

/*
 * Put libcsv back at the start of a record after an error: csv_fini()
 * resets its state, except when it refuses an unterminated quote.
 */
static void
reset_csv(struct rowctx *r)
{
	csv_set_opts(&r->csv, CSV_OPTIONS & ~CSV_STRICT_FINI);
	csv_fini(&r->csv, NULL, NULL, NULL);
	csv_set_opts(&r->csv, CSV_OPTIONS);
}

/*
 * Split rec[0..len) into fields with libcsv, calling cb_field for each.
 * Returns BAD_NONE, or BAD_QUOTE for malformed quoting with the line and
 * field of the fault in *line and r->badcol.
 */
static int
split(struct rowctx *r, int delim, const char *rec, size_t len,
    unsigned long *line)
{
	size_t n, i;

	csv_set_delim(&r->csv, (unsigned char)delim);
	r->col = 0;
	n = csv_parse(&r->csv, rec, len, cb_field, cb_record, r);
	if (n == len && csv_fini(&r->csv, cb_field, cb_record, r) == 0)
		return BAD_NONE;
	if (csv_error(&r->csv) == CSV_ENOMEM)
		errx(EXIT_DATA, "out of memory");
	r->badcol = r->col;
	if (n == len)
		r->badtext[0] = '\0';	/* no end quote */
	else {
		strcpy(r->badtext, "\"");
		for (i = 0; i < n; i++)
			if (rec[i] == '\n')
				(*line)++;
	}
	reset_csv(r);
	return BAD_QUOTE;
}

struct rowctx *
rowctx_new(const struct opts *o, const struct xgbp_model *m)
{
	struct rowctx *r;

	r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->model = m;
	if (csv_init(&r->csv, CSV_OPTIONS) != 0)
		errx(EXIT_DATA, "out of memory");
	csv_set_blk_size(&r->csv, 64 * 1024);	/* it grows linearly */
	return r;
}

void
rowctx_free(struct rowctx *r)
{
	size_t k;

	if (r == NULL)
		return;
	csv_free(&r->csv);
	for (k = 0; k < r->nslots; k++)
		buf_free(&r->slots[k]);
	free(r->slots);
	free(r);
}

/*
 * Write the diagnostic for the problem found in a record to msg, without
 * the program name and line end.
 */
static void
describe(struct rowctx *r, const struct table *t, unsigned long line,
    struct buf *msg)
{
	const char *what;

	if (r->bad == BAD_FIELDS) {
		buf_printf(msg, "%s:%lu: %zu fields, expected %zu", t->name,
		    line, r->col, t->ncols);
		return;
	}
	if (r->bad == BAD_QUOTE) {
		buf_printf(msg, "%s:%lu:%zu: %s", t->name, line, r->badcol + 1,
		    r->badtext[0] == '\0' ? "unterminated quoted field" :
		    "malformed CSV: unexpected '\"'");
		return;
	}
	what = r->bad == BAD_NUMBER ? "not a number" : "unknown category";
	if (t->header != NULL)
		buf_printf(msg, "%s:%lu:%zu: column \"%s\": %s: %s", t->name,
		    line, r->badcol + 1, t->header[r->badcol], what,
		    r->badtext);
	else
		buf_printf(msg, "%s:%lu:%zu: %s: %s", t->name, line,
		    r->badcol + 1, what, r->badtext);
}

/*
 * Split record rec[0..len), which starts on line, by table t: fill
 * x[0..nfeature) with its features (NaN for missing values and features no
 * column maps to), append its -k fields to keep (separated by delim), and
 * count missing values into *nmissing.  Returns BAD_NONE, or the kind of
 * problem after writing its description to msg.
 */
int
row_fields(struct rowctx *r, const struct table *t, const char *rec,
    size_t len, unsigned long line, float *x, struct buf *keep,
    struct buf *msg, size_t *nmissing, int odelim)
{
	size_t f, k, nf;
	int rc;

	nf = xgbp_model_nfeatures(r->model);
	for (f = 0; f < nf; f++)
		x[f] = NAN;
	if (r->nslots < t->nkeep) {
		r->slots = xreallocarray(r->slots, t->nkeep, sizeof(*r->slots));
		memset(r->slots + r->nslots, 0,
		    (t->nkeep - r->nslots) * sizeof(*r->slots));
		r->nslots = t->nkeep;
	}
	for (k = 0; k < t->nkeep; k++)
		r->slots[k].len = 0;
	r->t = t;
	r->x = x;
	r->bad = BAD_NONE;
	r->nmissing = 0;
	if ((rc = split(r, t->delim, rec, len, &line)) != BAD_NONE)
		r->bad = rc;
	else if (r->col != t->ncols)
		r->bad = BAD_FIELDS;
	r->t = NULL;
	r->x = NULL;
	if (r->bad != BAD_NONE) {
		describe(r, t, line, msg);
		return r->bad;
	}
	*nmissing += r->nmissing;
	for (k = 0; k < t->nkeep; k++) {
		if (k > 0)
			buf_addc(keep, odelim);
		put_field(keep, r->slots[k].p, r->slots[k].len, odelim);
	}
	return BAD_NONE;
}

/*
 * Split a record into all its fields, as new strings in *fields; for the
 * header and the first record.  Returns 0, or -1 for malformed quoting.
 */
int
record_fields(int delim, const char *rec, size_t len, char ***fields,
    size_t *nfields)
{
	struct rowctx r;
	unsigned long line = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	if (csv_init(&r.csv, CSV_OPTIONS) != 0)
		errx(EXIT_DATA, "out of memory");
	r.fields = xmalloc(sizeof(*r.fields));
	rc = split(&r, delim, rec, len, &line) == BAD_NONE ? 0 : -1;
	csv_free(&r.csv);
	r.fields[r.nfields] = NULL;
	*fields = r.fields;
	*nfields = r.nfields;
	return rc;
}
