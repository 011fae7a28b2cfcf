/*
 * libsvm.c: LibSVM (SVMlight) records, "label index:value ...", read into
 * rows of floats by the dialect the man page's INPUT FORMAT states.  As
 * XGBoost 1.7.4 reads such a file with DMatrix("file?format=libsvm")
 * (dmlc/dmlc-core src/data/libsvm_parser.h), a feature a record does not
 * name is missing; indices may come in any order, and of an index given
 * twice the later value counts.  A value that is missing (an --na token,
 * or --missing's value) stores nothing, as XGBoost drops missing entries,
 * so it leaves an earlier value of its index in place.  Where dmlc-core
 * reads garbage leniently ("3:", "a:1", a label:weight), this reader
 * refuses the record, naming its field.  A value is the float dmlc-core
 * reads, which is not always the nearest one (see xgboost_float()): the
 * one XGBoost trained on and scores.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

#define BLANK(c)	((c) == ' ' || (c) == '\t')

/* Whether s[0..n) is a non-empty run of decimal digits. */
static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Whether s[0..n) is "qid:N", which LibSVM ranking files put second. */
static int
is_qid(const char *s, size_t n)
{
	return n > 4 && memcmp(s, "qid:", 4) == 0 && all_digits(s + 4, n - 4);
}

/* The end of the field starting at s, before end: the next blank. */
static const char *
field_end(const char *s, const char *end)
{
	while (s < end && !BLANK(*s))
		s++;
	return s;
}

static const char *
skip_blanks(const char *s, const char *end)
{
	while (s < end && BLANK(*s))
		s++;
	return s;
}

/*
 * Set x[0..n) to NaN, a row with every feature missing.  A row of a wide
 * model is mostly that; stored a float at a time (which GCC 12 -O2 does
 * not vectorize) it took the most time in reading 10,000-feature rows of
 * 100 values (make bench).  memcpy of doubling spans is as fast as
 * memset.
 */
static void
fill_nan(float *x, size_t n)
{
	size_t k;

	if (n == 0)
		return;
	x[0] = NAN;
	for (k = 1; k < n; k *= 2)
		memcpy(x + k, x, (n - k < k ? n - k : k) * sizeof(*x));
}

/*
 * Whether line[0..len), line 1 of an input, reads as LibSVM: a label and
 * at least one more field, each of them digits, ':' and a value, or a
 * qid:N second.
 */
int
libsvm_detect(const char *line, size_t len)
{
	const char *s, *e, *end = line + len, *colon;
	size_t k;

	s = skip_blanks(line, end);
	for (k = 0; (s = skip_blanks(s, end)) < end; k++, s = e) {
		e = field_end(s, end);
		if (k == 0 || (k == 1 && is_qid(s, (size_t)(e - s))))
			continue;
		colon = memchr(s, ':', (size_t)(e - s));
		if (colon == NULL || !all_digits(s, (size_t)(colon - s)) ||
		    colon + 1 == e)
			return 0;
	}
	return k >= 2;
}

/*
 * The float XGBoost reads for the number s[0..n), which field_value() has
 * read as the finite float nearest it: dmlc-core's strtof(), which XGBoost
 * reads LibSVM values with (dmlc/dmlc-core include/dmlc/strtonum.h,
 * ParseFloat).  It is not correctly rounded: the digits before the point
 * become a float (a 64-bit count, wrapping past 19 digits), the first 19
 * after it a double quotient rounded to float and added in float, and the
 * exponent, clipped to 38, a float power of ten built by products of 1e8
 * and 10 that multiplies or divides; "1.614" reads as 1.6140001.  The
 * same steps here, in the same float and double operations, give the same
 * float.  Text of another form (a category name) keeps *v.
 */
static void
xgboost_float(const char *s, size_t n, float *v)
{
	const char *p = s, *end = s + n;
	uint64_t whole = 0, frac = 0, pow10 = 1;
	unsigned expon = 0, nfrac = 0;
	int neg = 0, eneg = 0, digits = 0;
	float value, scale = 1.0f;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
		whole = whole * 10 + (uint64_t)(*p - '0');
	value = (float)whole;
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9'; p++, digits++)
			if (nfrac++ < 19) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				pow10 *= 10;
			}
		value += (float)((double)frac / (double)pow10);
	}
	if (digits == 0)
		return;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		if (p == end)
			return;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			expon = expon * 10 + (unsigned)(*p - '0');
		if (expon > 38)
			expon = 38;
		if (expon == 38 && !eneg && value > (float)3.402823466)
			value = (float)3.402823466;
		else if (expon == 38 && eneg && value < (float)1.175494351)
			value = (float)1.175494351;
		for (; expon >= 8; expon -= 8)
			scale *= 1e8f;
		for (; expon > 0; expon--)
			scale *= 10.0f;
		value = eneg ? value / scale : value * scale;
	}
	if (p == end)
		*v = neg ? -value : value;
}

/*
 * Note in msg that field k (1-based) of the record at line, text
 * s[0..n), is bad for reason why, and return BAD_LIBSVM.
 */
static int
bad(const struct table *t, unsigned long line, size_t k, const char *why,
    const char *s, size_t n, struct buf *msg)
{
	char q[80];

	quote_text(q, sizeof(q), s, n);
	buf_printf(msg, "%s:%lu:%zu: %s: %s", t->name, line, k, why, q);
	return BAD_LIBSVM;
}

/*
 * Read index:value field k, s[0..n), of a record into x.  Returns 0 or 1,
 * the number of features that were missing and now hold a value, or -1
 * after a message.
 */
static int
pair(const struct opts *o, const struct xgbp_model *m, const struct table *t,
    unsigned long line, size_t k, const char *s, size_t n, float *x,
    struct buf *msg)
{
	size_t i, idx, nf = xgbp_model_nfeatures(m);
	float v;
	int rc;
	char why[96];

	for (idx = 0, i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		if (idx <= MAX_FEATURES)	/* saturate: beyond any model */
			idx = idx * 10 + (size_t)(s[i] - '0');
	if (i == 0 || i == n || s[i] != ':')
		return bad(t, line, k, "not index:value", s, n, msg), -1;
	if (i + 1 == n)
		return bad(t, line, k, "no value", s, n, msg), -1;
	if (o->libsvm_base == 1 && idx == 0)
		return bad(t, line, k, "index 0 in a 1-based file "
		    "(--libsvm-base 1)", s, n, msg), -1;
	idx -= (size_t)o->libsvm_base;
	if (idx >= nf) {
		if (o->libsvm_extra == EXTRA_IGNORE)
			return 0;
		snprintf(why, sizeof(why), "index beyond the model's %zu "
		    "features (%d-based)", nf, o->libsvm_base);
		return bad(t, line, k, why, s, n, msg), -1;
	}
	rc = field_value(o, m, idx, ' ', s + i + 1, n - i - 1, &v);
	if (rc != BAD_NONE)
		return bad(t, line, k, rc == BAD_INF ? "infinite, or too "
		    "large for a float" : rc == BAD_UNSEEN ? "unknown "
		    "category" : "not a number", s + i + 1, n - i - 1, msg),
		    -1;
	if (isnan(v))
		return 0;	/* missing: stores nothing */
	xgboost_float(s + i + 1, n - i - 1, &v);
	if (isinf(v))		/* XGBoost refuses it too */
		return bad(t, line, k, "too large for XGBoost's reading of "
		    "a float", s + i + 1, n - i - 1, msg), -1;
	rc = isnan(x[idx]) != 0;
	x[idx] = v;
	return rc;
}

/*
 * Read the LibSVM record rec[0..len) at line into x[0..nfeatures), all
 * features missing but those it names; *label and *labellen get its
 * label field, for -k 1, even when the record is bad.  Counts missing
 * values into *nmissing.  Returns BAD_NONE, or BAD_LIBSVM after writing
 * what is wrong to msg.
 */
int
libsvm_row(const struct opts *o, const struct xgbp_model *m,
    const struct table *t, const char *rec, size_t len, unsigned long line,
    float *x, const char **label, size_t *labellen, struct buf *msg,
    size_t *nmissing)
{
	const char *s, *e, *end = rec + len;
	size_t k, stored = 0, nf = xgbp_model_nfeatures(m);
	float v;
	int rc;

	fill_nan(x, nf);
	s = skip_blanks(rec, end);
	e = field_end(s, end);
	*label = s;
	*labellen = (size_t)(e - s);
	if (memchr(s, ':', (size_t)(e - s)) != NULL)
		return bad(t, line, 1, "no label before the features", s,
		    (size_t)(e - s), msg);
	if (!is_na(o, s, (size_t)(e - s)) &&
	    xgbp_parse_float(s, (size_t)(e - s), &v, 0, NULL) != XGBP_OK)
		return bad(t, line, 1, "label is not a number", s,
		    (size_t)(e - s), msg);
	for (k = 2; (s = skip_blanks(e, end)) < end; k++) {
		e = field_end(s, end);
		if (k == 2 && is_qid(s, (size_t)(e - s)))
			continue;
		if ((rc = pair(o, m, t, line, k, s, (size_t)(e - s), x,
		    msg)) == -1)
			return BAD_LIBSVM;
		stored += (size_t)rc;
	}
	*nmissing += nf - stored;
	return BAD_NONE;
}
