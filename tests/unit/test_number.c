/*
 * test_number.c: xgbp_parse_float(), against fixed cases and against the C
 * library.  By default the result must be (float)strtod() bit for bit, with
 * XGBP_PARSE_DIRECT strtof(); the C library here runs in the C locale and
 * is taken to round correctly, as glibc and musl do.  Every input is copied
 * to a buffer of exactly its length, so a sanitizer sees any read past it.
 */

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xgbp.h"
#include "unit.h"

#define NRANDOM		300000	/* random strings compared with libc */
#define NMID		3000	/* exact midpoints, each in five variants */

struct tcase {
	const char	*s;
	float		 want;		/* by default: (float)strtod() */
	float		 direct;	/* XGBP_PARSE_DIRECT: strtof() */
};

/* Values worked out by hand or with exact arithmetic, hex for exactness. */
static const struct tcase cases[] = {
	/* ordinary */
	{ "0", 0x0p+0f, 0x0p+0f },
	{ "1", 0x1p+0f, 0x1p+0f },
	{ "-1", -0x1p+0f, -0x1p+0f },
	{ "+1", 0x1p+0f, 0x1p+0f },
	{ "1.5", 0x1.8p+0f, 0x1.8p+0f },
	{ "-1.5", -0x1.8p+0f, -0x1.8p+0f },
	{ "0.1", 0x1.99999ap-4f, 0x1.99999ap-4f },
	{ "-0.1", -0x1.99999ap-4f, -0x1.99999ap-4f },
	{ "0.123456789", 0x1.f9add4p-4f, 0x1.f9add4p-4f },
	{ "3.3366785e-05", 0x1.17e6ap-15f, 0x1.17e6ap-15f },
	{ "12345", 0x1.81c8p+13f, 0x1.81c8p+13f },
	{ "-12345", -0x1.81c8p+13f, -0x1.81c8p+13f },
	{ "0.30000000000000004", 0x1.333334p-2f, 0x1.333334p-2f },
	{ "2.718281828459045", 0x1.5bf0a8p+1f, 0x1.5bf0a8p+1f },
	{ "100000000000000000000000", 0x1.52d02cp+76f, 0x1.52d02cp+76f },
	{ "123456789012345678901234567890e-30", 0x1.f9add4p-4f,
	    0x1.f9add4p-4f },

	/* forms of digits, point and exponent */
	{ "1.", 0x1p+0f, 0x1p+0f },
	{ ".5", 0x1p-1f, 0x1p-1f },
	{ "-.5", -0x1p-1f, -0x1p-1f },
	{ "+.5e1", 0x1.4p+2f, 0x1.4p+2f },
	{ "5.e-1", 0x1p-1f, 0x1p-1f },
	{ "00012", 0x1.8p+3f, 0x1.8p+3f },
	{ "1e10", 0x1.2a05f2p+33f, 0x1.2a05f2p+33f },
	{ "1E10", 0x1.2a05f2p+33f, 0x1.2a05f2p+33f },
	{ "1e+10", 0x1.2a05f2p+33f, 0x1.2a05f2p+33f },
	{ "1e-10", 0x1.b7cdfep-34f, 0x1.b7cdfep-34f },
	{ "1e0001", 0x1.4p+3f, 0x1.4p+3f },
	{ "123.456e-2", 0x1.3c0c2p+0f, 0x1.3c0c2p+0f },
	{ "6.02214076e23", 0x1.fe185cp+78f, 0x1.fe185cp+78f },

	/* zeros keep their sign */
	{ "-0", -0x0p+0f, -0x0p+0f },
	{ "-0.0", -0x0p+0f, -0x0p+0f },
	{ "+0", 0x0p+0f, 0x0p+0f },
	{ "0.000", 0x0p+0f, 0x0p+0f },
	{ "0e0", 0x0p+0f, 0x0p+0f },
	{ "0e99999999999999999999", 0x0p+0f, 0x0p+0f },

	/* subnormal floats and underflow */
	{ "1e-45", 0x1p-149f, 0x1p-149f },
	{ "7e-46", 0x0p+0f, 0x0p+0f },
	{ "7.1e-46", 0x1p-149f, 0x1p-149f },
	{ "1.17549435e-38", 0x1p-126f, 0x1p-126f },
	{ "1.1754942e-38", 0x1.fffffcp-127f, 0x1.fffffcp-127f },
	{ "0.000000000000000000000000000000000000000000001", 0x1p-149f,
	    0x1p-149f },
	{ "4.9e-324", 0x0p+0f, 0x0p+0f },
	{ "1e-999999999999", 0x0p+0f, 0x0p+0f },
	{ "-1e-999999999999", -0x0p+0f, -0x0p+0f },

	/* 2^-150, half the least subnormal float, and either side of it */
	{ "7.006492321624085354618647916449580656401309709382578858785341419"
	    "44895541342930300743319094181060791015625e-46", 0x0p+0f,
	    0x0p+0f },
	{ "7.006492321624085354618647916449580656401309709382578858785341419"
	    "44895541342930300743319094181060791015625000001e-46", 0x0p+0f,
	    0x1p-149f },
	{ "7.006492321624085354618647916449580656401309709382578858785341419"
	    "44895541342930300743319094181060791015624999e-46", 0x0p+0f,
	    0x0p+0f },

	/* overflow; 3.40282356...e38 is the midpoint of FLT_MAX and 2^128 */
	{ "3.4028235e38", 0x1.fffffep+127f, 0x1.fffffep+127f },
	{ "3.4028236e38", INFINITY, INFINITY },
	{ "340282356779733661637539395458142568448", INFINITY, INFINITY },
	{ "340282356779733661637539395458142568447", INFINITY,
	    0x1.fffffep+127f },
	{ "1.7976931348623157e308", INFINITY, INFINITY },
	{ "1e39", INFINITY, INFINITY },
	{ "1e309", INFINITY, INFINITY },
	{ "-1e309", -INFINITY, -INFINITY },
	{ "1e999999999999", INFINITY, INFINITY },

	/*
	 * Double rounding: 1 + 2^-24 is the midpoint of 1 and the next float.
	 * Just above it the double is that midpoint, and the float ties to 1.
	 */
	{ "1.0000000596046447753906251", 0x1p+0f, 0x1.000002p+0f },
	{ "1.0000000596046448", 0x1p+0f, 0x1.000002p+0f },
	{ "1.000000059604644775390625", 0x1p+0f, 0x1p+0f },
	/* 1 + 2^-24 + 2^-53: a double tie, to the float midpoint, then 1 */
	{ "1.00000005960464488641292746251565404236316680908203125", 0x1p+0f,
	    0x1.000002p+0f },
	{ "1.00000005960464488641292746251565404236316680908203125000000000"
	    "00000000001", 0x1.000002p+0f, 0x1.000002p+0f },
	/* 1 + 3 * 2^-24 - 2^-53: a double tie up to a float tie, up again */
	{ "1.00000017881393421514957253748434595763683319091796875",
	    0x1.000004p+0f, 0x1.000002p+0f },
	{ "1.00000017881393421514957253748434595763683319091796874999999",
	    0x1.000002p+0f, 0x1.000002p+0f },

	/* ties for double and for float */
	{ "9007199254740993", 0x1p+53f, 0x1p+53f },
	{ "9007199254740993.00000000000000000001", 0x1p+53f, 0x1p+53f },
	{ "16777217", 0x1p+24f, 0x1p+24f },
	{ "16777219", 0x1.000004p+24f, 0x1.000004p+24f },
	{ "16777217.000000000000000000000001", 0x1p+24f, 0x1.000002p+24f },
};

/* Text that is not a number: length, then bytes (which may hold NULs). */
static const struct {
	size_t		 n;
	const char	*s;
} rejects[] = {
	{ 0, "" }, { 1, "-" }, { 1, "+" }, { 1, "." }, { 2, "-." },
	{ 2, "+." }, { 2, "1e" }, { 3, "1e+" }, { 3, "1e-" }, { 2, "e5" },
	{ 3, ".e5" }, { 4, "0x10" }, { 6, "0X1p+3" }, { 4, "0x1p" },
	{ 2, " 1" }, { 2, "1 " }, { 2, "\t1" }, { 2, "1\n" }, { 3, "1,5" },
	{ 3, "--1" }, { 3, "+-1" }, { 3, "-+1" }, { 4, "nanx" }, { 2, "na" },
	{ 2, "in" }, { 5, "infin" }, { 7, "infinit" }, { 9, "infinityy" },
	{ 4, "infs" }, { 6, "nan(1)" }, { 5, "1.5.2" }, { 5, "1e5.5" },
	{ 4, "1ee5" }, { 5, "1e5e5" }, { 5, "1e+-5" }, { 4, "inf5" },
	{ 4, "0.5f" }, { 3, "1d5" }, { 2, "1_" }, { 1, "\0" },
	{ 2, "1\0" }, { 2, "\0" "1" }, { 3, "1\xd9\xa1" }, { 2, "\xd9\xa1" },
	{ 5, "1e5 " }, { 4, " inf" }, { 3, "1.." }, { 2, ".." },
	{ 26, "1234567890123456789012345" "x" },
	{ 23, "1.234567890123456789e5" "x" }, { 4, "1e+x" }
};

static const char *const infs[] = {
	"inf", "INF", "Inf", "iNf", "+inf", "-inf", "infinity", "INFINITY",
	"-Infinity", "+iNfInItY"
};

static const char *const nans[] = {
	"nan", "NAN", "NaN", "nAn", "+nan", "-nan", "-NaN"
};

static uint64_t rstate = 0x5eed;

/* Return 64 random bits (splitmix64). */
static uint64_t
rnd(void)
{
	uint64_t z;

	z = (rstate += 0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
	return z ^ (z >> 31);
}

/* Return a random number in [0, n). */
static int
rndn(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

/* Return whether two floats have the same bits. */
static int
same(float a, float b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/*
 * Parse s[0..n) from a copy of exactly n bytes; return the status and
 * store the result, *out untouched on failure.
 */
static int
parse(const char *s, size_t n, float *out, int flags)
{
	char *copy;
	int r;

	copy = malloc(n > 0 ? n : 1);
	if (copy == NULL) {
		perror("malloc");
		exit(2);
	}
	memcpy(copy, s, n);
	r = xgbp_parse_float(copy, n, out, flags, NULL) == XGBP_OK ? 0 : -1;
	free(copy);
	return r;
}

/*
 * Check s in both modes against want and direct; on a mismatch say which
 * string and what came out.  Return whether both matched.
 */
static int
check(const char *s, size_t n, float want, float direct)
{
	float got, gotd;
	int r, rd;

	got = gotd = 42;
	r = parse(s, n, &got, 0);
	rd = parse(s, n, &gotd, XGBP_PARSE_DIRECT);
	if (r == 0 && rd == 0 && same(got, want) && same(gotd, direct))
		return 1;
	unit_fails++;
	if (unit_fails <= 20)
		fprintf(stderr, "\"%.*s\": got %d %a, %d %a; want %a, %a\n",
		    (int)(n < 200 ? n : 200), s, r, got, rd, gotd, want,
		    direct);
	return 0;
}

/* Check s, NUL-terminated, against (float)strtod() and strtof(). */
static int
check_libc(const char *s)
{
	return check(s, strlen(s), (float)strtod(s, NULL), strtof(s, NULL));
}

static void
test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(cases[i].s, strlen(cases[i].s), cases[i].want,
		    cases[i].direct);
}

static void
test_cases_libc(void)
{
	size_t i;

	/* The fixed answers above are the C library's too. */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_libc(cases[i].s);
}

static void
test_rejects(void)
{
	size_t i;
	float f;

	for (i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
		f = 42;
		if (parse(rejects[i].s, rejects[i].n, &f, 0) != -1 ||
		    parse(rejects[i].s, rejects[i].n, &f,
		    XGBP_PARSE_DIRECT) != -1) {
			unit_fails++;
			fprintf(stderr, "accepted \"%.*s\" (%zu bytes)\n",
			    (int)rejects[i].n, rejects[i].s, rejects[i].n);
		}
		CHECK(f == 42);
	}
	/* No string at all. */
	CHECK_INT(xgbp_parse_float(NULL, 0, &f, 0, NULL), XGBP_ESYNTAX);
}

static void
test_specials(void)
{
	size_t i;
	float f;
	int flags;

	for (flags = 0; flags <= XGBP_PARSE_DIRECT; flags++) {
		for (i = 0; i < sizeof(infs) / sizeof(infs[0]); i++) {
			f = 0;
			CHECK_INT(parse(infs[i], strlen(infs[i]), &f, flags),
			    0);
			CHECK(isinf(f));
			CHECK((signbit(f) != 0) == (infs[i][0] == '-'));
		}
		for (i = 0; i < sizeof(nans) / sizeof(nans[0]); i++) {
			f = 0;
			CHECK_INT(parse(nans[i], strlen(nans[i]), &f, flags),
			    0);
			CHECK(isnan(f));
			/* As strtod(), "-nan" gives a NaN with its sign bit. */
			CHECK((signbit(f) != 0) == (nans[i][0] == '-'));
		}
	}
}

static void
test_unterminated(void)
{
	static const char digits[] = "1234567890123456789012345678901234";
	float f;

	/* Only s[0..n) counts, whatever follows it. */
	check("1.5x", 3, 0x1.8p+0f, 0x1.8p+0f);
	check("0.55", 3, 0x1p-1f, 0x1p-1f);
	check("-2e3", 2, -0x1p+1f, -0x1p+1f);
	check("12345678", 5, 0x1.81c8p+13f, 0x1.81c8p+13f);
	check("0.123456789", 10, 0x1.f9add2p-4f, 0x1.f9add2p-4f);
	check("1e0123", 4, 0x1.4p+3f, 0x1.4p+3f);
	check("infinity", 3, INFINITY, INFINITY);
	check(digits, 20, 0x1.56a954p+63f, 0x1.56a954p+63f);
	CHECK_INT(parse("1e5", 2, &f, 0), -1);
	CHECK_INT(parse("nan", 2, &f, 0), -1);
	CHECK_INT(parse("-1", 1, &f, 0), -1);
}

/* Return a buffer of n copies of c, then tail; free it after use. */
static char *
repeat(const char *head, int c, size_t n, const char *tail)
{
	char *s;
	size_t nh, nt;

	nh = strlen(head);
	nt = strlen(tail);
	s = malloc(nh + n + nt + 1);
	if (s == NULL) {
		perror("malloc");
		exit(2);
	}
	memcpy(s, head, nh);
	memset(s + nh, c, n);
	memcpy(s + nh + n, tail, nt + 1);
	return s;
}

static void
test_long(void)
{
	static const struct {
		const char	*head;
		int		 c;
		size_t		 n;
		const char	*tail;
		float		 want, direct;
	} longs[] = {
		{ "0.", '0', 1000, "1e1001", 0x1p+0f, 0x1p+0f },
		{ "1", '0', 4999, "e-4999", 0x1p+0f, 0x1p+0f },
		{ "", '0', 3000, "1.5", 0x1.8p+0f, 0x1.8p+0f },
		{ "-0.", '9', 900, "", -0x1p+0f, -0x1p+0f },
		{ "0.", '0', 100000, "", 0x0p+0f, 0x0p+0f },
		{ "1", '0', 100000, "", INFINITY, INFINITY },
		{ "0.", '0', 100000, "1e100000", 0x1.99999ap-4f,
		    0x1.99999ap-4f },
		/* a tie, then with a sticky digit 1000 places further on */
		{ "1.000000059604644886412927462515654042363166809082031250",
		    '0', 1000, "", 0x1p+0f, 0x1.000002p+0f },
		{ "1.000000059604644886412927462515654042363166809082031250",
		    '0', 1000, "1", 0x1.000002p+0f, 0x1.000002p+0f },
		{ "7.006492321624085354618647916449580656401309709382578858"
		    "78534141944895541342930300743319094181060791015625", '0',
		    2000, "1e-46", 0x0p+0f, 0x1p-149f },
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		s = repeat(longs[i].head, longs[i].c, longs[i].n,
		    longs[i].tail);
		check(s, strlen(s), longs[i].want, longs[i].direct);
		check_libc(s);
		free(s);
	}
}

/*
 * Write the exact decimal of m * 2^e to buf as digits, then "e-K" when e
 * is negative: m * 2^e = m * 5^-e * 10^e.  The digits live in base 10^9.
 */
static void
exact(char *buf, size_t cap, uint64_t m, int e)
{
	uint32_t limb[160];
	uint64_t carry, mul;
	int n, i, k, step;
	size_t len;

	limb[0] = (uint32_t)(m % 1000000000);
	limb[1] = (uint32_t)(m / 1000000000 % 1000000000);
	limb[2] = (uint32_t)(m / 1000000000 / 1000000000);
	n = 3;
	for (k = e < 0 ? -e : e; k > 0; k -= step) {
		step = e < 0 ? (k < 13 ? k : 13) : (k < 29 ? k : 29);
		for (mul = 1, i = 0; i < step; i++)
			mul *= e < 0 ? 5 : 2;
		for (carry = 0, i = 0; i < n; i++) {
			carry += limb[i] * mul;
			limb[i] = (uint32_t)(carry % 1000000000);
			carry /= 1000000000;
		}
		if (carry != 0)
			limb[n++] = (uint32_t)carry;
	}
	while (n > 1 && limb[n - 1] == 0)
		n--;
	len = (size_t)snprintf(buf, cap, "%u", (unsigned)limb[n - 1]);
	for (i = n - 2; i >= 0; i--)
		len += (size_t)snprintf(buf + len, cap - len, "%09u",
		    (unsigned)limb[i]);
	if (e < 0)
		snprintf(buf + len, cap - len, "e-%d", -e);
}

/*
 * Write to buf the midpoint above the positive finite number with the given
 * bits, in a format of mbits stored significand bits and exponent bias.
 */
static void
midpoint(char *buf, size_t cap, uint64_t bits, int mbits, int bias)
{
	uint64_t m;
	int e, field;

	field = (int)(bits >> mbits);
	m = bits & (((uint64_t)1 << mbits) - 1);
	if (field != 0)
		m |= (uint64_t)1 << mbits;
	e = (field != 0 ? field : 1) - bias - mbits;
	exact(buf, cap, 2 * m + 1, e - 1);
}

/*
 * Change the exact number in buf (digits, then perhaps "e-K") by variant v:
 * 0 leaves it, 1 adds a tiny amount, 2 takes one away, 3 cuts the digits
 * short (and fixes the exponent), 4 keeps 17 digits.
 */
static void
nudge(char *buf, size_t cap, int v)
{
	char tail[32], *e;
	size_t nd, keep;
	long k;

	e = strchr(buf, 'e');
	k = e != NULL ? strtol(e + 2, NULL, 10) : 0;
	nd = e != NULL ? (size_t)(e - buf) : strlen(buf);
	buf[nd] = '\0';
	if (v == 1 && nd + 40 < cap)
		strcat(buf, "000000000000000000000000001");
	else if (v == 2 && buf[nd - 1] != '0' && nd + 40 < cap) {
		buf[nd - 1]--;
		strcat(buf, "99999999999999999999999999");
	} else if (v == 3 || v == 4) {
		keep = v == 4 ? 17 : 1 + (size_t)rndn(30);
		if (keep < nd && k > 0) {
			buf[keep] = '\0';
			k -= (long)(nd - keep);
		}
	}
	if (k > 0) {
		snprintf(tail, sizeof(tail), "e-%ld", k);
		strcat(buf, tail);
	} else if (k < 0) {
		snprintf(tail, sizeof(tail), "e%ld", -k);
		strcat(buf, tail);
	}
}

static void
test_midpoints(void)
{
	char buf[2048];
	uint64_t bits;
	int i, v;

	for (i = 0; i < NMID; i++) {
		/* A float midpoint, or a double one, of any magnitude. */
		do
			bits = rnd() >> (i % 2 == 0 ? 33 : 1);
		while ((bits >> (i % 2 == 0 ? 23 : 52)) ==
		    (i % 2 == 0 ? 255 : 2047));
		if (rndn(4) == 0)	/* subnormal */
			bits &= i % 2 == 0 ? 0x7fffff : 0xfffffffffffff;
		if (i % 2 == 0)
			midpoint(buf, sizeof(buf), bits, 23, 127);
		else
			midpoint(buf, sizeof(buf), bits, 52, 1023);
		for (v = 0; v < 5; v++) {
			char s[2048];

			memcpy(s, buf, sizeof(s));
			nudge(s, sizeof(s), v);
			check_libc(s);
		}
	}
}

/* Write a random digit string with point, sign and exponent to buf. */
static void
random_digits(char *buf)
{
	int i, j, nd, dot;

	i = 0;
	if (rndn(4) == 0)
		buf[i++] = rndn(2) ? '-' : '+';
	nd = 1 + rndn(40);
	dot = rndn(nd + 3);
	for (j = 0; j < nd; j++) {
		if (j == dot)
			buf[i++] = '.';
		buf[i++] = (char)('0' + (rndn(3) == 0 ? 0 : rndn(10)));
	}
	if (rndn(3) != 0)
		i += sprintf(buf + i, "%c%d", rndn(2) ? 'e' : 'E',
		    rndn(3) == 0 ? rndn(800) - 400 : rndn(90) - 50);
	buf[i] = '\0';
}

/* Return a random finite double of any magnitude, or a float's. */
static double
random_double(int asfloat)
{
	uint64_t b;
	uint32_t b32;
	double d;
	float f;

	do {
		b = rnd();
		b32 = (uint32_t)b;
		memcpy(&d, &b, sizeof(d));
		memcpy(&f, &b32, sizeof(f));
		if (asfloat)
			d = f;
	} while (!isfinite(d));
	return d;
}

/* Return a number near a boundary of float or double, a few ulps off. */
static double
random_edge(void)
{
	static const double edges[] = {
		FLT_MAX, FLT_MIN, 0x1p-149, 0x1p-150, 0x1.8p-150, 0x1p128,
		DBL_MAX, DBL_MIN, 0x1p-1074, 1, 0x1p24, 0x1p53, 0x1p-126 * 0.5
	};
	double d;
	int i;

	d = edges[rndn(sizeof(edges) / sizeof(edges[0]))];
	for (i = rndn(6); i > 0; i--)
		d = nextafter(d, rndn(2) ? HUGE_VAL : 0);
	return d;
}

static void
test_random(void)
{
	char buf[256];
	int i, bad;

	bad = 0;
	for (i = 0; i < NRANDOM; i++) {
		switch (rndn(10)) {
		case 0:
			snprintf(buf, sizeof(buf), "%.17g", random_double(0));
			break;
		case 1:
			snprintf(buf, sizeof(buf), "%.9g", random_double(1));
			break;
		case 2:
			snprintf(buf, sizeof(buf), "%.6e", random_double(1));
			break;
		case 3:
		case 4:
			random_digits(buf);
			break;
		case 5:
			snprintf(buf, sizeof(buf), "%.*g", 1 + rndn(25),
			    random_edge());
			break;
		case 6:
			snprintf(buf, sizeof(buf), "%.*g", 1 + rndn(25),
			    random_double(rndn(2)));
			break;
		case 7:
			snprintf(buf, sizeof(buf), "%llu",
			    (unsigned long long)(rnd() >> rndn(64)));
			break;
		case 8:
			snprintf(buf, sizeof(buf), "%.9f",
			    (double)rndn(1000000000) / 1e9);
			break;
		default:
			snprintf(buf, sizeof(buf), "%.7e",
			    (double)rndn(100000000) * 1e-12);
			break;
		}
		bad += !check_libc(buf);
	}
	CHECK_INT(bad, 0);
}

int
main(void)
{
	RUN(test_cases);
	RUN(test_cases_libc);
	RUN(test_rejects);
	RUN(test_specials);
	RUN(test_unterminated);
	RUN(test_long);
	RUN(test_midpoints);
	RUN(test_random);
	return unit_done();
}
