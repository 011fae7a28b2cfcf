/*
 * output.c: where the predictions go: standard output, or with -o a
 * temporary file beside FILE that is renamed over it only when everything
 * succeeded, so a failed or killed cron run leaves the old FILE as it was;
 * with -z compressed with zlib as gzip.  A write error ends the program
 * with status 1 and a message; a closed pipe ends it quietly, as
 * `xgbp ... | head -1` expects.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cmd.h"

#define OUTBUFSZ	(256 * 1024)

static struct {
	int		 fd;
	const char	*name;		/* for messages */
	const char	*final;		/* -o FILE, or NULL */
	char		*tmp;		/* the temporary file beside it */
	int		 gz;
	z_stream	 z;
	unsigned char	*zbuf;
	char		*buf;
	size_t		 len;
} out;

static volatile sig_atomic_t tmp_live;
static char *tmp_path;			/* for the signal handler */

/* On a signal that ends the program, remove the temporary file first. */
static void
on_signal(int sig)
{
	if (tmp_live)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
fail(void)
{
	if (errno == EPIPE)
		exit(EXIT_DATA);
	if (out.final == NULL)
		warn("write error");
	else
		warn("%s: write error", out.name);
	if (out.tmp != NULL) {
		tmp_live = 0;
		unlink(out.tmp);
	}
	exit(EXIT_DATA);
}

static void
write_all(const void *p, size_t n)
{
	const char *s = p;
	ssize_t k;

	while (n > 0) {
		if ((k = write(out.fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			fail();
		}
		s += k;
		n -= (size_t)k;
	}
}

/* Compress the buffered bytes and write them; mode is Z_NO_FLUSH etc. */
static void
deflate_out(int mode)
{
	int rc;

	out.z.next_in = (unsigned char *)out.buf;
	out.z.avail_in = out.len;
	do {
		out.z.next_out = out.zbuf;
		out.z.avail_out = OUTBUFSZ;
		rc = deflate(&out.z, mode);
		if (rc == Z_STREAM_ERROR)
			errx(EXIT_DATA, "%s: zlib: %s", out.name, zError(rc));
		write_all(out.zbuf, OUTBUFSZ - out.z.avail_out);
	} while (out.z.avail_out == 0);
	out.len = 0;
}

/* Create the temporary file for -o FILE in FILE's directory. */
static void
open_tmp(const char *final)
{
	const char *slash;
	size_t dirlen;
	mode_t mask;

	slash = strrchr(final, '/');
	dirlen = slash == NULL ? 0 : (size_t)(slash - final + 1);
	out.tmp = xmalloc(strlen(final) + 16);
	snprintf(out.tmp, strlen(final) + 16, "%.*s.%s.XXXXXX", (int)dirlen,
	    final, final + dirlen);
	if ((out.fd = mkstemp(out.tmp)) == -1)
		err(EXIT_DATA, "%s", final);
	mask = umask(0);
	umask(mask);
	fchmod(out.fd, 0666 & ~mask);
	tmp_path = out.tmp;
	tmp_live = 1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
}

void
out_open(const struct opts *o)
{
	/* Start from nothing: a second run (the fuzzer's) must not inherit
	 * the first's -z or -o. */
	memset(&out, 0, sizeof(out));
	out.buf = xmalloc(OUTBUFSZ);
	out.len = 0;
	out.fd = STDOUT_FILENO;
	out.name = o->output != NULL ? o->output : "<stdout>";
	if (o->output != NULL) {
		out.final = o->output;
		open_tmp(o->output);
	}
	if (o->gzip) {
		out.gz = 1;
		out.zbuf = xmalloc(OUTBUFSZ);
		if (deflateInit2(&out.z, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
		    16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			errx(EXIT_DATA, "zlib: out of memory");
	}
}

/* Write the buffered bytes; with -z, make them decompressible now. */
void
out_flush(void)
{
	if (out.gz)
		deflate_out(Z_SYNC_FLUSH);
	else {
		write_all(out.buf, out.len);
		out.len = 0;
	}
}

void
out_write(const void *p, size_t n)
{
	const char *s = p;
	size_t k;

	while (n > 0) {
		if (out.len == OUTBUFSZ) {
			if (out.gz)
				deflate_out(Z_NO_FLUSH);
			else
				out_flush();
		}
		k = OUTBUFSZ - out.len;
		if (k > n)
			k = n;
		memcpy(out.buf + out.len, s, k);
		out.len += k;
		s += k;
		n -= k;
	}
}

/*
 * Finish the output.  With -o, keep the new file only if ok, renaming it
 * over FILE; otherwise remove it, leaving FILE as it was.
 */
void
out_close(int ok)
{
	if (out.gz) {
		deflate_out(Z_FINISH);
		deflateEnd(&out.z);
	} else
		out_flush();
	if (out.final != NULL) {
		if (ok && (fsync(out.fd) == -1 || close(out.fd) == -1))
			fail();
		tmp_live = 0;
		if (!ok)
			unlink(out.tmp);
		else if (rename(out.tmp, out.final) == -1) {
			warn("%s", out.final);
			unlink(out.tmp);
			exit(EXIT_DATA);
		}
		free(out.tmp);
		out.tmp = NULL;
	}
	free(out.buf);
	free(out.zbuf);
}
