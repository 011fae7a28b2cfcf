/*
 * score.c: the pipeline.  Each input is read in chunks of whole records
 * (source.c); its first record sets up its table (table.c); every chunk is
 * turned into output text by process(): records split into rows of
 * features (rows.c), rows scored in batches by xgbp_predict(), lines
 * formatted.  Chunks are written in input order, with their diagnostics,
 * and the first failing row stops everything after the rows before it are
 * written, so the output is always a prefix of the right answer.  With
 * -j 1 all of this happens on one thread; otherwise pipe.c runs the same
 * steps on several.
 */
#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

/*
 * For -O jsonl: the member name of each value of a line, "name":, in
 * w->jnames, value k's at w->jname[k] up to w->jname[k + 1]: the outputs,
 * or the class of a decision, then the outputs with --proba.
 */
static void
json_names(struct worker *w)
{
	size_t k, i, n = w->nout;

	if (w->o->decide != DECIDE_NONE)
		n = w->o->proba ? n + 1 : 1;
	output_names(&w->jnames, w->o, w->model);
	w->jname = xreallocarray(NULL, n + 1, sizeof(*w->jname));
	for (k = 0, i = 0; k < n; k++) {
		w->jname[k] = i;
		i += strlen(w->jnames.p + i) + 1;
	}
	w->jname[k] = i;
}

void
worker_init(struct worker *w, const struct opts *o,
    const struct xgbp_model *m)
{
	memset(w, 0, sizeof(*w));
	w->o = o;
	w->model = m;
	w->rows = rowctx_new(o, m);
	w->nf = xgbp_model_nfeatures(m);
	w->nout = xgbp_model_noutputs(m, o->flags);
	/* Wide models and wide explanations score fewer rows at once;
	 * main.c caps both widths. */
	w->batch = BATCH_BYTES / sizeof(float) / (w->nf > w->nout ? w->nf :
	    w->nout > 0 ? w->nout : 1);
	if (w->batch > BATCH)
		w->batch = BATCH;
	if (w->batch == 0)
		w->batch = 1;
	w->x = xreallocarray(NULL, w->batch * (w->nf > 0 ? w->nf : 1),
	    sizeof(float));
	w->y = xreallocarray(NULL, w->batch * w->nout, sizeof(float));
	if (o->base_margin != NULL) {
		w->nbm = xgbp_model_noutputs(m, XGBP_MARGIN);
		w->bm = xreallocarray(NULL, w->batch * w->nbm, sizeof(float));
	}
	xgbp_predict_opts_init(&w->popts);
	w->popts.flags = o->flags;
	w->popts.worksize = xgbp_model_worksize(m, o->flags, 0);
	if (w->popts.worksize > 0)
		w->popts.work = xmalloc(w->popts.worksize);
	if (o->oformat == OUT_JSONL)
		json_names(w);
}

void
worker_free(struct worker *w)
{
	rowctx_free(w->rows);
	free(w->x);
	free(w->y);
	free(w->bm);
	free(w->popts.work);
	buf_free(&w->prefix);
	buf_free(&w->jnames);
	free(w->jname);
}

/* Append value k's member name, "name":, without the NUL that ends it. */
static void
json_name(struct buf *b, const struct worker *w, size_t k)
{
	buf_add(b, w->jnames.p + w->jname[k], w->jname[k + 1] - w->jname[k] -
	    1);
}

/*
 * Append a JSON object for each waiting row to c->out, its predictions
 * already in w->y: the -k members, then each output by name; NaN and
 * infinities, which JSON lacks, are null.
 */
static void
flush_json(struct worker *w, struct chunk *c)
{
	const struct opts *o = w->o;
	size_t r, k, j, p0;
	const float *y;
	float v;
	long cl;
	int values = o->decide == DECIDE_NONE || o->proba;

	for (p0 = 0, r = 0; r < w->n; r++) {
		buf_addc(&c->out, '{');
		if (w->prefixend[r] > p0)
			buf_add(&c->out, w->prefix.p + p0,
			    w->prefixend[r] - p0);
		p0 = w->prefixend[r];
		y = w->y + r * w->nout;
		j = 0;		/* the name of the next value */
		if (o->decide != DECIDE_NONE) {
			json_name(&c->out, w, j++);
			cl = class_of(o, y, w->nout, w->nanrow[r]);
			if (cl < 0)
				buf_adds(&c->out, "null");
			else if (o->labels != NULL)
				json_string(&c->out, o->labels[cl],
				    strlen(o->labels[cl]));
			else
				buf_printf(&c->out, "%ld", cl);
		}
		for (k = 0; k < w->nout && values; k++) {
			if (j > 0)
				buf_addc(&c->out, ',');
			json_name(&c->out, w, j++);
			v = w->nanrow[r] ? NAN : y[k];
			if (isfinite(v))
				put_value(&c->out, o->digits, v);
			else
				buf_adds(&c->out, "null");
		}
		buf_adds(&c->out, "}\n");
	}
	c->nwritten += w->n;
	w->n = 0;
	w->prefix.len = 0;
}

/*
 * Score the waiting rows and append one line for each to c->out: its -a
 * or -k prefix and the delimiter, even when the prefix is empty, then its
 * predictions.
 */
static void
flush(struct worker *w, struct chunk *c, int delim)
{
	struct xgbp_error e;
	size_t r, k, p0;
	const float *y;
	int prefixed = w->o->append || c->table->nkeep > 0;
	int decided = w->o->decide != DECIDE_NONE || w->o->digits > 0;

	if (w->n == 0)
		return;
	w->popts.base_margin = w->bm;
	if (xgbp_predict_with(w->model, &w->popts, w->x, w->n, w->nf, w->y,
	    &e) != XGBP_OK)
		errx(EXIT_DATA, "xgbp_predict_with: %s", e.msg);
	if (w->o->oformat == OUT_JSONL) {
		flush_json(w, c);
		return;
	}
	for (p0 = 0, r = 0; r < w->n; r++) {
		if (w->prefixend[r] > p0)
			buf_add(&c->out, w->prefix.p + p0,
			    w->prefixend[r] - p0);
		if (prefixed)
			buf_addc(&c->out, delim);
		p0 = w->prefixend[r];
		y = w->y + r * w->nout;
		if (decided)
			put_decided(&c->out, w->o, y, w->nout, w->nanrow[r],
			    delim);
		else
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
 * Turn chunk c into its output lines and diagnostics.  A blank line is
 * skipped where it cannot be a row, when rows have more than one field,
 * and in LibSVM input, as XGBoost skips it.
 * Touches nothing but c and w, so chunks can be processed on any thread.
 */
void
process(struct worker *w, struct chunk *c)
{
	const struct table *t = c->table;
	const struct record *rec;
	size_t i, msg0;
	int delim, rc;

	delim = t->odelim;
	c->out.len = c->msg.len = 0;
	c->nrows = c->nwritten = c->nskipped = c->nbad = c->nmissing = 0;
	c->nblank = c->nlead;
	c->failed = 0;
	for (i = 0; i < c->nrec && !c->failed; i++) {
		rec = &c->rec[i];
		if (rec->blank && (t->ncols > 1 || t->delim == DELIM_LIBSVM ||
		    t->keys != NULL)) {
			c->nblank++;
			continue;
		}
		c->nrows++;
		msg0 = c->msg.len;
		w->nanrow[w->n] = 0;
		rc = row_read(w->rows, t, c->in.p, rec, w->x + w->n * w->nf,
		    w->bm != NULL ? w->bm + w->n * w->nbm : NULL, &c->msg,
		    &c->nmissing);
		if (rc != BAD_NONE) {
			if (!bad_row(w, c, msg0))
				continue;
			w->nanrow[w->n] = 1;
		}
		if (w->o->append || t->nkeep > 0)
			row_prefix(w->rows, t, c->in.p, rec, w->o->append,
			    delim, &w->prefix);
		w->prefixend[w->n] = w->prefix.len;
		if (++w->n == w->batch)
			flush(w, c, delim);
	}
	flush(w, c, delim);
}

/* Write a chunk's output, then its diagnostics. */
void
emit(const struct opts *o, const struct chunk *c, struct totals *tot)
{
	const char *p, *e, *end;

	if (c->head.len > 0)
		tot->header_done = 1;
	out_write(c->head.p, c->head.len);
	if (o->line_buffered) {
		/* One write per line, as each row's score is due; no
		 * arithmetic on out.p, NULL until a line is written. */
		p = end = c->out.p;
		if (c->out.len > 0)
			end += c->out.len;
		for (; p < end; p = e) {
			e = memchr(p, '\n', (size_t)(end - p));
			e = e == NULL ? end : e + 1;
			out_write(p, (size_t)(e - p));
			out_flush();
		}
	} else {
		out_write(c->out.p, c->out.len);
		/*
		 * A chunk is what one read brought: writing each at once lets
		 * a pipeline downstream see rows as they arrive.  gzip keeps
		 * its own blocks.
		 */
		if (!o->gzip)
			out_flush();
	}
	if (c->msg.len > 0) {
		out_flush();	/* the rows before a message come first */
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
	tot->nblank += c->nblank;
}

/*
 * Set up the table of an input from the first record of c that is not a
 * blank line, dropping the blank ones before it and that record too when
 * it is a header; the output header line, if due, goes to the chunk's
 * head.  Returns 1 when done, 0 when c holds only blank lines (the next
 * chunk must tell), or -1 after a message.
 */
static int
first_record(struct reader *rd, struct chunk *c)
{
	size_t k, drop;
	int isheader;

	for (k = 0; k < c->nrec && c->rec[k].blank; k++)
		;
	rd->nblank += k;
	if (k == c->nrec)
		return 0;
	rd->table = table_new(rd->o, rd->model, source_name(rd->src),
	    rd->delim, c->in.p, &c->rec[k], &isheader);
	if (rd->table == NULL)
		return -1;
	if (rd->o->oformat == OUT_JSONL &&
	    json_clash(rd->table, rd->o, rd->model) == -1) {
		table_free(rd->table);
		rd->table = NULL;
		return -1;
	}
	/* One output delimiter for every input: -D's, or the first's. */
	if (rd->odelim == 0)
		rd->odelim = rd->o->odelim != 0 ? rd->o->odelim :
		    rd->delim == DELIM_LIBSVM ? ',' : rd->delim;
	rd->table->odelim = rd->odelim;
	rd->tables = xreallocarray(rd->tables, rd->ntables + 1,
	    sizeof(*rd->tables));
	rd->tables[rd->ntables++] = rd->table;
	drop = k + (isheader != 0);
	memmove(c->rec, c->rec + drop, (c->nrec - drop) * sizeof(*c->rec));
	c->nrec -= drop;
	c->nlead = rd->nblank;
	rd->nblank = 0;
	if (rd->o->out_header && !rd->header_done) {
		header_line(&c->head, rd->o, rd->model, rd->table);
		rd->header_done = 1;
	}
	return 1;
}

/*
 * Open the next input, and find its delimiter: -d's (or --libsvm), or
 * told from its first line, which may be LibSVM.  Returns 0, or -1 after
 * a message.
 */
static int
next_input(struct reader *rd)
{
	const struct opts *o = rd->o;
	const char *line;
	size_t len;

	if (o->nrowargs > 0)
		rd->in = input_mem("-r", o->rows.p, o->rows.len);
	else
		rd->in = input_open(o->ninputs == 0 ? NULL :
		    o->inputs[rd->next]);
	rd->next++;
	if (rd->in == NULL)
		return -1;
	/*
	 * A read makes a chunk, a worker's unit: a MiB of rows to predict,
	 * but 64 KiB to explain, which takes a thousand times longer a row,
	 * so that two threads share even a few thousand rows.
	 */
	rd->src = source_open(rd->in, o->flags & (XGBP_CONTRIBS |
	    XGBP_CONTRIBS_APPROX | XGBP_INTERACTIONS) ? (size_t)1 << 16 :
	    (size_t)1 << 20);
	rd->table = NULL;
	rd->delim = o->delim;
	if (o->jsonl) {
		rd->delim = ',';	/* for CSV output, unless -D */
		source_set_quoting(rd->src, 0);
	} else if (rd->delim == 0) {
		if (source_first_line(rd->src, &line, &len) == -1)
			return -1;
		rd->delim = libsvm_detect(line, len) ? DELIM_LIBSVM :
		    detect_delim(rd->model, line, len);
	}
	source_set_delim(rd->src, rd->delim);
	return 0;
}

void
reader_init(struct reader *rd, const struct opts *o,
    const struct xgbp_model *m)
{
	memset(rd, 0, sizeof(*rd));
	rd->o = o;
	rd->model = m;
}

void
reader_free(struct reader *rd)
{
	size_t i;

	source_close(rd->src);
	input_close(rd->in);
	for (i = 0; i < rd->ntables; i++)
		table_free(rd->tables[i]);
	free(rd->tables);
}

/*
 * Fill c with the next chunk of records of the inputs, in order, with its
 * table.  Returns PRODUCE_OK, PRODUCE_END when every input has been read,
 * or PRODUCE_FAIL after a message (or, for a fault of the input's data,
 * with one that reader_free() prints, after the rows, as it closes the
 * input).  Tables live until reader_free(), as chunks of an input may
 * still be in flight when the next input starts.
 */
int
produce(struct reader *rd, struct chunk *c)
{
	const struct opts *o = rd->o;
	int rc;

	c->head.len = 0;
	c->nlead = 0;
	for (;;) {
		if (rd->src == NULL) {
			if (rd->next > 0 && rd->next >= o->ninputs)
				return PRODUCE_END;
			if (next_input(rd) == -1)
				return PRODUCE_FAIL;
		}
		if ((rc = source_chunk(rd->src, c)) == SRC_ERR)
			return PRODUCE_FAIL;
		if (rc == SRC_OK) {
			if (rd->table != NULL)
				break;
			if ((rc = first_record(rd, c)) == -1)
				return PRODUCE_FAIL;
			if (rc == 1)
				break;
			continue;	/* blank lines only, so far */
		}
		if (input_finish(rd->in) == -1)
			return PRODUCE_FAIL;
		source_close(rd->src);
		input_close(rd->in);
		rd->src = NULL;
		rd->in = NULL;
	}
	c->table = rd->table;
	return PRODUCE_OK;
}

void
chunk_free(struct chunk *c)
{
	buf_free(&c->in);
	buf_free(&c->out);
	buf_free(&c->msg);
	buf_free(&c->head);
	free(c->rec);
}

double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Show how far we are, at most four times a second, with --progress. */
void
progress(const struct opts *o, struct totals *tot)
{
	double t;

	if (!o->progress || (t = now()) - tot->shown < 0.25)
		return;
	tot->shown = t;
	fprintf(stderr, "\rxgbp: %llu rows, %.0f rows/s", tot->nrows,
	    (double)tot->nrows / (t - tot->t0));
}

/* The notes at the end of a run: rows not scored, and -v's summary. */
static void
summary(const struct opts *o, const struct totals *tot)
{
	double secs = now() - tot->t0;

	if (o->progress)
		fputs("\r\033[K", stderr);
	if (tot->nskipped > 0)
		warnx("%llu rows skipped", tot->nskipped);
	if (tot->nbad > 0)
		warnx("%llu rows written as nan", tot->nbad);
	if (o->verbose)
		warnx("%llu rows read, %llu written, %llu skipped, %llu "
		    "blank lines skipped, %llu missing values, %.3f s, "
		    "%.0f rows/s", tot->nrows, tot->nwritten, tot->nskipped,
		    tot->nblank, tot->nmissing, secs, secs > 0 ?
		    (double)tot->nrows / secs : 0.0);
}

/* Read, score and write chunk after chunk on this thread alone (-j 1). */
static int
run_serial(const struct opts *o, const struct xgbp_model *m,
    struct totals *tot)
{
	struct reader rd;
	struct worker w;
	struct chunk c;
	int rc, status = EXIT_OK;

	memset(&c, 0, sizeof(c));
	reader_init(&rd, o, m);
	worker_init(&w, o, m);
	while ((rc = produce(&rd, &c)) == PRODUCE_OK) {
		process(&w, &c);
		emit(o, &c, tot);
		if (c.failed) {
			status = EXIT_DATA;
			break;
		}
		progress(o, tot);
	}
	if (rc == PRODUCE_FAIL)
		status = EXIT_DATA;
	worker_free(&w);
	reader_free(&rd);
	chunk_free(&c);
	return status;
}

/*
 * Score every input in turn, stopping at the first row or input that
 * fails.  Returns the exit status.
 */
int
score(const struct opts *o, const struct xgbp_model *m)
{
	struct totals tot;
	struct buf head;
	int status;

	memset(&tot, 0, sizeof(tot));
	tot.t0 = now();
	out_open(o);
	if (o->jobs > 1)
		status = run_threads(o, m, &tot);
	else
		status = run_serial(o, m, &tot);
	if (o->out_header && !tot.header_done && status == EXIT_OK) {
		/* No input had a line: the header all the same. */
		memset(&head, 0, sizeof(head));
		header_line(&head, o, m, NULL);
		out_write(head.p, head.len);
		buf_free(&head);
	}
	out_close(status == EXIT_OK);
	summary(o, &tot);
	return status;
}
