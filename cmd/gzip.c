/*
 * gzip.c: inflate and deflate gzip streams, with Intel's ISA-L (igzip)
 * when configure found it, else with zlib.  igzip inflates about four
 * times as fast as zlib and deflates at its level 1 faster still, which
 * matters when reading a compressed input is slower than scoring it; zlib
 * stays the fallback, for machines and static builds without ISA-L.  One
 * interface for both, so input.c and output.c know nothing of either.
 *
 * Both report the same faults in the same words where they can tell them
 * apart; igzip checks the gzip trailer's CRC-32 and length together, so
 * its message names both.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#ifdef XGBP_ISAL
#include <isa-l.h>
#endif

#include "cmd.h"

/* At most this much in one call: igzip counts in 32 bits. */
#define STEP	((size_t)1 << 30)

#ifdef XGBP_ISAL

struct unzip {
	struct inflate_state s;
	int		 started;	/* a member begun, its state in use */
};

const char *
gzip_library(void)
{
#define STR(x)	#x
#define VER(a, b, c)	"ISA-L " STR(a) "." STR(b) "." STR(c)
	return VER(ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION, ISAL_PATCH_VERSION);
#undef VER
#undef STR
}

struct unzip *
unzip_new(void)
{
	struct unzip *u;

	u = xmalloc(sizeof(*u));
	memset(u, 0, sizeof(*u));
	isal_inflate_init(&u->s);
	u->s.crc_flag = ISAL_GZIP;
	return u;
}

void
unzip_next(struct unzip *u)
{
	isal_inflate_reset(&u->s);
	u->s.crc_flag = ISAL_GZIP;
}

void
unzip_free(struct unzip *u)
{
	free(u);
}

/* What an igzip return value means, as zlib would say it. */
static const char *
isal_why(int rc)
{
	switch (rc) {
	case ISAL_INVALID_BLOCK:
		return "invalid block";
	case ISAL_INVALID_SYMBOL:
		return "invalid code";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance too far back";
	case ISAL_INVALID_WRAPPER:
		return "incorrect header check";
	case ISAL_UNSUPPORTED_METHOD:
		return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM:
		return "incorrect data or length check";
	case ISAL_NEED_DICT:
		return "need dictionary";
	default:
		return "igzip error";
	}
}

int
unzip_run(struct unzip *u, const unsigned char **in, size_t *inlen,
    unsigned char *out, size_t *outlen, const char **why)
{
	size_t n = *inlen < STEP ? *inlen : STEP;
	size_t size = *outlen < STEP ? *outlen : STEP;
	int rc;

	u->s.next_in = (uint8_t *)(uintptr_t)*in;
	u->s.avail_in = (uint32_t)n;
	u->s.next_out = out;
	u->s.avail_out = (uint32_t)size;
	rc = isal_inflate(&u->s);
	*in = u->s.next_in;
	*inlen -= n - u->s.avail_in;
	*outlen = size - u->s.avail_out;
	if (rc != ISAL_DECOMP_OK) {
		*why = isal_why(rc);
		return UNZIP_BAD;
	}
	return u->s.block_state == ISAL_BLOCK_FINISH ? UNZIP_END : UNZIP_MORE;
}

struct zip {
	struct isal_zstream s;
	unsigned char	*level_buf;
};

struct zip *
zip_new(void)
{
	struct zip *z;

	z = xmalloc(sizeof(*z));
	memset(z, 0, sizeof(*z));
	isal_deflate_init(&z->s);
	z->level_buf = xmalloc(ISAL_DEF_LVL1_DEFAULT);
	z->s.level = 1;
	z->s.level_buf = z->level_buf;
	z->s.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	z->s.gzip_flag = IGZIP_GZIP;
	return z;
}

void
zip_run(struct zip *z, const void *in, size_t n, int how,
    unsigned char *buf, size_t size, void (*put)(const void *, size_t))
{
	const unsigned char *p = in;
	size_t k;

	do {
		k = n < STEP ? n : STEP;
		z->s.next_in = (uint8_t *)(uintptr_t)p;
		z->s.avail_in = (uint32_t)k;
		z->s.flush = how == ZIP_SYNC ? SYNC_FLUSH : NO_FLUSH;
		z->s.end_of_stream = how == ZIP_FINISH && k == n;
		do {
			z->s.next_out = buf;
			z->s.avail_out = (uint32_t)(size < STEP ? size : STEP);
			if (isal_deflate(&z->s) != COMP_OK)
				errx(EXIT_DATA, "igzip: deflate failed");
			put(buf, (size < STEP ? size : STEP) - z->s.avail_out);
		} while (z->s.avail_out == 0 || z->s.avail_in != 0 ||
		    (z->s.end_of_stream &&
		    z->s.internal_state.state != ZSTATE_END));
		p += k;
		n -= k;
	} while (n > 0);
}

void
zip_free(struct zip *z)
{
	if (z == NULL)
		return;
	free(z->level_buf);
	free(z);
}

#else /* zlib */

struct unzip {
	z_stream	 s;
};

const char *
gzip_library(void)
{
	static char v[40];

	snprintf(v, sizeof(v), "zlib %s", zlibVersion());
	return v;
}

struct unzip *
unzip_new(void)
{
	struct unzip *u;

	u = xmalloc(sizeof(*u));
	memset(u, 0, sizeof(*u));
	if (inflateInit2(&u->s, 16 + MAX_WBITS) != Z_OK)
		errx(EXIT_DATA, "zlib: out of memory");
	return u;
}

void
unzip_next(struct unzip *u)
{
	if (inflateReset(&u->s) != Z_OK)
		errx(EXIT_DATA, "zlib: %s", zError(Z_STREAM_ERROR));
}

void
unzip_free(struct unzip *u)
{
	if (u == NULL)
		return;
	inflateEnd(&u->s);
	free(u);
}

int
unzip_run(struct unzip *u, const unsigned char **in, size_t *inlen,
    unsigned char *out, size_t *outlen, const char **why)
{
	size_t n = *inlen < STEP ? *inlen : STEP;
	size_t size = *outlen < STEP ? *outlen : STEP;
	int rc;

	u->s.next_in = (unsigned char *)(uintptr_t)*in;
	u->s.avail_in = (uInt)n;
	u->s.next_out = out;
	u->s.avail_out = (uInt)size;
	rc = inflate(&u->s, Z_NO_FLUSH);
	*in = u->s.next_in;
	*inlen -= n - u->s.avail_in;
	*outlen = size - u->s.avail_out;
	if (rc == Z_STREAM_END)
		return UNZIP_END;
	if (rc != Z_OK && rc != Z_BUF_ERROR) {
		*why = u->s.msg != NULL ? u->s.msg : zError(rc);
		return UNZIP_BAD;
	}
	return UNZIP_MORE;
}

struct zip {
	z_stream	 s;
};

struct zip *
zip_new(void)
{
	struct zip *z;

	z = xmalloc(sizeof(*z));
	memset(z, 0, sizeof(*z));
	if (deflateInit2(&z->s, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
	    16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		errx(EXIT_DATA, "zlib: out of memory");
	return z;
}

void
zip_run(struct zip *z, const void *in, size_t n, int how,
    unsigned char *buf, size_t size, void (*put)(const void *, size_t))
{
	const unsigned char *p = in;
	size_t k;
	int mode, rc;

	do {
		k = n < STEP ? n : STEP;
		mode = how == ZIP_SYNC ? Z_SYNC_FLUSH : how == ZIP_FINISH &&
		    k == n ? Z_FINISH : Z_NO_FLUSH;
		z->s.next_in = (unsigned char *)(uintptr_t)p;
		z->s.avail_in = (uInt)k;
		do {
			z->s.next_out = buf;
			z->s.avail_out = (uInt)(size < STEP ? size : STEP);
			rc = deflate(&z->s, mode);
			if (rc == Z_STREAM_ERROR)
				errx(EXIT_DATA, "zlib: %s", zError(rc));
			put(buf, (size < STEP ? size : STEP) - z->s.avail_out);
		} while (z->s.avail_out == 0);
		p += k;
		n -= k;
	} while (n > 0);
}

void
zip_free(struct zip *z)
{
	if (z == NULL)
		return;
	deflateEnd(&z->s);
	free(z);
}

#endif
