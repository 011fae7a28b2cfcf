/*
 * output.c: where the predictions go: standard output, or -o FILE; with
 * -z compressed as gzip (gzip.c).  A write error ends the program with
 * status 1 and a message; a closed pipe ends it quietly, as
 * `xgbp ... | head -1` expects.
 *
 * -o FILE that is a regular file, or no file yet, is written to a
 * temporary file beside it that is renamed over it only when everything
 * succeeded, so a failed or killed cron run leaves the old FILE as it was.
 * The new file keeps the old one's mode and, where we may, its owner and
 * group.  Symbolic links are followed to the file they name, which is the
 * one replaced, so they stay links.  A file with other hard links is not
 * replaced but copied into at the end, keeping the links; only a failure
 * while copying (a full disk) can then leave it half written.  Anything
 * else (a device, a FIFO, a terminal, /dev/fd/N) cannot be replaced and
 * need not be: it is written directly, as standard output is.
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

#include "cmd.h"

#define OUTBUFSZ	(256 * 1024)
#define MAXLINKS	40	/* symbolic links followed, as Linux does */

static struct {
	int		 fd;
	const char	*name;		/* for messages */
	char		*final;		/* the file to replace, or NULL */
	char		*tmp;		/* the temporary file beside it */
	int		 copyfd;	/* final, to copy into; or -1 */
	int		 gz;
	struct zip	*z;
	unsigned char	*zbuf;
	char		*buf;
	size_t		 len;
} out;

static const char stdout_name[] = "<stdout>";
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
	if (out.name == stdout_name)
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
write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			fail();
		}
		s += k;
		n -= (size_t)k;
	}
}

/* Write compressed bytes to the output. */
static void
put_out(const void *p, size_t n)
{
	write_all(out.fd, p, n);
}

/* Compress the buffered bytes and write them; how is ZIP_NONE etc. */
static void
deflate_out(int how)
{
	zip_run(out.z, out.buf, out.len, how, out.zbuf, OUTBUFSZ, put_out);
	out.len = 0;
}

/* The target of symbolic link path, in a new string; NULL on error. */
static char *
link_target(const char *path)
{
	char *t;
	size_t size;
	ssize_t n;

	/* /proc's links say they are 0 bytes long: grow until it fits. */
	for (size = 256;; size *= 2) {
		t = xmalloc(size);
		if ((n = readlink(path, t, size)) == -1) {
			free(t);
			return NULL;
		}
		if ((size_t)n < size)
			break;
		free(t);
	}
	t[n] = '\0';
	return t;
}

/*
 * The name that path's symbolic links lead to, in a new string: the file
 * to replace for the links to stay links.  A relative link is read from
 * the link's own directory, as the kernel reads it.  The name need not
 * exist: a dangling link names the file to create.  Returns NULL with
 * errno set on error, ELOOP for a chain of more than MAXLINKS.
 */
static char *
resolve(const char *path)
{
	struct stat st;
	const char *slash;
	char *p, *t, *q;
	size_t dirlen;
	int i;

	p = xstrdup(path);
	for (i = 0; i <= MAXLINKS; i++) {
		if (lstat(p, &st) == -1) {
			if (errno == ENOENT)
				return p;
			break;
		}
		if (!S_ISLNK(st.st_mode))
			return p;
		if ((t = link_target(p)) == NULL)
			break;
		slash = strrchr(p, '/');
		if (t[0] == '/' || slash == NULL) {
			free(p);
			p = t;
			continue;
		}
		dirlen = (size_t)(slash - p + 1);
		q = xmalloc(dirlen + strlen(t) + 1);
		memcpy(q, p, dirlen);
		strcpy(q + dirlen, t);
		free(p);
		free(t);
		p = q;
	}
	if (i > MAXLINKS)
		errno = ELOOP;
	free(p);
	return NULL;
}

/*
 * Give the temporary file old's owner, group and mode, as far as we may:
 * only root gives a file away, and only to a group we are in.  The owner
 * goes first, as a change of owner clears the set-ID bits.  When old's
 * group cannot be kept, the file is ours and our group's: what old's
 * group could do, ours may not.
 */
static void
keep_attributes(int fd, const struct stat *old)
{
	mode_t mode;

	mode = old->st_mode & 07777;
	if (fchown(fd, old->st_uid, old->st_gid) == -1 &&
	    fchown(fd, (uid_t)-1, old->st_gid) == -1)
		mode &= ~(mode_t)(S_ISGID | S_IRWXG);
	(void)fchmod(fd, mode);
}

/* Create the temporary file for final, in its directory. */
static void
open_tmp(const char *final)
{
	const char *slash;
	size_t dirlen, n;

	slash = strrchr(final, '/');
	dirlen = slash == NULL ? 0 : (size_t)(slash - final + 1);
	n = strlen(final) + 16;
	out.tmp = xmalloc(n);
	snprintf(out.tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, final,
	    final + dirlen);
	if ((out.fd = mkstemp(out.tmp)) == -1)
		err(EXIT_DATA, "%s", out.name);
	tmp_path = out.tmp;
	tmp_live = 1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
}

/*
 * Set up -o path.  A regular file, or a name with no file yet, gets a
 * temporary file with the mode the file has or a new one would have.  A
 * file with other hard links is opened now too, so that one we may not
 * write stops the run before the work; its temporary file, never renamed,
 * stays private.  Anything else is written directly, as is a regular file
 * that its links do not name (a /proc link to a deleted file).
 */
static void
open_file(const char *path)
{
	struct stat st, fst;
	char *final;
	mode_t mask;

	if (stat(path, &st) == -1) {
		if (errno != ENOENT || (final = resolve(path)) == NULL)
			err(EXIT_DATA, "%s", path);
		out.final = final;
		open_tmp(final);
		mask = umask(0);
		umask(mask);
		(void)fchmod(out.fd, 0666 & ~mask);
		return;
	}
	if (S_ISREG(st.st_mode)) {
		if ((final = resolve(path)) == NULL)
			err(EXIT_DATA, "%s", path);
		if (stat(final, &fst) == 0 && fst.st_dev == st.st_dev &&
		    fst.st_ino == st.st_ino) {
			if (st.st_nlink > 1 &&
			    (out.copyfd = open(final, O_WRONLY)) == -1)
				err(EXIT_DATA, "%s", path);
			out.final = final;
			open_tmp(final);
			if (out.copyfd == -1)
				keep_attributes(out.fd, &st);
			return;
		}
		free(final);
	}
	if ((out.fd = open(path, O_WRONLY | O_NOCTTY |
	    (S_ISREG(st.st_mode) ? O_TRUNC : 0))) == -1)
		err(EXIT_DATA, "%s", path);
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
	out.copyfd = -1;
	out.name = o->output != NULL ? o->output : stdout_name;
	if (o->output != NULL)
		open_file(o->output);
	if (o->gzip) {
		out.gz = 1;
		out.zbuf = xmalloc(OUTBUFSZ);
		out.z = zip_new();
	}
}

/* Write the buffered bytes; with -z, make them decompressible now. */
void
out_flush(void)
{
	if (out.gz)
		deflate_out(ZIP_SYNC);
	else {
		write_all(out.fd, out.buf, out.len);
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
				deflate_out(ZIP_NONE);
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
 * Copy the finished temporary file into the hard-linked file, from the
 * start, and cut it there.  It is touched only now that the run has
 * succeeded.
 */
static void
copy_back(void)
{
	ssize_t n;
	int tmpfd;

	tmpfd = out.fd;
	out.fd = out.copyfd;
	if (lseek(tmpfd, 0, SEEK_SET) == -1 || ftruncate(out.fd, 0) == -1)
		fail();
	while ((n = read(tmpfd, out.buf, OUTBUFSZ)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			fail();
		write_all(out.fd, out.buf, (size_t)n);
	}
	if (fsync(out.fd) == -1 || close(out.fd) == -1)
		fail();
	close(tmpfd);
	tmp_live = 0;
	unlink(out.tmp);
}

/*
 * Finish with the temporary file: if ok, rename it over the file or
 * copy it into the file; otherwise remove it, leaving the file as it was.
 */
static void
finish_tmp(int ok)
{
	if (!ok) {
		tmp_live = 0;
		close(out.fd);
		unlink(out.tmp);
		if (out.copyfd != -1)
			close(out.copyfd);
	} else if (out.copyfd != -1)
		copy_back();
	else {
		if (fsync(out.fd) == -1 || close(out.fd) == -1)
			fail();
		tmp_live = 0;
		if (rename(out.tmp, out.final) == -1) {
			warn("%s", out.name);
			unlink(out.tmp);
			exit(EXIT_DATA);
		}
	}
	free(out.tmp);
	free(out.final);
	out.tmp = out.final = NULL;
}

/* Finish the output; ok says whether the run succeeded. */
void
out_close(int ok)
{
	if (out.gz) {
		deflate_out(ZIP_FINISH);
		zip_free(out.z);
	} else
		out_flush();
	if (out.tmp != NULL)
		finish_tmp(ok);
	else if (out.fd != STDOUT_FILENO && close(out.fd) == -1)
		fail();
	free(out.buf);
	free(out.zbuf);
}
