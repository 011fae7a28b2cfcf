/*
 * score.c: the pipeline.  Each input is read in chunks of whole records
 * (source.c); its first record sets up its table (table.c); every chunk is
 * turned into output text by process(): records split into rows of
 * features (rows.c), rows scored in batches by xgbp_predict(), lines
 * formatted.  Chunks are written in input order, with their diagnostics,
 * and the first failing row stops everything after the rows before it are
 * written, so the output is always a prefix of the right answer.
 */
#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

#define BATCH	256		/* rows scored per xgbp_predict() call */

/* What one thread needs to process chunks: scratch, never shared. */
struct worker {
	const struct opts *o;
	const struct xgbp_model *model;
	struct rowctx	*rows;
	size_t		 nf;		/* features per row */
	size_t		 nout;		/* outputs per row */
	float		*x;		/* BATCH rows of nf features */
	float		*y;		/* BATCH rows of nout outputs */
	unsigned char	 nanrow[BATCH];	/* row written as nan */
	struct buf	 prefix;	/* -a record or -k fields of each row */
	size_t		 prefixend[BATCH];
	size_t		 n;		/* rows waiting */
};

/* Totals over the whole run, for -v and the end-of-run notes. */
struct totals {
	size_t		 nrows, nwritten, nskipped, nbad, nmissing;
};

static void
worker_init(struct worker *w, const struct opts *o,
    const struct xgbp_model *m)
{
	memset(w, 0, sizeof(*w));
	w->o = o;
	w->model = m;
	w->rows = rowctx_new(o, m);
	w->nf = xgbp_model_nfeatures(m);
	w->nout = xgbp_model_noutputs(m, o->flags);
	w->x = xreallocarray(NULL, BATCH * (w->nf > 0 ? w->nf : 1),
	    sizeof(float));
	w->y = xreallocarray(NULL, BATCH * w->nout, sizeof(float));
}

static void
worker_free(struct worker *w)
{
	rowctx_free(w->rows);
	free(w->x);
	free(w->y);
	buf_free(&w->prefix);
}

/* Score the waiting rows and append one line for each to c->out. */
static void
flush(struct worker *w, struct chunk *c, int delim)
{
	size_t r, k, p0;
	const float *y;

	if (w->n == 0)
		return;
	if (xgbp_predict(w->model, w->x, w->n, w->nf, w->y, w->o->flags) !=
	    XGBP_OK)
		errx(EXIT_DATA, "xgbp_predict failed");
	for (p0 = 0, r = 0; r < w->n; r++) {
		buf_add(&c->out, w->prefix.p + p0, w->prefixend[r] - p0);
		if (w->prefixend[r] > p0 || w->o->append)
			buf_addc(&c->out, delim);
		p0 = w->prefixend[r];
		y = w->y + r * w->nout;
		for (k = 0; k < w->nout; k++) {
			if (k > 0)
				buf_addc(&c->out, delim);
			buf_addf(&c->out, w->nanrow[r] ? NAN : y[k]);
		}
		buf_addc(&c->out, '\n');
	}
	c->nwritten += w->n;
	w->n = 0;
	w->prefix.len = 0;
}

/*
 * Handle a row that could not be read, by --on-error: fail stops the
 * chunk; skip drops the row; nan writes it with nan predictions.  Returns
 * whether the row is to be written.
 */
static int
bad_row(struct worker *w, struct chunk *c, size_t msg0)
{
	const char *note;

	switch (w->o->on_error) {
	case ON_ERROR_SKIP:
		c->nskipped++;
		note = " (row skipped)";
		break;
	case ON_ERROR_NAN:
		c->nbad++;
		note = " (row written as nan)";
		break;
	default:
		c->failed = 1;
		buf_addc(&c->msg, '\n');
		return 0;
	}
	if (w->o->quiet)
		c->msg.len = msg0;
	else {
		buf_adds(&c->msg, note);
		buf_addc(&c->msg, '\n');
	}
	return w->o->on_error == ON_ERROR_NAN;
}

/*
 * Turn chunk c into its output lines and diagnostics.  Touches nothing but
 * c and w, so chunks can be processed on any thread.
 */
static void
process(struct worker *w, struct chunk *c)
{
	const struct table *t = c->table;
	const struct record *rec;
	size_t i, msg0;
	int delim, rc;

	delim = w->o->odelim != 0 ? w->o->odelim : t->delim;
	c->out.len = c->msg.len = 0;
	c->nwritten = c->nskipped = c->nbad = c->nmissing = 0;
	c->failed = 0;
	c->nrows = c->nrec;
	for (i = 0; i < c->nrec && !c->failed; i++) {
		rec = &c->rec[i];
		if (w->o->append)
			buf_add(&w->prefix, c->in.p + rec->off, rec->len);
		msg0 = c->msg.len;
		w->nanrow[w->n] = 0;
		rc = row_fields(w->rows, t, c->in.p + rec->off, rec->len,
		    rec->line, w->x + w->n * w->nf, &w->prefix, &c->msg,
		    &c->nmissing, delim);
		if (rc != BAD_NONE) {
			if (!bad_row(w, c, msg0)) {
				/* Drop what this row put in the prefix. */
				w->prefix.len = w->n == 0 ? 0 :
				    w->prefixend[w->n - 1];
				continue;
			}
			w->nanrow[w->n] = 1;
		}
		w->prefixend[w->n] = w->prefix.len;
		if (++w->n == BATCH)
			flush(w, c, delim);
	}
	if (c->failed)
		c->nrows = i;
	flush(w, c, delim);
}

/* Write a chunk's output and diagnostics, in that order. */
static void
emit(const struct opts *o, const struct chunk *c, struct totals *tot)
{
	const char *p, *e, *end;

	if (o->line_buffered) {
		/* One write per line, as each row's score is due. */
		for (p = c->out.p, end = p + c->out.len; p < end; p = e) {
			e = memchr(p, '\n', (size_t)(end - p));
			e = e == NULL ? end : e + 1;
			out_write(p, (size_t)(e - p));
			out_flush();
		}
	} else
		out_write(c->out.p, c->out.len);
	if (c->msg.len > 0) {
		if (c->failed)
			out_flush();	/* the rows before come first */
		for (p = c->msg.p, end = p + c->msg.len; p < end; p = e + 1) {
			e = memchr(p, '\n', (size_t)(end - p));
			fprintf(stderr, "xgbp: %.*s\n", (int)(e - p), p);
		}
	}
	tot->nrows += c->nrows;
	tot->nwritten += c->nwritten;
	tot->nskipped += c->nskipped;
	tot->nbad += c->nbad;
	tot->nmissing += c->nmissing;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Set up the table of an input from the first record of its first chunk,
 * dropping that record when it is a header.  Returns NULL after a message.
 */
static struct table *
first_chunk(const struct opts *o, const struct xgbp_model *m,
    struct source *src, struct chunk *c, int *header_done)
{
	struct table *t;
	struct buf b;
	int isheader;

	t = table_new(o, m, source_name(src), c->in.p + c->rec[0].off,
	    c->rec[0].len, c->rec[0].line, &isheader);
	if (t == NULL)
		return NULL;
	if (isheader) {
		memmove(c->rec, c->rec + 1, (c->nrec - 1) * sizeof(*c->rec));
		c->nrec--;
	}
	if (o->out_header && !*header_done) {
		memset(&b, 0, sizeof(b));
		header_line(&b, o, m, t);
		out_write(b.p, b.len);
		buf_free(&b);
		*header_done = 1;
	}
	return t;
}

/* Score one input; returns EXIT_OK or EXIT_DATA. */
static int
score_input(const struct opts *o, const struct xgbp_model *m,
    struct worker *w, struct input *in, struct totals *tot,
    int *header_done, double t0)
{
	struct source *src;
	struct table *t = NULL;
	struct chunk c;
	double last = t0;
	int rc, status = EXIT_OK;

	memset(&c, 0, sizeof(c));
	src = source_open(in);
	for (;;) {
		if ((rc = source_chunk(src, &c)) == SRC_EOF)
			break;
		if (rc == SRC_ERR ||
		    (t == NULL && (t = first_chunk(o, m, src, &c,
		    header_done)) == NULL)) {
			status = EXIT_DATA;
			break;
		}
		c.table = t;
		process(w, &c);
		emit(o, &c, tot);
		if (c.failed) {
			status = EXIT_DATA;
			break;
		}
		if (o->progress && now() - last > 0.25) {
			last = now();
			fprintf(stderr, "\rxgbp: %zu rows, %.0f rows/s",
			    tot->nrows, tot->nrows / (last - t0));
		}
	}
	source_close(src);
	table_free(t);
	buf_free(&c.in);
	buf_free(&c.out);
	buf_free(&c.msg);
	free(c.rec);
	return status;
}

/* The notes at the end of a run: rows not scored, and -v's summary. */
static void
summary(const struct opts *o, const struct totals *tot, double secs)
{
	if (o->progress)
		fputs("\r\033[K", stderr);
	if (tot->nskipped > 0)
		warnx("%zu rows skipped", tot->nskipped);
	if (tot->nbad > 0)
		warnx("%zu rows written as nan", tot->nbad);
	if (o->verbose)
		warnx("%zu rows read, %zu written, %zu skipped, %zu missing "
		    "values, %.3f s, %.0f rows/s", tot->nrows, tot->nwritten,
		    tot->nskipped, tot->nmissing, secs,
		    secs > 0 ? tot->nrows / secs : 0.0);
}

/*
 * Score every input in turn, stopping at the first that fails.  Returns
 * the exit status.
 */
int
score(const struct opts *o, const struct xgbp_model *m)
{
	struct totals tot;
	struct worker w;
	struct input *in;
	double t0;
	int i, status, header_done;

	memset(&tot, 0, sizeof(tot));
	t0 = now();
	out_open(o);
	worker_init(&w, o, m);
	status = EXIT_OK;
	header_done = 0;
	for (i = 0; status == EXIT_OK && (i == 0 || i < o->ninputs); i++) {
		in = input_open(o->ninputs == 0 ? NULL : o->inputs[i]);
		if (in == NULL)
			status = EXIT_DATA;
		else
			status = score_input(o, m, &w, in, &tot,
			    &header_done, t0);
		input_close(in);
	}
	worker_free(&w);
	out_close(status == EXIT_OK);
	summary(o, &tot, now() - t0);
	return status;
}
