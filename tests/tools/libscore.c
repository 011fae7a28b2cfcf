/*
 * libscore: score a CSV file through the library alone, for the tests.
 *
 *	libscore [-m] model data.csv
 *
 * Loads the model with xgbp_model_load() and scores every row of
 * data.csv with xgbp_predict() and no flag but -m's XGBP_MARGIN: the
 * library's defaults, the rules of the XGBoost that wrote the model.
 * data.csv is a fixture's: a header line, then numbers, an empty field
 * missing, no quotes.  Its columns go to the model's features by name when
 * the model has names, else in order.  Prints each row's values as xgbp
 * prints them (cmd/fmtfloat.c), so that the two outputs compare byte for
 * byte: equal text is equal bits.  Exits 0, 1 for a bad row, 2 for bad
 * usage, 3 for a model the library refuses.
 */
#define _POSIX_C_SOURCE 200809L

#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmtfloat.h"
#include "xgbp.h"

#define BATCH	512		/* rows per xgbp_predict() call */

/* Return the contents of path in a new buffer and store its length. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp;
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, r;

	if ((fp = fopen(path, "rb")) == NULL)
		err(1, "%s", path);
	do {
		if (n == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((p = realloc(buf, cap)) == NULL)
				err(1, NULL);
			buf = p;
		}
		r = fread(buf + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	if (ferror(fp))
		err(1, "%s", path);
	fclose(fp);
	*len = n;
	return buf;
}

/* Return the index of the model's feature called name[0..n), or -1. */
static long
feature(const struct xgbp_model *m, const char *name, size_t n)
{
	const char *f;
	size_t i;

	for (i = 0; i < xgbp_model_nfeatures(m); i++) {
		f = xgbp_model_feature_name(m, i);
		if (f != NULL && strlen(f) == n && memcmp(f, name, n) == 0)
			return (long)i;
	}
	return -1;
}

/*
 * Map the header's columns to features in col[0..ncol), which holds room
 * for one per comma and one more: by name when the model has names (a
 * column it does not know is an error), else in order, -1 for a column
 * beyond the model's features.  Returns the number of columns.
 */
static size_t
columns(const struct xgbp_model *m, const char *head, long *col)
{
	size_t n, c;

	for (c = 0;; c++) {
		n = strcspn(head, ",\r\n");
		if (xgbp_model_feature_name(m, 0) == NULL)
			col[c] = c < xgbp_model_nfeatures(m) ? (long)c : -1;
		else if ((col[c] = feature(m, head, n)) == -1)
			errx(1, "line 1: no feature \"%.*s\"", (int)n, head);
		head += n;
		if (*head != ',')
			return c + 1;
		head++;
	}
}

/*
 * Convert a line of ncol fields into row x[0..nx), NaN where no column
 * or an empty field gives a value.  Returns 0, or -1 for a field that is
 * not a number or a line that has not ncol fields.
 */
static int
parse(const char *line, const long *col, size_t ncol, float *x, size_t nx)
{
	size_t i, n;
	float v;

	for (i = 0; i < nx; i++)
		x[i] = NAN;
	for (i = 0; i < ncol; i++) {
		n = strcspn(line, ",\r\n");
		if (n > 0 && xgbp_parse_float(line, n, &v, 0, NULL) != XGBP_OK)
			return -1;
		if (n > 0 && col[i] != -1)
			x[col[i]] = v;
		line += n;
		if (i + 1 < ncol && *line++ != ',')
			return -1;
	}
	return line[strspn(line, "\r\n")] == '\0' ? 0 : -1;
}

/* Score rows x[0..nrows) into y and print one line for each. */
static void
score(const struct xgbp_model *m, const float *x, float *y, size_t nrows,
    size_t nx, int flags)
{
	char buf[FMTFLOAT_MAX];
	size_t ny, r, j;
	int status;

	ny = xgbp_model_noutputs(m, flags);
	if ((status = xgbp_predict(m, x, nrows, nx, y, flags)) != XGBP_OK)
		errx(1, "xgbp_predict: %s", xgbp_strerror(status));
	for (r = 0; r < nrows; r++)
		for (j = 0; j < ny; j++) {
			fwrite(buf, 1, fmt_float(buf, y[r * ny + j]), stdout);
			putchar(j + 1 < ny ? ',' : '\n');
		}
}

int
main(int argc, char *argv[])
{
	struct xgbp_model *m;
	struct xgbp_error e;
	FILE *fp;
	char *buf, *line = NULL;
	size_t len, cap = 0, nx, ncol, nrows = 0;
	unsigned long lineno = 1;
	long *col;
	float *x, *y;
	int c, flags = 0;

	while ((c = getopt(argc, argv, "m")) != -1) {
		if (c != 'm')
			return 2;
		flags = XGBP_MARGIN;
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: libscore [-m] model data.csv\n");
		return 2;
	}
	buf = slurp(argv[optind], &len);
	if (xgbp_model_load(&m, buf, len, &e) != XGBP_OK)
		errx(3, "%s:%lu:%lu: %s", argv[optind], e.line, e.column,
		    e.msg);
	free(buf);
	if ((fp = fopen(argv[optind + 1], "r")) == NULL)
		err(1, "%s", argv[optind + 1]);
	if (getline(&line, &cap, fp) == -1)
		errx(1, "%s: no header line", argv[optind + 1]);
	if ((col = calloc(strlen(line) + 1, sizeof(*col))) == NULL)
		err(1, NULL);
	ncol = columns(m, line, col);
	nx = xgbp_model_nfeatures(m);
	if ((x = calloc(BATCH * nx, sizeof(*x))) == NULL ||
	    (y = calloc(BATCH * xgbp_model_noutputs(m, flags),
	    sizeof(*y))) == NULL)
		err(1, NULL);
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		if (parse(line, col, ncol, x + nrows * nx, nx) == -1)
			errx(1, "%s:%lu: expected %zu numbers",
			    argv[optind + 1], lineno, ncol);
		if (++nrows == BATCH) {
			score(m, x, y, nrows, nx, flags);
			nrows = 0;
		}
	}
	if (ferror(fp))
		err(1, "%s", argv[optind + 1]);
	if (nrows > 0)
		score(m, x, y, nrows, nx, flags);
	xgbp_model_free(m);
	free(col);
	free(x);
	free(y);
	free(line);
	fclose(fp);
	if (fflush(stdout) == EOF || ferror(stdout))
		err(1, "<stdout>");
	return 0;
}
