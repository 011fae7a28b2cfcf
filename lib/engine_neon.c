/*
 * engine_neon.c: the block walker for AArch64's Advanced SIMD (NEON),
 * which every AArch64 CPU has, so the choice is made when compiling: an
 * AArch64 build walks with it, any other build that is not x86 with the
 * portable walker in engine.c.
 *
 * NEON has no gather, so each lane of four fetches its node and its
 * row's value with plain loads, and the vector unit does the rest: the
 * compare, the defaults of missing values and the next index, for four
 * vectors of rows at a time so that their loads overlap.  The top levels
 * of a complete tree (at most 8 nodes) in a full block transposed
 * feature-major (engine.c) are cheaper still: each node's feature is one
 * plain load for four lanes, and each lane picks its node's value,
 * threshold and default.  A step is the scalar walk's predicate, "not
 * less than, or unordered" in float, so the results are the same bits.
 */
#include <math.h>
#include <stdint.h>

#include "internal.h"

#if !XGBP_X86
/*
 * The walker this build has beyond the portable one: NEON on AArch64,
 * none elsewhere (engine_x86.c chooses on x86).
 */
int
xgbp_cpu_isa(void)
{
#if XGBP_NEON
	return XGBP_ISA_NEON;
#else
	return XGBP_ISA_SCALAR;
#endif
}
#endif

#if XGBP_NEON
#include <arm_neon.h>

#define NV	4		/* vectors of four lanes walked together */
#define XTMAX	3		/* deepest level picked from xt */

/*
 * Fetch, lane by lane, the node data at slots base + j[] (for the rows
 * at offsets ro[] in the block's rows): into f/v the values, th the
 * thresholds, dl the defaults (-1: left) and, for an explicit tree, c the
 * children.  A feature at or beyond nx is missing (NaN) when nan is set.
 */
static inline void
fetch(const struct xgbp_block *b, size_t base, const uint32_t *j,
    const int32_t *ro, float *v, float *th, int32_t *dl, int32_t *c, int nan)
{
	const struct xgbp_engine *e = b->e;
	uint32_t f;
	size_t k;
	int i;

	for (i = 0; i < 4; i++) {
		k = base + j[i];
		f = e->feat[k];
		th[i] = e->thr[k];
		dl[i] = e->dflt[k];
		if (c != NULL)
			c[i] = e->child[k];
		if (nan && f >= b->nx)
			v[i] = NAN;
		else
			v[i] = b->x[(size_t)ro[i] + f];
	}
}

/*
 * The rows going right: those whose value v is not less than the
 * threshold th (NaN included), less the missing ones whose default dl is
 * left.
 */
static inline uint32x4_t
right(float32x4_t v, float32x4_t th, uint32x4_t dl, int nan)
{
	uint32x4_t r;

	r = vmvnq_u32(vcltq_f32(v, th));
	if (nan)
		r = vbicq_u32(r, vandq_u32(vmvnq_u32(vceqq_f32(v, v)), dl));
	return r;
}

/*
 * One level d of tree t for vector q of the lanes from lane0, at slots j
 * (within the level for a complete tree, the tree for an explicit one):
 * the next slots.
 */
static inline uint32x4_t
level(const struct xgbp_block *b, const struct xgbp_etree *t, size_t d,
    size_t lane0, int q, uint32x4_t j, int nan)
{
	uint32_t s[4];
	float v[4], th[4];
	int32_t dl[4], c[4];
	uint32x4_t r;
	size_t base;
	int complete = t->kind == ET_COMPLETE;

	base = t->off + (complete ? ((size_t)1 << d) - 1 : 0);
	vst1q_u32(s, j);
	fetch(b, base, s, b->rowoff + lane0 + 4 * (size_t)q, v, th, dl,
	    complete ? NULL : c, nan);
	r = right(vld1q_f32(v), vld1q_f32(th),
	    vreinterpretq_u32_s32(vld1q_s32(dl)), nan);
	/* r is -1 where a row goes right. */
	if (complete)
		return vsubq_u32(vshlq_n_u32(j, 1), r);
	return vsubq_u32(vreinterpretq_u32_s32(vld1q_s32(c)), r);
}

/*
 * Level d (2^d <= 8 nodes) of complete tree t in a transposed block, for
 * vector q of the lanes from lane0: each node's feature for four lanes is
 * one load, and each lane keeps its own node's.
 */
static inline uint32x4_t
levelxt(const struct xgbp_block *b, const struct xgbp_etree *t, size_t d,
    size_t lane0, int q, uint32x4_t j, int nan)
{
	const struct xgbp_engine *e = b->e;
	float32x4_t v, th;
	uint32x4_t dl, at;
	size_t n, k, lane = lane0 + 4 * (size_t)q;

	v = th = vdupq_n_f32(0);
	dl = vdupq_n_u32(0);
	for (n = 0; n < ((size_t)1 << d); n++) {
		k = t->off + ((size_t)1 << d) - 1 + n;
		at = vceqq_u32(j, vdupq_n_u32((uint32_t)n));
		v = vbslq_f32(at, vld1q_f32(b->xt + ((size_t)e->xfeat[k] <<
		    b->wshift) + lane), v);
		th = vbslq_f32(at, vdupq_n_f32(e->thr[k]), th);
		dl = vbslq_u32(at, vdupq_n_u32((uint32_t)e->dflt[k]), dl);
	}
	return vsubq_u32(vshlq_n_u32(j, 1), right(v, th, dl, nan));
}

/*
 * Walk tree t for the 16 lanes from lane0: add each lane's leaf value to
 * acc[lane], or with acc NULL store its leaf slot in pos[lane].
 */
static inline void
lanes(const struct xgbp_block *b, const struct xgbp_etree *t, size_t lane0,
    float *acc, int32_t *pos, int nan)
{
	const float *lv = b->e->leafv + t->loff;
	uint32x4_t j[NV];
	uint32_t s[4];
	float l[4];
	size_t d;
	int q, i, xt;

	xt = t->kind == ET_COMPLETE && b->xt != NULL;
	for (q = 0; q < NV; q++)
		j[q] = vdupq_n_u32(0);
	for (d = 0; d < t->depth; d++) {
		if (xt && d <= XTMAX)
			for (q = 0; q < NV; q++)
				j[q] = levelxt(b, t, d, lane0, q, j[q], nan);
		else
			for (q = 0; q < NV; q++)
				j[q] = level(b, t, d, lane0, q, j[q], nan);
	}
	for (q = 0; q < NV; q++) {
		if (acc == NULL) {
			vst1q_s32(pos + lane0 + 4 * q,
			    vreinterpretq_s32_u32(j[q]));
			continue;
		}
		vst1q_u32(s, j[q]);
		for (i = 0; i < 4; i++)
			l[i] = lv[s[i]];
		vst1q_f32(acc + lane0 + 4 * q, vaddq_f32(vld1q_f32(acc +
		    lane0 + 4 * q), vld1q_f32(l)));
	}
}

/*
 * Walk tree t for every lane of b, 16 at a time (b->width is a multiple
 * of 16): into acc or pos as the portable walker.
 */
void
xgbp_walk_neon(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	size_t l;

	for (l = 0; l < b->width; l += 4 * NV) {
		if (b->nan)
			lanes(b, t, l, acc, pos, 1);
		else
			lanes(b, t, l, acc, pos, 0);
	}
}

#else /* no NEON walker */

/* Never called: xgbp_cpu_isa() does not offer it in this build. */
void
xgbp_walk_neon(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	(void)b;
	(void)t;
	(void)acc;
	(void)pos;
}

#endif
