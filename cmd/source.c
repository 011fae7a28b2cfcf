/*
 * source.c: read one input in chunks of whole records.
 *
 * libcsv reports no positions, so records are found here first: a record
 * ends at a line end ("\n", "\r\n" or "\r") outside double quotes.  In valid
 * CSV a quote toggles quoting exactly where libcsv's strict mode does, so
 * this split agrees with libcsv's; invalid CSV is then reported by libcsv
 * with the record's line.  Knowing each record's bytes and first line gives
 * every message its FILE:LINE, lets -a copy records byte for byte, and
 * lets chunks be scored on other threads, independently.
 *
 * A chunk holds what one read brought, cut after its last whole record; the
 * rest starts the next chunk.  So a slow input (tail -f) yields each record
 * as soon as it is complete, and a fast one yields big chunks.
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define READSZ		((size_t)1 << 20)	/* bytes asked of one read */
#define MAXRECORD	((size_t)1 << 30)	/* a longer record: error */

struct source {
	struct input	*in;
	const char	*name;
	struct buf	 pending;	/* a partial record, for the next chunk */
	unsigned long	 line;		/* line of pending's first byte */
	int		 eof;
	int		 started;	/* a byte order mark was looked for */
	int		 skiplf;	/* the last chunk ended in "\r" */
	/* How far the partial record in pending has been scanned. */
	size_t		 scanned;	/* bytes without a record end */
	int		 quoted;	/* inside quotes after them */
	unsigned long	 qlines;	/* line ends inside quotes in them */
};

struct source *
source_open(struct input *in)
{
	struct source *s;

	s = xmalloc(sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->in = in;
	s->name = input_name(in);
	s->line = 1;
	return s;
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	buf_free(&s->pending);
	free(s);
}

const char *
source_name(const struct source *s)
{
	return s->name;
}

/* Whether b[0..n) is blank: only spaces and tabs, which libcsv skips too. */
static int
blank(const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != ' ' && b[i] != '\t')
			return 0;
	return 1;
}

static void
add_record(struct chunk *c, size_t off, size_t len, unsigned long line)
{
	if (blank(c->in.p + off, len))
		return;
	if (c->nrec == c->reccap) {
		c->reccap = c->reccap == 0 ? 1024 : 2 * c->reccap;
		c->rec = xreallocarray(c->rec, c->reccap, sizeof(*c->rec));
	}
	c->rec[c->nrec].off = off;
	c->rec[c->nrec].len = len;
	c->rec[c->nrec].line = line;
	c->nrec++;
}

/*
 * Where the next byte c is in b[i..len), or len; *at caches the answer
 * between calls, so each byte is searched once, with memchr's speed.
 */
static size_t
next_of(const char *b, size_t i, size_t len, int c, size_t *at)
{
	const char *p;

	if (*at < i || *at == SIZE_MAX) {
		p = memchr(b + i, c, len - i);
		*at = p == NULL ? len : (size_t)(p - b);
	}
	return *at;
}

/*
 * Find the records of c->in.p[0..len): each ends at a line end outside
 * quotes; at end of input the rest is one more.  The first s->scanned bytes
 * are a partial record scanned before.  Returns where the partial record
 * after the last whole one begins, and leaves in s the line it starts on
 * and how far it was scanned.
 */
static size_t
scan(struct source *s, struct chunk *c)
{
	const char *b = c->in.p;
	size_t i, start, len = c->in.len, nq, nn, nr, q0;
	unsigned long ln, rline;
	int q;

	rline = s->line;
	ln = rline + s->qlines;
	q = s->quoted;
	start = 0;
	nq = nn = nr = SIZE_MAX;
	for (i = s->scanned; i < len; i++) {
		/* Jump to the next quote or line end. */
		q0 = next_of(b, i, len, '"', &nq);
		if (q0 > next_of(b, i, len, '\n', &nn))
			q0 = nn;
		if (q0 > next_of(b, i, len, '\r', &nr))
			q0 = nr;
		if ((i = q0) == len)
			break;
		if (b[i] == '"') {
			q = !q;
			continue;
		}
		if (b[i] == '\r' && i + 1 == len && !s->eof && q)
			break;		/* "\r\n" may be split; look again */
		ln++;
		if (q) {
			if (b[i] == '\r' && i + 1 < len && b[i + 1] == '\n')
				i++;
			continue;
		}
		add_record(c, start, i - start, rline);
		if (b[i] == '\r' && i + 1 < len && b[i + 1] == '\n')
			i++;
		s->skiplf = b[i] == '\r' && i + 1 == len;
		start = i + 1;
		rline = ln;
	}
	if (s->eof && start < len) {
		add_record(c, start, len - start, rline);
		i = start = len;
	}
	s->line = rline;
	s->scanned = (i < len ? i : len) - start;
	s->quoted = q;
	s->qlines = ln - rline;
	return start;
}

/*
 * Fill c with the next whole records of s.  Reads once, and more only
 * while no record is complete, so a record is handed on as soon as it has
 * arrived.  Returns SRC_OK (c->nrec > 0), SRC_EOF, or SRC_ERR after a
 * message.
 */
int
source_chunk(struct source *s, struct chunk *c)
{
	struct buf t;
	size_t start;
	ssize_t n;

	c->nrec = 0;
	c->in.len = 0;
	for (;;) {
		if (s->eof && s->pending.len == 0)
			return SRC_EOF;
		if (!s->eof) {
			buf_grow(&s->pending, READSZ);
			n = input_read(s->in, s->pending.p + s->pending.len,
			    READSZ);
			if (n == -1)
				return SRC_ERR;
			if (n == 0)
				s->eof = 1;
			s->pending.len += n;
		}
		if (!s->started && (s->pending.len >= 3 || s->eof)) {
			s->started = 1;
			if (s->pending.len >= 3 &&
			    memcmp(s->pending.p, "\xef\xbb\xbf", 3) == 0) {
				memmove(s->pending.p, s->pending.p + 3,
				    s->pending.len - 3);
				s->pending.len -= 3;
			}
		}
		if (!s->started)
			continue;
		if (s->skiplf && s->pending.len > 0) {
			s->skiplf = 0;	/* the "\n" of a split "\r\n" */
			if (s->pending.p[0] == '\n') {
				memmove(s->pending.p, s->pending.p + 1,
				    s->pending.len - 1);
				s->pending.len--;
			}
		}
		/* The pending bytes become the chunk's; the chunk's buffer
		 * takes the partial record back. */
		t = c->in;
		c->in = s->pending;
		s->pending = t;
		s->pending.len = 0;
		start = scan(s, c);
		buf_add(&s->pending, c->in.p + start, c->in.len - start);
		c->in.len = start;
		if (c->nrec > 0)
			return SRC_OK;
		if (s->pending.len > MAXRECORD) {
			warnx("%s:%lu: record longer than %zu MiB", s->name,
			    s->line, MAXRECORD >> 20);
			return SRC_ERR;
		}
	}
}
