/*
 * number.c: decimal text to float, correctly rounded and locale-free.
 *
 * xgbp_parse_float() reads the text into a significand w of at most 19
 * digits and a power of ten q, then tries three methods, fastest first:
 *
 * 1. Clinger's: when w and 10^|q| are both exact doubles, one IEEE
 *    multiplication or division rounds correctly.
 * 2. Eisel and Lemire's: w times 5^q truncated to 128 bits (pow5.h) is a
 *    192-bit product whose top bits are the answer, unless the truncation
 *    error could carry the value across a rounding boundary.
 * 3. Big decimal: up to DEC_MAX digits and a sticky bit, scaled by powers
 *    of two until its integer part is the significand (the "simple decimal
 *    conversion" of Go's strconv and Nigel Tao's wuffs).  Exact, slow, and
 *    reached only by ties, near-ties and long inputs.
 *
 * Each method yields a value rounded once to a format: double by default,
 * then narrowed to float as (float)strtod() does; float in DIRECT mode, as
 * strtof() does.  The methods work on the magnitude; the sign comes last.
 */

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "pow5.h"

#if FLT_RADIX != 2 || FLT_MANT_DIG != 24 || DBL_MANT_DIG != 53 || \
    FLT_MAX_EXP != 128 || DBL_MAX_EXP != 1024
#error "number.c needs IEEE 754 binary32 float and binary64 double"
#endif

#define MAXDIGITS	19		/* decimal digits that always fit w */
#define EXPMAX		100000000000000000	/* exponents saturate here */
#define DEC_MAX		800		/* digits the big decimal keeps */

/* A binary floating-point format. */
struct fmt {
	int	mbits;		/* stored significand bits */
	int	emin;		/* exponent of the least normal number */
	int	emax;		/* exponent of the greatest finite number */
};

static const struct fmt dbl = { 52, -1022, 1023 };
static const struct fmt flt = { 23, -126, 127 };

/* A number as scanned: the digits, where they are, and w * 10^q. */
struct num {
	const char	*ip;		/* integer digits */
	const char	*fp;		/* fraction digits */
	size_t		 ni;		/* number of integer digits */
	size_t		 nf;		/* number of fraction digits */
	int64_t		 e;		/* exponent as written, saturated */
	uint64_t	 w;		/* leading significant digits */
	int64_t		 q;		/* the value is w * 10^q ... */
	int		 trunc;		/* ... plus a bit when nonzero */
};

/* A big decimal: 0.d[0]d[1]...d[nd-1] * 10^dp, d[0] != 0 unless nd == 0. */
struct decimal {
	int		 nd;
	int		 dp;
	int		 trunc;		/* nonzero digits were dropped */
	unsigned char	 d[DEC_MAX];
};

static const double pow10d[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static const uint64_t pow10u[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000
};

#define INFBITS(f)	((uint64_t)((f)->emax - (f)->emin + 2) << (f)->mbits)
#define ISDIGIT(c)	((unsigned)((c) - '0') < 10)

/*
 * Clinger's fast path needs each operation rounded once, to its own type;
 * x87 arithmetic (FLT_EVAL_METHOD 2) rounds twice, so there we skip it.
 */
#if FLT_EVAL_METHOD == 0
#define CLINGER	1
#else
#define CLINGER	0
#endif

/*
 * GCC and Clang have a count of leading zeros and a 128-bit product, each a
 * single instruction on 64-bit machines; elsewhere, or with XGBP_PORTABLE
 * defined (as the tests also build), plain C does the same work.
 */
#if defined(__GNUC__) && !defined(XGBP_PORTABLE)
#define HAVE_CLZ	1
#else
#define HAVE_CLZ	0
#endif
#if defined(__GNUC__) && defined(__SIZEOF_INT128__) && !defined(XGBP_PORTABLE)
#define HAVE_INT128	1
#else
#define HAVE_INT128	0
#endif

/*
 * Return the number of leading zero bits of x, which is not 0.  The plain C
 * has no branches: significands come at random.
 */
static int
clz64(uint64_t x)
{
#if HAVE_CLZ
	return __builtin_clzll(x);
#else
	int n, k;

	k = (x >> 32 == 0) << 5;
	n = k;
	x <<= k;
	k = (x >> 48 == 0) << 4;
	n += k;
	x <<= k;
	k = (x >> 56 == 0) << 3;
	n += k;
	x <<= k;
	k = (x >> 60 == 0) << 2;
	n += k;
	x <<= k;
	k = (x >> 62 == 0) << 1;
	n += k;
	x <<= k;
	return n + (x >> 63 == 0);
#endif
}

/* Store the 128-bit product a * b in *hi and *lo. */
static void
mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
#if HAVE_INT128
	__extension__ unsigned __int128 p;

	p = __extension__ (unsigned __int128)a * b;
	*hi = (uint64_t)(p >> 64);
	*lo = (uint64_t)p;
#else
	uint64_t a0, a1, b0, b1, p00, p01, p10, p11, mid;

	a0 = a & 0xffffffff;
	a1 = a >> 32;
	b0 = b & 0xffffffff;
	b1 = b >> 32;
	p00 = a0 * b0;
	p01 = a0 * b1;
	p10 = a1 * b0;
	p11 = a1 * b1;
	mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
	*lo = (mid << 32) | (p00 & 0xffffffff);
	*hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

/* Return floor(q * log2(5)); exact for |q| < 400, which covers pow5.h. */
static int
log2pow5(int q)
{
	return (int)(((int64_t)q + 65536) * 152170 / 65536) - 152170;
}

/*
 * Return the bits of m * 2^lsb in format f, or of infinity when that
 * overflows.  m < 2^(mbits + 2) is a rounded significand: a normal one has
 * bit mbits (or, after rounding carried, bit mbits + 1) set and
 * lsb >= emin - mbits; a subnormal one has lsb == emin - mbits.  Either way
 * the exponent field plus the significand with its hidden bit make the sum.
 */
static uint64_t
pack(uint64_t m, int lsb, const struct fmt *f)
{
	uint64_t bits;

	bits = ((uint64_t)(lsb + f->mbits + f->emax - 1) << f->mbits) + m;
	return bits < INFBITS(f) ? bits : INFBITS(f);
}

/*
 * Round w * 10^q to format f by Eisel and Lemire's method; w != 0 and
 * POW5_QMIN <= q <= POW5_QMAX.  With w shifted to 64 significant bits and
 * T the table's 5^q, the product P = w * T has 191 or 192 bits and the true
 * value, scaled alike, lies in [P, P + w): T is 5^q truncated to 128 bits,
 * exact for 0 <= q <= 55.  The error thus touches only the low 64 bits of P
 * and changes the rounding only when the bits below the rounding point are
 * within w under one half.  Store the result's bits in *bits and return 0,
 * or return -1 when in doubt.
 */
static int
lemire(uint64_t w, int q, const struct fmt *f, uint64_t *bits)
{
	const uint64_t *t;
	uint64_t p0, p1, p2, hi, m, rem, half;
	int lz, scale, pos, sub, s, up;

	lz = clz64(w);
	w <<= lz;
	t = pow5[q - POW5_QMIN];
	mul64(w, t[0], &p2, &p1);
	p0 = 0;
	/*
	 * The low half of T adds under 2^128 to the product, at most one to
	 * p2.  Since pos - 1 >= 137, that matters only when the low 9 bits of
	 * p2 are all ones or all zeros; else the tests below never look at p1
	 * or p0, and the same decision holds for p2 + 1.
	 */
	if (((p2 + 1) & 0x1ff) <= 1) {
		mul64(w, t[1], &hi, &p0);
		p1 += hi;
		p2 += p1 < hi;
	}

	/* Bit i of P weighs 2^(i + scale); the least kept bit is pos. */
	scale = log2pow5(q) - 127 - lz + q;
	pos = 190 + (int)(p2 >> 63) - f->mbits;
	sub = f->emin - f->mbits - scale;
	if (pos < sub)
		pos = sub;
	if (pos > 192) {		/* under half the least subnormal */
		*bits = 0;
		return 0;
	}
	s = pos - 128;			/* 10 <= s <= 64 */
	m = s < 64 ? p2 >> s : 0;
	rem = s < 64 ? p2 & (((uint64_t)1 << s) - 1) : p2;
	half = (uint64_t)1 << (s - 1);

	if (rem > half || (rem == half && (p1 | p0) != 0))
		up = 1;
	else if (rem == half)
		up = q >= 0 && q <= 55 ? (int)(m & 1) : 1;
	else if (q >= 0 && q <= 55)
		up = 0;
	else if (rem == half - 1 && p1 == UINT64_MAX && p0 > -w)
		return -1;
	else
		up = 0;
	*bits = pack(m + up, pos + scale, f);
	return 0;
}

/*
 * Round x, whose w * 10^q is in pow5.h's range, to format f by Eisel and
 * Lemire's method.  When digits were dropped from w the value is strictly
 * between w and w + 1 times 10^q, and rounding is monotone: if both ends
 * round alike, so does the value.  Return -1 when in doubt.
 */
static int
lemire_num(const struct num *x, const struct fmt *f, uint64_t *bits)
{
	uint64_t b;

	if (lemire(x->w, (int)x->q, f, bits) == -1)
		return -1;
	if (!x->trunc)
		return 0;
	if (lemire(x->w + 1, (int)x->q, f, &b) == -1 || b != *bits)
		return -1;
	return 0;
}

/* Trim trailing zeros from a, and make zero canonical. */
static void
dec_trim(struct decimal *a)
{
	while (a->nd > 0 && a->d[a->nd - 1] == 0)
		a->nd--;
	if (a->nd == 0)
		a->dp = 0;
}

/* Return v clamped to a range that is safe for int and decides any format. */
static int
dec_clamp(int64_t v)
{
	if (v > 100000)
		return 100000;
	if (v < -100000)
		return -100000;
	return (int)v;
}

/* Load the digits and exponent of x into a. */
static void
dec_init(struct decimal *a, const struct num *x)
{
	const char *p, *end;
	int64_t dp;
	int c, frac;

	a->nd = 0;
	a->trunc = 0;
	dp = 0;
	for (frac = 0; frac < 2; frac++) {
		p = frac ? x->fp : x->ip;
		end = p + (frac ? x->nf : x->ni);
		for (; p < end; p++) {
			c = *p - '0';
			if (a->nd == 0 && c == 0) {
				dp -= frac;	/* a leading zero */
				continue;
			}
			if (a->nd < DEC_MAX)
				a->d[a->nd++] = c;
			else if (c != 0)
				a->trunc = 1;
			dp += !frac;
		}
	}
	a->dp = dec_clamp(dp + x->e);
	dec_trim(a);
}

/* Multiply a by 2^k, 1 <= k <= 60.  Digits past DEC_MAX are dropped. */
static void
dec_lshift(struct decimal *a, int k)
{
	uint64_t v, carry;
	int i, c, dig;

	/* A first pass finds how many digits the number grows by. */
	carry = 0;
	for (i = a->nd - 1; i >= 0; i--)
		carry = (((uint64_t)a->d[i] << k) + carry) / 10;
	for (c = 0, v = carry; v != 0; v /= 10)
		c++;

	carry = 0;
	for (i = a->nd - 1; i >= 0; i--) {
		v = ((uint64_t)a->d[i] << k) + carry;
		carry = v / 10;
		dig = (int)(v % 10);
		if (i + c < DEC_MAX)
			a->d[i + c] = dig;
		else if (dig != 0)
			a->trunc = 1;
	}
	for (i = c - 1; i >= 0; i--) {
		a->d[i] = carry % 10;
		carry /= 10;
	}
	a->nd = a->nd + c < DEC_MAX ? a->nd + c : DEC_MAX;
	a->dp += c;
	dec_trim(a);
}

/* Divide a by 2^k, 1 <= k <= 60; a is not zero. */
static void
dec_rshift(struct decimal *a, int k)
{
	uint64_t r, mask;
	int i, j;

	/* Read digits until the prefix r holds the first quotient digit. */
	r = 0;
	for (i = 0; (r >> k) == 0; i++)
		r = r * 10 + (i < a->nd ? a->d[i] : 0);
	a->dp -= i - 1;

	mask = ((uint64_t)1 << k) - 1;
	for (j = 0; i < a->nd; i++) {
		a->d[j++] = r >> k;
		r = (r & mask) * 10 + a->d[i];
	}
	for (; r != 0; r = (r & mask) * 10) {
		if (j == DEC_MAX) {
			a->trunc = 1;
			break;
		}
		a->d[j++] = r >> k;
	}
	a->nd = j;
	dec_trim(a);
}

/*
 * Return a rounded to an integer, to even on a tie; a < 2^63.  A dropped
 * tail makes a 5 that ends the digits more than one half.
 */
static uint64_t
dec_round(const struct decimal *a)
{
	uint64_t m;
	int i, up;

	if (a->dp < 0)
		return 0;
	m = 0;
	for (i = 0; i < a->dp; i++)
		m = m * 10 + (i < a->nd ? a->d[i] : 0);
	if (a->dp >= a->nd || a->d[a->dp] < 5)
		up = 0;
	else if (a->d[a->dp] > 5 || a->dp + 1 < a->nd || a->trunc)
		up = 1;
	else
		up = (int)(m & 1);
	return m + up;
}

/*
 * Return the bits of a rounded to format f; a is destroyed.  Scale a by
 * powers of two into [1/2, 1), noting the exponent, then scale it again so
 * that its integer part is the significand, and round.  Values under 10^-330
 * or over 10^310 are out of range for any format here.
 */
static uint64_t
dec_bits(struct decimal *a, const struct fmt *f)
{
	int exp2, k, lsb;

	if (a->nd == 0 || a->dp < -330)
		return 0;
	if (a->dp > 310)
		return INFBITS(f);
	exp2 = 0;
	while (a->dp > 0) {
		k = a->dp > 20 ? 60 : 3 * a->dp;
		dec_rshift(a, k);
		exp2 += k;
	}
	/* Each left shift keeps a under 1: 2^(3j) < 10^j. */
	while (a->dp < 0 || (a->dp == 0 && a->d[0] < 5)) {
		k = a->dp == 0 ? 1 : a->dp < -20 ? 60 : -3 * a->dp;
		dec_lshift(a, k);
		exp2 -= k;
	}
	/* Now the value is a * 2^exp2 with 1/2 <= a < 1. */
	if (exp2 - 1 > f->emax)
		return INFBITS(f);
	lsb = exp2 - 1 - f->mbits;
	if (lsb < f->emin - f->mbits)
		lsb = f->emin - f->mbits;
	k = exp2 - lsb;
	if (k < 0)			/* under half the least subnormal */
		return 0;
	if (k > 0)
		dec_lshift(a, k);
	return pack(dec_round(a), lsb, f);
}

/* Return x rounded to a double, the slow way. */
static double
slow_double(const struct num *x)
{
	struct decimal a;
	uint64_t bits;
	double d;

	dec_init(&a, x);
	bits = dec_bits(&a, &dbl);
	memcpy(&d, &bits, sizeof(d));
	return d;
}

/* Return x rounded to a float, the slow way. */
static float
slow_float(const struct num *x)
{
	struct decimal a;
	uint32_t bits;
	float f;

	dec_init(&a, x);
	bits = (uint32_t)dec_bits(&a, &flt);
	memcpy(&f, &bits, sizeof(f));
	return f;
}

/* Return the magnitude of x rounded to the nearest double. */
static double
to_double(const struct num *x)
{
	uint64_t bits;
	double d;

	if (x->w == 0)
		return 0;
	if (CLINGER && !x->trunc && x->w <= (uint64_t)1 << 53 &&
	    x->q >= -22 && x->q <= 22) {
		d = (double)x->w;
		return x->q < 0 ? d / pow10d[-x->q] : d * pow10d[x->q];
	}
	if (x->q < POW5_QMIN)
		return 0;
	if (x->q > POW5_QMAX)
		return HUGE_VAL;
	if (lemire_num(x, &dbl, &bits) == -1)
		return slow_double(x);
	memcpy(&d, &bits, sizeof(d));
	return d;
}

/*
 * Return the magnitude of x rounded to the nearest float.  Clinger's double
 * path serves here too: its result d lies in the normal range of float, and
 * unless d is a midpoint between two floats, no midpoint lies between x and
 * d (it would be a double nearer x), so x and d round alike.
 */
static float
to_float(const struct num *x)
{
	uint64_t bits;
	uint32_t b;
	double d;
	float f;

	if (x->w == 0)
		return 0;
	if (CLINGER && !x->trunc && x->w <= (uint64_t)1 << 53 &&
	    x->q >= -22 && x->q <= 22) {
		d = (double)x->w;
		d = x->q < 0 ? d / pow10d[-x->q] : d * pow10d[x->q];
		memcpy(&bits, &d, sizeof(d));
		if ((bits & 0x1fffffff) != 0x10000000)
			return (float)d;
	}
	if (x->q < POW5_QMIN)
		return 0;
	if (x->q > POW5_QMAX)
		return HUGE_VALF;
	if (lemire_num(x, &flt, &bits) == -1)
		return slow_float(x);
	b = (uint32_t)bits;
	memcpy(&f, &b, sizeof(f));
	return f;
}

/*
 * Return the nonnegative d rounded to float.  C leaves the conversion
 * undefined past FLT_MAX; IEEE rounds to FLT_MAX up to the midpoint between
 * FLT_MAX and 2^128, and to infinity from there on.
 */
static float
narrow(double d)
{
	if (d > FLT_MAX)
		return d >= 0x1.ffffffp127 ? HUGE_VALF : FLT_MAX;
	return (float)d;
}

/*
 * Return n, or EXPMAX if it is larger.  A 32-bit size_t never is, and gcc
 * warns of a comparison that is always false, so there is none.
 */
static int64_t
clampsize(size_t n)
{
#if SIZE_MAX > EXPMAX
	if (n > EXPMAX)
		return EXPMAX;
#endif
	return (int64_t)n;
}

/* Return the saturated sum of int64_t a and size_t b. */
static int64_t
addsat(int64_t a, size_t b)
{
	return a + clampsize(b);
}

/*
 * Set w, q and trunc of x when it has more than MAXDIGITS digits: skip the
 * leading zeros, keep MAXDIGITS digits and note whether any that follow is
 * nonzero.
 */
static void
sigdigits(struct num *x)
{
	const char *p, *end;
	size_t kept, left;
	int frac;

	x->w = 0;
	x->trunc = 0;
	kept = left = 0;
	for (frac = 0; frac < 2; frac++) {
		p = frac ? x->fp : x->ip;
		end = p + (frac ? x->nf : x->ni);
		for (; p < end; p++) {
			if (kept == 0 && *p == '0')
				continue;	/* a leading zero */
			if (kept < MAXDIGITS) {
				x->w = x->w * 10 + (uint64_t)(*p - '0');
				kept++;
			} else {
				left++;
				if (*p != '0')
					x->trunc = 1;
			}
		}
	}
	/* value = digits * 10^(e - nf) = w * 10^(e - nf + left) */
	x->q = addsat(x->e, left) - clampsize(x->nf);
}

/*
 * Store "inf", "infinity" or "nan" in s[0..n), in any case, with sign neg,
 * in *out and return 0; return -1 for anything else.
 */
static int
special(const char *s, size_t n, int neg, float *out)
{
	static const char word[] = "infinity";
	size_t i;

	if (n == 3 && (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'a' &&
	    (s[2] | 0x20) == 'n') {
		*out = neg ? -NAN : NAN;
		return 0;
	}
	if (n != 3 && n != 8)
		return -1;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != word[i])
			return -1;
	*out = neg ? -HUGE_VALF : HUGE_VALF;
	return 0;
}

/*
 * Scan [p, end) into x: digits, an optional '.' and digits, an optional
 * exponent.  Return 0, or 1 when there are no digits at all and nothing was
 * consumed (perhaps inf or nan), or -1 when the text is not a number.
 */
static int
scan(const char *p, const char *end, struct num *x)
{
	uint64_t w;
	int64_t e;
	int eneg;

	w = 0;
	x->ip = p;
	while (p < end && ISDIGIT(*p))
		w = w * 10 + (uint64_t)(*p++ - '0');
	x->ni = (size_t)(p - x->ip);
	x->fp = p;
	x->nf = 0;
	if (p < end && *p == '.') {
		x->fp = ++p;
		while (p < end && ISDIGIT(*p))
			w = w * 10 + (uint64_t)(*p++ - '0');
		x->nf = (size_t)(p - x->fp);
	}
	if (x->ni + x->nf == 0)
		return p == x->ip ? 1 : -1;

	e = 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		eneg = p < end && *p == '-';
		if (p < end && (*p == '-' || *p == '+'))
			p++;
		if (p == end || !ISDIGIT(*p))
			return -1;
		for (; p < end && ISDIGIT(*p); p++)
			if (e < EXPMAX)
				e = e * 10 + (*p - '0');
		if (eneg)
			e = -e;
	}
	if (p != end)
		return -1;
	x->e = e;
	if (x->ni + x->nf <= MAXDIGITS) {
		x->w = w;
		x->q = e - (int64_t)x->nf;
		x->trunc = 0;
	} else
		sigdigits(x);
	return 0;
}

/* Return the 8 bytes at p as a little-endian integer, whatever the host. */
static uint64_t
load8(const char *p)
{
	const unsigned char *u;

	u = (const unsigned char *)p;
	return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
	    (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 |
	    (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
}

/*
 * Return the k (1 to 8) bytes before end, end - 8 being readable, as
 * load8() would of eight bytes with '0's before them.
 */
static uint64_t
last8(const char *end, size_t k)
{
	uint64_t before = k >= 8 ? 0 : UINT64_MAX >> (8 * k);

	return (load8(end - 8) & ~before) | (0x3030303030303030 & before);
}

/* Return whether each byte of v is an ASCII digit. */
static int
all8digits(uint64_t v)
{
	/* A digit has high nibble 3 and stays under 0x40 plus 6. */
	return ((v & 0xf0f0f0f0f0f0f0f0) |
	    (((v + 0x0606060606060606) & 0xf0f0f0f0f0f0f0f0) >> 4)) ==
	    0x3333333333333333;
}

/*
 * Return the value of the eight digits in v, the first in the low byte:
 * combine neighbouring lanes pairwise, bytes to 16 bits to 32 to 64.
 */
static uint64_t
parse8(uint64_t v)
{
	v -= 0x3030303030303030;
	v = (v * 10 + (v >> 8)) & 0x00ff00ff00ff00ff;
	v = (v * 100 + (v >> 16)) & 0x0000ffff0000ffff;
	return (v * 10000 + (v >> 32)) & 0xffffffff;
}

/*
 * Store in *f the magnitude w * 10^q rounded as flags ask, by Eisel and
 * Lemire's method, and return 0; return -1 when in doubt.
 */
static int
lemire_float(uint64_t w, int q, int flags, float *f)
{
	uint64_t bits;
	uint32_t b;
	double d;

	if (w == 0 || q < POW5_QMIN)
		*f = 0;
	else if (q > POW5_QMAX)
		*f = HUGE_VALF;
	else if (flags & XGBP_PARSE_DIRECT) {
		if (lemire(w, q, &flt, &bits) == -1)
			return -1;
		b = (uint32_t)bits;
		memcpy(f, &b, sizeof(*f));
	} else {
		if (lemire(w, q, &dbl, &bits) == -1)
			return -1;
		memcpy(&d, &bits, sizeof(d));
		*f = narrow(d);
	}
	return 0;
}

/*
 * Parse s[0..n) as xgbp_parse_float() does, in full generality.  Return 0 or
 * -1 as it does.
 */
static int
parse(const char *s, size_t n, float *out, int flags)
{
	struct num x;
	float f;
	int neg, r;

	if (n == 0)
		return -1;
	neg = s[0] == '-';
	if (s[0] == '-' || s[0] == '+') {
		s++;
		n--;
	}
	r = scan(s, s + n, &x);
	if (r == 1)
		return special(s, n, neg, out);
	if (r == -1)
		return -1;
	if (flags & XGBP_PARSE_DIRECT)
		f = to_float(&x);
	else
		f = narrow(to_double(&x));
	*out = neg ? -f : f;
	return 0;
}

/*
 * The common case stays here, in registers: at most MAXDIGITS digits and an
 * exponent of at most four, rounded by Clinger's path or else Eisel and
 * Lemire's.  Anything else, even a syntax error, goes to parse().  On
 * Clinger's path 10^-22 <= d <= 2^53 * 10^22, normal and finite as float.
 * Returns 0, or -1 for text that is not a number; the readers of model
 * files call it as it is.
 */
int
xgbp_number(const char *s, size_t n, float *out, int flags)
{
	const char *p, *end, *mark;
	uint64_t w, bits;
	size_t nd, nf, k;
	double d;
	float f;
	int neg, q, e, eneg;

	if (!CLINGER || n == 0)
		return parse(s, n, out, flags);
	p = s;
	end = s + n;
	neg = *p == '-';
	p += neg | (*p == '+');		/* no branch: signs come at random */
	w = 0;
	for (mark = p; p < end && ISDIGIT(*p); p++)
		w = w * 10 + (uint64_t)(*p - '0');
	nd = (size_t)(p - mark);
	nf = 0;
	if (p < end && *p == '.') {
		mark = ++p;
		k = (size_t)(end - p);
		if (k - 1 < 8 && n >= 8 &&
		    all8digits(bits = last8(end, k))) {
			/* One to eight digits end the field: at once. */
			w = w * pow10u[k] + parse8(bits);
			p = end;
		} else if (end - p >= 8 && all8digits(bits = load8(p))) {
			w = w * 100000000 + parse8(bits);
			p += 8;
		}
		for (; p < end && ISDIGIT(*p); p++)
			w = w * 10 + (uint64_t)(*p - '0');
		nf = (size_t)(p - mark);
	}
	nd += nf;
	if (nd - 1 >= MAXDIGITS)	/* none, or too many */
		return parse(s, n, out, flags);
	q = -(int)nf;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		eneg = p < end && *p == '-';
		p += p < end && (*p == '-' || *p == '+');
		e = 0;
		for (mark = p; p < end && ISDIGIT(*p) && p - mark < 4; p++)
			e = e * 10 + (*p - '0');
		if (p == mark)
			return -1;
		q += eneg ? -e : e;
	}
	if (p != end)
		return parse(s, n, out, flags);
	if (w > (uint64_t)1 << 53 || q < -22 || q > 22) {
		if (lemire_float(w, q, flags, &f) == -1)
			return parse(s, n, out, flags);
	} else {
		d = q < 0 ? (double)w / pow10d[-q] : (double)w * pow10d[q];
		memcpy(&bits, &d, sizeof(d));
		/* See to_float(): a midpoint between floats needs more care. */
		if ((flags & XGBP_PARSE_DIRECT) &&
		    (bits & 0x1fffffff) == 0x10000000)
			return parse(s, n, out, flags);
		f = (float)d;
	}
	*out = neg ? -f : f;
	return 0;
}

int
xgbp_parse_float(const char *s, size_t n, float *out, int flags,
    struct xgbp_error *err)
{
	if (xgbp_number(s, n, out, flags) == 0)
		return XGBP_OK;
	if (err != NULL)
		err->status = XGBP_OK;	/* this call's error, not a past one */
	return xgbp_seterr(err, XGBP_ESYNTAX, 0, "not a number");
}
