/*
 * test_legacy.c: the legacy binary reader (lib/legacy.c) on models written
 * by XGBoost 1.7.4 and on their older layouts made by
 * tests/data/make-legacy.sh: what loads, every truncation of every file,
 * corrupt counts and fields, things that are no model, and allocation
 * failures.  Run from the top of the repository: the models are read from
 * tests/data at run time.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

#define D17	"tests/data/xgb-1.7.4/"
#define DL	"tests/data/legacy/"
#define BC	D17 "binary_logitraw_bc_nan/model.bin"
#define DART	D17 "dart_multiclass/model.bin"
#define LIN	D17 "gblinear_multiclass/model.bin"
#define NOTMODEL "not an XGBoost model (unrecognised format)"

static uint64_t
le(const unsigned char *p, int n)
{
	uint64_t v;

	for (v = 0; n-- > 0;)
		v = v << 8 | p[n];
	return v;
}

/*
 * Load p[0..n) from an allocation of exactly n bytes, so that the
 * sanitizers see any read past the end.
 */
static int
load(const unsigned char *p, size_t n, struct xgbp_error *e,
    struct xgbp_model **m)
{
	unsigned char *q;
	int st;

	*m = NULL;
	if ((q = malloc(n > 0 ? n : 1)) == NULL)
		return -1;
	memcpy(q, p, n);
	st = xgbp_model_load(m, q, n, e);
	free(q);
	return st;
}

struct good {
	const char	*path;
	size_t		 minlen;	/* shorter: not recognised as a model */
	size_t		 nfeatures;
	size_t		 noutputs;
	const char	*booster;
	int		 major, minor;
	long		 best_iteration;
	size_t		 ntrees;
};

static const struct good good[] = {
	{ BC, 4, 30, 1, "gbtree", 1, 7, 14, 15 },
	{ DART, 4, 4, 3, "dart", 1, 7, 9, 30 },
	{ LIN, 4, 13, 3, "gblinear", 1, 7, 9, 0 },
	{ DL "binary_logitraw_bc_nan/model-0.90.bin", 144, 30, 1, "gbtree",
	    0, 0, 14, 15 },
	{ DL "base_score_auto_logistic_imbalanced/model-0.90.bin", 144, 8, 1,
	    "gbtree", 0, 0, 9, 10 },
	{ DL "dart_multiclass/model-0.90.bin", 144, 4, 3, "dart", 0, 0, 9,
	    30 },
	{ DL "gblinear_multiclass/model-0.90.bin", 144, 13, 3, "gblinear",
	    0, 0, 9, 0 },
	{ DL "binary_logitraw_bc_nan/snapshot-1.0.bin", 14, 30, 1, "gbtree",
	    1, 0, 14, 15 },
	{ DL "dart_multiclass/snapshot-binf.bin", 14, 4, 3, "dart", 1, 7, 9,
	    30 },
};

/* The bytes a model needs: a snapshot's JSON configuration is ignored. */
static size_t
model_end(const unsigned char *p, size_t len)
{
	if (len >= 22 && memcmp(p, "CONFIG-offset:", 14) == 0)
		return 22 + (size_t)le(p + 14, 8);
	return len;
}

static void
test_good(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	struct xgbp_info info;
	const struct good *g;
	unsigned char *p;
	size_t i, len;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		g = &good[i];
		if ((p = unit_slurp(g->path, &len)) == NULL)
			continue;
		CHECK_INT(load(p, len, &e, &m), XGBP_OK);
		free(p);
		if (m == NULL) {
			fprintf(stderr, "%s: %s\n", g->path, e.msg);
			return;
		}
		info.size = sizeof(info);
		xgbp_model_info(m, &info);
		CHECK_INT(info.format, XGBP_FORMAT_BINARY);
		CHECK_INT(xgbp_model_nfeatures(m), g->nfeatures);
		CHECK_INT(xgbp_model_noutputs(m, XGBP_MARGIN), g->noutputs);
		CHECK_STR(info.booster, g->booster);
		CHECK_INT(info.version[0], g->major);
		CHECK_INT(info.version[1], g->minor);
		CHECK_INT(info.best_iteration, g->best_iteration);
		CHECK_INT(info.ntrees, g->ntrees);
		xgbp_model_free(m);
		if (unit_fails != 0) {
			fprintf(stderr, "file %s\n", g->path);
			return;
		}
	}
}

/*
 * Every proper prefix of every model is refused, with the position and
 * message the prefix length predicts: empty, too short to be recognised,
 * or truncated at its end.  A snapshot's trailing configuration is not
 * needed, so prefixes that keep the whole model load.
 */
static void
test_truncated(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	const struct good *g;
	unsigned char *p;
	char want[160];
	size_t i, n, len, end;
	int st;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		g = &good[i];
		if ((p = unit_slurp(g->path, &len)) == NULL)
			continue;
		end = model_end(p, len);
		CHECK(end <= len);
		for (n = 0; n < end && unit_fails == 0; n++) {
			st = load(p, n, &e, &m);
			CHECK(m == NULL);
			xgbp_model_free(m);
			CHECK_INT(st, XGBP_ESYNTAX);
			CHECK(e.offset <= n);
			if (n == 0)
				snprintf(want, sizeof(want), "empty model");
			else if (n < g->minlen)
				snprintf(want, sizeof(want), NOTMODEL);
			else {
				snprintf(want, sizeof(want),
				    "truncated at byte %zu: ", n);
				CHECK_INT(e.offset, n);
			}
			CHECK(strncmp(e.msg, want, strlen(want)) == 0);
			if (unit_fails != 0)
				fprintf(stderr, "%s cut at %zu\n", g->path, n);
		}
		for (n = end; n <= len && unit_fails == 0; n++) {
			CHECK_INT(load(p, n, &e, &m), XGBP_OK);
			xgbp_model_free(m);
		}
		free(p);
	}
}

/* Places in a "binf" model, found by walking it as legacy.c does. */
enum { A_LEARNER, A_OBJ, A_BOOSTER, A_BODY, A_TREE0, A_INFO, A_VEC, A_ATTRS,
	A_N };

static void
anchors(const unsigned char *p, size_t *a)
{
	size_t pos, t, ntrees;

	a[A_LEARNER] = 4;
	a[A_OBJ] = 4 + 136;
	a[A_BOOSTER] = a[A_OBJ] + 8 + (size_t)le(p + a[A_OBJ], 8);
	a[A_BODY] = a[A_BOOSTER] + 8 + (size_t)le(p + a[A_BOOSTER], 8);
	if (memcmp(p + a[A_BOOSTER] + 8, "gblinear", 8) == 0) {
		a[A_TREE0] = a[A_INFO] = 0;
		a[A_VEC] = a[A_BODY] + 136;
		a[A_ATTRS] = a[A_VEC] + 8 + 4 * (size_t)le(p + a[A_VEC], 8);
		return;
	}
	ntrees = (size_t)le(p + a[A_BODY], 4);
	pos = a[A_TREE0] = a[A_BODY] + 160;
	for (t = 0; t < ntrees; t++)
		pos += 148 + 36 * (size_t)le(p + pos + 4, 4);
	a[A_INFO] = pos;
	a[A_VEC] = a[A_ATTRS] = pos + 4 * ntrees;
	if (memcmp(p + a[A_BOOSTER] + 8, "dart", 4) == 0)
		a[A_ATTRS] += 8 + 4 * (size_t)le(p + a[A_VEC], 8);
}

struct patch {
	const char	*path;
	int		 anchor;
	size_t		 delta;
	int		 size;		/* bytes of value, little-endian */
	uint64_t	 value;
	int		 status;
	const char	*msg;		/* NULL for success; %zu: file size */
	int		 at;		/* offset is the patched byte */
};

static const struct patch patches[] = {
	{ BC, A_LEARNER, 4, 4, 0x80000000U, XGBP_EMODEL,
	    "num_feature 2147483648 out of range", 1 },
	{ BC, A_LEARNER, 8, 4, 0xffffffffU, XGBP_EMODEL,
	    "num_class -1 out of range", 1 },
	{ BC, A_LEARNER, 28, 4, 0xffffffffU, XGBP_EMODEL,
	    "num_target 4294967295 out of range", 1 },
	/* Version 0 in a "binf" file: 0.4x, no attributes; base is margin. */
	{ BC, A_LEARNER, 20, 4, 0, XGBP_OK, NULL, 0 },
	{ BC, A_OBJ, 0, 8, UINT64_C(1) << 63, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 9223372036854775808 bytes of "
	    "the objective name", 0 },
	/* The name before the booster counts, not the attribute's. */
	{ BC, A_OBJ, 8, 1, 'X', XGBP_EUNSUPPORTED,
	    "unknown objective \"Xinary:logitraw\"", 1 },
	{ BC, A_BOOSTER, 0, 8, UINT64_MAX, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 18446744073709551615 bytes of "
	    "the booster name", 0 },
	{ BC, A_BOOSTER, 13, 1, 'X', XGBP_EUNSUPPORTED,
	    "booster \"gbtreX\" is not supported", 0 },
	{ BC, A_BODY, 0, 4, 0x7fffffff, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 2147483647 trees", 0 },
	{ BC, A_BODY, 0, 4, 0xffffffffU, XGBP_EMODEL,
	    "num_trees -1 out of range", 1 },
	{ BC, A_TREE0, 0, 4, 2, XGBP_EUNSUPPORTED,
	    "tree 0 has 2 roots: not supported", 1 },
	{ BC, A_TREE0, 4, 4, 0x7fffffff, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 2147483647 nodes", 0 },
	{ BC, A_TREE0, 4, 4, 0, XGBP_EMODEL,
	    "tree 0: num_nodes 0 out of range", 1 },
	{ BC, A_TREE0, 4, 4, 0x80000000U, XGBP_EMODEL,
	    "tree 0: num_nodes -2147483648 out of range", 1 },
	{ BC, A_TREE0, 20, 4, 2, XGBP_EUNSUPPORTED,
	    "tree 0: size_leaf_vector 2 in a binary model", 1 },
	/* Node 0's left child, then its feature (bit 31 is default_left). */
	{ BC, A_TREE0, 148 + 4, 4, 1000, XGBP_EMODEL,
	    "tree 0 node 0: child 1000 out of range", 0 },
	{ BC, A_TREE0, 148 + 12, 4, 0x80000000U | 100, XGBP_EMODEL,
	    "tree 0 node 0: split index 100 out of range (num_feature 30)",
	    0 },
	{ BC, A_TREE0, 148 + 12, 4, 0x80000000U | 29, XGBP_OK, NULL, 0 },
	{ BC, A_INFO, 0, 4, 1, XGBP_EMODEL,
	    "tree_info[0] is 1, but the model has 1 outputs", 0 },
	{ BC, A_ATTRS, 0, 8, UINT64_C(1) << 40, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 1099511627776 attributes", 0 },
	{ BC, A_ATTRS, 8, 8, UINT64_C(1) << 50, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 1125899906842624 bytes of an "
	    "attribute name", 0 },
	{ DART, A_VEC, 0, 8, UINT64_C(1) << 62, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 4611686018427387904 DART weights",
	    0 },
	{ LIN, A_VEC, 0, 8, UINT64_C(1) << 62, XGBP_ESYNTAX,
	    "truncated at byte %zu: expected 4611686018427387904 gblinear "
	    "weights", 0 },
};

/*
 * Corrupt one field of a real model: each error has its status, message
 * and position, and no count makes the loader allocate or loop beyond
 * what the file holds (a load that fails early allocates little).
 */
static void
test_patched(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	const struct patch *c;
	unsigned char *p;
	size_t i, len, a[A_N], off;
	unsigned long before;
	char want[200];
	int k, st;

	for (i = 0; i < sizeof(patches) / sizeof(patches[0]); i++) {
		c = &patches[i];
		if ((p = unit_slurp(c->path, &len)) == NULL)
			continue;
		anchors(p, a);
		off = a[c->anchor] + c->delta;
		CHECK(off + c->size <= len);
		for (k = 0; k < c->size && off + k < len; k++)
			p[off + k] = (unsigned char)(c->value >> (8 * k));
		before = xgbp_alloc_count();
		st = load(p, len, &e, &m);
		CHECK(xgbp_alloc_count() - before < 200);
		CHECK_INT(st, c->status);
		xgbp_model_free(m);
		if (c->msg != NULL) {
			snprintf(want, sizeof(want), c->msg, len);
			CHECK_STR(e.msg, want);
			CHECK(e.offset <= len);
			if (c->at)
				CHECK_INT(e.offset, off);
			if (strncmp(want, "truncated", 9) == 0)
				CHECK_INT(e.offset, len);
		}
		free(p);
		if (unit_fails != 0) {
			fprintf(stderr, "patch %zu: %s\n", i, e.msg);
			return;
		}
	}
}

/*
 * The "objective" attribute (1.0 and later) is JSON: its errors point
 * into the file, not into the string.
 */
static void
test_objective_attribute(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	unsigned char *p;
	size_t len, i;
	int st;

	if ((p = unit_slurp(BC, &len)) == NULL)
		return;
	for (i = 0; i + 8 <= len && memcmp(p + i, "{\"name\":", 8) != 0; i++)
		continue;
	CHECK(i + 8 <= len);
	if (i + 8 > len) {
		free(p);
		return;
	}
	p[i] = '[';
	st = load(p, len, &e, &m);
	CHECK_INT(st, XGBP_EMODEL);
	CHECK_STR(e.msg, "expected an object, found array");
	CHECK_INT(e.offset, i);
	free(p);
}

struct notmodel {
	const char	*bytes;
	size_t		 len;
	int		 status;
	unsigned long	 offset;
	const char	*msg;
};

static const struct notmodel notmodels[] = {
	{ "binf", 4, XGBP_ESYNTAX, 4,
	    "truncated at byte 4: expected the 136-byte learner parameters" },
	{ "binf\0\0\0\077", 8, XGBP_ESYNTAX, 8,
	    "truncated at byte 8: expected the 136-byte learner parameters" },
	{ "CONFIG-offset:\001", 15, XGBP_ESYNTAX, 15,
	    "truncated at byte 15: expected the 8-byte length of the "
	    "snapshot's model" },
	{ "CONFIG-offset:\350\003\0\0\0\0\0\0binf", 26, XGBP_ESYNTAX, 26,
	    "truncated at byte 26: expected 1000 bytes of the snapshot's "
	    "model" },
	{ "CONFIG-offset:\004\0\0\0\0\0\0\0binf{}", 28, XGBP_ESYNTAX, 26,
	    "truncated at byte 26: expected the 136-byte learner parameters" },
	{ "\0\0\0\077hello, world", 16, XGBP_ESYNTAX, 0, NOTMODEL },
};

/* Bytes that are no model, or end at once. */
static void
test_not_models(void)
{
	struct xgbp_error e;
	struct xgbp_model *m;
	unsigned char junk[400], *p;
	size_t i, len;
	int st;

	for (i = 0; i < sizeof(notmodels) / sizeof(notmodels[0]); i++) {
		st = load((const unsigned char *)notmodels[i].bytes,
		    notmodels[i].len, &e, &m);
		CHECK(m == NULL);
		CHECK_INT(st, notmodels[i].status);
		CHECK_INT(e.offset, notmodels[i].offset);
		CHECK_STR(e.msg, notmodels[i].msg);
	}
	/* Random-looking bytes, long enough to be parsed. */
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 37 + 11);
	CHECK_INT(load(junk, sizeof(junk), &e, &m), XGBP_ESYNTAX);
	CHECK_STR(e.msg, NOTMODEL);
	/* A headerless model with an implausible name is no model either. */
	if ((p = unit_slurp(DL "binary_logitraw_bc_nan/model-0.90.bin", &len)) ==
	    NULL)
		return;
	p[136] = 100;			/* objective name length */
	CHECK_INT(load(p, len, &e, &m), XGBP_ESYNTAX);
	CHECK_STR(e.msg, NOTMODEL);
	p[136] = 15;
	p[136 + 8 + 15 + 8 + 5] = 'X';	/* "gbtreX" */
	CHECK_INT(load(p, len, &e, &m), XGBP_ESYNTAX);
	CHECK_STR(e.msg, NOTMODEL);
	p[136 + 8 + 15 + 8 + 5] = 'e';
	p[20] = 2;			/* major_version 2 without "binf" */
	CHECK_INT(load(p, len, &e, &m), XGBP_ESYNTAX);
	CHECK_STR(e.msg, NOTMODEL);
	p[20] = 0;
	CHECK_INT(load(p, len, &e, &m), XGBP_OK);
	xgbp_model_free(m);
	free(p);
}

/* A new buffer: p[0..len) with n bytes at off replaced by s[0..sn). */
static unsigned char *
splice(const unsigned char *p, size_t *len, size_t off, size_t n,
    const void *s, size_t sn)
{
	unsigned char *q;

	if ((q = malloc(*len - n + sn)) == NULL)
		return NULL;
	memcpy(q, p, off);
	memcpy(q + off, s, sn);
	memcpy(q + off + sn, p + off + n, *len - off - n);
	*len = *len - n + sn;
	return q;
}

/* Rename binary:logitraw, whose name length is at off, binary:hinge. */
static unsigned char *
hinge(const unsigned char *p, size_t *len, size_t off)
{
	static const char name[] = "\014\0\0\0\0\0\0\0binary:hinge";

	CHECK(memcmp(p + off + 8, "binary:logitraw", 15) == 0);
	return splice(p, len, off, 8 + 15, name, sizeof(name) - 1);
}

/*
 * A base_score written before 1.0 is a margin, which XGBoost 1.2-3.0 turn
 * into ProbToMargin(PredTransform(stored)) (doc §5.4): for binary:hinge a
 * stored 0.5 becomes 1.0.  So the 0.90 layout with 0.5 predicts as the
 * 1.7.4 file with base_score 1.0, bit for bit.
 */
static void
test_base_margin(void)
{
	struct xgbp_error e;
	struct xgbp_model *m17 = NULL, *m09 = NULL;
	struct xgbp_info info;
	unsigned char *p, *q, *p2 = NULL, *q2 = NULL;
	size_t len, qlen, i;
	float x[4 * 30], y17[4], y09[4];

	p = unit_slurp(BC, &len);
	q = unit_slurp(DL "binary_logitraw_bc_nan/model-0.90.bin", &qlen);
	if (p != NULL && q != NULL) {
		p[4 + 3] = 0x3f;	/* 1.0f: 00 00 80 3f */
		p[4 + 2] = 0x80;
		p2 = hinge(p, &len, 4 + 136);
		q2 = hinge(q, &qlen, 136);
	}
	if (p2 == NULL || q2 == NULL)
		goto out;
	CHECK_INT(load(p2, len, &e, &m17), XGBP_OK);
	CHECK_INT(load(q2, qlen, &e, &m09), XGBP_OK);
	if (m17 == NULL || m09 == NULL)
		goto out;
	info.size = sizeof(info);
	xgbp_model_info(m09, &info);
	CHECK_STR(info.objective, "binary:hinge");
	CHECK(info.base_score[0] == 1.0f);
	for (i = 0; i < 4 * 30; i++)
		x[i] = i % 7 == 0 ? NAN : (float)(i % 30) * 0.37f - 3.0f;
	CHECK_INT(xgbp_predict(m17, x, 4, 30, y17, XGBP_MARGIN), XGBP_OK);
	CHECK_INT(xgbp_predict(m09, x, 4, 30, y09, XGBP_MARGIN), XGBP_OK);
	CHECK(memcmp(y17, y09, sizeof(y17)) == 0);
out:
	xgbp_model_free(m17);
	xgbp_model_free(m09);
	free(p);
	free(q);
	free(p2);
	free(q2);
}

/*
 * Make each allocation of a load fail in turn: every failure is
 * XGBP_ENOMEM and leaves nothing allocated (checked under the sanitizers
 * and valgrind).
 */
static void
test_alloc_failure(void)
{
	static const char *const paths[] = {
		BC, DL "dart_multiclass/model-0.90.bin",
		DL "gblinear_multiclass/snapshot-1.0.bin"
	};
	struct xgbp_error e;
	struct xgbp_model *m;
	unsigned long n, before, total;
	unsigned char *p;
	size_t i, len;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if ((p = unit_slurp(paths[i], &len)) == NULL)
			continue;
		before = xgbp_alloc_count();
		CHECK_INT(xgbp_model_load(&m, p, len, &e), XGBP_OK);
		total = xgbp_alloc_count() - before;
		xgbp_model_free(m);
		for (n = 1; n <= total && unit_fails == 0; n++) {
			m = NULL;
			xgbp_alloc_fail_at(n);
			CHECK_INT(xgbp_model_load(&m, p, len, &e),
			    XGBP_ENOMEM);
			CHECK(m == NULL);
		}
		xgbp_alloc_fail_at(0);
		free(p);
	}
}

int
main(void)
{
	RUN(test_good);
	RUN(test_truncated);
	RUN(test_patched);
	RUN(test_objective_attribute);
	RUN(test_not_models);
	RUN(test_base_margin);
	RUN(test_alloc_failure);
	return unit_done();
}
