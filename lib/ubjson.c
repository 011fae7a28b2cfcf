/*
 * ubjson.c: a pull reader for UBJSON (ubjson.org), the binary form of the
 * model document XGBoost writes since 1.6 (dmlc/xgboost src/common/json.cc,
 * UBJReader and UBJWriter, v3.4.1).  It yields the same tokens as json.c,
 * so load.c builds models from both alike.  Numbers are big-endian; XGBoost
 * writes counted arrays, typed arrays ('$' type '#' count, no end marker)
 * and int64 lengths, but any standard UBJSON is accepted: other length
 * markers, counted or typed objects, no-op markers.  Every count is checked
 * against the bytes left before anything trusts it.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

enum { C_OBJ = 1, C_ARR };
enum { S_KEY, S_VALUE };

static int
truncated(struct xgbp_reader *r)
{
	return xgbp_seterr(r->err, XGBP_ESYNTAX, r->len,
	    "unexpected end of file");
}

static int
bad_marker(struct xgbp_reader *r, size_t pos, const char *what)
{
	int c = r->buf[pos];

	if (c >= 0x20 && c < 0x7f)
		return xgbp_seterr(r->err, XGBP_ESYNTAX, pos,
		    "unexpected marker '%c', %s", c, what);
	return xgbp_seterr(r->err, XGBP_ESYNTAX, pos,
	    "unexpected byte 0x%02x, %s", c, what);
}

static uint64_t
be(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* The payload size of a scalar marker, or -1 for one without a fixed size. */
static int
scalar_size(int m)
{
	switch (m) {
	case 'i': case 'U': case 'C':
		return 1;
	case 'I':
		return 2;
	case 'l': case 'd':
		return 4;
	case 'L': case 'D':
		return 8;
	default:
		return -1;
	}
}

/*
 * Read the fixed-size scalar of marker m at the current position into t.
 */
static int
fixed(struct xgbp_reader *r, int m, struct xgbp_tok *t)
{
	const unsigned char *p = r->buf + r->pos;
	int n = scalar_size(m);
	uint32_t u32;
	uint64_t u64;
	float f;
	double d;

	if (r->len - r->pos < (size_t)n)
		return truncated(r);
	r->pos += n;
	t->kind = XT_INT;
	switch (m) {
	case 'i':
		t->i = (int8_t)p[0];
		break;
	case 'U':
	case 'C':
		t->i = p[0];
		break;
	case 'I':
		t->i = (int16_t)be(p, 2);
		break;
	case 'l':
		t->i = (int32_t)be(p, 4);
		break;
	case 'L':
		u64 = be(p, 8);
		memcpy(&t->i, &u64, 8);
		break;
	case 'd':
		u32 = (uint32_t)be(p, 4);
		memcpy(&f, &u32, 4);
		t->kind = XT_FLOAT;
		t->f = f;
		return XGBP_OK;
	case 'D':
		u64 = be(p, 8);
		memcpy(&d, &u64, 8);
		t->kind = XT_FLOAT;
		t->f = (float)d;
		return XGBP_OK;
	}
	t->f = (float)t->i;
	return XGBP_OK;
}

/*
 * Read an integer with its marker, for a length or a count.  It stays 64
 * bits wide until the caller has checked it against the bytes left: on a
 * 32-bit system a size_t would wrap a count of 2^40 to 0.
 */
static int
length(struct xgbp_reader *r, uint64_t *out)
{
	struct xgbp_tok t;
	size_t pos = r->pos;
	int m, rc;

	if (r->pos == r->len)
		return truncated(r);
	m = r->buf[r->pos++];
	if (m != 'i' && m != 'U' && m != 'I' && m != 'l' && m != 'L')
		return bad_marker(r, pos, "expected a length");
	if ((rc = fixed(r, m, &t)) != XGBP_OK)
		return rc;
	if (t.i < 0)
		return xgbp_seterr(r->err, XGBP_ESYNTAX, pos,
		    "negative length %lld", (long long)t.i);
	*out = (uint64_t)t.i;
	return XGBP_OK;
}

/* Read a string body: a length, then that many bytes. */
static int
string(struct xgbp_reader *r, struct xgbp_tok *t)
{
	uint64_t n;
	int rc;

	if ((rc = length(r, &n)) != XGBP_OK)
		return rc;
	if (n > r->len - r->pos)
		return truncated(r);
	t->s = (const char *)r->buf + r->pos;
	t->n = (size_t)n;
	r->pos += (size_t)n;
	return XGBP_OK;
}

/*
 * Open a container after its '[' or '{': read the optional '$' type and
 * '#' count, and check the count against the bytes that are left.
 */
static int
open_container(struct xgbp_reader *r, int kind, struct xgbp_tok *t)
{
	uint64_t count;
	size_t minsize;
	int type, rc;

	if (r->depth == XGBP_MAXDEPTH)
		return xgbp_seterr(r->err, XGBP_ESYNTAX, t->pos,
		    "nested deeper than %d levels", XGBP_MAXDEPTH);
	type = 0;
	count = SIZE_MAX;	/* none: until the end marker */
	if (r->pos < r->len && r->buf[r->pos] == '$') {
		r->pos++;
		if (r->pos == r->len)
			return truncated(r);
		type = r->buf[r->pos];
		if (scalar_size(type) < 0)
			return bad_marker(r, r->pos, "in a typed container");
		r->pos++;
		if (r->pos == r->len || r->buf[r->pos] != '#')
			return r->pos == r->len ? truncated(r) :
			    bad_marker(r, r->pos, "expected '#'");
	}
	if (r->pos < r->len && r->buf[r->pos] == '#') {
		r->pos++;
		if ((rc = length(r, &count)) != XGBP_OK)
			return rc;
		/* Each element takes a byte at least; a key two more. */
		minsize = type != 0 ? (size_t)scalar_size(type) : 1;
		if (kind == C_OBJ)
			minsize += 2;
		if (count > (r->len - r->pos) / minsize)
			return xgbp_seterr(r->err, XGBP_ESYNTAX, t->pos,
			    "count %llu exceeds the file",
			    (unsigned long long)count);
	}
	r->stack[r->depth] = (unsigned char)kind;
	r->left[r->depth] = (size_t)count;
	r->elemtype[r->depth] = (unsigned char)type;
	r->depth++;
	r->state = kind == C_OBJ ? S_KEY : S_VALUE;
	t->kind = kind == C_OBJ ? XT_OBJ : XT_ARR;
	t->count = (size_t)count;
	return XGBP_OK;
}

/* Read a value that begins with marker m (already consumed). */
static int
value(struct xgbp_reader *r, int m, struct xgbp_tok *t)
{
	int rc;

	switch (m) {
	case '{':
		return open_container(r, C_OBJ, t);
	case '[':
		return open_container(r, C_ARR, t);
	case 'Z':
		t->kind = XT_NULL;
		return XGBP_OK;
	case 'T':
		t->kind = XT_TRUE;
		return XGBP_OK;
	case 'F':
		t->kind = XT_FALSE;
		return XGBP_OK;
	case 'S':
		t->kind = XT_STR;
		return string(r, t);
	case 'H':
		if ((rc = string(r, t)) != XGBP_OK)
			return rc;
		t->kind = XT_FLOAT;
		if (xgbp_number(t->s, t->n, &t->f, XGBP_PARSE_DIRECT) != 0)
			return xgbp_seterr(r->err, XGBP_ESYNTAX, t->pos,
			    "bad high-precision number");
		return XGBP_OK;
	}
	if (scalar_size(m) < 0)
		return bad_marker(r, t->pos, "expected a value");
	return fixed(r, m, t);
}

/* Leave the innermost container, which has ended. */
static void
close_container(struct xgbp_reader *r, struct xgbp_tok *t)
{
	t->kind = r->stack[r->depth - 1] == C_OBJ ? XT_OBJ_END : XT_ARR_END;
	r->depth--;
	/* At depth 0, S_KEY means the document has been read. */
	r->state = r->depth == 0 || r->stack[r->depth - 1] == C_OBJ ?
	    S_KEY : S_VALUE;
}

static int
next(struct xgbp_reader *r, struct xgbp_tok *t)
{
	int d, m, type;

	/* No-op markers may stand wherever a marker may. */
	while (r->pos < r->len && r->buf[r->pos] == 'N' &&
	    (r->depth == 0 || r->elemtype[r->depth - 1] == 0))
		r->pos++;
	t->pos = r->pos;
	if ((d = r->depth) == 0) {
		if (r->state == S_KEY) {	/* the document was read */
			if (r->pos != r->len)
				return bad_marker(r, r->pos,
				    "expected the end of the file");
			t->kind = XT_EOF;
			return XGBP_OK;
		}
		if (r->pos == r->len)
			return truncated(r);
		m = r->buf[r->pos++];
		if (m != '{' && m != '[')
			return bad_marker(r, t->pos, "expected '{'");
		return value(r, m, t);
	}
	if (r->left[d - 1] == 0 && (r->stack[d - 1] == C_ARR ||
	    r->state == S_KEY)) {
		close_container(r, t);
		return XGBP_OK;
	}
	type = r->elemtype[d - 1];
	if (r->left[d - 1] == SIZE_MAX && (r->stack[d - 1] == C_ARR ||
	    r->state == S_KEY)) {
		if (r->pos == r->len)
			return truncated(r);
		if (r->buf[r->pos] == (r->stack[d - 1] == C_OBJ ? '}' : ']')) {
			r->pos++;
			close_container(r, t);
			return XGBP_OK;
		}
	}
	if (r->stack[d - 1] == C_OBJ && r->state == S_KEY) {
		t->kind = XT_KEY;
		r->state = S_VALUE;
		return string(r, t);
	}
	if (r->left[d - 1] != SIZE_MAX)
		r->left[d - 1]--;
	if (r->stack[d - 1] == C_OBJ)
		r->state = S_KEY;
	if (type != 0)
		return fixed(r, type, t);
	if (r->pos == r->len)
		return truncated(r);
	m = r->buf[r->pos++];
	return value(r, m, t);
}

void
xgbp_ubjson_init(struct xgbp_reader *r, const void *buf, size_t len,
    struct xgbp_error *err)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->text = 0;
	r->state = S_VALUE;
	r->err = err;
	r->next = next;
}
