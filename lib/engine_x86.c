/*
 * engine_x86.c: block walkers for x86 vector units, chosen at load by
 * what the CPU offers (xgbp_cpu_isa()), so one binary runs everywhere:
 * the rest of the library is built for the baseline, these functions for
 * AVX2 or AVX-512F through the compiler's target attribute.  Elsewhere
 * engine_neon.c or the portable walker in engine.c does the work.
 *
 * Each lane is one row.  A level's node data comes from a permutation of
 * a register or two while the level has at most 64 (AVX-512) or 16 (AVX2)
 * nodes, from a gather deeper down.  The rows' values come from a gather
 * too, except in a full block transposed feature-major (engine.c): there
 * a level of at most 8 nodes loads each node's feature for 16 lanes with
 * one plain load and lets each lane pick its node's value, which is what
 * makes the top of a tree cheap.  A step is one compare, "not less than,
 * or unordered", which sends NaN and a threshold of NaN (ET_COMPLETE
 * padding, ET_EXPLICIT leaves) right; blocks that may miss values also
 * send NaN where each node's default says.  Comparisons are in float,
 * exactly the predicate of the scalar walk, so results are the same bits.
 */
#include <math.h>
#include <stdint.h>

#include "internal.h"

#if XGBP_X86
#include <immintrin.h>

#define AVX512	__attribute__((target("avx512f")))
#define AVX2	__attribute__((target("avx2")))
#define INLINE	__attribute__((always_inline)) inline
/*
 * Full unrolling makes these loops fast, but clang with the sanitizers
 * (make fuzz) then takes most of an hour on this file: sanitized builds,
 * which test correctness, not speed, leave the loops rolled.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define XGBP_SANITIZED	1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(XGBP_SANITIZED)
#define UNROLL
#else
#define UNROLL	_Pragma("GCC unroll 16")
#endif
#define NV512	(XGBP_BLOCK / 16)	/* vectors in a full block */
#define NV256	4		/* vectors the AVX2 walker keeps */

int
xgbp_cpu_isa(void)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f"))
		return XGBP_ISA_AVX512;
	if (__builtin_cpu_supports("avx2"))
		return XGBP_ISA_AVX2;
	return XGBP_ISA_SCALAR;
}

/*
 * The entries at slots j of the 2^d 32-bit values at p: in-register
 * permutations up to 64 entries (the loads may read past the level, never
 * past the pool's XGBP_PAD slack), a gather beyond.
 */
AVX512 static INLINE __m512i
get512(const void *p, size_t d, __m512i j)
{
	const int32_t *q = p;
	__m512i lo, hi;
	__mmask16 up;

	if (d <= 4)
		return _mm512_permutexvar_epi32(j, _mm512_loadu_si512(q));
	if (d == 5)
		return _mm512_permutex2var_epi32(_mm512_loadu_si512(q), j,
		    _mm512_loadu_si512(q + 16));
	if (d == 6) {
		lo = _mm512_permutex2var_epi32(_mm512_loadu_si512(q), j,
		    _mm512_loadu_si512(q + 16));
		hi = _mm512_permutex2var_epi32(_mm512_loadu_si512(q + 32), j,
		    _mm512_loadu_si512(q + 48));
		up = _mm512_test_epi32_mask(j, _mm512_set1_epi32(32));
		return _mm512_mask_blend_epi32(up, lo, hi);
	}
	return _mm512_i32gather_epi32(j, q, 4);
}

/*
 * The values of features f of the 16 rows at offsets ro in the caller's
 * rows; NaN for a feature at or beyond nx when the block may miss some.
 */
AVX512 static INLINE __m512
gather512(const struct xgbp_block *b, __m512i ro, __m512i f, int nan)
{
	__m512i idx;
	__mmask16 present;

	idx = _mm512_add_epi32(ro, f);
	if (!nan)
		return _mm512_i32gather_ps(idx, b->x, 4);
	present = _mm512_cmplt_epu32_mask(f, _mm512_set1_epi32((int)b->nx));
	return _mm512_mask_i32gather_ps(_mm512_set1_ps(NAN), present, idx,
	    b->x, 4);
}

/*
 * One step for 16 rows with values v at nodes with thresholds th and
 * defaults dl: next + 1 for the rows going right, next for the rest.
 */
AVX512 static INLINE __m512i
decide512(__m512 v, __m512 th, __m512i dl, __m512i next, int nan)
{
	__mmask16 right, miss;

	right = _mm512_cmp_ps_mask(v, th, _CMP_NLT_UQ);
	if (nan) {
		miss = _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q) &
		    _mm512_test_epi32_mask(dl, dl);
		right &= (__mmask16)~miss;
	}
	return _mm512_mask_add_epi32(next, right, next, _mm512_set1_epi32(1));
}

/* As decide512(), fetching the values by gather512(). */
AVX512 static INLINE __m512i
step512(const struct xgbp_block *b, __m512i ro, __m512i f, __m512 th,
    __m512i dl, __m512i next, int nan)
{
	return decide512(gather512(b, ro, f, nan), th, dl, next, nan);
}

/* Finish nv vectors of lanes from lane0 at leaf slots j. */
AVX512 static INLINE void
leaves512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, const __m512i *j, int nv, int
    complete)
{
	const float *lv = b->e->leafv + t->loff;
	__m512 v;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		if (acc == NULL) {
			_mm512_storeu_si512(pos + lane0 + 16 * k, j[k]);
			continue;
		}
		if (complete)
			v = _mm512_castsi512_ps(get512(lv, t->depth, j[k]));
		else
			v = _mm512_i32gather_ps(j[k], lv, 4);
		_mm512_storeu_ps(acc + lane0 + 16 * k, _mm512_add_ps(
		    _mm512_loadu_ps(acc + lane0 + 16 * k), v));
	}
}

/* Take nv vectors of lanes j down level d of tree t. */
AVX512 static INLINE void
level512(const struct xgbp_block *b, const struct xgbp_etree *t, size_t d,
    __m512i *j, const __m512i *ro, int nv, int nan)
{
	const struct xgbp_engine *e = b->e;
	size_t base = t->off + ((size_t)1 << d) - 1;
	__m512i f, dl;
	__m512 th;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		f = get512(e->feat + base, d, j[k]);
		th = _mm512_castsi512_ps(get512(e->thr + base, d, j[k]));
		dl = nan ? get512(e->dflt + base, d, j[k]) :
		    _mm512_setzero_si512();
		j[k] = step512(b, ro[k], f, th, dl, _mm512_add_epi32(j[k],
		    j[k]), nan);
	}
}

/*
 * The value of each lane's node at a level of 2^d <= 8 nodes, node i
 * reading the 16 values at p[i] + o: the lane's index bits j pick among
 * the loaded vectors, lowest bit first.
 */
AVX512 static INLINE __m512
pick512(const float *const *p, size_t d, size_t o, __m512i j)
{
	__mmask16 m0, m1, m2;
	__m512 a, b;

	m0 = _mm512_test_epi32_mask(j, _mm512_set1_epi32(1));
	m1 = _mm512_test_epi32_mask(j, _mm512_set1_epi32(2));
	m2 = _mm512_test_epi32_mask(j, _mm512_set1_epi32(4));
	switch (d) {
	case 0:
		return _mm512_loadu_ps(p[0] + o);
	case 1:
		return _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[0] + o),
		    _mm512_loadu_ps(p[1] + o));
	case 2:
		a = _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[0] + o),
		    _mm512_loadu_ps(p[1] + o));
		b = _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[2] + o),
		    _mm512_loadu_ps(p[3] + o));
		return _mm512_mask_blend_ps(m1, a, b);
	default:
		a = _mm512_mask_blend_ps(m1,
		    _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[0] + o),
		    _mm512_loadu_ps(p[1] + o)),
		    _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[2] + o),
		    _mm512_loadu_ps(p[3] + o)));
		b = _mm512_mask_blend_ps(m1,
		    _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[4] + o),
		    _mm512_loadu_ps(p[5] + o)),
		    _mm512_mask_blend_ps(m0, _mm512_loadu_ps(p[6] + o),
		    _mm512_loadu_ps(p[7] + o)));
		return _mm512_mask_blend_ps(m2, a, b);
	}
}

/*
 * As level512() for a full block transposed into b->xt, feature f of lane
 * l at xt[f * width + l].  While a level has at most 8 nodes, each node's
 * feature is one plain load for 16 lanes (pick512()); deeper, a gather at
 * f * width + lane.
 */
AVX512 static INLINE void
levelxt512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t d, __m512i *j, const __m512i *lanes, size_t lane0, int nan)
{
	const struct xgbp_engine *e = b->e;
	size_t base = t->off + ((size_t)1 << d) - 1, i;
	const float *p[8];
	__m512i f, dl;
	__m512 th, v;
	int k;

	for (i = 0; d <= 3 && i < ((size_t)1 << d); i++)
		p[i] = b->xt + ((size_t)e->xfeat[base + i] << b->wshift) +
		    lane0;
	UNROLL
	for (k = 0; k < NV512; k++) {
		th = _mm512_castsi512_ps(get512(e->thr + base, d, j[k]));
		dl = nan ? get512(e->dflt + base, d, j[k]) :
		    _mm512_setzero_si512();
		if (d <= 3)
			v = pick512(p, d, 16 * (size_t)k, j[k]);
		else {
			f = get512(e->xfeat + base, d, j[k]);
			v = _mm512_i32gather_ps(_mm512_add_epi32(lanes[k],
			    _mm512_sll_epi32(f, _mm_cvtsi32_si128(b->wshift))),
			    b->xt, 4);
		}
		j[k] = decide512(v, th, dl, _mm512_add_epi32(j[k], j[k]),
		    nan);
	}
}

/* Walk an ET_COMPLETE tree for 16 * nv lanes from lane0. */
AVX512 static INLINE void
complete512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nv, int nan)
{
	__m512i j[NV512], ro[NV512];
	size_t d;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		j[k] = _mm512_setzero_si512();
		ro[k] = _mm512_loadu_si512(b->rowoff + lane0 + 16 * k);
	}
	for (d = 0; d < t->depth; d++)
		level512(b, t, d, j, ro, nv, nan);
	leaves512(b, t, lane0, acc, pos, j, nv, 1);
}

/*
 * Walk an ET_COMPLETE tree of the given depth for a full, transposed
 * block from lane0.  Called with constants, so that every loop unrolls
 * and each level's way of fetching its nodes is fixed when compiling.
 */
AVX512 static INLINE void
fixed512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nan, size_t depth)
{
	__m512i j[NV512], lanes[NV512];
	size_t d;
	int k;

	UNROLL
	for (k = 0; k < NV512; k++) {
		j[k] = _mm512_setzero_si512();
		lanes[k] = _mm512_add_epi32(_mm512_set1_epi32((int)(lane0 +
		    16 * k)), _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
		    10, 11, 12, 13, 14, 15));
	}
	UNROLL
	for (d = 0; d < depth; d++)
		levelxt512(b, t, d, j, lanes, lane0, nan);
	leaves512(b, t, lane0, acc, pos, j, NV512, 1);
}

/*
 * Walk a packed ET_EXPLICIT tree (walk() gives others to the portable
 * walker) for 16 * nv lanes from lane0: for a whole block, its complete
 * top levels as complete512() does, needing no child index; then the
 * rest, each node's feature and child one gathered word.
 */
AVX512 static INLINE void
explicit512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nv, int nan)
{
	const struct xgbp_engine *e = b->e;
	const uint32_t *fc = e->fc + t->off;
	const float *thr = e->thr + t->off;
	const int32_t *dflt = e->dflt + t->off;
	__m512i j[NV512], ro[NV512], f, dl, c;
	__m512 th;
	size_t d, top = nv == NV512 ? t->top : 0;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		j[k] = _mm512_setzero_si512();
		ro[k] = _mm512_loadu_si512(b->rowoff + lane0 + 16 * k);
	}
	for (d = 0; d < top; d++)
		level512(b, t, d, j, ro, nv, nan);
	UNROLL
	for (k = 0; k < nv; k++)
		j[k] = _mm512_add_epi32(j[k], _mm512_set1_epi32((1 << d) - 1));
	for (; d < t->depth; d++) {
		UNROLL
		for (k = 0; k < nv; k++) {
			c = _mm512_i32gather_epi32(j[k], fc, 4);
			f = _mm512_srli_epi32(c, 16);
			c = _mm512_and_si512(c, _mm512_set1_epi32(0xffff));
			th = _mm512_i32gather_ps(j[k], thr, 4);
			dl = nan ? _mm512_i32gather_epi32(j[k], dflt, 4) :
			    _mm512_setzero_si512();
			j[k] = step512(b, ro[k], f, th, dl, c, nan);
		}
	}
	leaves512(b, t, lane0, acc, pos, j, nv, 0);
}

/*
 * Walk an ET_COMPLETE tree for a full, transposed block from lane0: a copy
 * of the walker for each common depth.
 */
AVX512 static INLINE void
full512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nan)
{
	switch (t->depth) {
	case 1:
		fixed512(b, t, lane0, acc, pos, nan, 1);
		break;
	case 2:
		fixed512(b, t, lane0, acc, pos, nan, 2);
		break;
	case 3:
		fixed512(b, t, lane0, acc, pos, nan, 3);
		break;
	case 4:
		fixed512(b, t, lane0, acc, pos, nan, 4);
		break;
	case 5:
		fixed512(b, t, lane0, acc, pos, nan, 5);
		break;
	case 6:
		fixed512(b, t, lane0, acc, pos, nan, 6);
		break;
	case 7:
		fixed512(b, t, lane0, acc, pos, nan, 7);
		break;
	case 8:
		fixed512(b, t, lane0, acc, pos, nan, 8);
		break;
	default:
		complete512(b, t, lane0, acc, pos, NV512, nan);
		break;
	}
}

/* Walk 16 * nv lanes from lane0, with everything but nv decided here. */
AVX512 static INLINE void
lanes512(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nv)
{
	if (t->kind == ET_COMPLETE && nv == NV512 && b->xt != NULL) {
		if (b->nan)
			full512(b, t, lane0, acc, pos, 1);
		else
			full512(b, t, lane0, acc, pos, 0);
	} else if (t->kind == ET_COMPLETE) {
		if (b->nan)
			complete512(b, t, lane0, acc, pos, nv, 1);
		else
			complete512(b, t, lane0, acc, pos, nv, 0);
	} else {
		if (b->nan)
			explicit512(b, t, lane0, acc, pos, nv, 1);
		else
			explicit512(b, t, lane0, acc, pos, nv, 0);
	}
}

AVX512 void
xgbp_walk_avx512(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	size_t l;

	for (l = 0; l + XGBP_BLOCK <= b->width; l += XGBP_BLOCK)
		lanes512(b, t, l, acc, pos, NV512);
	for (; l < b->width; l += 16)
		lanes512(b, t, l, acc, pos, 1);
}

/* As get512(), 8 lanes: permutations up to 16 entries. */
AVX2 static INLINE __m256i
get256(const void *p, size_t d, __m256i j)
{
	const int32_t *q = p;
	__m256i lo, hi;
	__m256 up;

	if (d <= 3)
		return _mm256_permutevar8x32_epi32(_mm256_loadu_si256(
		    (const __m256i *)q), j);
	if (d == 4) {
		lo = _mm256_permutevar8x32_epi32(_mm256_loadu_si256(
		    (const __m256i *)q), j);
		hi = _mm256_permutevar8x32_epi32(_mm256_loadu_si256(
		    (const __m256i *)(q + 8)), j);
		up = _mm256_castsi256_ps(_mm256_slli_epi32(j, 28));
		return _mm256_castps_si256(_mm256_blendv_ps(
		    _mm256_castsi256_ps(lo), _mm256_castsi256_ps(hi), up));
	}
	return _mm256_i32gather_epi32(q, j, 4);
}

/* As gather512(), 8 lanes. */
AVX2 static INLINE __m256
gather256(const struct xgbp_block *b, __m256i ro, __m256i f, int nan)
{
	__m256i idx;
	__m256 present;

	idx = _mm256_add_epi32(ro, f);
	if (!nan)
		return _mm256_i32gather_ps(b->x, idx, 4);
	present = _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(
	    (int)b->nx), f));
	return _mm256_mask_i32gather_ps(_mm256_set1_ps(NAN), b->x, idx,
	    present, 4);
}

/* As decide512(), 8 lanes; masks are all-ones lanes, so next - mask. */
AVX2 static INLINE __m256i
decide256(__m256 v, __m256 th, __m256i dl, __m256i next, int nan)
{
	__m256 right, miss;

	right = _mm256_cmp_ps(v, th, _CMP_NLT_UQ);
	if (nan) {
		miss = _mm256_and_ps(_mm256_cmp_ps(v, v, _CMP_UNORD_Q),
		    _mm256_castsi256_ps(dl));
		right = _mm256_andnot_ps(miss, right);
	}
	return _mm256_sub_epi32(next, _mm256_castps_si256(right));
}

/* As step512(), 8 lanes. */
AVX2 static INLINE __m256i
step256(const struct xgbp_block *b, __m256i ro, __m256i f, __m256 th,
    __m256i dl, __m256i next, int nan)
{
	return decide256(gather256(b, ro, f, nan), th, dl, next, nan);
}

/* As pick512(), 8 lanes; blendv takes its choice from the sign bit. */
AVX2 static INLINE __m256
pick256(const float *const *p, size_t d, size_t o, __m256i j)
{
	__m256 m0, m1, m2, a, b;

	m0 = _mm256_castsi256_ps(_mm256_slli_epi32(j, 31));
	m1 = _mm256_castsi256_ps(_mm256_slli_epi32(j, 30));
	m2 = _mm256_castsi256_ps(_mm256_slli_epi32(j, 29));
	switch (d) {
	case 0:
		return _mm256_loadu_ps(p[0] + o);
	case 1:
		return _mm256_blendv_ps(_mm256_loadu_ps(p[0] + o),
		    _mm256_loadu_ps(p[1] + o), m0);
	case 2:
		a = _mm256_blendv_ps(_mm256_loadu_ps(p[0] + o),
		    _mm256_loadu_ps(p[1] + o), m0);
		b = _mm256_blendv_ps(_mm256_loadu_ps(p[2] + o),
		    _mm256_loadu_ps(p[3] + o), m0);
		return _mm256_blendv_ps(a, b, m1);
	default:
		a = _mm256_blendv_ps(
		    _mm256_blendv_ps(_mm256_loadu_ps(p[0] + o),
		    _mm256_loadu_ps(p[1] + o), m0),
		    _mm256_blendv_ps(_mm256_loadu_ps(p[2] + o),
		    _mm256_loadu_ps(p[3] + o), m0), m1);
		b = _mm256_blendv_ps(
		    _mm256_blendv_ps(_mm256_loadu_ps(p[4] + o),
		    _mm256_loadu_ps(p[5] + o), m0),
		    _mm256_blendv_ps(_mm256_loadu_ps(p[6] + o),
		    _mm256_loadu_ps(p[7] + o), m0), m1);
		return _mm256_blendv_ps(a, b, m2);
	}
}

/* As levelxt512(), for NV256 vectors of 8 lanes. */
AVX2 static INLINE void
levelxt256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t d, __m256i *j, const __m256i *lanes, size_t lane0, int nan)
{
	const struct xgbp_engine *e = b->e;
	size_t base = t->off + ((size_t)1 << d) - 1, i;
	const float *p[8];
	__m256i f, dl;
	__m256 th, v;
	int k;

	for (i = 0; d <= 3 && i < ((size_t)1 << d); i++)
		p[i] = b->xt + ((size_t)e->xfeat[base + i] << b->wshift) +
		    lane0;
	UNROLL
	for (k = 0; k < NV256; k++) {
		th = _mm256_castsi256_ps(get256(e->thr + base, d, j[k]));
		dl = nan ? get256(e->dflt + base, d, j[k]) :
		    _mm256_setzero_si256();
		if (d <= 3)
			v = pick256(p, d, 8 * (size_t)k, j[k]);
		else {
			f = get256(e->xfeat + base, d, j[k]);
			v = _mm256_i32gather_ps(b->xt, _mm256_add_epi32(
			    lanes[k], _mm256_sll_epi32(f,
			    _mm_cvtsi32_si128(b->wshift))), 4);
		}
		j[k] = decide256(v, th, dl, _mm256_add_epi32(j[k], j[k]),
		    nan);
	}
}

/* As leaves512(), 8 lanes. */
AVX2 static INLINE void
leaves256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, const __m256i *j, int nv, int
    complete)
{
	const float *lv = b->e->leafv + t->loff;
	__m256 v;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		if (acc == NULL) {
			_mm256_storeu_si256((__m256i *)(pos + lane0 + 8 * k),
			    j[k]);
			continue;
		}
		if (complete)
			v = _mm256_castsi256_ps(get256(lv, t->depth, j[k]));
		else
			v = _mm256_i32gather_ps(lv, j[k], 4);
		_mm256_storeu_ps(acc + lane0 + 8 * k, _mm256_add_ps(
		    _mm256_loadu_ps(acc + lane0 + 8 * k), v));
	}
}

/* As level512(), 8 * nv lanes. */
AVX2 static INLINE void
level256(const struct xgbp_block *b, const struct xgbp_etree *t, size_t d,
    __m256i *j, const __m256i *ro, int nv, int nan)
{
	const struct xgbp_engine *e = b->e;
	size_t base = t->off + ((size_t)1 << d) - 1;
	__m256i f, dl;
	__m256 th;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		f = get256(e->feat + base, d, j[k]);
		th = _mm256_castsi256_ps(get256(e->thr + base, d, j[k]));
		dl = nan ? get256(e->dflt + base, d, j[k]) :
		    _mm256_setzero_si256();
		j[k] = step256(b, ro[k], f, th, dl, _mm256_add_epi32(j[k],
		    j[k]), nan);
	}
}

/* As complete512(), 8 * nv lanes. */
AVX2 static INLINE void
complete256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nv, int nan)
{
	__m256i j[NV256], ro[NV256];
	size_t d;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		j[k] = _mm256_setzero_si256();
		ro[k] = _mm256_loadu_si256((const __m256i *)(b->rowoff +
		    lane0 + 8 * k));
	}
	for (d = 0; d < t->depth; d++)
		level256(b, t, d, j, ro, nv, nan);
	leaves256(b, t, lane0, acc, pos, j, nv, 1);
}

/* As explicit512(), 8 * nv lanes. */
AVX2 static INLINE void
explicit256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nv, int nan)
{
	const struct xgbp_engine *e = b->e;
	const int32_t *fc = (const int32_t *)(e->fc + t->off);
	const float *thr = e->thr + t->off;
	const int32_t *dflt = e->dflt + t->off;
	__m256i j[NV256], ro[NV256], f, dl, c;
	__m256 th;
	size_t d, top = nv == NV256 ? t->top : 0;
	int k;

	UNROLL
	for (k = 0; k < nv; k++) {
		j[k] = _mm256_setzero_si256();
		ro[k] = _mm256_loadu_si256((const __m256i *)(b->rowoff +
		    lane0 + 8 * k));
	}
	for (d = 0; d < top; d++)
		level256(b, t, d, j, ro, nv, nan);
	UNROLL
	for (k = 0; k < nv; k++)
		j[k] = _mm256_add_epi32(j[k], _mm256_set1_epi32((1 << d) - 1));
	for (; d < t->depth; d++) {
		UNROLL
		for (k = 0; k < nv; k++) {
			c = _mm256_i32gather_epi32(fc, j[k], 4);
			f = _mm256_srli_epi32(c, 16);
			c = _mm256_and_si256(c, _mm256_set1_epi32(0xffff));
			th = _mm256_i32gather_ps(thr, j[k], 4);
			dl = nan ? _mm256_i32gather_epi32(dflt, j[k], 4) :
			    _mm256_setzero_si256();
			j[k] = step256(b, ro[k], f, th, dl, c, nan);
		}
	}
	leaves256(b, t, lane0, acc, pos, j, nv, 0);
}

/* As fixed512() for a transposed block, NV256 vectors of 8 lanes. */
AVX2 static INLINE void
fixed256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nan, size_t depth)
{
	__m256i j[NV256], lanes[NV256];
	size_t d;
	int k;

	UNROLL
	for (k = 0; k < NV256; k++) {
		j[k] = _mm256_setzero_si256();
		lanes[k] = _mm256_add_epi32(_mm256_set1_epi32((int)(lane0 +
		    8 * k)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
	}
	UNROLL
	for (d = 0; d < depth; d++)
		levelxt256(b, t, d, j, lanes, lane0, nan);
	leaves256(b, t, lane0, acc, pos, j, NV256, 1);
}

/* As full512(), NV256 vectors of 8 lanes. */
AVX2 static INLINE void
full256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nan)
{
	switch (t->depth) {
	case 1:
		fixed256(b, t, lane0, acc, pos, nan, 1);
		break;
	case 2:
		fixed256(b, t, lane0, acc, pos, nan, 2);
		break;
	case 3:
		fixed256(b, t, lane0, acc, pos, nan, 3);
		break;
	case 4:
		fixed256(b, t, lane0, acc, pos, nan, 4);
		break;
	case 5:
		fixed256(b, t, lane0, acc, pos, nan, 5);
		break;
	case 6:
		fixed256(b, t, lane0, acc, pos, nan, 6);
		break;
	case 7:
		fixed256(b, t, lane0, acc, pos, nan, 7);
		break;
	case 8:
		fixed256(b, t, lane0, acc, pos, nan, 8);
		break;
	default:
		complete256(b, t, lane0, acc, pos, NV256, nan);
		break;
	}
}

/* As lanes512(), 8 * nv lanes. */
AVX2 static INLINE void
lanes256(const struct xgbp_block *b, const struct xgbp_etree *t,
    size_t lane0, float *acc, int32_t *pos, int nv)
{
	if (t->kind == ET_COMPLETE && nv == NV256 && b->xt != NULL) {
		if (b->nan)
			full256(b, t, lane0, acc, pos, 1);
		else
			full256(b, t, lane0, acc, pos, 0);
	} else if (t->kind == ET_COMPLETE) {
		if (b->nan)
			complete256(b, t, lane0, acc, pos, nv, 1);
		else
			complete256(b, t, lane0, acc, pos, nv, 0);
	} else {
		if (b->nan)
			explicit256(b, t, lane0, acc, pos, nv, 1);
		else
			explicit256(b, t, lane0, acc, pos, nv, 0);
	}
}

AVX2 void
xgbp_walk_avx2(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	size_t l;

	for (l = 0; l + 32 <= b->width; l += 32)
		lanes256(b, t, l, acc, pos, 4);
	for (; l < b->width; l += 16)
		lanes256(b, t, l, acc, pos, 2);
}

#else /* no x86 vector walkers */

/*
 * Never called: xgbp_cpu_isa() (engine_neon.c) offers no x86 walker here.
 */
void
xgbp_walk_avx2(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	(void)b;
	(void)t;
	(void)acc;
	(void)pos;
}

void
xgbp_walk_avx512(const struct xgbp_block *b, const struct xgbp_etree *t,
    float *acc, int32_t *pos)
{
	(void)b;
	(void)t;
	(void)acc;
	(void)pos;
}

#endif
