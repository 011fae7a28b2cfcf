/*
 * fmtfloat.h: the shortest decimal text of a float, without printf.
 *
 * fmt_float() writes f as the shortest decimal that strtof() reads back to
 * exactly f, in the layout of C's %g.  strtod() then a cast to float reads
 * it back to f as well, except for one float and its negative: that reading
 * rounds "7.038531e-26" (bits 0x15ae43fd) twice, up to the next float,
 * 7.0385313e-26.
 *
 * Digits.  The fewest significant digits d1 d2 ... dn (1 <= n <= 9) whose
 * value lies in f's rounding interval; among several such strings of that
 * length, the one nearest the exact value of f, and on a tie the one whose
 * last digit is even.  That is the rule of Ryu's f2s (ulfjack/ryu) and of
 * Python's repr(numpy.float32(x)).  For every float that is not a power
 * of two they are also the digits of the first of printf("%.1g"),
 * printf("%.2g"), ... that strtof() reads back to f.  A power of two has a
 * narrower interval below it than above, so there the nearest n-digit
 * decimal can miss it while a farther one fits: 2^-96, 2^87 and 2^90 are
 * "1.2621775e-29", "1.5474251e+26" and "1.2379401e+27" here, where that
 * printf() loop needs nine digits.
 *
 * Layout.  Let e be the exponent of d1, value = d1.d2...dn * 10^e.
 * If -4 <= e <= 8 the number is written without an exponent: no trailing
 * zeros after the point, no trailing point, integers without a point
 * ("0", "2", "150", "123456790", "0.5", "0.00012345").  Otherwise it is
 * d1, then "." and d2...dn if n > 1, then "e", the exponent's sign and at
 * least two exponent digits ("1e+09", "1e-05", "3.3366785e-05",
 * "3.4028235e+38").  That is printf("%.*g", 9, x) with the digits above in
 * place of nine rounded ones.
 *
 * Signs and specials.  A negative number, -0 included, starts with '-':
 * "-0", "-0.5".  Infinities are "inf" and "-inf"; every NaN is "nan".
 *
 * The text is ASCII whatever the locale.  The longest texts are 15 bytes,
 * a sign and nine digits: "-0.000ddddddddd" and "-d.dddddddde-XX" (or
 * "e+XX"), such as "-0.000100000005" and "-1.00000025e-05".
 *
 * All of the above was checked for every one of the 2^32 bit patterns
 * against glibc's printf(), strtof() and strtod().
 */
#ifndef FMTFLOAT_H
#define FMTFLOAT_H

#include <stddef.h>

#define FMTFLOAT_MAX	15	/* bytes fmt_float() writes at most */

/*
 * Write f to buf, which has room for FMTFLOAT_MAX bytes, as described
 * above, and return the number of bytes written; no NUL is written.
 * fmt_float() keeps no state and never allocates: any thread may call it.
 */
size_t	 fmt_float(char *buf, float f);

#endif /* FMTFLOAT_H */
