/*
 * alloc.c: the only place lib/ calls malloc, realloc and free, so every
 * size is checked for overflow in one place and tests can make any single
 * allocation fail (lua/lua ltests.c debug_realloc does the same).  The
 * failure hook exists only in builds with XGBP_ALLOC_HOOKS defined (the unit
 * tests); the installed library keeps no global state.
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

#ifdef XGBP_ALLOC_HOOKS
static unsigned long	 nalloc;	/* allocations so far */
static unsigned long	 failat;	/* fail when nalloc reaches it */

void
xgbp_alloc_fail_at(unsigned long n)
{
	failat = n == 0 ? 0 : nalloc + n;
}

unsigned long
xgbp_alloc_count(void)
{
	return nalloc;
}

/* Count an allocation; return non-zero if it is to fail. */
static int
fail(void)
{
	nalloc++;
	return failat != 0 && nalloc == failat;
}
#else
#define fail()	0
#endif

/* Allocate n elements of size bytes; NULL if n * size overflows. */
void *
xgbp_alloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if (fail())
		return NULL;
	return malloc(n * size == 0 ? 1 : n * size);
}

/* Resize p to n elements of size bytes; on failure p is left intact. */
void *
xgbp_realloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if (fail())
		return NULL;
	return realloc(p, n * size == 0 ? 1 : n * size);
}

void
xgbp_free(void *p)
{
	free(p);
}
