/*
 * replay.c: run a libFuzzer target without libFuzzer, on any compiler:
 * feed every file of the directories given (by default
 * tests/fuzz/corpus/NAME and tests/fuzz/regress/NAME, NAME being the
 * target's, from FUZZ_NAME) to LLVMFuzzerTestOneInput(), in name order,
 * and say "ok N - FILE" in TAP for each one that returns.  A crash or a
 * sanitizer report ends the program before its plan, which tests/run.sh
 * counts as a failure; so every corpus file, and every finding saved in
 * regress/, is a test of `make check`.  (As lz4/lz4
 * ossfuzz/standaloneengine.c and facebook/zstd
 * tests/fuzz/regression_driver.c do.)  The TAP lines go to a copy of the
 * original standard output, which a target may point elsewhere.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FUZZ_NAME
#error "compile with -DFUZZ_NAME='\"target\"'"
#endif

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE	*tap;
static int	 ntests;

/* Read path into a new buffer of exactly its size; NULL on error. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *p;
	struct stat st;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == -1 || st.st_size < 0 ||
	    (p = malloc(st.st_size > 0 ? (size_t)st.st_size : 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(p, 1, (size_t)st.st_size, f);
	if (ferror(f) || *len != (size_t)st.st_size) {
		fclose(f);
		free(p);
		return NULL;
	}
	fclose(f);
	return p;
}

static int
byname(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
notdot(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Replay every file of dir; a missing one is a failure if required. */
static void
replay(const char *dir, int required)
{
	struct dirent **names;
	unsigned char *p;
	char path[4096];
	size_t len;
	int i, n;

	if ((n = scandir(dir, &names, notdot, byname)) == -1) {
		if (required || errno != ENOENT) {
			fprintf(tap, "not ok %d - %s: %s\n", ++ntests, dir,
			    strerror(errno));
		}
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		free(names[i]);
		if ((p = slurp(path, &len)) == NULL) {
			fprintf(tap, "not ok %d - %s: cannot read\n",
			    ++ntests, path);
			continue;
		}
		fprintf(stderr, "replay %s\n", path);
		LLVMFuzzerTestOneInput(p, len);
		free(p);
		fprintf(tap, "ok %d - %s\n", ++ntests, path);
		fflush(tap);
	}
	free(names);
}

int
main(int argc, char *argv[])
{
	int fd, i;

	if ((fd = dup(STDOUT_FILENO)) == -1 ||
	    (tap = fdopen(fd, "w")) == NULL) {
		perror("replay: stdout");
		return 2;
	}
	if (argc > 1)
		for (i = 1; i < argc; i++)
			replay(argv[i], 1);
	else {
		replay("tests/fuzz/corpus/" FUZZ_NAME, 1);
		replay("tests/fuzz/regress/" FUZZ_NAME, 0);
	}
	fprintf(tap, "1..%d\n", ntests);
	fclose(tap);
	return 0;
}
