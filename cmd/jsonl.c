/*
 * jsonl.c: read a JSON Lines record, one JSON object (RFC 8259) on one
 * line, into a row.  A member whose key is a feature name gives that
 * feature's value; one whose key -k names is kept as its text; any other
 * is checked and skipped.  The reader is as strict as the model reader:
 * any fault of the syntax, an escape, UTF-8 or nesting deeper than
 * MAXDEPTH is an error naming its line and column (the byte's, 1-based),
 * and it never recurses, so no line can exhaust the stack.
 *
 * The record is read where it lies in its chunk; only strings with
 * escapes are decoded, into a scratch buffer.  Numbers are converted by
 * rows.c's field_value(), as CSV fields are.
 */
#include <err.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define MAXDEPTH	64	/* nesting of a value inside the object */

/* Kinds of member values, as kept. */
enum { V_STRING, V_NUMBER, V_TRUE, V_FALSE, V_NULL, V_OBJECT, V_ARRAY };

/* A name a key is looked up by: a feature, a kept key, or both. */
struct jname {
	const char	*s;
	size_t		 n;
	long		 feature;	/* -1: none */
	long		 keep;		/* -1: none */
};

/* The names of an input's keys, in an open-addressing hash table. */
struct jkeys {
	struct jname	*name;
	size_t		 nname;
	size_t		*slot;		/* index + 1 into name; 0: empty */
	size_t		 mask;
	char		**kept;		/* -k's keys, in order */
	size_t		*keptlen;
	size_t		 nkeep;
	char		 fname[32];	/* f%zu names, one at a time */
	char		**owned;	/* f%zu names, for a model without */
	size_t		 nowned;
};

/* One thread's state for reading records. */
struct jrow {
	size_t		 gen;		/* the record's number */
	size_t		*seen;		/* name i was seen in record seen[i] */
	size_t		 nseen;
	size_t		*kgen;		/* kept value k is of record kgen[k] */
	size_t		*koff, *klen;	/* kept value k: its text */
	unsigned char	*ktype;
	size_t		 nk;
	const char	*rec;		/* the record being read */
	int		 broken;	/* a syntax error: nothing kept */
	struct buf	 key;		/* a key with escapes, decoded */
	struct buf	 str;		/* a string value, decoded */
	int		 bad;		/* BAD_*, the first problem */
	size_t		 badcol;	/* its byte, 0-based */
	struct buf	 why;		/* its description */
};

/* Where reading is: p in [rec, end). */
struct lex {
	const char	*rec, *p, *end;
	const char	*err;		/* a syntax error, or NULL */
	const char	*errp;		/* where */
};

static size_t
hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The index of name s[0..n) in k, or -1. */
static long
lookup(const struct jkeys *k, const char *s, size_t n)
{
	size_t i, j;

	for (i = hash(s, n) & k->mask; (j = k->slot[i]) != 0;
	    i = (i + 1) & k->mask)
		if (k->name[j - 1].n == n && memcmp(k->name[j - 1].s, s, n) ==
		    0)
			return (long)(j - 1);
	return -1;
}

/* Add name s[0..n) to k, or find it; returns its index. */
static size_t
intern(struct jkeys *k, const char *s, size_t n)
{
	size_t i;
	long j;

	if ((j = lookup(k, s, n)) >= 0)
		return (size_t)j;
	for (i = hash(s, n) & k->mask; k->slot[i] != 0; i = (i + 1) & k->mask)
		;
	k->slot[i] = k->nname + 1;
	k->name[k->nname].s = s;
	k->name[k->nname].n = n;
	k->name[k->nname].feature = k->name[k->nname].keep = -1;
	return k->nname++;
}

/*
 * The keys of the JSON Lines input called name: m's feature names (f0,
 * f1, ... for a model without names, as XGBoost names them) and the nkeep
 * keys of keep.  Returns NULL after a message when a name is wanted
 * twice.
 */
struct jkeys *
jkeys_new(const struct xgbp_model *m, char **keep, size_t nkeep,
    const char *name)
{
	struct jkeys *k;
	size_t f, i, nf = xgbp_model_nfeatures(m), cap;
	const char *s;

	k = xmalloc(sizeof(*k));
	memset(k, 0, sizeof(*k));
	for (cap = 16; cap < 2 * (nf + nkeep); cap *= 2)
		;
	k->mask = cap - 1;
	k->slot = xreallocarray(NULL, cap, sizeof(*k->slot));
	memset(k->slot, 0, cap * sizeof(*k->slot));
	k->name = xreallocarray(NULL, nf + nkeep + 1, sizeof(*k->name));
	if (xgbp_model_feature_name(m, 0) == NULL)
		k->owned = xreallocarray(NULL, nf + 1, sizeof(*k->owned));
	for (f = 0; f < nf; f++) {
		if ((s = xgbp_model_feature_name(m, f)) == NULL) {
			snprintf(k->fname, sizeof(k->fname), "f%zu", f);
			s = k->owned[k->nowned++] = xstrdup(k->fname);
		}
		i = intern(k, s, strlen(s));
		if (k->name[i].feature >= 0) {
			warnx("%s: the model names two features \"%s\": keys "
			    "cannot tell them apart", name, s);
			jkeys_free(k);
			return NULL;
		}
		k->name[i].feature = (long)f;
	}
	k->kept = keep;
	k->nkeep = nkeep;
	k->keptlen = xreallocarray(NULL, nkeep + 1, sizeof(*k->keptlen));
	for (f = 0; f < nkeep; f++) {
		k->keptlen[f] = strlen(keep[f]);
		i = intern(k, keep[f], k->keptlen[f]);
		if (k->name[i].keep >= 0) {
			warnx("-k: key \"%s\" named twice", keep[f]);
			jkeys_free(k);
			return NULL;
		}
		k->name[i].keep = (long)f;
	}
	return k;
}

void
jkeys_free(struct jkeys *k)
{
	if (k == NULL)
		return;
	while (k->nowned > 0)
		free(k->owned[--k->nowned]);
	free(k->owned);
	free(k->slot);
	free(k->name);
	free(k->keptlen);
	free(k);
}

struct jrow *
jrow_new(void)
{
	struct jrow *j;

	j = xmalloc(sizeof(*j));
	memset(j, 0, sizeof(*j));
	return j;
}

void
jrow_free(struct jrow *j)
{
	if (j == NULL)
		return;
	free(j->seen);
	free(j->kgen);
	free(j->koff);
	free(j->klen);
	free(j->ktype);
	buf_free(&j->key);
	buf_free(&j->str);
	buf_free(&j->why);
	free(j);
}

/* Size j's arrays for the keys k; the stamps start afresh. */
static void
jrow_fit(struct jrow *j, const struct jkeys *k)
{
	if (j->nseen < k->nname + 1 || j->nk < k->nkeep + 1) {
		j->nseen = k->nname + 1;
		j->nk = k->nkeep + 1;
		j->seen = xreallocarray(j->seen, j->nseen, sizeof(*j->seen));
		j->kgen = xreallocarray(j->kgen, j->nk, sizeof(*j->kgen));
		j->koff = xreallocarray(j->koff, j->nk, sizeof(*j->koff));
		j->klen = xreallocarray(j->klen, j->nk, sizeof(*j->klen));
		j->ktype = xreallocarray(j->ktype, j->nk, 1);
		memset(j->seen, 0, j->nseen * sizeof(*j->seen));
		memset(j->kgen, 0, j->nk * sizeof(*j->kgen));
		j->gen = 0;
	}
}

/* Note a syntax error, what, at p; returns -1. */
static int
syntax(struct lex *l, const char *p, const char *what)
{
	if (l->err == NULL) {
		l->err = what;
		l->errp = p;
	}
	return -1;
}

static void
skip_space(struct lex *l)
{
	while (l->p < l->end && (*l->p == ' ' || *l->p == '\t' ||
	    *l->p == '\r' || *l->p == '\n'))
		l->p++;
}

/*
 * The length of the UTF-8 sequence at s[0..n) that encodes one scalar
 * value (no surrogates, no overlong forms, at most U+10FFFF), or 0.
 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code unit of the \uXXXX at p (4 bytes after "\u" there), or -1. */
static long
hex4(const char *p, const char *end)
{
	long v = 0;
	int i, d;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if ((d = hexval((unsigned char)p[i])) < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * Check the escape at l->p (its backslash) and step over it; a \u escape
 * of a high surrogate must be followed by one of a low surrogate.  The
 * code point of a \u escape goes to *cp, else the byte it stands for.
 * Returns 0, or -1 after noting the error.
 */
static int
escape(struct lex *l, long *cp)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p = l->p, *e;
	long u, lo;

	if (p + 1 == l->end)
		return syntax(l, p, "unterminated string");
	if (p[1] != 'u') {
		if ((e = strchr(from, p[1])) == NULL || p[1] == '\0')
			return syntax(l, p, "bad escape");
		*cp = (unsigned char)to[e - from];
		l->p += 2;
		return 0;
	}
	if ((u = hex4(p + 2, l->end)) < 0)
		return syntax(l, p, "bad \\u escape");
	l->p += 6;
	if (u >= 0xdc00 && u <= 0xdfff)
		return syntax(l, p, "lone surrogate in a \\u escape");
	if (u >= 0xd800 && u <= 0xdbff) {
		if (l->end - l->p < 2 || l->p[0] != '\\' || l->p[1] != 'u' ||
		    (lo = hex4(l->p + 2, l->end)) < 0xdc00 || lo > 0xdfff)
			return syntax(l, p, "lone surrogate in a \\u escape");
		l->p += 6;
		u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
	}
	*cp = u;
	return 0;
}

/* Append code point u to b in UTF-8. */
static void
put_utf8(struct buf *b, long u)
{
	if (u < 0x80)
		buf_addc(b, (int)u);
	else if (u < 0x800) {
		buf_addc(b, 0xc0 | (int)(u >> 6));
		buf_addc(b, 0x80 | (int)(u & 0x3f));
	} else if (u < 0x10000) {
		buf_addc(b, 0xe0 | (int)(u >> 12));
		buf_addc(b, 0x80 | (int)(u >> 6 & 0x3f));
		buf_addc(b, 0x80 | (int)(u & 0x3f));
	} else {
		buf_addc(b, 0xf0 | (int)(u >> 18));
		buf_addc(b, 0x80 | (int)(u >> 12 & 0x3f));
		buf_addc(b, 0x80 | (int)(u >> 6 & 0x3f));
		buf_addc(b, 0x80 | (int)(u & 0x3f));
	}
}

/*
 * Read the string at l->p (its opening quote).  Its text is left in
 * *s[0..*n): where it lies when it has no escapes, else decoded into b
 * (when b is NULL, only checked).  Returns 0, or -1 after noting the
 * error.
 */
static int
string(struct lex *l, struct buf *b, const char **s, size_t *n)
{
	const char *start = ++l->p;
	unsigned char c;
	size_t k;
	long cp;
	int esc = 0;

	for (;;) {
		if (l->p == l->end)
			return syntax(l, start - 1, "unterminated string");
		c = (unsigned char)*l->p;
		if (c == '"')
			break;
		if (c == '\\') {
			if (!esc && b != NULL) {
				b->len = 0;
				buf_add(b, start, (size_t)(l->p - start));
			}
			esc = 1;
			if (escape(l, &cp) == -1)
				return -1;
			if (b != NULL)
				put_utf8(b, cp);
			continue;
		}
		if (c < 0x20)
			return syntax(l, l->p, "control character in a string");
		k = 1;
		if (c >= 0x80 && (k = utf8_len((const unsigned char *)l->p,
		    (size_t)(l->end - l->p))) == 0)
			return syntax(l, l->p, "invalid UTF-8 in a string");
		if (esc && b != NULL)
			buf_add(b, l->p, k);
		l->p += k;
	}
	*s = start;
	*n = (size_t)(l->p - start);
	if (esc && b != NULL) {
		*s = b->p;
		*n = b->len;
	}
	l->p++;
	return 0;
}

static int
digit(const struct lex *l)
{
	return l->p < l->end && *l->p >= '0' && *l->p <= '9';
}

/* Read the number at l->p, in JSON's grammar.  Returns 0 or -1. */
static int
number(struct lex *l)
{
	const char *start = l->p;

	if (*l->p == '-')
		l->p++;
	if (!digit(l))
		return syntax(l, start, "bad number");
	if (*l->p++ != '0')
		while (digit(l))
			l->p++;
	if (l->p < l->end && *l->p == '.') {
		l->p++;
		if (!digit(l))
			return syntax(l, start, "bad number");
		while (digit(l))
			l->p++;
	}
	if (l->p < l->end && (*l->p == 'e' || *l->p == 'E')) {
		l->p++;
		if (l->p < l->end && (*l->p == '+' || *l->p == '-'))
			l->p++;
		if (!digit(l))
			return syntax(l, start, "bad number");
		while (digit(l))
			l->p++;
	}
	if (l->p < l->end && (digit(l) || *l->p == '.' || *l->p == 'e' ||
	    *l->p == 'E' || *l->p == '+' || *l->p == '-'))
		return syntax(l, start, "bad number");
	return 0;
}

/* Read true, false or null at l->p into *type.  Returns 0 or -1. */
static int
literal(struct lex *l, int *type)
{
	static const char *const word[] = { "true", "false", "null" };
	static const int kind[] = { V_TRUE, V_FALSE, V_NULL };
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(word[i]);
		if ((size_t)(l->end - l->p) >= n &&
		    memcmp(l->p, word[i], n) == 0) {
			l->p += n;
			*type = kind[i];
			return 0;
		}
	}
	return syntax(l, l->p, "expected a value");
}

/* Read a value that is not an object or an array.  Returns 0 or -1. */
static int
scalar(struct lex *l, int *type)
{
	const char *s;
	size_t n;

	if (l->p == l->end)
		return syntax(l, l->p, "line ends inside the object");
	if (*l->p == '"') {
		*type = V_STRING;
		return string(l, NULL, &s, &n);
	}
	if (*l->p == '-' || (*l->p >= '0' && *l->p <= '9')) {
		*type = V_NUMBER;
		return number(l);
	}
	return literal(l, type);
}

/*
 * Read the object or array at l->p, without recursion: stack holds the
 * closing bracket of each open level.  Returns 0 or -1.
 */
static int
nested(struct lex *l)
{
	char stack[MAXDEPTH];
	int depth = 0, type;
	const char *s;
	size_t n;

	for (;;) {
		/* A value begins at l->p. */
		if (l->p < l->end && (*l->p == '{' || *l->p == '[')) {
			if (depth == MAXDEPTH)
				return syntax(l, l->p, "nested deeper than 64 "
				    "levels");
			stack[depth++] = *l->p == '{' ? '}' : ']';
			l->p++;
			skip_space(l);
			if (l->p < l->end && *l->p == stack[depth - 1]) {
				l->p++;
				depth--;
				goto after;
			}
			goto member;
		}
		if (scalar(l, &type) == -1)
			return -1;
after:
		/* A value ended; depth levels are open. */
		if (depth == 0)
			return 0;
		skip_space(l);
		if (l->p == l->end)
			return syntax(l, l->p, "line ends inside the object");
		if (*l->p == stack[depth - 1]) {
			l->p++;
			depth--;
			goto after;
		}
		if (*l->p != ',')
			return syntax(l, l->p, stack[depth - 1] == '}' ?
			    "expected ',' or '}'" : "expected ',' or ']'");
		l->p++;
		skip_space(l);
member:
		/* The next value, after its key in an object. */
		if (stack[depth - 1] == '}') {
			if (l->p == l->end || *l->p != '"')
				return syntax(l, l->p, l->p == l->end ?
				    "line ends inside the object" :
				    "expected a key");
			if (string(l, NULL, &s, &n) == -1)
				return -1;
			skip_space(l);
			if (l->p == l->end || *l->p != ':')
				return syntax(l, l->p, "expected ':'");
			l->p++;
			skip_space(l);
		}
	}
}

/* Read any value at l->p into *type.  Returns 0 or -1. */
static int
value(struct lex *l, int *type)
{
	if (l->p < l->end && (*l->p == '{' || *l->p == '[')) {
		*type = *l->p == '{' ? V_OBJECT : V_ARRAY;
		return nested(l);
	}
	return scalar(l, type);
}

/* Note the first problem with a value: kind bad at p, described. */
static void
value_fault(struct jrow *j, const struct jkeys *k, size_t i, int bad,
    const char *p, const char *what, const char *s, size_t n)
{
	char q[80];

	if (j->bad != BAD_NONE)
		return;
	j->bad = bad;
	j->badcol = (size_t)(p - j->rec);
	j->why.len = 0;
	quote_text(q, sizeof(q), k->name[i].s, k->name[i].n);
	buf_printf(&j->why, "key %s: %s", q, what);
	if (s != NULL) {
		quote_text(q, sizeof(q), s, n);
		buf_printf(&j->why, ": %s", q);
	}
}

/*
 * Convert the value of feature f, of kind type at v (its text s[0..n),
 * a string's decoded), into *x, as a CSV field would be: a number by
 * field_value(); null is missing; true and false are 1 and 0; a string is
 * missing when empty or an --na token, a category's code for a feature
 * with category names, else a bad value.  Name i is the key, for
 * messages.
 */
static void
convert(struct jrow *j, const struct opts *o, const struct xgbp_model *m,
    const struct jkeys *k, size_t i, int type, const char *v,
    const char *s, size_t n, float *x)
{
	size_t f = (size_t)k->name[i].feature;
	int bad;

	switch (type) {
	case V_NULL:
		x[f] = NAN;
		return;
	case V_TRUE: case V_FALSE:
		x[f] = type == V_TRUE;
		return;
	case V_OBJECT:
		value_fault(j, k, i, BAD_NUMBER, v, "an object, not a number",
		    NULL, 0);
		return;
	case V_ARRAY:
		value_fault(j, k, i, BAD_NUMBER, v, "an array, not a number",
		    NULL, 0);
		return;
	case V_STRING:
		if (is_na(o, s, n)) {
			x[f] = NAN;
			return;
		}
		if (xgbp_model_ncategories(m, f) == 0) {
			value_fault(j, k, i, BAD_NUMBER, v, "a string, not a "
			    "number", s, n);
			return;
		}
		if (xgbp_model_category(m, f, s, n, &x[f], NULL) == XGBP_OK)
			return;
		if (o->unseen == UNSEEN_MISSING) {
			x[f] = NAN;
			return;
		}
		value_fault(j, k, i, BAD_UNSEEN, v, "unknown category", s, n);
		return;
	}
	bad = field_value(o, m, f, 0, s, n, &x[f]);
	if (bad != BAD_NONE)
		value_fault(j, k, i, bad, v, bad == BAD_INF ? "infinite, or "
		    "too large for a float" : bad == BAD_UNSEEN ?
		    "unknown category" : "not a number", s, n);
}

/*
 * Read one member at l->p (its key): look the key up, read the value,
 * convert it if it is a feature's, note where it is if it is kept.
 * Returns 0 or -1.
 */
static int
member(struct jrow *j, const struct opts *o, const struct xgbp_model *m,
    const struct jkeys *k, struct lex *l, float *x)
{
	const char *s, *v, *key = l->p;
	size_t n;
	long i, kk;
	int type;

	if (l->p == l->end || *l->p != '"')
		return syntax(l, l->p, l->p == l->end ?
		    "line ends inside the object" : "expected a key");
	if (string(l, &j->key, &s, &n) == -1)
		return -1;
	i = lookup(k, s, n);
	skip_space(l);
	if (l->p == l->end || *l->p != ':')
		return syntax(l, l->p, l->p == l->end ?
		    "line ends inside the object" : "expected ':'");
	l->p++;
	skip_space(l);
	v = l->p;
	if (i >= 0 && v < l->end && *v == '"') {
		type = V_STRING;
		if (string(l, &j->str, &s, &n) == -1)
			return -1;
	} else if (value(l, &type) == -1)
		return -1;
	if (i < 0)
		return 0;
	if (j->seen[i] == j->gen) {
		value_fault(j, k, (size_t)i, BAD_NUMBER, key, "appears twice",
		    NULL, 0);
		return 0;
	}
	j->seen[i] = j->gen;
	if (type != V_STRING) {
		s = v;
		n = (size_t)(l->p - v);
	}
	if (k->name[i].feature >= 0)
		convert(j, o, m, k, (size_t)i, type, v, s, n, x);
	if ((kk = k->name[i].keep) >= 0) {
		j->kgen[kk] = j->gen;
		j->koff[kk] = (size_t)(v - j->rec);
		j->klen[kk] = (size_t)(l->p - v);
		j->ktype[kk] = (unsigned char)type;
	}
	return 0;
}

/* Read the object that is the whole record.  Returns 0 or -1. */
static int
object(struct jrow *j, const struct opts *o, const struct xgbp_model *m,
    const struct jkeys *k, struct lex *l, float *x)
{
	skip_space(l);
	if (l->p == l->end || *l->p != '{')
		return syntax(l, l->p, "not a JSON object");
	l->p++;
	skip_space(l);
	if (l->p < l->end && *l->p == '}')
		l->p++;
	else
		for (;;) {
			if (member(j, o, m, k, l, x) == -1)
				return -1;
			skip_space(l);
			if (l->p < l->end && *l->p == '}') {
				l->p++;
				break;
			}
			if (l->p == l->end || *l->p != ',')
				return syntax(l, l->p, l->p == l->end ?
				    "line ends inside the object" :
				    "expected ',' or '}'");
			l->p++;
			skip_space(l);
		}
	skip_space(l);
	if (l->p < l->end)
		return syntax(l, l->p, "text after the object");
	return 0;
}

/*
 * Read record rec[0..len) of table t, on the given line, into
 * x[0..nfeature): absent keys are missing.  Counts missing values into
 * *nmissing.  Returns BAD_NONE, or the kind of problem after writing its
 * description to msg; x is then all NaN.
 */
int
jsonl_read(struct jrow *j, const struct table *t, const struct opts *o,
    const struct xgbp_model *m, const char *rec, size_t len,
    unsigned long line, float *x, struct buf *msg, size_t *nmissing)
{
	struct lex l;
	size_t f, nf = xgbp_model_nfeatures(m), nan = 0;

	jrow_fit(j, t->keys);
	j->gen++;
	j->rec = rec;
	j->bad = BAD_NONE;
	j->broken = 0;
	for (f = 0; f < nf; f++)
		x[f] = NAN;
	memset(&l, 0, sizeof(l));
	l.rec = l.p = rec;
	l.end = rec + len;
	if (object(j, o, m, t->keys, &l, x) == -1) {
		j->broken = 1;
		j->bad = BAD_JSON;
		j->badcol = (size_t)(l.errp - rec);
		j->why.len = 0;
		buf_printf(&j->why, "bad JSON: %s", l.err);
	}
	if (j->bad != BAD_NONE) {
		for (f = 0; f < nf; f++)
			x[f] = NAN;
		buf_printf(msg, "%s:%lu:%zu: %.*s", t->name, line,
		    j->badcol + 1, (int)j->why.len, j->why.p);
		return j->bad;
	}
	for (f = 0; f < nf; f++)
		nan += isnan(x[f]) != 0;
	*nmissing += nan;
	return BAD_NONE;
}

/*
 * Append s[0..n) to b as a JSON string: quotes, backslashes and control
 * characters escaped; bytes that are not UTF-8 become U+FFFD, so the
 * output is always JSON.
 */
void
json_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const char *e = s + n, *run;
	unsigned char c;
	size_t k;

	buf_addc(b, '"');
	for (run = s; s < e; ) {
		c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0x80 && (k = utf8_len((const unsigned char *)s,
		    (size_t)(e - s))) > 0) {
			s += k;
			continue;
		}
		buf_add(b, run, (size_t)(s - run));
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, c);
		} else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\t')
			buf_adds(b, "\\t");
		else if (c == '\r')
			buf_adds(b, "\\r");
		else if (c < 0x20) {
			buf_adds(b, "\\u00");
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else
			buf_adds(b, "\xef\xbf\xbd");
		run = ++s;
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

/*
 * Append what -k keeps of the record jsonl_read() last read, in order.
 * For JSON Lines output, each as a member "key":value, its value's text
 * as it was, null when absent, each followed by a comma.  For CSV, each
 * a field separated by delim: a string decoded, a number, true, false, an
 * object or an array as written, empty when null or absent.
 */
void
jsonl_prefix(struct jrow *j, const struct table *t, int json, int delim,
    struct buf *b)
{
	const struct jkeys *k = t->keys;
	const char *s, *v;
	struct lex l;
	size_t i, n;
	int has;

	for (i = 0; i < k->nkeep; i++) {
		/* koff[i] is stale unless the key was in this record. */
		has = !j->broken && j->kgen[i] == j->gen;
		v = has ? j->rec + j->koff[i] : NULL;
		if (json) {
			json_string(b, k->kept[i], k->keptlen[i]);
			buf_addc(b, ':');
			if (has)
				buf_add(b, v, j->klen[i]);
			else
				buf_adds(b, "null");
			buf_addc(b, ',');
			continue;
		}
		if (i > 0)
			buf_addc(b, delim);
		if (!has || j->ktype[i] == V_NULL)
			continue;
		s = v;
		n = j->klen[i];
		if (j->ktype[i] == V_STRING) {
			memset(&l, 0, sizeof(l));
			l.rec = l.p = v;
			l.end = v + j->klen[i];
			(void)string(&l, &j->str, &s, &n);
		}
		put_field(b, s, n, delim);
	}
}
