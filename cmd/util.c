/*
 * util.c: allocation that cannot fail (the program exits with status 1
 * instead), quoting of untrusted text for messages, and growable buffers.
 */
#include <err.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fmtfloat.h"

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		err(EXIT_DATA, NULL);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		errx(EXIT_DATA, "allocation too large");
	if ((p = realloc(p, n * size == 0 ? 1 : n * size)) == NULL)
		err(EXIT_DATA, NULL);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/*
 * Write s[0..n) into buf as a double-quoted string fit for one line of a
 * message: '"' and '\\' escaped, other bytes outside printable ASCII as
 * \xHH, cut with "..." when it would not fit.  Returns the length.
 */
size_t
quote_text(char *buf, size_t bufsz, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;
	size_t o, i;

	o = 0;
	buf[o++] = '"';
	for (i = 0; i < n; i++) {
		if (o + 8 >= bufsz) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else
			buf[o++] = (char)c;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return o;
}

/* Make room for n more bytes. */
void
buf_grow(struct buf *b, size_t n)
{
	size_t cap;

	if (b->cap - b->len >= n)
		return;
	cap = b->cap == 0 ? 256 : b->cap;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2)
			errx(EXIT_DATA, "out of memory");
		cap *= 2;
	}
	b->p = xreallocarray(b->p, cap, 1);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;		/* b->p may be NULL: NULL + 0 is undefined */
	buf_grow(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
buf_addc(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->p[b->len++] = (char)c;
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append f in the shortest form that reads back as the same float. */
void
buf_addf(struct buf *b, float f)
{
	buf_grow(b, FMTFLOAT_MAX);
	b->len += fmt_float(b->p + b->len, f);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
