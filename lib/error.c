/*
 * error.c: status strings, and filling struct xgbp_error with a message and
 * the position of the offending byte.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

const char *
xgbp_strerror(int status)
{
	switch (status) {
	case XGBP_OK:
		return "success";
	case XGBP_ENOMEM:
		return "out of memory";
	case XGBP_ESYNTAX:
		return "malformed text";
	case XGBP_EMODEL:
		return "inconsistent model";
	case XGBP_EUNSUPPORTED:
		return "unsupported model";
	case XGBP_EARG:
		return "invalid argument";
	case XGBP_ENOTFOUND:
		return "no such name";
	default:
		return "unknown error";
	}
}

/*
 * Copy s to buf[0..size) with control characters written as \xHH, so
 * that text quoted from a hostile model (a name holding a newline or a
 * terminal escape) keeps the message one harmless line.  Cut to fit.
 */
static void
printable(char *buf, size_t size, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;
	size_t o;

	for (o = 0; (c = (unsigned char)*s) != '\0'; s++) {
		if (c >= 0x20 && c != 0x7f) {
			if (o + 1 >= size)
				break;
			buf[o++] = (char)c;
			continue;
		}
		if (o + 4 >= size)
			break;
		buf[o++] = '\\';
		buf[o++] = 'x';
		buf[o++] = hex[c >> 4];
		buf[o++] = hex[c & 15];
	}
	buf[o] = '\0';
}

/*
 * Fill *err, unless it is NULL, with status, the byte offset and a printf
 * message; line and column are set later by xgbp_err_position().  Only the
 * first error counts: a later call leaves a filled error alone.  Returns
 * status, so callers can write "return xgbp_seterr(...)".
 */
int
xgbp_seterr(struct xgbp_error *err, int status, size_t offset,
    const char *fmt, ...)
{
	va_list ap;
	char tmp[sizeof(err->msg)];

	if (err == NULL || err->status != XGBP_OK)
		return status;
	err->status = status;
	err->offset = offset;
	err->line = 0;
	err->column = 0;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	printable(err->msg, sizeof(err->msg), tmp);
	return status;
}

/*
 * Turn err->offset into a 1-based line and column (in bytes) of buf, for a
 * text format; binary formats keep only the offset.
 */
void
xgbp_err_position(struct xgbp_error *err, const unsigned char *buf,
    size_t len, int text)
{
	const unsigned char *p, *nl, *end;

	if (err == NULL || err->status == XGBP_OK || !text)
		return;
	end = buf + (err->offset < len ? err->offset : len);
	err->line = 1;
	nl = buf;
	for (p = buf; (p = memchr(p, '\n', end - p)) != NULL; p++) {
		err->line++;
		nl = p + 1;
	}
	err->column = end - nl + 1;
}

/*
 * Copy options src, the size of whose struct is its first member, into
 * dst (dstsize bytes, holding the defaults): what both know.  A caller's
 * struct smaller than minsize was not set up with its _init(); one larger
 * than this library's may not set what this library does not know.
 * Returns XGBP_OK, or XGBP_EARG after filling *err.
 */
int
xgbp_opts_copy(void *dst, size_t dstsize, const void *src, size_t minsize,
    struct xgbp_error *err)
{
	const unsigned char *p = src;
	size_t size, i;

	memcpy(&size, src, sizeof(size));
	if (size < minsize)
		return xgbp_seterr(err, XGBP_EARG, 0, "opts: size %zu too "
		    "small: set them up with their _init()", size);
	for (i = dstsize; i < size; i++)
		if (p[i] != 0)
			return xgbp_seterr(err, XGBP_EARG, 0, "opts: an "
			    "option this library (%s) does not have",
			    XGBP_VERSION_STRING);
	memcpy(dst, src, size < dstsize ? size : dstsize);
	memcpy(dst, &dstsize, sizeof(dstsize));
	return XGBP_OK;
}
