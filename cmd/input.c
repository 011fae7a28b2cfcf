/*
 * input.c: read a file or standard input, gzip-compressed or plain, through
 * one path.  We read(2) the descriptor ourselves and inflate (gzip.c) when
 * the data begin with the gzip magic, instead of using gzread(): gzread()
 * waits until its whole request is filled, so `tail -f log.csv | xgbp`
 * would print nothing until 64 KiB had arrived.  Here a read returns
 * whatever has arrived.  Concatenated gzip members are read one after the
 * other, as gzip -d does.  Anything else after a member is an error, but
 * only once every byte inflated before it has been handed over, as gzip -d
 * too writes out all it inflated before it complains.
 *
 * Data in a form we do not read, compressed by another program, zipped, or
 * in UTF-16 or UTF-32, would be read as text and fail later with a
 * puzzling message ("no column for feature ..."); their first bytes, after
 * gzip's, tell them, and the message says how to convert them.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define INBUFSZ	(64 * 1024)
#define HEADSZ	16		/* bytes that tell a form we do not read */

struct input {
	int		 fd;		/* -1 for rows in memory */
	const char	*mem;		/* -r's rows, read from memory */
	size_t		 memlen;	/* how many of them are left */
	const char	*name;
	int		 gz;		/* inflating */
	int		 started;	/* format decided */
	int		 eof;		/* no more bytes from fd */
	int		 end;		/* gzip: last member ended */
	int		 garbage;	/* gzip: bytes of no member came after */
	int		 due;		/* input_close() reports the garbage */
	int		 failed;	/* why holds the fault, for input_close() */
	char		 why[160];	/* the fault that ends the data */
	struct unzip	*z;
	unsigned char	*in;		/* raw bytes read */
	const unsigned char *next;	/* the first of them not used */
	size_t		 inlen;		/* raw bytes available at next */
	unsigned char	 head[HEADSZ];	/* the first bytes, decoded */
	size_t		 headlen;
	size_t		 headoff;	/* how many of them were read */
};

struct input *
input_open(const char *path)
{
	struct input *in;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		path = "<stdin>";
	} else if ((fd = open(path, O_RDONLY)) == -1) {
		warn("%s", path);
		return NULL;
	}
	in = xmalloc(sizeof(*in));
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->name = path;
	in->in = xmalloc(INBUFSZ);
	return in;
}

/*
 * An input of the bytes mem[0..len), not copied, which must outlive it:
 * the rows of -r, called name in messages.  It is read as a file is.
 */
struct input *
input_mem(const char *name, const char *mem, size_t len)
{
	struct input *in;

	in = xmalloc(sizeof(*in));
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->name = name;
	in->mem = mem;
	in->memlen = len;
	in->in = xmalloc(INBUFSZ);
	return in;
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

/*
 * Close in, NULL being a no-op.  Returns 0, or -1 after reporting the
 * fault that ended its data, or the trailing garbage input_finish() found.
 * Faults wait until here so that, with -j, they come after the rows
 * before them, which the writer may still be writing when the reader
 * finds them.
 */
int
input_close(struct input *in)
{
	int rc = 0;

	if (in == NULL)
		return 0;
	if (in->failed) {
		warnx("%s: %s", in->name, in->why);
		rc = -1;
	} else if (in->due) {
		warnx("%s: trailing garbage after compressed data", in->name);
		rc = -1;
	}
	unzip_free(in->z);
	if (in->fd != STDIN_FILENO && in->fd != -1)
		close(in->fd);
	free(in->in);
	free(in);
	return rc;
}

/*
 * Note the fault that ends the data of in, the first one only.  Bytes
 * decoded before it are handed over first; then input_read() returns -1,
 * and input_close() prints it.  Returns -1.
 */
static int
fail(struct input *in, const char *fmt, ...)
{
	va_list ap;

	if (in->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(in->why, sizeof(in->why), fmt, ap);
	va_end(ap);
	in->failed = 1;
	return -1;
}

/*
 * read(2) of in's descriptor, or a copy of its bytes in memory (-r's
 * rows: poll(2) ignores its descriptor, -1, so they come in one read).
 * read(2) is the one place where pipe.c's reader thread may be cancelled:
 * it runs with cancellation disabled, so that a cancel never lands in
 * the middle of freeing a source or closing an input (close(2) is a
 * cancellation point too), but a read that waits for ever, on tail -f,
 * must end when the writer has given up.
 */
static ssize_t
read_cancel(struct input *in, void *buf, size_t n)
{
	ssize_t k;
	int old;

	if (in->fd == -1) {
		k = in->memlen < n ? in->memlen : n;
		memcpy(buf, in->mem, k);
		in->mem += k;
		in->memlen -= k;
		return k;
	}
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	k = read(in->fd, buf, n);
	pthread_setcancelstate(old, NULL);
	return k;
}

/* Read more raw bytes after those still unused; 0 at end of file. */
static ssize_t
fill(struct input *in)
{
	ssize_t n;

	if (in->failed)
		return -1;
	if (in->eof)
		return 0;
	if (in->inlen != 0 && in->next != in->in)
		memmove(in->in, in->next, in->inlen);
	in->next = in->in;
	do
		n = read_cancel(in, in->in + in->inlen,
		    INBUFSZ - in->inlen);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return fail(in, "%s", strerror(errno));
	if (n == 0)
		in->eof = 1;
	in->inlen += n;
	return n;
}

/*
 * Decide from the first two bytes whether to inflate: the gzip magic
 * 1f 8b, or anything else taken as it is.
 */
static void
start(struct input *in)
{
	while (in->inlen < 2 && fill(in) > 0)
		;
	in->started = 1;
	if (in->inlen >= 2 && in->in[0] == 0x1f && in->in[1] == 0x8b) {
		in->z = unzip_new();
		in->gz = 1;
	}
}

/*
 * After the end of a gzip member: another member may follow, as in files
 * made with cat a.gz b.gz.  Anything else ends the data, and is noted for
 * input_finish(): the bytes inflated so far are all good.
 */
static void
next_member(struct input *in)
{
	while (in->inlen < 2 && !in->eof)
		if (fill(in) == -1)
			return;
	if (in->inlen == 0)
		in->end = 1;
	else if (in->inlen < 2 || in->next[0] != 0x1f || in->next[1] != 0x8b)
		in->end = in->garbage = 1;
	else
		unzip_next(in->z);
}

/*
 * Inflate into buf: at least one byte, or 0 at the end of the data, or -1
 * at a fault.  What was inflated before a fault is returned first, as
 * gzip -d writes it out: a corrupt block or a bad check value at the end
 * of a member loses no row before it.
 */
static ssize_t
inflate_some(struct input *in, unsigned char *buf, size_t size)
{
	const char *why;
	size_t made, before;
	int rc;

	for (;;) {
		if (in->failed)
			return -1;
		if (in->end)
			return 0;
		if (in->inlen == 0 && fill(in) == -1)
			return -1;
		/* Even with no input left: igzip may hold output still. */
		before = in->inlen;
		made = size;
		rc = unzip_run(in->z, &in->next, &in->inlen, buf, &made, &why);
		if (rc == UNZIP_END)
			next_member(in);
		else if (rc == UNZIP_BAD)
			fail(in, "invalid compressed data: %s", why);
		else if (made == 0 && in->inlen == before && in->eof)
			fail(in, "unexpected end of compressed data");
		else if (made == 0 && in->inlen == before && fill(in) == -1)
			return -1;
		if (made > 0)
			return made;
	}
}

/*
 * Read into buf what has arrived, up to n bytes, reading on while more is
 * ready at once: a pipe hands over 64 KiB a read, and chunks of a few
 * records cost the threads a handover each; but a slow input (tail -f)
 * still gets each record through as soon as it is complete.
 */
static ssize_t
read_ready(struct input *in, unsigned char *buf, size_t n)
{
	struct pollfd p;
	size_t k = 0;
	ssize_t r;

	p.fd = in->fd;
	p.events = POLLIN;
	while (k < n && !in->eof) {
		if (k > 0 && poll(&p, 1, 0) != 1)
			break;
		do
			r = read_cancel(in, buf + k, n - k);
		while (r == -1 && errno == EINTR);
		if (r == -1) {
			if (k > 0)
				break;	/* this read's error comes next */
			return fail(in, "%s", strerror(errno));
		}
		if (r == 0)
			in->eof = 1;
		k += (size_t)r;
	}
	return (ssize_t)k;
}

/* Read plain bytes into buf, those read already first; as input_read(). */
static ssize_t
read_plain(struct input *in, unsigned char *buf, size_t n)
{
	size_t k;

	if (in->inlen == 0 && n >= INBUFSZ)
		return read_ready(in, buf, n);
	if (in->inlen == 0 && fill(in) == -1)
		return -1;
	k = in->inlen < n ? in->inlen : n;
	memcpy(buf, in->next, k);
	in->next += k;
	in->inlen -= k;
	return k;
}

/* Whether bytes can be read from in at once, without waiting. */
static int
ready(struct input *in)
{
	struct pollfd p;

	if (in->eof)
		return 0;
	p.fd = in->fd;
	p.events = POLLIN;
	return poll(&p, 1, 0) == 1;
}

/*
 * Inflate into buf while the compressed bytes are at hand, as read_ready()
 * reads plain ones: one call of the inflater makes a few hundred KiB, and
 * a chunk that small would cost the threads a handover each.
 */
static ssize_t
inflate_ready(struct input *in, unsigned char *buf, size_t n)
{
	size_t k = 0;
	ssize_t r;

	do {
		r = inflate_some(in, buf + k, n - k);
		if (r <= 0)
			return k > 0 ? (ssize_t)k : r;	/* the fault next */
		k += (size_t)r;
	} while (k < n && !in->end && (in->inlen > 0 || ready(in)));
	return (ssize_t)k;
}

/* Read the data, inflated or plain, into buf; as input_read(). */
static ssize_t
decode(struct input *in, unsigned char *buf, size_t n)
{
	return in->gz ? inflate_ready(in, buf, n) : read_plain(in, buf, n);
}

enum { FORM_TEXT = -1, FORM_MORE = -2 };

/*
 * Forms of data we do not read, by their first bytes: the magic numbers
 * of xz-utils doc/xz-file-format.txt, bzip2's (a '?' here stands for its
 * block size, '1' to '9', which a block's magic or the end's follows),
 * RFC 8878's for zstd, PKWARE APPNOTE.TXT's local file header; byte order
 * marks.  A longer magic comes before a shorter one it begins with.
 */
static const struct form {
	const char	*magic;
	size_t		 len;
	const char	*what;
} forms[] = {
#define LATER	"which xgbp does not read: "
	{ "\xfd" "7zXZ\0", 6,
	    "compressed with xz, " LATER "decompress it first (xz -dc)" },
	{ "BZh?1AY&SY", 10,
	    "compressed with bzip2, " LATER "decompress it first (bzip2 -dc)" },
	{ "BZh?\x17\x72\x45\x38\x50\x90", 10,
	    "compressed with bzip2, " LATER "decompress it first (bzip2 -dc)" },
	{ "\x28\xb5\x2f\xfd", 4,
	    "compressed with zstd, " LATER "decompress it first (zstd -dc)" },
	{ "PK\3\4", 4,
	    "a zip archive, " LATER "extract its file first (unzip -p)" },
#undef LATER
#define UTF(f)	f " text: convert it to UTF-8 first (iconv -f " f " -t UTF-8)"
	{ "\xff\xfe\0\0", 4, UTF("UTF-32") },
	{ "\0\0\xfe\xff", 4, UTF("UTF-32") },
	{ "\xff\xfe", 2, UTF("UTF-16") },
	{ "\xfe\xff", 2, UTF("UTF-16") },
	{ NULL, 0, UTF("UTF-16LE") },	/* no byte order mark: utf16() */
	{ NULL, 0, UTF("UTF-16BE") }
#undef UTF
};
enum { FORM_UTF16LE = sizeof(forms) / sizeof(forms[0]) - 2, FORM_UTF16BE };

/* Whether c is a character of ordinary text in ASCII. */
static int
text(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
}

/*
 * UTF-16 with no byte order mark, told by a NUL as every other byte, which
 * text in ASCII or UTF-8 never has, so that no such text, not even a column
 * of one-digit numbers, is taken for it.  The other bytes must be ASCII
 * text, HEADSZ bytes of them or all the data when shorter, two characters
 * at least, so that binary data with a NUL or two are not either.  Returns
 * FORM_UTF16LE, FORM_UTF16BE, FORM_TEXT, or FORM_MORE when more bytes
 * could tell.
 */
static int
utf16(const unsigned char *b, size_t n, int eof)
{
	size_t i, z;

	if (n < 2)
		return eof ? FORM_TEXT : FORM_MORE;
	if (b[0] == '\0')
		z = 0;		/* big-endian: ASCII's high byte first */
	else if (b[1] == '\0')
		z = 1;
	else
		return FORM_TEXT;
	for (i = 0; i < n; i++)
		if (i % 2 == z ? b[i] != '\0' : !text(b[i]))
			return FORM_TEXT;
	if (n < HEADSZ && !eof)
		return FORM_MORE;
	if (n < 4 || n % 2 != 0)
		return FORM_TEXT;
	return z == 0 ? FORM_UTF16BE : FORM_UTF16LE;
}

/*
 * Which of forms[] the data that begin with b[0..n) are in: its index,
 * FORM_TEXT for none, or FORM_MORE when more bytes could tell; eof says no
 * more will come.  Never FORM_MORE for HEADSZ bytes.
 */
static int
form(const unsigned char *b, size_t n, int eof)
{
	const struct form *f;
	size_t i, m;
	int more = 0;

	for (f = forms; f->magic != NULL; f++) {
		m = f->len < n ? f->len : n;
		for (i = 0; i < m; i++)
			if ((unsigned char)f->magic[i] != b[i] &&
			    (f->magic[i] != '?' || b[i] < '1' || b[i] > '9'))
				break;
		if (i < m)
			continue;
		if (m < f->len) {
			more |= !eof;
			continue;
		}
		return more ? FORM_MORE : (int)(f - forms);
	}
	return more ? FORM_MORE : utf16(b, n, eof);
}

/*
 * Decode the first bytes of the data into in->head, as many as it takes to
 * tell whether they are in a form we do not read; if so, that is the fault
 * that ends them, before a byte is handed over.  As none of the magic
 * numbers holds a line end, a first line that has arrived is never kept
 * waiting for more bytes.
 */
static void
sniff(struct input *in)
{
	ssize_t r;
	int f, eof = 0;

	while ((f = form(in->head, in->headlen, eof)) == FORM_MORE) {
		r = decode(in, in->head + in->headlen, HEADSZ - in->headlen);
		if (r > 0)
			in->headlen += r;
		else
			eof = 1;
	}
	if (f != FORM_TEXT) {
		in->headlen = 0;
		fail(in, "%s", forms[f].what);
	}
}

/*
 * Read up to n bytes into buf: as soon as any have arrived, not only when
 * n have.  Returns the count, 0 at the end, -1 at a fault, which
 * input_close() reports.
 */
ssize_t
input_read(struct input *in, void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t k;

	if (!in->started) {
		start(in);
		sniff(in);
	}
	if (in->headoff < in->headlen) {
		k = in->headlen - in->headoff < n ? in->headlen - in->headoff :
		    n;
		memcpy(p, in->head + in->headoff, k);
		in->headoff += k;
		/* Plain bytes read with them follow at once, not a read later. */
		if (!in->gz && k < n && in->inlen > 0)
			k += read_plain(in, p + k, n - k);
		return k;
	}
	if (in->failed)
		return -1;
	return decode(in, p, n);
}

/*
 * Whether the data of in, read to their end (input_read() returned 0), were
 * all good: -1 when bytes that are no gzip member followed the last member.
 * The message waits for input_close(), so that a program that reads ahead
 * of what it writes can write every row of those data first.  Returns 0 or
 * -1.
 */
int
input_finish(struct input *in)
{
	in->due = in->garbage;
	return in->due ? -1 : 0;
}

/*
 * Read the whole of path (decompressed when it is gzip) into a new buffer;
 * *buf gets one spare byte beyond *len.  Returns 0, or -1 after printing a
 * message.
 */
int
read_file(const char *path, unsigned char **buf, size_t *len)
{
	struct input *in;
	struct stat st;
	unsigned char *b;
	size_t cap, n;
	ssize_t k;

	if ((in = input_open(path)) == NULL)
		return -1;
	/*
	 * A regular file's size saves growing the buffer, and copying it,
	 * as it is read (it only grows on for gzip, or a growing file).
	 */
	cap = INBUFSZ;
	if (fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 4)
		cap += (size_t)st.st_size;
	b = xmalloc(cap);
	n = 0;
	for (;;) {
		if (cap - n < INBUFSZ / 2) {
			/* A 32-bit size_t must not wrap (a 4 GiB model). */
			if (cap > SIZE_MAX / 2) {
				warnx("%s: too large to read into memory",
				    input_name(in));
				input_close(in);
				free(b);
				return -1;
			}
			cap *= 2;
			b = xreallocarray(b, cap, 1);
		}
		if ((k = input_read(in, b + n, cap - n - 1)) <= 0)
			break;
		n += k;
	}
	if (k == 0)
		k = input_finish(in);
	input_close(in);
	if (k == -1) {
		free(b);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}
