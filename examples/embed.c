/*
 * embed.c: score rows with libxgbp from a C program.
 *
 *	cc -o embed embed.c $(pkg-config --cflags --libs xgbp)
 *	sed 1d iris.csv | ./embed iris.json
 *
 * Reads a model file, then rows of comma-separated numbers on the standard
 * input, in the model's feature order (no header, no quotes; an empty field
 * is missing), and prints each row's predictions as "%.9g", which reads
 * back as the same float.  The library takes bytes and opens no files:
 * reading them, and decompressing a gzip model, is the caller's job.
 */
#define _POSIX_C_SOURCE 200809L

#include <err.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xgbp.h>

#define BATCH	256		/* rows per xgbp_predict() call */

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

/*
 * Convert the nx comma-separated fields of line into x[0..nx); an empty
 * field is missing, NaN.  Returns 0, or -1 when a field is not a number or
 * the line does not hold exactly nx fields.
 */
static int
parse(const char *line, float *x, size_t nx)
{
	size_t i, n;

	for (i = 0; i < nx; i++) {
		n = strcspn(line, ",\r\n");
		if (n == 0)
			x[i] = NAN;
		else if (xgbp_parse_float(line, n, &x[i], 0, NULL) != XGBP_OK)
			return -1;
		line += n;
		if (i + 1 < nx && *line++ != ',')
			return -1;
	}
	return line[strspn(line, "\r\n")] == '\0' ? 0 : -1;
}

/* Score the rows x[0..nrows) into y and print one line for each. */
static void
score(const struct xgbp_model *m, const float *x, float *y, size_t nrows,
    size_t nx, size_t ny)
{
	size_t r, j;
	int status;

	if ((status = xgbp_predict(m, x, nrows, nx, y, 0)) != XGBP_OK)
		errx(1, "%s", xgbp_strerror(status));
	for (r = 0; r < nrows; r++)
		for (j = 0; j < ny; j++)
			printf("%.9g%c", y[r * ny + j],
			    j + 1 < ny ? ',' : '\n');
}

int
main(int argc, char *argv[])
{
	struct xgbp_model *m;
	struct xgbp_error e;
	char *buf, *line = NULL;
	size_t len, cap = 0, nx, ny, nrows = 0;
	unsigned long lineno = 0;
	float *x, *y;

	if (argc != 2) {
		fprintf(stderr, "usage: embed model <rows.csv\n");
		return 2;
	}
	buf = slurp(argv[1], &len);
	if (xgbp_model_load(&m, buf, len, &e) != XGBP_OK)
		errx(3, "%s:%lu:%lu: %s", argv[1], e.line, e.column, e.msg);
	free(buf);
	nx = xgbp_model_nfeatures(m);
	ny = xgbp_model_noutputs(m, 0);
	if ((x = calloc(BATCH * nx, sizeof(*x))) == NULL ||
	    (y = calloc(BATCH * ny, sizeof(*y))) == NULL)
		err(1, NULL);
	while (getline(&line, &cap, stdin) != -1) {
		lineno++;
		if (parse(line, x + nrows * nx, nx) == -1)
			errx(1, "<stdin>:%lu: expected %zu numbers", lineno,
			    nx);
		if (++nrows == BATCH) {
			score(m, x, y, nrows, nx, ny);
			nrows = 0;
		}
	}
	if (ferror(stdin))
		err(1, "<stdin>");
	if (nrows > 0)
		score(m, x, y, nrows, nx, ny);
	xgbp_model_free(m);
	free(x);
	free(y);
	free(line);
	if (fflush(stdout) == EOF || ferror(stdout))
		err(1, "<stdout>");
	return 0;
}
