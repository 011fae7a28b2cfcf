/*
 * sliceuse: predict with slices that outlive what they were cut from.
 *
 *	sliceuse model
 *
 * Loads the model, cuts s = rounds [1, end) and t = the whole of s, and
 * scores the same rows four times: with s while the model lives, with s
 * after xgbp_model_free(model), with t after xgbp_model_free(s), and with
 * t once more.  Prints each result as one line of hexadecimal floats, so
 * the four lines are equal when the slices kept their trees; under
 * valgrind any read of freed trees is an error.  library.bats builds it
 * against the installed shared library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xgbp.h>

#define NROWS	16

/* Score the rows with m and print one line of every value. */
static void
show(const struct xgbp_model *m, const float *x, size_t nx)
{
	float y[NROWS * 64];
	size_t i, n;

	n = NROWS * xgbp_model_noutputs(m, 0);
	if (n > sizeof(y) / sizeof(y[0]) ||
	    xgbp_predict(m, x, NROWS, nx, y, 0) != XGBP_OK) {
		fprintf(stderr, "sliceuse: cannot predict\n");
		exit(1);
	}
	for (i = 0; i < n; i++)
		printf("%a%c", y[i], i + 1 < n ? ' ' : '\n');
}

int
main(int argc, char *argv[])
{
	struct xgbp_model *m, *s, *t;
	struct xgbp_error e;
	FILE *fp;
	char *buf;
	size_t len, nx, i;
	float *x;
	long n;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL ||
	    fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 || (buf = malloc(n + 1)) == NULL ||
	    (len = fread(buf, 1, n, fp)) != (size_t)n) {
		fprintf(stderr, "usage: sliceuse model\n");
		return 2;
	}
	fclose(fp);
	if (xgbp_model_load(&m, buf, len, &e) != XGBP_OK ||
	    xgbp_model_slice(&s, m, 1, 0, &e) != XGBP_OK ||
	    xgbp_model_slice(&t, s, 0, 0, &e) != XGBP_OK) {
		fprintf(stderr, "sliceuse: %s\n", e.msg);
		return 3;
	}
	free(buf);
	nx = xgbp_model_nfeatures(m);
	if ((x = malloc(NROWS * nx * sizeof(*x))) == NULL)
		return 1;
	for (i = 0; i < NROWS * nx; i++)
		x[i] = (float)(i % 13) * 0.5f - 2;
	show(s, x, nx);
	xgbp_model_free(m);
	show(s, x, nx);
	xgbp_model_free(s);
	show(t, x, nx);
	show(t, x, nx);
	xgbp_model_free(t);
	free(x);
	return 0;
}
