/*
 * rows.c: split a record into fields, by the dialect the man page's INPUT
 * FORMAT states, and turn the fields that are features into floats,
 * exactly as (float)strtod() would, with missing values as NaN.  Each
 * thread has its own struct rowctx, so records of different chunks can be
 * split at once.
 *
 * A record with no quoted field (source.c knows which) is split where it
 * lies, with memchr; one with quoted fields is unquoted into a buffer.
 * Both give the fields Python's csv module gives, malformed records too,
 * so that -k and -a can keep a bad row's fields under --on-error nan.
 */
#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

struct rowctx {
	const struct opts *o;
	const struct xgbp_model *model;
	struct fields	 f;		/* the record being read */
	struct jrow	*j;		/* or, for --jsonl, its object */
	unsigned char	*named;		/* [feature]: has category names */
	int		 bad;		/* its first problem, BAD_* */
	size_t		 badcol;
	char		 badtext[80];
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
		if (xgbp_parse_float(o->na[i], o->nalen[i], &v, 0, NULL) ==
		    XGBP_OK &&
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

/* Space around a number: a space, or a tab unless it is the delimiter. */
#define SPACE(c, delim)	((c) == ' ' || ((c) == '\t' && (delim) != '\t'))

/*
 * Read s[0..n) as a number into *v, allowing spaces around it as pandas
 * does.  Returns 0, or -1 if it is not a number.
 */
static int
number(const char *s, size_t n, int delim, float *v)
{
	if (xgbp_parse_float(s, n, v, 0, NULL) == XGBP_OK)
		return 0;
	if (!SPACE(s[0], delim) && !SPACE(s[n - 1], delim))
		return -1;
	while (n > 0 && SPACE(s[0], delim)) {
		s++;
		n--;
	}
	while (n > 0 && SPACE(s[n - 1], delim))
		n--;
	return n > 0 && xgbp_parse_float(s, n, v, 0, NULL) == XGBP_OK ? 0 :
	    -1;
}

/*
 * Convert field s[0..n) of feature f into *v: NaN for a missing value (an
 * empty field, an --na token, or --missing's value); for a categorical
 * feature whose category names the model stores, a name becomes its code;
 * otherwise a number.  An infinity is refused, as XGBoost refuses it,
 * unless --missing names one.  delim is the input's.  Returns BAD_NONE,
 * or what is wrong with the field.
 */
int
field_value(const struct opts *o, const struct xgbp_model *m, size_t f,
    int delim, const char *s, size_t n, float *v)
{
	int named;

	if (n == 0 || (o->na_number && is_na(o, s, n))) {
		*v = NAN;
		return BAD_NONE;
	}
	named = xgbp_model_ncategories(m, f) > 0;
	if (named && xgbp_model_category(m, f, s, n, v, NULL) == XGBP_OK)
		return BAD_NONE;
	if (number(s, n, delim, v) == 0) {
		if (*v == o->missing)
			*v = NAN;
		else if (isinf(*v) && !isinf(o->missing))
			return BAD_INF;
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
 * space or a tab, which some readers trim.
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

/* Append field s[0..n) to f, growing its arrays geometrically. */
static void
add_field(struct fields *f, const char *s, size_t n)
{
	if (f->nf == f->cap) {
		f->cap = f->cap == 0 ? 64 : 2 * f->cap;
		f->p = xreallocarray(f->p, f->cap, sizeof(*f->p));
		f->n = xreallocarray(f->n, f->cap, sizeof(*f->n));
	}
	f->p[f->nf] = s;
	f->n[f->nf++] = n;
}

/* Note the first fault of the record: kind bad in field k. */
static void
fault(struct fields *f, int bad)
{
	if (f->bad == BAD_NONE) {
		f->bad = bad;
		f->badfield = f->nf;
	}
}

/*
 * Split a record with quoted fields.  A field whose first byte is '"' runs
 * to the next single '"'; "" inside stands for '"'.  What follows the
 * closing quote up to the delimiter is kept as plain text, as Python's csv
 * module keeps it, but makes the record malformed; so does a quoted field
 * that runs to the end of the record.  The fields are copied into f->text,
 * made big enough first so that pointers into it stay valid.
 */
static void
split_quoted(struct fields *f, int delim, const char *rec, size_t len)
{
	const char *e, *end = rec + len, *s = rec;
	char *t, *start;

	f->text.len = 0;
	buf_grow(&f->text, len + 1);
	t = f->text.p;
	for (;;) {
		start = t;
		if (s < end && *s == '"') {
			for (s++;;) {
				if ((e = memchr(s, '"', (size_t)(end - s))) ==
				    NULL) {
					fault(f, BAD_QUOTE);
					e = end;
				}
				memcpy(t, s, (size_t)(e - s));
				t += e - s;
				s = e + (e < end);
				if (e == end || s == end || *s != '"')
					break;
				*t++ = '"';	/* a doubled quote */
				s++;
			}
			if (s < end && *s != delim)
				fault(f, BAD_AFTERQUOTE);
		}
		if ((e = memchr(s, delim, (size_t)(end - s))) == NULL)
			e = end;
		memcpy(t, s, (size_t)(e - s));
		t += e - s;
		add_field(f, start, (size_t)(t - start));
		if (e == end)
			break;
		s = e + 1;
	}
}

/*
 * Split rec[0..len) into f's fields by delim; quoted tells whether a field
 * of it is quoted (-1: not known).  Returns BAD_NONE, or BAD_QUOTE or
 * BAD_AFTERQUOTE for a malformed record, whose fields are still split.
 */
int
split_record(struct fields *f, int delim, const char *rec, size_t len,
    int quoted)
{
	const char *s, *e, *end = rec + len;

	f->nf = 0;
	f->bad = BAD_NONE;
	if (quoted == -1)
		quoted = len > 0 && memchr(rec, '"', len) != NULL;
	if (quoted) {
		split_quoted(f, delim, rec, len);
		return f->bad;
	}
	for (s = rec;; s = e + 1) {
		if ((e = memchr(s, delim, (size_t)(end - s))) == NULL)
			e = end;
		add_field(f, s, (size_t)(e - s));
		if (e == end)
			return BAD_NONE;
	}
}

void
fields_free(struct fields *f)
{
	free(f->p);
	free(f->n);
	buf_free(&f->text);
	memset(f, 0, sizeof(*f));
}

struct rowctx *
rowctx_new(const struct opts *o, const struct xgbp_model *m)
{
	struct rowctx *r;
	size_t j, n;

	r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->model = m;
	n = xgbp_model_nfeatures(m);
	r->named = xmalloc(n > 0 ? n : 1);
	for (j = 0; j < n; j++)
		r->named[j] = xgbp_model_ncategories(m, j) > 0;
	if (o->jsonl)
		r->j = jrow_new();
	return r;
}

void
rowctx_free(struct rowctx *r)
{
	if (r == NULL)
		return;
	fields_free(&r->f);
	jrow_free(r->j);
	free(r->named);
	free(r);
}

/*
 * Write the diagnostic for the problem found in a record to msg, without
 * the program name and line end.
 */
static void
describe(const struct rowctx *r, const struct table *t, unsigned long line,
    struct buf *msg)
{
	const char *what;

	switch (r->bad) {
	case BAD_FIELDS:
		buf_printf(msg, "%s:%lu: %zu fields, expected %zu", t->name,
		    line, r->f.nf, t->ncols);
		return;
	case BAD_QUOTE:
		buf_printf(msg, "%s:%lu:%zu: unterminated quoted field",
		    t->name, line, r->badcol + 1);
		return;
	case BAD_AFTERQUOTE:
		buf_printf(msg, "%s:%lu:%zu: text after a closing quote",
		    t->name, line, r->badcol + 1);
		return;
	}
	what = r->bad == BAD_NUMBER ? "not a number" :
	    r->bad == BAD_INF ? "infinite, or too large for a float" :
	    r->bad == BAD_NOMARGIN ? "missing base margin" :
	    "unknown category";
	if (t->header != NULL)
		buf_printf(msg, "%s:%lu:%zu: column \"%s\": %s: %s", t->name,
		    line, r->badcol + 1, t->header[r->badcol], what,
		    r->badtext);
	else
		buf_printf(msg, "%s:%lu:%zu: %s: %s", t->name, line,
		    r->badcol + 1, what, r->badtext);
}

/*
 * Convert the feature fields of the split record into x, counting missing
 * values into *nmissing.  Returns BAD_NONE or the first field's problem.
 */
static int
convert(struct rowctx *r, const struct table *t, float *x, size_t *nmissing)
{
	const struct fields *f = &r->f;
	const struct opts *o = r->o;
	size_t i, c, k = 0;
	long j;
	float v;
	int bad;

	for (i = 0; i < t->nfcols; i++) {
		c = t->fcols[i];
		j = t->map[c];
		/* Most fields are plain numbers in a column of numbers: read
		 * them at once, as field_value() would. */
		if (f->n[c] > 0 && !o->na_number && !r->named[j] &&
		    xgbp_parse_float(f->p[c], f->n[c], &v, 0, NULL) == XGBP_OK &&
		    !isinf(v) && v != o->missing) {
			x[j] = v;
			k += isnan(v) != 0;
			continue;
		}
		bad = field_value(o, r->model, (size_t)j, t->delim,
		    f->p[c], f->n[c], &x[j]);
		if (bad != BAD_NONE) {
			r->badcol = c;
			quote_text(r->badtext, sizeof(r->badtext), f->p[c],
			    f->n[c]);
			return bad;
		}
		k += isnan(x[j]) != 0;
	}
	*nmissing += k;
	return BAD_NONE;
}

/*
 * Convert the --base-margin fields of the split record into bm[0..t->nbm).
 * A base margin must be a finite number: missing (empty, an --na token or
 * NaN) or infinite, the row is bad, as XGBoost would score it NaN.
 * Returns BAD_NONE or the first field's problem.
 */
static int
convert_margins(struct rowctx *r, const struct table *t, float *bm)
{
	const struct fields *f = &r->f;
	size_t k, c;
	int bad;

	for (k = 0; k < t->nbm; k++) {
		c = t->bmcols[k];
		if (is_na(r->o, f->p[c], f->n[c]))
			bad = BAD_NOMARGIN;
		else if (number(f->p[c], f->n[c], t->delim, &bm[k]) == -1)
			bad = BAD_NUMBER;
		else
			bad = isnan(bm[k]) ? BAD_NOMARGIN : isinf(bm[k]) ?
			    BAD_INF : BAD_NONE;
		if (bad != BAD_NONE) {
			r->badcol = c;
			quote_text(r->badtext, sizeof(r->badtext), f->p[c],
			    f->n[c]);
			return bad;
		}
	}
	return BAD_NONE;
}

/*
 * Read record rec (its bytes at base + rec->off) by table t: split it (or
 * read it as LibSVM, libsvm.c) and fill x[0..nfeature) with its features,
 * counting missing values into *nmissing, and bm[0..t->nbm) with its base
 * margins.  Returns BAD_NONE, or the kind of problem after writing its
 * description to msg; x is then all NaN, bm all 0.  The fields (a LibSVM
 * record's label alone) stay in r for row_prefix().
 */
int
row_read(struct rowctx *r, const struct table *t, const char *base,
    const struct record *rec, float *x, float *bm, struct buf *msg,
    size_t *nmissing)
{
	const char *label;
	size_t j, nf, n;

	if (t->keys != NULL)
		return r->bad = jsonl_read(r->j, t, r->o, r->model,
		    base + rec->off, rec->len, rec->line, x, msg, nmissing);
	if (t->delim == DELIM_LIBSVM) {
		/* libsvm.c writes its own message. */
		r->f.nf = 0;
		r->bad = libsvm_row(r->o, r->model, t, base + rec->off,
		    rec->len, rec->line, x, &label, &n, msg, nmissing);
		add_field(&r->f, label, n);
	} else {
		r->bad = split_record(&r->f, t->delim, base + rec->off,
		    rec->len, rec->quoted);
		r->badcol = r->f.badfield;
		if (r->bad == BAD_NONE && r->f.nf != t->ncols)
			r->bad = BAD_FIELDS;
		if (r->bad == BAD_NONE)
			r->bad = convert(r, t, x, nmissing);
		if (r->bad == BAD_NONE)
			r->bad = convert_margins(r, t, bm);
		if (r->bad != BAD_NONE)
			describe(r, t, rec->line, msg);
	}
	if (r->bad == BAD_NONE)
		return BAD_NONE;
	nf = xgbp_model_nfeatures(r->model);
	for (j = 0; j < nf; j++)
		x[j] = NAN;
	for (j = 0; j < t->nbm; j++)
		bm[j] = 0;
	return r->bad;
}

/*
 * Append to b, for -O jsonl, the -k fields of the CSV record row_read()
 * last read as JSON members, each followed by a comma: named by the
 * header, or column_N without one, as -H names them; the value a string,
 * empty where the record has no such field.
 */
static void
keep_members(const struct rowctx *r, const struct table *t, struct buf *b)
{
	const struct fields *f = &r->f;
	size_t k, c;
	char name[32];

	for (k = 0; k < t->nkeep; k++) {
		c = t->keep[k];
		if (t->header != NULL)
			json_string(b, t->header[c], strlen(t->header[c]));
		else if (t->delim == DELIM_LIBSVM)
			json_string(b, "label", 5);	/* as -H names it */
		else {
			snprintf(name, sizeof(name), "column_%zu", c + 1);
			json_string(b, name, strlen(name));
		}
		buf_addc(b, ':');
		if (c < f->nf)
			json_string(b, f->p[c], f->n[c]);
		else
			json_string(b, "", 0);
		buf_addc(b, ',');
	}
}

/*
 * Append to b what -a or -k keep of the record row_read() last read (for
 * JSON Lines input, or -O jsonl, what jsonl_prefix() or keep_members()
 * write): with
 * -a the record byte for byte when it was good and the output delimiter
 * is the input's, else its fields re-encoded with delim, padded or cut to
 * the table's columns; a LibSVM record is one field, good or bad.  With
 * -k the kept fields, empty where the record has none.  So every line has
 * the header's fields.
 */
void
row_prefix(const struct rowctx *r, const struct table *t, const char *base,
    const struct record *rec, int append, int delim, struct buf *b)
{
	const struct fields *f = &r->f;
	size_t k, c, n;
	int json = r->o->oformat == OUT_JSONL;

	if (t->keys != NULL) {
		jsonl_prefix(r->j, t, json, delim, b);
		return;
	}
	if (json) {
		keep_members(r, t, b);
		return;
	}
	if (append && t->delim == DELIM_LIBSVM) {
		put_field(b, base + rec->off, rec->len, delim);
		return;
	}
	if (append && r->bad == BAD_NONE && delim == t->delim) {
		buf_add(b, base + rec->off, rec->len);
		return;
	}
	n = append ? t->ncols : t->nkeep;
	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_addc(b, delim);
		c = append ? k : t->keep[k];
		if (c < f->nf)
			put_field(b, f->p[c], f->n[c], delim);
	}
}

/*
 * Split a record into all its fields, as new strings in *fields; for the
 * first record of an input.  Returns BAD_NONE, or BAD_QUOTE or
 * BAD_AFTERQUOTE for a malformed record, with *badfield its field.
 */
int
record_fields(int delim, const char *rec, size_t len, char ***fields,
    size_t *nfields, size_t *badfield)
{
	struct fields f;
	size_t i;
	int rc;

	memset(&f, 0, sizeof(f));
	rc = split_record(&f, delim, rec, len, -1);
	*fields = xreallocarray(NULL, f.nf + 1, sizeof(**fields));
	for (i = 0; i < f.nf; i++) {
		(*fields)[i] = xmalloc(f.n[i] + 1);
		memcpy((*fields)[i], f.p[i], f.n[i]);
		(*fields)[i][f.n[i]] = '\0';
	}
	(*fields)[f.nf] = NULL;
	*nfields = f.nf;
	*badfield = f.badfield;
	fields_free(&f);
	return rc;
}
