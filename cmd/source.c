/*
 * source.c: read one input in chunks of whole records.
 *
 * Records are found here, before any field is split, by the dialect the
 * man page's INPUT FORMAT states: a record ends at a line end ("\n",
 * "\r\n" or "\r") outside a quoted field; a field is quoted when its first
 * byte is '"', and a quote anywhere else is an ordinary character, so
 * finding quoted fields needs the delimiter.  LibSVM records have no
 * quoting: each ends at the next line end.  Knowing each record's bytes
 * and first line gives every message its FILE:LINE, lets -a copy records
 * byte for byte, and lets chunks be scored on other threads,
 * independently.
 *
 * A quoted field still open at the end of the input (or after MAXRECORD
 * bytes) would swallow every record after its opening quote.  Instead its
 * record ends at the first line end after that quote, where rows.c finds
 * it malformed, and reading goes on after that line end.
 *
 * JSON Lines input has no quoted fields: a '"' there is JSON's, and JSON
 * forbids a raw line end inside a string, so source_set_quoting() turns
 * quotes off and every line end ends a record.
 *
 * A chunk holds what one read brought, cut after its last whole record; the
 * rest starts the next chunk.  So a slow input (tail -f) yields each record
 * as soon as it is complete, and a fast one yields big chunks.
 */
#include <err.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define MAXRECORD	((size_t)1 << 30)	/* a longer record: error */

struct source {
	struct input	*in;
	const char	*name;
	int		 delim;		/* 0 until source_set_delim() */
	int		 noquote;	/* a '"' is an ordinary byte */
	struct buf	 pending;	/* a partial record, for the next chunk */
	unsigned long	 line;		/* line of pending's first byte */
	size_t		 readsz;	/* bytes asked of one read */
	int		 eof;
	int		 started;	/* a byte order mark was looked for */
	int		 skiplf;	/* the last chunk ended in "\r" */
	int		 unscanned;	/* source_first_line() read ahead */
	/* How far the partial record in pending has been scanned. */
	size_t		 scanned;	/* bytes without a record end */
	int		 quoted;	/* inside a quoted field after them */
	int		 hasquote;	/* a quoted field began in them */
	size_t		 qopen;		/* where the open one began */
	unsigned long	 qlines;	/* line ends inside quotes in them */
};

struct source *
source_open(struct input *in, size_t readsz)
{
	struct source *s;

	s = xmalloc(sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->in = in;
	s->readsz = readsz;
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

void
source_set_delim(struct source *s, int delim)
{
	s->delim = delim;
}

/* Whether a field may be quoted (the default), or '"' is plain. */
void
source_set_quoting(struct source *s, int on)
{
	s->noquote = !on;
}

/*
 * Whether b[0..n) is a blank line: nothing, or only spaces, and tabs
 * unless the tab is the delimiter.
 */
static int
blank(const char *b, size_t n, int delim)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != ' ' && (b[i] != '\t' || delim == '\t'))
			return 0;
	return 1;
}

static void
add_record(struct chunk *c, size_t off, size_t len, unsigned long line,
    int quoted, int delim)
{
	struct record *r;

	if (c->nrec == c->reccap) {
		c->reccap = c->reccap == 0 ? 1024 : 2 * c->reccap;
		c->rec = xreallocarray(c->rec, c->reccap, sizeof(*c->rec));
	}
	r = &c->rec[c->nrec++];
	r->off = off;
	r->len = len;
	r->line = line;
	r->quoted = quoted != 0;
	r->blank = !quoted && blank(c->in.p + off, len, delim);
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

/* The number of line ends in b[0..n), "\r\n" counting one. */
static unsigned long
count_lines(const char *b, size_t n)
{
	unsigned long k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == n ||
		    b[i + 1] != '\n')))
			k++;
	return k;
}

/*
 * The record starting at c->in.p[start] has a quoted field opened at qopen
 * that never closes: end the record at the first line end after qopen (or
 * at len), add it, and return where the next record begins; *line becomes
 * that record's line.
 */
static size_t
cut_open_quote(struct source *s, struct chunk *c, size_t start, size_t qopen,
    size_t len, unsigned long *line)
{
	const char *b = c->in.p;
	size_t e, next;

	for (e = qopen; e < len && b[e] != '\n' && b[e] != '\r'; e++)
		;
	add_record(c, start, e - start, *line, 1, s->delim);
	next = e;
	if (e < len)
		next = b[e] == '\r' && e + 1 < len && b[e + 1] == '\n' ?
		    e + 2 : e + 1;
	s->skiplf = e + 1 == len && b[e] == '\r';
	*line += count_lines(b + start, next - start);
	return next;
}

/*
 * Find the records of c->in.p[0..len): each ends at a line end outside
 * quoted fields; at end of input the rest is one more.  The first
 * s->scanned bytes are a partial record scanned before.  Returns where the
 * partial record after the last whole one begins, and leaves in s the line
 * it starts on and how far it was scanned.
 */
static size_t
scan(struct source *s, struct chunk *c)
{
	const char *b = c->in.p;
	size_t i, start, len = c->in.len, nq, nn, nr, q0, qopen;
	unsigned long ln, rline;
	int q, hasq, d = s->delim;

	/*
	 * Every byte may end a line: refuse before a line number wraps, as
	 * it would after 2^32 lines where unsigned long has 32 bits.
	 */
	if (len > ULONG_MAX - s->line - s->qlines)
		errx(EXIT_DATA, "%s: more than %lu lines", s->name,
		    ULONG_MAX - len);
	rline = s->line;
	ln = rline + s->qlines;
	q = s->quoted;
	hasq = s->hasquote;
	qopen = s->qopen;
	start = 0;
	nn = nr = SIZE_MAX;
	/* LibSVM and JSON Lines: next_of() finds no quote, ever. */
	nq = d == DELIM_LIBSVM || s->noquote ? len : SIZE_MAX;
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
			if (!q) {
				/* Only a field's first byte opens quotes. */
				if (i == start || b[i - 1] == d) {
					q = hasq = 1;
					qopen = i;
				}
				continue;
			}
			if (i + 1 == len && !s->eof)
				break;		/* "" may be split; look again */
			if (i + 1 < len && b[i + 1] == '"')
				i++;		/* a doubled quote */
			else
				q = 0;
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
		add_record(c, start, i - start, rline, hasq, d);
		if (b[i] == '\r' && i + 1 < len && b[i + 1] == '\n')
			i++;
		s->skiplf = b[i] == '\r' && i + 1 == len;
		start = i + 1;
		rline = ln;
		hasq = 0;
	}
	if (s->eof && start < len && q) {
		/* The last quoted field never closed: cut its record short
		 * and read what follows afresh. */
		s->line = rline;
		start = cut_open_quote(s, c, start, qopen, len, &s->line);
		s->scanned = 0;
		s->quoted = s->hasquote = 0;
		s->qlines = 0;
		return start;
	}
	if (s->eof && start < len) {
		add_record(c, start, len - start, rline, hasq, d);
		i = start = len;
	}
	s->line = rline;
	s->scanned = (i < len ? i : len) - start;
	s->quoted = q;
	s->hasquote = hasq;
	s->qopen = qopen - start;
	s->qlines = ln - rline;
	return start;
}

/*
 * Drop a UTF-8 byte order mark at the start of the input; a "\n" that
 * completes a "\r\n" cut between chunks.  Returns 0 until the input's
 * first three bytes have arrived.
 */
static int
prepare(struct source *s)
{
	struct buf *p = &s->pending;

	if (!s->started && (p->len >= 3 || s->eof)) {
		s->started = 1;
		if (p->len >= 3 && memcmp(p->p, "\xef\xbb\xbf", 3) == 0) {
			memmove(p->p, p->p + 3, p->len - 3);
			p->len -= 3;
		}
	}
	if (!s->started)
		return 0;
	if (s->skiplf && p->len > 0) {
		s->skiplf = 0;	/* the "\n" of a split "\r\n" */
		if (p->p[0] == '\n') {
			memmove(p->p, p->p + 1, p->len - 1);
			p->len--;
		}
	}
	return 1;
}

/* Read once more into pending.  Returns 0, or -1 at a fault of the input. */
static int
fill(struct source *s)
{
	ssize_t n;

	buf_grow(&s->pending, s->readsz);
	n = input_read(s->in, s->pending.p + s->pending.len, s->readsz);
	if (n == -1)
		return -1;
	if (n == 0)
		s->eof = 1;
	s->pending.len += n;
	return 0;
}

/*
 * The first line of the input that holds more than spaces, for telling
 * the delimiter: reads until it is complete.  Returns 0 and sets *line and
 * *len (0 for an input of blank lines), or -1 at a fault of the input.
 */
int
source_first_line(struct source *s, const char **line, size_t *len)
{
	const char *p, *e, *end;

	for (;;) {
		if (prepare(s)) {
			p = s->pending.p;
			end = p + s->pending.len;
			for (; p < end; p = e + 1) {
				for (e = p; e < end && *e != '\n' &&
				    *e != '\r'; e++)
					;
				if (e == end && !s->eof)
					break;	/* not complete yet */
				if (!blank(p, (size_t)(e - p), 0)) {
					*line = p;
					*len = (size_t)(e - p);
					return 0;
				}
			}
			if (p >= end && s->eof) {
				*line = s->pending.p;
				*len = 0;
				return 0;
			}
		}
		if (s->eof || s->pending.len > MAXRECORD) {
			*line = s->pending.p;
			*len = 0;
			return 0;
		}
		if (fill(s) == -1)
			return -1;
		s->unscanned = 1;
	}
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

	c->nrec = 0;
	c->in.len = 0;
	for (;;) {
		if (s->eof && s->pending.len == 0)
			return SRC_EOF;
		if (!s->eof && !s->unscanned && fill(s) == -1)
			return SRC_ERR;
		s->unscanned = 0;
		if (!prepare(s))
			continue;
		/* The pending bytes become the chunk's; the chunk's buffer
		 * takes the partial record back. */
		t = c->in;
		c->in = s->pending;
		s->pending = t;
		s->pending.len = 0;
		start = scan(s, c);
		if (c->nrec == 0 && c->in.len - start > MAXRECORD &&
		    s->quoted) {
			/* Too long to be a record: an open quote. */
			start = cut_open_quote(s, c, start, start + s->qopen,
			    c->in.len, &s->line);
			s->scanned = 0;
			s->quoted = s->hasquote = 0;
			s->qlines = 0;
		}
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
