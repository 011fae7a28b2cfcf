/*
 * decide.c: what a row's line says when a decision is asked for instead
 * of scores: --threshold T turns the one output of a model into 0 or 1
 * (1 when it is greater than T, both floats); --labels names the class, the index of
 * multi:softmax or the arg-max of multi:softprob, or the 0 and 1 of
 * --threshold; --proba writes the scores after the decision; --digits N
 * writes N significant digits instead of the shortest exact text.
 */
#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/*
 * --labels-file FILE: one label a line, without its line end (LF or
 * CRLF); the last line needs no line end; a UTF-8 byte order mark before
 * the first is no part of it.
 */
void
read_labels(struct opts *o, const char *path)
{
	unsigned char *buf;
	const char *p, *e, *end;
	size_t len, n;

	if (read_file(path, &buf, &len) == -1)
		exit(EXIT_USAGE);
	o->labels = xmalloc(sizeof(*o->labels));
	o->nlabels = 0;
	p = (const char *)buf;
	end = p + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (memchr(p, '\0', n) != NULL)
			errx(EXIT_USAGE, "%s: a label holds a NUL byte", path);
		o->labels = xreallocarray(o->labels, o->nlabels + 1,
		    sizeof(*o->labels));
		o->labels[o->nlabels] = xmalloc(n + 1);
		memcpy(o->labels[o->nlabels], p, n);
		o->labels[o->nlabels++][n] = '\0';
	}
	free(buf);
	if (o->nlabels == 0)
		errx(EXIT_USAGE, "%s: no labels", path);
}

/*
 * Check what was asked against the model m, and settle o->decide, or exit
 * with status 2.
 */
void
decide_check(struct opts *o, const struct xgbp_model *m)
{
	struct xgbp_info info;
	size_t n, want;
	int kind;

	if (o->digits > 0 && (o->flags & XGBP_LEAF))
		errx(EXIT_USAGE, "--digits: leaves are numbered, not measured");
	if (!o->thresholded && o->labels == NULL) {
		if (o->proba)
			errx(EXIT_USAGE, "--proba: needs --labels or "
			    "--threshold");
		o->decide = DECIDE_NONE;
		return;
	}
	if (o->flags & (XGBP_LEAF | XGBP_CONTRIBS | XGBP_CONTRIBS_APPROX |
	    XGBP_INTERACTIONS))
		errx(EXIT_USAGE, "--%s: decides on predictions or margins, "
		    "not on %s", o->thresholded ? "threshold" : "labels",
		    o->flags & XGBP_LEAF ? "leaves" : "explanations");
	info.size = sizeof(info);
	xgbp_model_info(m, &info);
	n = xgbp_model_noutputs(m, o->flags);
	if (o->thresholded) {
		if (n != 1)
			errx(EXIT_USAGE, "--threshold: %s has %zu outputs, not "
			    "one", o->model, n);
		kind = DECIDE_THRESHOLD;
		want = 2;
	} else if (o->flags & XGBP_MARGIN) {
		errx(EXIT_USAGE, "--labels: names the classes of predictions, "
		    "not margins (or use --threshold)");
	} else if (strcmp(info.objective, "multi:softmax") == 0) {
		kind = DECIDE_INDEX;
		want = info.nclasses;
	} else if (strcmp(info.objective, "multi:softprob") == 0) {
		kind = DECIDE_ARGMAX;
		want = n;
	} else
		errx(EXIT_USAGE, "--labels: %s is %s, not a multi-class model "
		    "(give --threshold for a binary one)", o->model,
		    info.objective);
	if (o->labels != NULL && o->nlabels != want)
		errx(EXIT_USAGE, "%s: %zu labels for %zu classes",
		    o->labelsrc, o->nlabels, want);
	o->decide = kind;
}

/* Append one value: shortest exact text, or --digits significant ones. */
void
put_value(struct buf *b, int digits, float v)
{
	if (digits == 0 || isnan(v) || isinf(v))
		buf_addf(b, isnan(v) ? NAN : v);
	else
		buf_printf(b, "%.*g", digits, (double)v);
}

/*
 * The class of a row's outputs y[0..n): for --threshold, 1 when y[0] is
 * greater than T; for multi:softmax, its index; for multi:softprob, the
 * first largest as numpy.argmax takes it (the first NaN, if any).
 * Returns -1 for a row written as nan (nanrow), a NaN threshold output or
 * an index out of range.
 */
long
class_of(const struct opts *o, const float *y, size_t n, int nanrow)
{
	size_t k, best;

	if (nanrow)
		return -1;
	switch (o->decide) {
	case DECIDE_THRESHOLD:
		if (isnan(y[0]))
			return -1;
		return y[0] > o->threshold;
	case DECIDE_INDEX:
		if (!(y[0] >= 0) || y[0] >= (float)o->nlabels)
			return -1;
		return (long)y[0];
	default:
		for (best = 0, k = 0; k < n; k++) {
			if (isnan(y[k]))
				return (long)k;
			if (y[k] > y[best])
				best = k;
		}
		return (long)best;
	}
}

/*
 * Append a row's values for outputs y[0..n), as the options ask: its
 * class (its label, or "nan" for a row written as nan), then with --proba
 * the outputs; or only the outputs, with --digits.
 */
void
put_decided(struct buf *b, const struct opts *o, const float *y, size_t n,
    int nanrow, int delim)
{
	size_t k;
	long c;

	if (o->decide != DECIDE_NONE) {
		c = class_of(o, y, n, nanrow);
		if (c < 0)
			buf_adds(b, "nan");
		else if (o->labels != NULL)
			put_field(b, o->labels[c], strlen(o->labels[c]),
			    delim);
		else
			buf_printf(b, "%ld", c);
		if (!o->proba)
			return;
		buf_addc(b, delim);
	}
	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_addc(b, delim);
		put_value(b, o->digits, nanrow ? NAN : y[k]);
	}
}
