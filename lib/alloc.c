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
static size_t		 largest;	/* bytes of the largest request */
static long		 live;		/* blocks allocated, not yet freed */

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

/* Blocks allocated and not yet freed: a test's leak check. */
long
xgbp_alloc_live(void)
{
	return live;
}

/*
 * The largest request since the last call, so tests can check that a
 * model's counts are bounded by its size before they size anything.
 */
size_t
xgbp_alloc_largest(void)
{
	size_t n = largest;

	largest = 0;
	return n;
}

/*
 * Count a request for n elements of size bytes (SIZE_MAX bytes when that
 * overflows); return non-zero if it is to fail.
 */
static int
fail(size_t n, size_t size)
{
	size_t bytes = size != 0 && n > SIZE_MAX / size ? SIZE_MAX : n * size;

	nalloc++;
	if (bytes > largest)
		largest = bytes;
	return failat != 0 && nalloc == failat;
}
#define LIVE(p, d)	do { if ((p) != NULL) live += (d); } while (0)
#else
#define fail(n, size)	0
#define LIVE(p, d)	do { } while (0)
#endif

/* Allocate n elements of size bytes; NULL if n * size overflows. */
void *
xgbp_alloc(size_t n, size_t size)
{
	void *q;

	if (fail(n, size) || (size != 0 && n > SIZE_MAX / size))
		return NULL;
	q = malloc(n * size == 0 ? 1 : n * size);
	LIVE(q, 1);
	return q;
}

/* Resize p to n elements of size bytes; on failure p is left intact. */
void *
xgbp_realloc(void *p, size_t n, size_t size)
{
	void *q;

	if (fail(n, size) || (size != 0 && n > SIZE_MAX / size))
		return NULL;
	q = realloc(p, n * size == 0 ? 1 : n * size);
	if (p == NULL)
		LIVE(q, 1);
	return q;
}

void
xgbp_free(void *p)
{
	LIVE(p, -1);
	free(p);
}
