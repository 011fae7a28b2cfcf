/*
 * unit.h: the tiny harness of xgbp's C unit tests.  It speaks TAP: one
 * "ok N - name" or "not ok N - name" line per test function, then the plan,
 * so tests/run.sh counts unit tests and bats tests alike.  A failed CHECK
 * prints where and what on stderr and marks the current test failed.
 *
 *	static void test_thing(void) { CHECK(1 + 1 == 2); }
 *	int main(void) { RUN(test_thing); return unit_done(); }
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_ntests;		/* tests run so far */
static int unit_nfailed;	/* tests that failed */
static int unit_fails;		/* failed checks in the current test */

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		unit_fails++;						\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long unit_a_ = (a), unit_b_ = (b);				\
	if (unit_a_ != unit_b_) {					\
		unit_fails++;						\
		fprintf(stderr, "%s:%d: %s == %s: %lld != %lld\n",	\
		    __FILE__, __LINE__, #a, #b, unit_a_, unit_b_);	\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *unit_a_ = (a), *unit_b_ = (b);			\
	if (unit_a_ == NULL || unit_b_ == NULL ||			\
	    strcmp(unit_a_, unit_b_) != 0) {				\
		unit_fails++;						\
		fprintf(stderr, "%s:%d: %s == %s: \"%s\" != \"%s\"\n",	\
		    __FILE__, __LINE__, #a, #b,				\
		    unit_a_ ? unit_a_ : "(null)",			\
		    unit_b_ ? unit_b_ : "(null)");			\
	}								\
} while (0)

#define RUN(fn)	unit_run(#fn, fn)

static void
unit_run(const char *name, void (*fn)(void))
{
	unit_fails = 0;
	fn();
	unit_ntests++;
	if (unit_fails != 0)
		unit_nfailed++;
	printf("%sok %d - %s\n", unit_fails != 0 ? "not " : "", unit_ntests,
	    name);
	fflush(stdout);
}

/*
 * Read the file at path (relative to the top directory, where the tests
 * run) into a new buffer of *len bytes; NULL, and a failed check, if not.
 */
static inline unsigned char *
unit_slurp(const char *path, size_t *len)
{
	unsigned char *p;
	FILE *f;
	long n;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: cannot open (run from the top "
		    "directory)\n", path);
		CHECK(f != NULL);
		return NULL;
	}
	p = NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (p = malloc(n > 0 ? (size_t)n : 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(p);
		CHECK(0);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

#ifdef XGBP_H
/*
 * Load the model file at path, laid out for the explanations of explain
 * (xgbp_load_opts.explain); NULL, its error on stderr and a failed check,
 * if it does not load.
 */
static inline struct xgbp_model *
unit_load(const char *path, int explain)
{
	struct xgbp_load_opts o;
	struct xgbp_model *m = NULL;
	struct xgbp_error e;
	unsigned char *p;
	size_t len;

	if ((p = unit_slurp(path, &len)) == NULL)
		return NULL;
	xgbp_load_opts_init(&o);
	o.explain = explain;
	if (xgbp_model_load_with(&m, p, len, &o, &e) != XGBP_OK)
		fprintf(stderr, "%s: %s\n", path, e.msg);
	CHECK(m != NULL);
	free(p);
	return m;
}
#endif

/* Print the TAP plan; return the exit status for main(). */
static int
unit_done(void)
{
	printf("1..%d\n", unit_ntests);
	return unit_nfailed != 0;
}

#endif /* UNIT_H */
