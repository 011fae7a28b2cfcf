/*
 * json.c: a pull reader for JSON text as XGBoost writes it.  Each call of
 * next() returns one token with its byte offset, from which error.c derives
 * line and column.  XGBoost writes non-finite floats as the bare words NaN,
 * Infinity and -Infinity (dmlc/xgboost src/common/json.cc), which plain JSON
 * forbids; they are accepted here.  Numbers are parsed straight to float, as
 * XGBoost's own reader does.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

enum { C_OBJ = 1, C_ARR };

enum state {
	S_VALUE,	/* a value is due (start of document, after ':') */
	S_KEY,		/* a key is due (after ',' in an object) */
	S_KEY_OR_END,	/* after '{' */
	S_VALUE_OR_END,	/* after '[' */
	S_AFTER		/* after a value: ',' or the end of the container */
};

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
skip_ws(struct xgbp_reader *r)
{
	while (r->pos < r->len && is_ws(r->buf[r->pos]))
		r->pos++;
	return r->pos < r->len ? r->buf[r->pos] : -1;
}

static int
syntax(struct xgbp_reader *r, size_t pos, const char *what)
{
	int c;

	if (pos >= r->len)
		return xgbp_seterr(r->err, XGBP_ESYNTAX, pos,
		    "unexpected end of file, %s", what);
	c = r->buf[pos];
	if (c >= 0x20 && c < 0x7f)
		return xgbp_seterr(r->err, XGBP_ESYNTAX, pos,
		    "unexpected '%c', %s", c, what);
	return xgbp_seterr(r->err, XGBP_ESYNTAX, pos,
	    "unexpected byte 0x%02x, %s", c, what);
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

/* Read 4 hex digits at p; -1 if they are not. */
static long
hex4(const unsigned char *p, const unsigned char *end)
{
	long v;
	int i, d;

	if (end - p < 4)
		return -1;
	for (v = 0, i = 0; i < 4; i++) {
		if ((d = hexval(p[i])) < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

static size_t
put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decode the escapes of the string body p[0..n) into the scratch buffer.
 * XGBoost writes a backslash followed by 'u' unescaped (EscapeU8 in
 * dmlc/xgboost src/common/common.cc), so a "\u" not followed by four hex
 * digits is kept as it stands rather than refused.
 */
static int
unescape(struct xgbp_reader *r, const unsigned char *p, size_t n,
    struct xgbp_tok *t)
{
	const unsigned char *end = p + n;
	unsigned long cp;
	long lo;
	char *o;
	int rc;

	if ((rc = xgbp_reader_scratch(r, n)) != XGBP_OK)
		return rc;
	o = r->scratch;
	while (p < end) {
		if (*p != '\\') {
			*o++ = (char)*p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if ((lo = hex4(p + 1, end)) < 0) {
				*o++ = '\\';
				*o++ = 'u';
				break;
			}
			cp = lo;
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && end - p >= 7 &&
			    p[1] == '\\' && p[2] == 'u' &&
			    (lo = hex4(p + 3, end)) >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			}
			o += put_utf8(o, cp);
			break;
		default:
			*o++ = (char)*p;	/* '"', '\\', '/' */
			break;
		}
		p++;
	}
	t->s = r->scratch;
	t->n = o - r->scratch;
	return XGBP_OK;
}

/* Read a string token starting at the opening quote. */
static int
string(struct xgbp_reader *r, struct xgbp_tok *t)
{
	const unsigned char *p, *start, *end;
	int escaped;

	start = r->buf + r->pos + 1;
	end = r->buf + r->len;
	escaped = 0;
	for (p = start; p < end && *p != '"'; p++) {
		if (*p < 0x20)
			return syntax(r, p - r->buf, "inside a string");
		if (*p == '\\') {
			escaped = 1;
			if (++p == end)
				break;
			if (strchr("\"\\/bfnrtu", *p) == NULL || *p == '\0')
				return syntax(r, p - r->buf,
				    "after '\\' in a string");
		}
	}
	if (p == end)
		return xgbp_seterr(r->err, XGBP_ESYNTAX, r->pos,
		    "unterminated string");
	r->pos = p + 1 - r->buf;
	if (escaped)
		return unescape(r, start, p - start, t);
	t->s = (const char *)start;
	t->n = p - start;
	return XGBP_OK;
}

static int
word(struct xgbp_reader *r, const char *w)
{
	size_t n = strlen(w);

	if (r->len - r->pos < n || memcmp(r->buf + r->pos, w, n) != 0)
		return 0;
	r->pos += n;
	return 1;
}

/*
 * Read a number.  A token is an integer when it has no '.' and no exponent
 * (as in XGBoost's reader); integers must fit int64_t.
 */
static int
number(struct xgbp_reader *r, struct xgbp_tok *t)
{
	const unsigned char *p, *s, *end;
	uint64_t u, lim;
	int isint, neg;

	s = p = r->buf + r->pos;
	end = r->buf + r->len;
	neg = p < end && *p == '-';
	p += neg;
	if (p == end || *p < '0' || *p > '9')
		return syntax(r, p - r->buf, "expected a value");
	isint = 1;
	if (*p == '0')
		p++;
	else
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	if (p < end && *p == '.') {
		isint = 0;
		if (++p == end || *p < '0' || *p > '9')
			return syntax(r, p - r->buf, "expected a digit");
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		isint = 0;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p == end || *p < '0' || *p > '9')
			return syntax(r, p - r->buf, "expected a digit");
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	r->pos = p - r->buf;
	if (!isint) {
		t->kind = XT_FLOAT;
		if (xgbp_number((const char *)s, p - s, &t->f,
		    XGBP_PARSE_DIRECT) != 0)
			return syntax(r, s - r->buf, "bad number");
		return XGBP_OK;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (u = 0, s += neg; s < p; s++) {
		if (u > (lim - (*s - '0')) / 10)
			return xgbp_seterr(r->err, XGBP_ESYNTAX, t->pos,
			    "integer out of range");
		u = u * 10 + (*s - '0');
	}
	t->kind = XT_INT;
	t->i = neg ? (int64_t)(0 - u) : (int64_t)u;
	t->f = (float)t->i;
	return XGBP_OK;
}

/* Read a scalar or the start of a container. */
static int
value(struct xgbp_reader *r, struct xgbp_tok *t)
{
	int c = r->buf[r->pos];

	switch (c) {
	case '{':
	case '[':
		if (r->depth == XGBP_MAXDEPTH)
			return xgbp_seterr(r->err, XGBP_ESYNTAX, r->pos,
			    "nested deeper than %d levels", XGBP_MAXDEPTH);
		r->pos++;
		r->stack[r->depth++] = c == '{' ? C_OBJ : C_ARR;
		r->state = c == '{' ? S_KEY_OR_END : S_VALUE_OR_END;
		t->kind = c == '{' ? XT_OBJ : XT_ARR;
		t->count = SIZE_MAX;
		return XGBP_OK;
	case '"':
		t->kind = XT_STR;
		r->state = S_AFTER;
		return string(r, t);
	}
	r->state = S_AFTER;
	/* Most values in a model are numbers: no word begins as they do. */
	if ((c >= '0' && c <= '9') || (c == '-' && (r->pos + 1 == r->len ||
	    r->buf[r->pos + 1] != 'I')))
		return number(r, t);
	if (word(r, "true"))
		t->kind = XT_TRUE;
	else if (word(r, "false"))
		t->kind = XT_FALSE;
	else if (word(r, "null"))
		t->kind = XT_NULL;
	else if (word(r, "NaN")) {
		t->kind = XT_FLOAT;
		t->f = NAN;
	} else if (word(r, "Infinity") || word(r, "-Infinity")) {
		t->kind = XT_FLOAT;
		t->f = c == '-' ? -INFINITY : INFINITY;
	} else
		return number(r, t);
	return XGBP_OK;
}

static int
close_container(struct xgbp_reader *r, struct xgbp_tok *t, int c)
{
	int kind = r->stack[r->depth - 1];

	if ((c == '}') != (kind == C_OBJ))
		return syntax(r, r->pos, kind == C_OBJ ?
		    "expected ',' or '}'" : "expected ',' or ']'");
	r->pos++;
	r->depth--;
	r->state = S_AFTER;
	t->kind = c == '}' ? XT_OBJ_END : XT_ARR_END;
	return XGBP_OK;
}

static int
key(struct xgbp_reader *r, struct xgbp_tok *t)
{
	int rc;

	if (r->buf[r->pos] != '"')
		return syntax(r, r->pos, "expected a key");
	t->kind = XT_KEY;
	if ((rc = string(r, t)) != XGBP_OK)
		return rc;
	if (skip_ws(r) != ':')
		return syntax(r, r->pos, "expected ':'");
	r->pos++;
	r->state = S_VALUE;
	return XGBP_OK;
}

static int
next(struct xgbp_reader *r, struct xgbp_tok *t)
{
	int c;

	c = skip_ws(r);
	t->pos = r->pos;
	if (r->state == S_AFTER) {
		if (r->depth == 0) {
			if (c != -1)
				return syntax(r, r->pos,
				    "expected the end of the file");
			t->kind = XT_EOF;
			return XGBP_OK;
		}
		if (c == '}' || c == ']')
			return close_container(r, t, c);
		if (c != ',')
			return syntax(r, r->pos,
			    r->stack[r->depth - 1] == C_OBJ ?
			    "expected ',' or '}'" : "expected ',' or ']'");
		r->pos++;
		r->state = r->stack[r->depth - 1] == C_OBJ ? S_KEY : S_VALUE;
		c = skip_ws(r);
		t->pos = r->pos;
	}
	if (c == -1)
		return syntax(r, r->pos, r->state == S_KEY ||
		    r->state == S_KEY_OR_END ? "expected a key" :
		    "expected a value");
	switch (r->state) {
	case S_KEY_OR_END:
		if (c == '}')
			return close_container(r, t, c);
		return key(r, t);
	case S_KEY:
		return key(r, t);
	case S_VALUE_OR_END:
		if (c == ']')
			return close_container(r, t, c);
		return value(r, t);
	default:
		return value(r, t);
	}
}

void
xgbp_json_init(struct xgbp_reader *r, const void *buf, size_t len,
    struct xgbp_error *err)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->text = 1;
	r->state = S_VALUE;
	r->err = err;
	r->next = next;
}

/*
 * Make the scratch buffer hold at least n bytes.  A decoded string is never
 * longer than its encoding, so n is bounded by the model's size.
 */
int
xgbp_reader_scratch(struct xgbp_reader *r, size_t n)
{
	char *p;

	if (n <= r->scratchsz && r->scratch != NULL)
		return XGBP_OK;
	if ((p = xgbp_realloc(r->scratch, n + 1, 1)) == NULL)
		return xgbp_seterr(r->err, XGBP_ENOMEM, r->pos,
		    "out of memory");
	r->scratch = p;
	r->scratchsz = n + 1;
	return XGBP_OK;
}

void
xgbp_reader_fini(struct xgbp_reader *r)
{
	xgbp_free(r->scratch);
	r->scratch = NULL;
	r->scratchsz = 0;
}

/* Skip the value that begins with token t, however deeply nested. */
int
xgbp_reader_skip(struct xgbp_reader *r, const struct xgbp_tok *t)
{
	struct xgbp_tok u;
	int depth, rc;

	if (t->kind != XT_OBJ && t->kind != XT_ARR)
		return XGBP_OK;
	for (depth = 1; depth > 0; ) {
		if ((rc = r->next(r, &u)) != XGBP_OK)
			return rc;
		if (u.kind == XT_OBJ || u.kind == XT_ARR)
			depth++;
		else if (u.kind == XT_OBJ_END || u.kind == XT_ARR_END)
			depth--;
		else if (u.kind == XT_EOF)
			return xgbp_seterr(r->err, XGBP_ESYNTAX, u.pos,
			    "unexpected end of file");
	}
	return XGBP_OK;
}
