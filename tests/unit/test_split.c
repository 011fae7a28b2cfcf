/*
 * test_split.c: the two ways cmd/rows.c splits a record into fields give
 * the same fields.  A record with no quoted field is split where it lies
 * (memchr); one with a quoted field is unquoted into a buffer.  Both are
 * forced here on the same generated records with no '"', which must come
 * out alike, field for field and byte for byte, under both delimiters;
 * records with quotes are checked against a small unquoting oracle
 * written from the man page's rules.  (tests/rowgen.py checks the whole
 * program on both kinds against Python's csv module.)
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "unit.h"

#define NRECORDS	200000
#define MAXLEN		40

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random record of bytes that matter to splitting, '"' if quotes. */
static size_t
gen(char *s, int delim, int quotes)
{
	static const char bytes[] = "a1.-e ,\t;x";
	size_t i, n = next(MAXLEN + 1);

	for (i = 0; i < n; i++) {
		if (next(6) == 0)
			s[i] = (char)delim;
		else if (quotes && next(5) == 0)
			s[i] = '"';
		else
			s[i] = bytes[next(sizeof(bytes) - 1)];
	}
	return n;
}

/* The fields of a record as the dialect states them, into out[]. */
static size_t
oracle(const char *s, size_t n, int delim, char out[][MAXLEN + 1],
    int *bad)
{
	size_t i = 0, nf = 0, k;

	*bad = 0;
	for (;;) {
		k = 0;
		if (i < n && s[i] == '"') {
			for (i++;;) {
				if (i == n) {
					*bad = 1;
					break;
				}
				if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
					out[nf][k++] = '"';
					i += 2;
				} else if (s[i] == '"') {
					i++;
					break;
				} else
					out[nf][k++] = s[i++];
			}
			if (i < n && s[i] != delim)
				*bad = 1;
		}
		while (i < n && s[i] != delim)
			out[nf][k++] = s[i++];
		out[nf++][k] = '\0';
		if (i == n)
			return nf;
		i++;
	}
}

/* Whether f holds exactly the fields want[0..nf). */
static int
same(const struct fields *f, char want[][MAXLEN + 1], size_t nf)
{
	size_t i;

	if (f->nf != nf)
		return 0;
	for (i = 0; i < nf; i++)
		if (f->n[i] != strlen(want[i]) ||
		    memcmp(f->p[i], want[i], f->n[i]) != 0)
			return 0;
	return 1;
}

static void
test_paths_agree(void)
{
	static char want[MAXLEN + 2][MAXLEN + 1];
	struct fields plain, quoted;
	char *s;
	size_t i, k, n, nf;
	int delim, bad, rp, rq;

	memset(&plain, 0, sizeof(plain));
	memset(&quoted, 0, sizeof(quoted));
	for (i = 0; i < NRECORDS; i++) {
		delim = i % 2 ? '\t' : ',';
		s = malloc(MAXLEN + 1);
		n = gen(s, delim, 0);
		s = realloc(s, n > 0 ? n : 1);	/* a sanitizer sees overreads */
		rp = split_record(&plain, delim, s, n, 0);
		rq = split_record(&quoted, delim, s, n, 1);
		nf = oracle(s, n, delim, want, &bad);
		CHECK_INT(rp, BAD_NONE);
		CHECK_INT(rq, BAD_NONE);
		CHECK(same(&plain, want, nf));
		CHECK(same(&quoted, want, nf));
		for (k = 0; k < plain.nf && k < quoted.nf; k++)
			CHECK(plain.n[k] == quoted.n[k] &&
			    memcmp(plain.p[k], quoted.p[k], plain.n[k]) == 0);
		free(s);
		if (unit_fails > 0)
			break;
	}
	fields_free(&plain);
	fields_free(&quoted);
}

static void
test_quoted_records(void)
{
	static char want[MAXLEN + 2][MAXLEN + 1];
	struct fields f;
	char *s;
	size_t i, n, nf;
	int delim, bad, r;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < NRECORDS; i++) {
		delim = i % 2 ? '\t' : ',';
		s = malloc(MAXLEN + 1);
		n = gen(s, delim, 1);
		s = realloc(s, n > 0 ? n : 1);
		/* Told or not, a record with a quote takes the quoted path. */
		r = split_record(&f, delim, s, n, -1);
		nf = oracle(s, n, delim, want, &bad);
		CHECK_INT(r != BAD_NONE, bad);
		CHECK(same(&f, want, nf));
		free(s);
		if (unit_fails > 0)
			break;
	}
	fields_free(&f);
}

int
main(void)
{
	RUN(test_paths_agree);
	RUN(test_quoted_records);
	return unit_done();
}
