/*
 * fuzz_rows.c: libFuzzer target for the row path of the xgbp program: the
 * bytes after the first two are an input file, scored by the real main()
 * (cmd/main.c, included below with main renamed) with a small fixed model:
 * input.c (plain or gzip), source.c (records, line numbers, chunks),
 * table.c (delimiter, header, column mapping), rows.c (fields, numbers,
 * category names), score.c, output.c and fmtfloat.c, exactly as shipped.
 * The first two bytes choose the model and the options, so one input
 * explores -a, -k, -f, -x, --header, -t, --leaf, --margin, --on-error and
 * the rest, and --jsonl (jsonl.c) and -O jsonl; an input whose line 1
 * reads as LibSVM is read as LibSVM (libsvm.c).  Output goes to
 * /dev/null; a finding is a crash, a sanitizer report, a leak, or any
 * exit() (which the program must not reach on data errors: it returns
 * its status from score()).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	xgbp_main(int, char **);
#define main	xgbp_main
#include "../../cmd/main.c"
#undef main

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Model 0: features a (float), b (categorical, named red, green, blue)
 * and c; multi:softprob with 2 classes over 2 rounds, one tree per class
 * and round; best_iteration 0.  Tree 1 sends green right, tree 3 splits
 * on c under a split on a.
 */
static const char model0[] =
"{\"learner\":{\"attributes\":{\"best_iteration\":\"0\"},"
"\"feature_names\":[\"a\",\"b\",\"c\"],"
"\"feature_types\":[\"float\",\"c\",\"float\"],"
"\"gradient_booster\":{\"model\":{\"cats\":{\"enc\":["
"{\"offsets\":[],\"values\":[]},"
"{\"offsets\":[0,3,8,12],\"values\":[114,101,100,103,114,101,101,110,"
"98,108,117,101]},{\"offsets\":[],\"values\":[]}]},"
"\"gbtree_model_param\":{\"num_parallel_tree\":\"1\",\"num_trees\":\"4\"},"
"\"iteration_indptr\":[0,2,4],\"tree_info\":[0,1,0,1],\"trees\":["
"{\"tree_param\":{\"num_nodes\":\"3\",\"size_leaf_vector\":\"1\"},"
"\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],"
"\"split_indices\":[0,0,0],\"split_conditions\":[1.5,-0.25,0.75],"
"\"default_left\":[1,0,0],\"split_type\":[0,0,0],\"categories\":[],"
"\"categories_nodes\":[],\"categories_segments\":[],"
"\"categories_sizes\":[]},"
"{\"tree_param\":{\"num_nodes\":\"3\",\"size_leaf_vector\":\"1\"},"
"\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],"
"\"split_indices\":[1,0,0],\"split_conditions\":[0,0.5,-0.5],"
"\"default_left\":[0,0,0],\"split_type\":[1,0,0],\"categories\":[1],"
"\"categories_nodes\":[0],\"categories_segments\":[0],"
"\"categories_sizes\":[1]},"
"{\"tree_param\":{\"num_nodes\":\"3\",\"size_leaf_vector\":\"1\"},"
"\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],"
"\"split_indices\":[2,0,0],\"split_conditions\":[0,0.125,-0.125],"
"\"default_left\":[1,0,0],\"split_type\":[0,0,0],\"categories\":[],"
"\"categories_nodes\":[],\"categories_segments\":[],"
"\"categories_sizes\":[]},"
"{\"tree_param\":{\"num_nodes\":\"5\",\"size_leaf_vector\":\"1\"},"
"\"left_children\":[1,3,-1,-1,-1],\"right_children\":[2,4,-1,-1,-1],"
"\"split_indices\":[0,2,0,0,0],"
"\"split_conditions\":[-1,1e3,0.25,-0.5,1.5],"
"\"default_left\":[0,1,0,0,0],\"split_type\":[0,0,0,0,0],"
"\"categories\":[],\"categories_nodes\":[],\"categories_segments\":[],"
"\"categories_sizes\":[]}]},\"name\":\"gbtree\"},"
"\"learner_model_param\":{\"base_score\":\"[5E-1,5E-1]\","
"\"boost_from_average\":\"1\",\"num_class\":\"2\",\"num_feature\":\"3\","
"\"num_target\":\"1\"},"
"\"objective\":{\"name\":\"multi:softprob\","
"\"softmax_multiclass_param\":{\"num_class\":\"2\"}}},"
"\"version\":[3,4,1]}";

/* Model 1: two unnamed features, binary:logistic, one tree. */
static const char model1[] =
"{\"learner\":{\"learner_model_param\":{\"base_score\":\"5E-1\","
"\"num_class\":\"0\",\"num_feature\":\"2\"},"
"\"objective\":{\"name\":\"binary:logistic\"},"
"\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{"
"\"gbtree_model_param\":{\"num_trees\":\"1\"},\"tree_info\":[0],"
"\"trees\":[{\"tree_param\":{\"num_nodes\":\"3\"},"
"\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],"
"\"split_indices\":[1,0,0],\"split_conditions\":[1.5,-1,2],"
"\"default_left\":[1,0,0]}]}}},\"version\":[1,7,4]}";

static char	 paths[3][64];	/* model 0, model 1, the input */

static void
cleanup(void)
{
	int i;

	for (i = 0; i < 3; i++)
		if (paths[i][0] != '\0')
			unlink(paths[i]);
}

/* Write data[0..n) to a new temporary file; its name goes to path. */
static void
tmpfile_with(char *path, const void *data, size_t n)
{
	const char *dir;
	int fd;

	if ((dir = getenv("TMPDIR")) == NULL || strlen(dir) > 40)
		dir = "/tmp";
	snprintf(path, 64, "%s/xgbp-fuzz.XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1 ||
	    write(fd, data, n) != (ssize_t)n || close(fd) == -1) {
		perror(path);
		abort();
	}
}

/* Once: the model files, an input file, and stdout to /dev/null. */
static void
setup(void)
{
	int fd;

	tmpfile_with(paths[0], model0, sizeof(model0) - 1);
	tmpfile_with(paths[1], model1, sizeof(model1) - 1);
	tmpfile_with(paths[2], "", 0);
	atexit(cleanup);
	if ((fd = open("/dev/null", O_WRONLY)) == -1 ||
	    dup2(fd, STDOUT_FILENO) == -1) {
		perror("/dev/null");
		abort();
	}
	close(fd);
}

/*
 * The command line that selector bytes s0, s1 choose, into argv; returns
 * argc.  Only combinations main() accepts: a usage error would exit.  The
 * fourth header choice is --jsonl, which takes no delimiter, columns or
 * -a; its first delimiter choice is -O jsonl, which takes no -D or -H.
 */
static int
arguments(unsigned s0, unsigned s1, char **argv)
{
	static char prog[] = "xgbp", m[] = "-m", j1[] = "-j1";
	static char header[][16] = { "", "--header", "--no-header", "" };
	static char delim[][16] = { "", "-d,", "-t", "-d;" };
	static char flags[][16] = { "", "--margin", "--leaf",
	    "--libsvm-base=1" };
	static char keep[][16] = { "", "-a", "-k1", "-ka,c" };
	static char onerror[][24] = { "", "--on-error=skip", "--on-error=nan",
	    "--libsvm-extra=ignore" };
	static char cols[][16] = { "", "-f3,1,2", "-x1", "" };
	static char extra[][24] = { "", "--unseen=missing", "--missing=-999",
	    "-D;", "-H", "-z", "--line-buffered", "-v" };
	static char keepj[][16] = { "", "-ka,c", "-kb", "-kz" };
	static char jsonl[] = "--jsonl", ojsonl[] = "-Ojsonl";
	static char best[] = "--best-iteration";
	static char range[] = "--iteration-range=1:2";
	int model, argc = 0, j = (s0 >> 1 & 3) == 3, oj;
	char *x;

	model = s0 & 1;
	argv[argc++] = prog;
	argv[argc++] = m;
	argv[argc++] = paths[model];
	argv[argc++] = j1;
#define OPT(a)	do { if ((a)[0] != '\0') argv[argc++] = (a); } while (0)
	oj = j && (s0 >> 3 & 3) == 1;
	if (j)
		argv[argc++] = jsonl;
	if (oj)
		argv[argc++] = ojsonl;
	OPT(header[j ? 0 : s0 >> 1 & 3]);
	OPT(delim[j ? 0 : s0 >> 3 & 3]);
	OPT(flags[s0 >> 5 & 3]);
	OPT(j ? keepj[s1 & 3] : keep[s1 & 3]);
	OPT(onerror[s1 >> 2 & 3]);
	OPT(cols[j ? 0 : s1 >> 4 & 3]);
	x = extra[s1 >> 6 & 3];
	OPT(oj && strcmp(x, "-D;") == 0 ? extra[0] : x);
	x = extra[4 + (s0 >> 7) + 2 * (s1 >> 7)];
	OPT(oj && strcmp(x, "-H") == 0 ? extra[0] : x);
#undef OPT
	if (model == 0 && (s0 & 0x60) == 0x40)
		argv[argc++] = best;
	else if (model == 0 && (s0 & 0x60) == 0x60)
		argv[argc++] = range;
	argv[argc++] = paths[2];
	if (s1 & 0x80)		/* the same input twice */
		argv[argc++] = paths[2];
	argv[argc] = NULL;
	return argc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *argv[24];
	unsigned s0, s1;
	int argc, fd;

	if (!ready) {
		setup();
		ready = 1;
	}
	s0 = size > 0 ? data[0] : 0;
	s1 = size > 1 ? data[1] : 0;
	data += size < 2 ? size : 2;
	size -= size < 2 ? size : 2;
	if ((fd = open(paths[2], O_WRONLY | O_TRUNC)) == -1 ||
	    write(fd, data, size) != (ssize_t)size || close(fd) == -1) {
		perror(paths[2]);
		abort();
	}
	argc = arguments(s0, s1, argv);
	optind = 0;		/* getopt_long() starts afresh */
	xgbp_main(argc, argv);
	return 0;
}
