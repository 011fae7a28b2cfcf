/*
 * test_fmtfloat.c: fmt_float() against a table of exact strings, and on a
 * sample of floats against the procedure fmtfloat.h describes, carried out
 * with printf() and strtof().
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtfloat.h"
#include "unit.h"

#define STRIDE		7919		/* sample every STRIDE-th bit pattern */
#define NRANDOM		200000		/* and this many random ones */
#define NREPORT		10		/* mismatches printed at most */

struct fcase {
	float		 f;
	const char	*want;
};

struct bcase {
	uint32_t	 bits;
	const char	*want;
};

static const struct fcase fcases[] = {
	{ 0.0f, "0" },
	{ -0.0f, "-0" },
	{ 1.0f, "1" },
	{ 2.0f, "2" },
	{ -2.0f, "-2" },
	{ 0.5f, "0.5" },
	{ -0.5f, "-0.5" },
	{ 0.1f, "0.1" },
	{ 0.3f, "0.3" },
	{ 1.0f / 3.0f, "0.33333334" },
	{ 2.0f / 3.0f, "0.6666667" },
	{ 150.0f, "150" },
	{ 12345.678f, "12345.678" },
	{ 16777216.0f, "16777216" },
	{ 16777217.0f, "16777216" },
	{ 123456789.0f, "123456790" },
	{ 1e6f, "1000000" },
	{ 1e8f, "100000000" },
	{ 99999999.0f, "100000000" },
	{ 999999999.0f, "1e+09" },
	{ 1e9f, "1e+09" },
	{ 1.5e9f, "1.5e+09" },
	{ 1e10f, "1e+10" },
	{ 0.0001f, "0.0001" },
	{ 0.00012345f, "0.00012345" },
	{ -0.00012345678f, "-0.00012345678" },
	{ 9.9999e-5f, "9.9999e-05" },
	{ 1e-5f, "1e-05" },
	{ 3.3366785e-05f, "3.3366785e-05" },
	{ 1.5e-38f, "1.5e-38" },
	{ FLT_MAX, "3.4028235e+38" },
	{ -FLT_MAX, "-3.4028235e+38" },
	{ FLT_MIN, "1.1754944e-38" },
	{ FLT_EPSILON, "1.1920929e-07" },
	{ 134217728.0f, "134217730" },		/* 2^27 */
	{ 536870912.0f, "536870900" },		/* 2^29 */
};

static const struct bcase bcases[] = {
	{ 0x00000001, "1e-45" },		/* smallest subnormal */
	{ 0x80000001, "-1e-45" },
	{ 0x00000004, "6e-45" },		/* 5.6e-45: nearer of 5, 6 */
	{ 0x00000007, "1e-44" },		/* 9.8e-45 */
	{ 0x00000015, "3e-44" },		/* 2.94e-44: 3 beats 2.9 */
	{ 0x007fffff, "1.1754942e-38" },	/* largest subnormal */
	{ 0x0f800000, "1.2621775e-29" },	/* 2^-96, see fmtfloat.h */
	{ 0x6b000000, "1.5474251e+26" },	/* 2^87 */
	{ 0x6c800000, "1.2379401e+27" },	/* 2^90 */
	{ 0x15ae43fd, "7.038531e-26" },		/* strtod() then (float) misreads */
	{ 0x7f800000, "inf" },
	{ 0xff800000, "-inf" },
	{ 0x7fc00000, "nan" },
	{ 0xffc00000, "nan" },
	{ 0x7f800001, "nan" },			/* signalling */
	{ 0xffffffff, "nan" },
};

static float
from_bits(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

static uint32_t
to_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

/*
 * Format f into s as a string.  Check that fmt_float() writes no more than
 * it says and no more than FMTFLOAT_MAX bytes.
 */
static void
format(char *s, size_t size, float f)
{
	size_t n, i;

	memset(s, 'X', size);
	n = fmt_float(s, f);
	CHECK(n > 0 && n <= FMTFLOAT_MAX);
	for (i = n; i < size; i++)
		CHECK(s[i] == 'X');
	s[n] = '\0';
}

/* Return whether strtof() reads s back to f, bit for bit. */
static int
reads_back(const char *s, float f)
{
	return to_bits(strtof(s, NULL)) == to_bits(f);
}

/*
 * Store in s the other P-digit neighbour of the finite f > 0, given t, the
 * nearest, as printf("%.*e", P - 1) writes it, and t does not read back to
 * f (so t and f differ by far more than a double's precision and strtod()
 * tells on which side t lies).
 */
static void
other_neighbour(char *s, size_t size, const char *t, int P, float f)
{
	long long m, lo, hi;
	const char *e;
	int x, i;

	m = 0;
	for (e = t; *e != 'e'; e++)
		if (*e != '.')
			m = m * 10 + (*e - '0');
	x = atoi(e + 1) - (P - 1);
	for (lo = 1, i = 1; i < P; i++)
		lo *= 10;
	hi = lo * 10;
	if (strtod(t, NULL) > f)
		m--;
	else
		m++;
	if (m < lo) {
		m = hi - 1;
		x--;
	} else if (m == hi) {
		m = lo;
		x++;
	}
	snprintf(s, size, "%llde%d", m, x);
}

/*
 * The reference: the first P in 1..9 for which printf's P-digit rounding
 * of f reads back to f.  A power of two may read back from the farther
 * P-digit neighbour alone (fmtfloat.h), so it tries that one too.  The
 * chosen digits are then laid out with printf: "%.*f" from 10^-4 up to
 * below 10^9, "%.*e" elsewhere, showing just the significant digits.
 */
static void
reference(char *out, size_t size, float f)
{
	char t[64], o[64];
	const char *s;
	double v;
	int P, n, e, pow2;

	pow2 = (to_bits(f) & 0x7fffff) == 0 && (to_bits(f) >> 23 & 0xff) > 1;
	s = t;
	for (P = 1; P <= 9; P++) {
		snprintf(t, sizeof(t), "%.*e", P - 1, fabs(f));
		if (strtof(t, NULL) == fabs(f))
			break;
		if (pow2) {
			other_neighbour(o, sizeof(o), t, P, fabs(f));
			if (strtof(o, NULL) == fabs(f)) {
				s = o;
				break;
			}
		}
	}
	v = strtod(s, NULL);
	snprintf(t, sizeof(t), "%.8e", v);
	for (n = 9; n > 1 && t[n] == '0'; n--)
		continue;
	e = atoi(t + 11);
	v = signbit(f) ? -v : v;
	if (e >= -4 && e <= 8)
		snprintf(out, size, "%.*f", n - 1 - e > 0 ? n - 1 - e : 0, v);
	else
		snprintf(out, size, "%.*e", n - 1, v);
}

/*
 * Compare fmt_float() with reference() for the float with the given bits;
 * print the first NREPORT mismatches.  Return 1 on a mismatch, else 0.
 */
static int
check_bits(uint32_t bits, int *nreported)
{
	char got[64], want[64];
	float f;

	f = from_bits(bits);
	format(got, sizeof(got), f);
	if (isnan(f))
		strcpy(want, "nan");
	else if (isinf(f))
		strcpy(want, f > 0 ? "inf" : "-inf");
	else
		reference(want, sizeof(want), f);
	if (strcmp(got, want) == 0 && (isnan(f) || reads_back(got, f)))
		return 0;
	if ((*nreported)++ < NREPORT)
		fprintf(stderr, "%s:%d: bits 0x%08lx: \"%s\" != \"%s\"\n",
		    __FILE__, __LINE__, (unsigned long)bits, got, want);
	return 1;
}

static void
test_table(void)
{
	char s[64];
	size_t i;

	for (i = 0; i < sizeof(fcases) / sizeof(fcases[0]); i++) {
		format(s, sizeof(s), fcases[i].f);
		CHECK_STR(s, fcases[i].want);
	}
	for (i = 0; i < sizeof(bcases) / sizeof(bcases[0]); i++) {
		format(s, sizeof(s), from_bits(bcases[i].bits));
		CHECK_STR(s, bcases[i].want);
	}
}

/* The longest outputs fill FMTFLOAT_MAX bytes exactly. */
static void
test_longest(void)
{
	char s[64];

	format(s, sizeof(s), -0.000100000005f);
	CHECK_STR(s, "-0.000100000005");
	CHECK_INT(strlen(s), FMTFLOAT_MAX);
	format(s, sizeof(s), -1.00000025e-05f);
	CHECK_STR(s, "-1.00000025e-05");
	CHECK_INT(strlen(s), FMTFLOAT_MAX);
}

/* Every STRIDE-th bit pattern, from 0 up through the NaNs. */
static void
test_stride(void)
{
	uint64_t u;
	int nbad, nrep;

	nbad = nrep = 0;
	for (u = 0; u <= UINT32_MAX; u += STRIDE)
		nbad += check_bits((uint32_t)u, &nrep);
	CHECK_INT(nbad, 0);
}

/* Random bit patterns from a fixed seed. */
static void
test_random(void)
{
	uint64_t x;
	int i, nbad, nrep;

	nbad = nrep = 0;
	x = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < NRANDOM; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		nbad += check_bits((uint32_t)(x >> 32), &nrep);
	}
	CHECK_INT(nbad, 0);
}

/*
 * Every power of two, both signs, with the two floats on either side: the
 * narrow gap below a power of two is where shortest-digit methods go wrong.
 */
static void
test_powers_of_two(void)
{
	uint32_t e, sign, bits;
	int d, nbad, nrep;

	nbad = nrep = 0;
	for (sign = 0; sign < 2; sign++)
		for (e = 0; e < 255; e++)
			for (d = -2; d <= 2; d++) {
				bits = sign << 31 | e << 23;
				nbad += check_bits(bits + d, &nrep);
			}
	CHECK_INT(nbad, 0);
}

int
main(void)
{
	RUN(test_table);
	RUN(test_longest);
	RUN(test_stride);
	RUN(test_random);
	RUN(test_powers_of_two);
	return unit_done();
}
