/*
 * f32cmp: compare two CSV files of numbers as float32, for the tests.
 *
 *	f32cmp [-a abs] [-u ulps] [-H] got.csv expected.csv
 *
 * Every field of both files is read with strtof, which gives back exactly
 * the float32 that XGBoost's "%.9g" or xgbp's shortest form was printed
 * from.  Fields are equal when their bit patterns are (NaN equals NaN), or
 * within ulps units in the last place of the expected value with -u, plus
 * abs with -a (for explanations, which are not bit for bit: -a takes
 * XGBoost's own additivity error).  -H skips the first line of
 * expected.csv (its header).  Exits 0 when the files have the same shape
 * and every pair is equal, else 1 after listing the first differences.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *
readline(FILE *fp, char **buf, size_t *cap)
{
	ssize_t n;

	if ((n = getline(buf, cap, fp)) == -1)
		return NULL;
	while (n > 0 && ((*buf)[n - 1] == '\n' || (*buf)[n - 1] == '\r'))
		(*buf)[--n] = '\0';
	return *buf;
}

/* Map a float's bits onto a line where neighbours differ by 1. */
static int64_t
ordered(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return (u & 0x80000000u) ? -(int64_t)(u & 0x7fffffffu) : (int64_t)u;
}

int
main(int argc, char *argv[])
{
	FILE *a, *b;
	char *la = NULL, *lb = NULL, *pa, *pb, *ea, *eb;
	size_t ca = 0, cb = 0, line, col, bad;
	long ulps = 0;
	int c, skip = 0;
	float fa, fb;
	double tol = 0;
	int64_t d;

	while ((c = getopt(argc, argv, "a:Hu:")) != -1) {
		if (c == 'H')
			skip = 1;
		else if (c == 'u')
			ulps = atol(optarg);
		else if (c == 'a')
			tol = strtod(optarg, NULL);
		else
			return 2;
	}
	if (argc - optind != 2)
		return 2;
	if ((a = fopen(argv[optind], "r")) == NULL ||
	    (b = fopen(argv[optind + 1], "r")) == NULL) {
		perror("f32cmp");
		return 2;
	}
	if (skip)
		readline(b, &lb, &cb);
	bad = 0;
	for (line = 1;; line++) {
		pa = readline(a, &la, &ca);
		pb = readline(b, &lb, &cb);
		if (pa == NULL || pb == NULL) {
			if (pa != pb) {
				printf("line %zu: %s has more lines\n", line,
				    pa != NULL ? "got" : "expected");
				bad++;
			}
			break;
		}
		for (col = 1;; col++) {
			fa = strtof(pa, &ea);
			fb = strtof(pb, &eb);
			if (ea == pa || eb == pb) {
				printf("line %zu field %zu: not a number\n",
				    line, col);
				bad++;
				break;
			}
			d = ordered(fa) - ordered(fb);
			if (!(isnan(fa) && isnan(fb)) &&
			    (isnan(fa) || isnan(fb) || (llabs(d) > ulps &&
			    !(fabs((double)fa - fb) <= tol + ulps *
			    (nextafterf(fabsf(fb), INFINITY) - fabsf(fb)))))) {
				if (bad < 10)
					printf("line %zu field %zu: got %.9g, "
					    "expected %.9g (%lld ulp)\n", line,
					    col, fa, fb, (long long)d);
				bad++;
			}
			if (*ea == '\0' && *eb == '\0')
				break;
			if (*ea == '\0' || *eb == '\0') {
				printf("line %zu: different field counts\n",
				    line);
				bad++;
				break;
			}
			pa = ea + 1;
			pb = eb + 1;
		}
	}
	if (bad > 0)
		printf("%zu differences\n", bad);
	free(la);		/* for the leak checks of make asan, valgrind */
	free(lb);
	fclose(a);
	fclose(b);
	return bad > 0;
}
