/*
 * fmtfloat.c: the shortest decimal text of a float, as fmtfloat.h states.
 *
 * The digits come from Schubfach (Raffaello Giulietti, "The Schubfach way
 * to render doubles", 2020, and the float case of his FloatToDecimal.java
 * in OpenJDK), written afresh for C99 and 64-bit integers.  A finite
 * nonzero float is c * 2^q.  Its rounding interval R holds the reals that
 * strtof() rounds to it.  With k such that 10^k <= the width of R <
 * 10^(k+1), R holds at most one multiple of 10^(k+1) and at least one of
 * 10^k, so after scaling the value and the ends of R by 10^-k only the two
 * multiples of 10 and the two integers around the value are candidates.
 *
 * fmt_float() was compared with glibc's printf() and strtof() for all 2^32
 * bit patterns when it was written (40 minutes on two cores);
 * tests/unit/test_fmtfloat.c repeats the comparison on a sample.
 */
#include <float.h>
#include <stdint.h>
#include <string.h>

#include "fmtfloat.h"

#if FLT_RADIX != 2 || FLT_MANT_DIG != 24 || FLT_MAX_EXP != 128
#error "fmtfloat.c assumes that float is IEEE 754 binary32"
#endif

#define C_MIN	0x800000u	/* 2^23, the significand of a power of two */
#define Q_MIN	(-149)		/* the binary exponent of every subnormal */
#define G_EMIN	(-31)		/* the powers of ten in g_pow10[] */
#define G_EMAX	45

/*
 * g_pow10[e - G_EMIN] is floor(10^e * 2^j) + 1, j the integer that puts
 * 10^e * 2^j in [2^62, 2^63): a 63-bit upper bound on 10^e.  Made by
 *
 *	for (e = -31; e <= 45; e++) {
 *		n = 1; d = 1
 *		if (e >= 0) n = 10^e else d = 10^-e
 *		while (n < d * 2^62) n = n * 2
 *		while (n >= d * 2^63) d = d * 2
 *		n / d + 1
 *	}
 *
 * in bc(1) with obase = 16.
 */
static const uint64_t g_pow10[G_EMAX - G_EMIN + 1] = {
	0x40e7599625a1fe7b,	/* 10^-31 */
	0x51212ffbaf0a7e19,	/* 10^-30 */
	0x65697bfa9acd1da0,	/* 10^-29 */
	0x7ec3daf941806507,	/* 10^-28 */
	0x4f3a68dbc8f03f25,	/* 10^-27 */
	0x63090312bb2c4eee,	/* 10^-26 */
	0x7bcb43d769f762a9,	/* 10^-25 */
	0x4d5f0a66a23a9daa,	/* 10^-24 */
	0x60b6cd004ac94514,	/* 10^-23 */
	0x78e480405d7b9659,	/* 10^-22 */
	0x4b8ed0283a6d3df8,	/* 10^-21 */
	0x5e72843249088d76,	/* 10^-20 */
	0x760f253edb4ab0d3,	/* 10^-19 */
	0x49c97747490eae84,	/* 10^-18 */
	0x5c3bd5191b525a25,	/* 10^-17 */
	0x734aca5f6226f0ae,	/* 10^-16 */
	0x480ebe7b9d58566d,	/* 10^-15 */
	0x5a126e1a84ae6c08,	/* 10^-14 */
	0x709709a125da070a,	/* 10^-13 */
	0x465e6604b7a84466,	/* 10^-12 */
	0x57f5ff85e5925580,	/* 10^-11 */
	0x6df37f675ef6eae0,	/* 10^-10 */
	0x44b82fa09b5a52cc,	/* 10^-9 */
	0x55e63b88c230e77f,	/* 10^-8 */
	0x6b5fca6af2bd215f,	/* 10^-7 */
	0x431bde82d7b634db,	/* 10^-6 */
	0x53e2d6238da3c212,	/* 10^-5 */
	0x68db8bac710cb296,	/* 10^-4 */
	0x4189374bc6a7ef9e,	/* 10^-3 */
	0x51eb851eb851eb86,	/* 10^-2 */
	0x6666666666666667,	/* 10^-1 */
	0x4000000000000001,	/* 10^0 */
	0x5000000000000001,	/* 10^1 */
	0x6400000000000001,	/* 10^2 */
	0x7d00000000000001,	/* 10^3 */
	0x4e20000000000001,	/* 10^4 */
	0x61a8000000000001,	/* 10^5 */
	0x7a12000000000001,	/* 10^6 */
	0x4c4b400000000001,	/* 10^7 */
	0x5f5e100000000001,	/* 10^8 */
	0x7735940000000001,	/* 10^9 */
	0x4a817c8000000001,	/* 10^10 */
	0x5d21dba000000001,	/* 10^11 */
	0x746a528800000001,	/* 10^12 */
	0x48c2739500000001,	/* 10^13 */
	0x5af3107a40000001,	/* 10^14 */
	0x71afd498d0000001,	/* 10^15 */
	0x470de4df82000001,	/* 10^16 */
	0x58d15e1762800001,	/* 10^17 */
	0x6f05b59d3b200001,	/* 10^18 */
	0x4563918244f40001,	/* 10^19 */
	0x56bc75e2d6310001,	/* 10^20 */
	0x6c6b935b8bbd4001,	/* 10^21 */
	0x43c33c1937564801,	/* 10^22 */
	0x54b40b1f852bda01,	/* 10^23 */
	0x69e10de76676d081,	/* 10^24 */
	0x422ca8b0a00a4251,	/* 10^25 */
	0x52b7d2dcc80cd2e5,	/* 10^26 */
	0x6765c793fa10079e,	/* 10^27 */
	0x409f9cbc7c4a04c3,	/* 10^28 */
	0x50c783eb9b5c85f3,	/* 10^29 */
	0x64f964e68233a770,	/* 10^30 */
	0x7e37be2022c0914c,	/* 10^31 */
	0x4ee2d6d415b85acf,	/* 10^32 */
	0x629b8c891b267183,	/* 10^33 */
	0x7b426fab61f00de4,	/* 10^34 */
	0x4d0985cb1d3608af,	/* 10^35 */
	0x604be73de4838ada,	/* 10^36 */
	0x785ee10d5da46d91,	/* 10^37 */
	0x4b3b4ca85a86c47b,	/* 10^38 */
	0x5e0a1fd271287599,	/* 10^39 */
	0x758ca7c70d7292ff,	/* 10^40 */
	0x4977e8dc68679be0,	/* 10^41 */
	0x5bd5e313828182d7,	/* 10^42 */
	0x72cb5bd86321e38d,	/* 10^43 */
	0x47bf19673df52e38,	/* 10^44 */
	0x59aedfc10d7279c6,	/* 10^45 */
};

static const char pairs[] =
	"0001020304050607080910111213141516171819"
	"2021222324252627282930313233343536373839"
	"4041424344454647484950515253545556575859"
	"6061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/*
 * The three integer logarithms below are exact over the ranges stated, as
 * checked against exact arithmetic for every argument in them.  The added
 * and subtracted constants keep the shifted value nonnegative, since
 * shifting a negative int right is implementation-defined.
 */

/* Return floor(q log10(2)) for -149 <= q <= 104. */
static int
flog10pow2(int q)
{
	return ((q * 78913 + (64 << 18)) >> 18) - 64;
}

/* Return floor(log10(3/4 * 2^q)) for -148 <= q <= 104. */
static int
flog10tqpow2(int q)
{
	return ((q * 78913 - 32768 + (64 << 18)) >> 18) - 64;
}

/* Return floor(e log2(10)) for -31 <= e <= 45. */
static int
flog2pow10(int e)
{
	return ((e * 1741647 + (128 << 19)) >> 19) - 128;
}

/*
 * Return x / 2^31 rounded to odd, where x = floor(g * cp / 2^sh): the
 * integer part with its last bit set if anything was cut off.  Rounding to
 * odd keeps every comparison with an even number exact.  x is the high
 * word of g * (cp << (64 - sh)), as in FloatToDecimal.java, computed from
 * two 32-bit halves of g; that g overstates a power of ten by up to one
 * unit in its last place never changes a result.  The caller keeps
 * cp < 2^26 and 28 <= sh <= 31, so no product overflows.
 */
static uint32_t
rop(uint64_t g, uint32_t cp, int sh)
{
	uint64_t x;

	x = ((g >> 32) * cp << (32 - sh)) + ((g & 0xffffffff) * cp >> sh);
	return (uint32_t)(x >> 31) | ((x & 0x7fffffff) != 0);
}

/*
 * Return the digits d, and store in *kp the exponent k, of the shortest
 * decimal d * 10^k that reads back to c * 2^q, the nearest such if there
 * are several (c > 0).  d may have trailing zeros and has at most 9 digits.
 *
 * vb, vbl and vbr are 4 * 10^-k times the value and the ends of its
 * rounding interval, rounded to odd; s * 10^k and (s + 1) * 10^k are the
 * multiples of 10^k around the value, and s > 0.  The ends belong to the interval iff c is even
 * (ties go to even in strtof()), hence out.  A power of two (c = C_MIN)
 * has half as wide a gap below it, except the smallest normal.
 */
static uint32_t
shortest(uint32_t c, int q, int *kp)
{
	uint64_t g;
	uint32_t cb, cbl, vb, vbl, vbr, s, sp, out;
	int k, sh, uin, win;

	out = c & 1;
	cb = c << 2;
	if (c != C_MIN || q == Q_MIN) {
		cbl = cb - 2;
		k = flog10pow2(q);
	} else {
		cbl = cb - 1;
		k = flog10tqpow2(q);
	}
	g = g_pow10[-k - G_EMIN];
	sh = 31 - q - flog2pow10(-k);
	vb = rop(g, cb, sh);
	vbl = rop(g, cbl, sh);
	vbr = rop(g, cb + 2, sh);
	*kp = k;
	s = vb >> 2;

	/*
	 * A multiple of 10^(k+1) in the interval is the only one, and it is
	 * shorter than any other candidate when s has 3 digits or more.
	 */
	if (s >= 100) {
		sp = s / 10 * 10;
		uin = vbl + out <= sp << 2;
		win = ((sp + 10) << 2) + out <= vbr;
		if (uin != win)
			return uin ? sp : sp + 10;
	}
	uin = vbl + out <= s << 2;
	win = ((s + 1) << 2) + out <= vbr;
	if (uin != win)
		return uin ? s : s + 1;

	/*
	 * Both fit.  Below 100 (small subnormals only) the interval holds no
	 * other multiple of 10^k, but one of the two may be shorter: 30
	 * beats 29 even when 29 is nearer.  9 and 10 are as short as each
	 * other.  Otherwise take the nearer, or the even one on a tie.
	 */
	if (s >= 10 && s % 10 == 0)
		return s;
	if (s >= 10 && (s + 1) % 10 == 0)
		return s + 1;
	if (vb < 4 * s + 2 || (vb == 4 * s + 2 && s % 2 == 0))
		return s;
	return s + 1;
}

/*
 * Return the number of decimal digits of d, which is below 10^9.  The sum
 * of comparisons has no branch to mispredict.
 */
static int
ndigits(uint32_t d)
{
	return 1 + (d >= 10) + (d >= 100) + (d >= 1000) + (d >= 10000) +
	    (d >= 100000) + (d >= 1000000) + (d >= 10000000) +
	    (d >= 100000000);
}

/* Write the n decimal digits of d to p[0 .. n). */
static void
put_digits(char *p, uint32_t d, int n)
{
	uint32_t r;

	p += n;
	while (d >= 100) {
		r = d % 100;
		d /= 100;
		p -= 2;
		memcpy(p, pairs + 2 * r, 2);
	}
	if (d >= 10)
		memcpy(p - 2, pairs + 2 * d, 2);
	else
		p[-1] = (char)('0' + d);
}

/*
 * Write d * 10^k to p in the layout of fmtfloat.h and return its length;
 * d > 0 has no trailing zeros and at most 9 digits.
 */
static size_t
layout(char *p, uint32_t d, int k)
{
	int n, e, len;

	n = ndigits(d);
	e = k + n - 1;
	if (e < -4 || e > 8) {
		put_digits(p + 1, d, n);
		p[0] = p[1];
		len = 1;
		if (n > 1) {
			p[1] = '.';
			len = n + 1;
		}
		p[len++] = 'e';
		p[len++] = e < 0 ? '-' : '+';
		memcpy(p + len, pairs + 2 * (e < 0 ? -e : e), 2);
		return len + 2;
	}
	if (k >= 0) {
		put_digits(p, d, n);
		memset(p + n, '0', k);
		return n + k;
	}
	if (e >= 0) {
		put_digits(p + 1, d, n);
		memmove(p, p + 1, e + 1);
		p[e + 1] = '.';
		return n + 1;
	}
	p[0] = '0';
	p[1] = '.';
	memset(p + 2, '0', -e - 1);
	put_digits(p + 1 - e, d, n);
	return n + 1 - e;
}

size_t
fmt_float(char *buf, float f)
{
	uint32_t u, c, d;
	int bexp, k;
	char *p;

	memcpy(&u, &f, sizeof(u));
	bexp = u >> 23 & 0xff;
	c = u & 0x7fffff;
	if (bexp == 0xff && c != 0) {
		memcpy(buf, "nan", 3);
		return 3;
	}
	p = buf;
	if (u >> 31)
		*p++ = '-';
	if (bexp == 0xff) {
		memcpy(p, "inf", 3);
		return p + 3 - buf;
	}
	if (bexp == 0 && c == 0) {
		*p = '0';
		return p + 1 - buf;
	}
	if (bexp != 0)
		d = shortest(c | C_MIN, bexp - 150, &k);
	else
		d = shortest(c, Q_MIN, &k);
	while (d % 10 == 0) {	/* d > 0 */
		d /= 10;
		k++;
	}
	return p - buf + layout(p, d, k);
}
