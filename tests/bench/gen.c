/*
 * gen: write HIGGS-like CSV rows for the benchmark, the same bytes on every
 * machine.
 *
 *	gen [-l] nrows seed
 *
 * Each row has 28 float32 features shaped like those of the UCI HIGGS data
 * set (21 kinematic values: transverse momenta, pseudorapidities, angles,
 * b-tags; 7 invariant masses), printed with 8 significant digits.  With -l
 * a 0/1 label comes first, drawn from a noisy nonlinear function of the
 * features, for training.  Only integer arithmetic and + - * / are used, so
 * no libm difference can change a byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NFEAT	28

static uint64_t state;

/* splitmix64 (Steele, Lea and Flood 2014). */
static uint64_t
next(void)
{
	uint64_t z;

	z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform on [0, 1). */
static double
unif(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

/* Approximately standard normal: Irwin-Hall with 12 terms. */
static double
normal(void)
{
	double s;
	int i;

	for (s = 0, i = 0; i < 12; i++)
		s += unif();
	return s - 6;
}

/* Chi-square with k degrees of freedom. */
static double
chi2(int k)
{
	double s, z;

	for (s = 0; k > 0; k--) {
		z = normal();
		s += z * z;
	}
	return s;
}

static double
clip(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static double
absd(double v)
{
	return v < 0 ? -v : v;
}

/* One transverse momentum, pseudorapidity, angle and b-tag. */
static void
jet(float *f, int btag)
{
	double u;

	f[0] = (float)(0.28 + 0.32 * chi2(3));
	f[1] = (float)clip(normal() * 1.05, -2.73, 2.73);
	f[2] = (float)((unif() * 2 - 1) * 1.7417);
	if (btag) {
		u = unif();
		f[3] = u < 0.55 ? 0.0f : u < 0.78 ? 1.0865380f : 2.1730762f;
	}
}

static void
row(float *f)
{
	int i;

	jet(f, 0);				/* lepton */
	f[3] = (float)(0.2 + 0.4 * chi2(2));	/* missing energy */
	f[4] = (float)((unif() * 2 - 1) * 1.7435);
	for (i = 0; i < 4; i++)
		jet(f + 5 + 4 * i, 1);
	for (i = 21; i < NFEAT; i++)
		f[i] = (float)(0.45 + 0.2 * chi2(4) + 0.05 * normal());
}

/* A label that depends on the features in ways a depth-6 tree can use. */
static int
label(const float *f)
{
	double z, p;

	z = 1.6 * (0.35 - absd(f[25] - 1.0)) + 0.9 * (f[8] > 1) +
	    0.5 * (f[12] > 1) - 0.45 * f[0] * (f[3] > 0.9) +
	    0.6 * f[1] * f[6] - 0.4 * absd(f[26] - f[27]) +
	    0.8 * (f[22] < 1.05 && f[21] > 0.8) - 0.3 * f[5] * f[9] +
	    0.25 * (f[2] > 0) * f[23] + 0.9 * normal();
	p = 0.5 + 0.5 * z / (1 + absd(z));
	return unif() < p;
}

int
main(int argc, char *argv[])
{
	float f[NFEAT];
	long n, i;
	int j, lflag = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		lflag = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: gen [-l] nrows seed\n");
		return 2;
	}
	n = strtol(argv[1], NULL, 10);
	state = strtoull(argv[2], NULL, 10);
	for (i = 0; i < n; i++) {
		row(f);
		if (lflag)
			printf("%d,", label(f));
		for (j = 0; j < NFEAT; j++)
			printf(j > 0 ? ",%.8g" : "%.8g", (double)f[j]);
		putchar('\n');
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
