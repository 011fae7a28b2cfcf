/*
 * pipe.c: the pipeline of score.c on several threads (-j N, N > 1).
 *
 * A reader thread reads the inputs (and inflates gzip) into chunks of whole
 * records, numbered in input order; N worker threads each take a chunk and
 * turn it into output text (process); the calling thread writes chunks in
 * their order (emit).  Chunk k lives in slot k % nslots, so the writer
 * waits on exactly one slot and memory stays bounded: nslots chunks of at
 * most a read's worth of input plus their output, whatever the input's
 * length.  The reader blocks when the writer falls behind, the writer when
 * the next chunk is not done; a slow input (tail -f) reaches the writer
 * chunk by chunk as it arrives.
 *
 * When a row fails (--on-error fail) or an input cannot be read, the
 * writer writes every chunk before it, then stops: chunks after it may
 * have been scored already, but are never written.
 */
#include <err.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

struct slot {
	struct chunk	 c;
	int		 state;
	int		 end;		/* no chunk follows: PRODUCE_* */
};

struct pipe {
	const struct opts *o;
	const struct xgbp_model *model;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct slot	*slots;
	size_t		 nslots;
	unsigned long	 nread;		/* chunks the reader has made */
	unsigned long	 nworked;	/* the next chunk a worker may take */
	int		 stop;		/* the writer is done: everyone out */
	struct reader	 rd;
};

static void
lock(struct pipe *p)
{
	if (pthread_mutex_lock(&p->mu) != 0)
		errx(EXIT_DATA, "pthread_mutex_lock failed");
}

static void
unlock(struct pipe *p)
{
	pthread_mutex_unlock(&p->mu);
}

static void
wait_cv(struct pipe *p)
{
	pthread_cond_wait(&p->cv, &p->mu);
}

/*
 * The reader thread: fill the next slot once the writer has freed it.  A
 * failure or the end of the inputs is passed on in the slot's end field,
 * after which the reader stops.
 */
static void *
reader_main(void *arg)
{
	struct pipe *p = arg;
	struct slot *s;
	int rc;

	/* Cancellable only while reading: see read_cancel() in input.c. */
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	for (;;) {
		lock(p);
		s = &p->slots[p->nread % p->nslots];
		while (s->state != SLOT_FREE && !p->stop)
			wait_cv(p);
		if (p->stop) {
			unlock(p);
			return NULL;
		}
		unlock(p);
		rc = produce(&p->rd, &s->c);
		lock(p);
		s->end = rc;
		s->state = rc == PRODUCE_OK ? SLOT_READY : SLOT_DONE;
		p->nread++;
		pthread_cond_broadcast(&p->cv);
		unlock(p);
		if (rc != PRODUCE_OK)
			return NULL;
	}
}

/* A worker thread: process ready chunks in order of arrival. */
static void *
worker_main(void *arg)
{
	struct pipe *p = arg;
	struct worker w;
	struct slot *s;

	worker_init(&w, p->o, p->model);
	lock(p);
	for (;;) {
		while (!p->stop && (p->nworked == p->nread ||
		    p->slots[p->nworked % p->nslots].state != SLOT_READY)) {
			if (p->nworked < p->nread && p->slots[p->nworked %
			    p->nslots].state == SLOT_DONE) {
				p->nworked++;	/* an end marker: skip it */
				continue;
			}
			wait_cv(p);
		}
		if (p->stop)
			break;
		s = &p->slots[p->nworked++ % p->nslots];
		s->state = SLOT_BUSY;
		unlock(p);
		process(&w, &s->c);
		lock(p);
		s->state = SLOT_DONE;
		pthread_cond_broadcast(&p->cv);
	}
	unlock(p);
	worker_free(&w);
	return NULL;
}

/*
 * The writer, on the calling thread: write chunk after chunk in order.
 * Returns the exit status.
 */
static int
write_all(struct pipe *p, struct totals *tot)
{
	unsigned long k;
	struct slot *s;
	int status = EXIT_OK;

	for (k = 0;; k++) {
		s = &p->slots[k % p->nslots];
		lock(p);
		while (!(k < p->nread && s->state == SLOT_DONE))
			wait_cv(p);
		unlock(p);
		if (s->end != PRODUCE_OK) {
			if (s->end == PRODUCE_FAIL)
				status = EXIT_DATA;
			break;
		}
		emit(p->o, &s->c, tot);
		if (s->c.failed) {
			status = EXIT_DATA;
			break;
		}
		progress(p->o, tot);
		lock(p);
		s->state = SLOT_FREE;
		pthread_cond_broadcast(&p->cv);
		unlock(p);
	}
	return status;
}

int
run_threads(const struct opts *o, const struct xgbp_model *m,
    struct totals *tot)
{
	struct pipe *p;
	pthread_t reader, *workers;
	size_t i;
	int status;

	p = xmalloc(sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->o = o;
	p->model = m;
	p->nslots = 2 * (size_t)o->jobs + 2;
	p->slots = xreallocarray(NULL, p->nslots, sizeof(*p->slots));
	memset(p->slots, 0, p->nslots * sizeof(*p->slots));
	if (pthread_mutex_init(&p->mu, NULL) != 0 ||
	    pthread_cond_init(&p->cv, NULL) != 0)
		errx(EXIT_DATA, "cannot set up threads");
	reader_init(&p->rd, o, m);
	workers = xreallocarray(NULL, (size_t)o->jobs, sizeof(*workers));
	if (pthread_create(&reader, NULL, reader_main, p) != 0)
		errx(EXIT_DATA, "cannot start a thread");
	for (i = 0; i < (size_t)o->jobs; i++)
		if (pthread_create(&workers[i], NULL, worker_main, p) != 0)
			errx(EXIT_DATA, "cannot start a thread");
	status = write_all(p, tot);
	lock(p);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	unlock(p);
	for (i = 0; i < (size_t)o->jobs; i++)
		pthread_join(workers[i], NULL);
	/*
	 * After a failure the reader may be blocked reading an input that
	 * never ends, as from tail -f: it can be cancelled there, and only
	 * there, so reader_free() finds its state whole.
	 */
	if (status != EXIT_OK)
		pthread_cancel(reader);
	pthread_join(reader, NULL);
	reader_free(&p->rd);
	for (i = 0; i < p->nslots; i++)
		chunk_free(&p->slots[i].c);
	free(p->slots);
	free(workers);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return status;
}
