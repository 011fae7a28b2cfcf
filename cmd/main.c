/*
 * main.c: xgbp, score CSV, TSV or JSON Lines rows with an XGBoost model.  Options are
 * parsed into one struct opts; then the model is loaded, every input scored
 * and the output closed.
 */
#include <err.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

enum {
	OPT_HEADER = 256, OPT_NO_HEADER, OPT_MARGIN, OPT_LINE_BUFFERED,
	OPT_LEAF, OPT_MISSING, OPT_RANGE, OPT_BEST, OPT_UNSEEN, OPT_XGBOOST,
	OPT_NA, OPT_ON_ERROR, OPT_PROGRESS, OPT_INFO, OPT_PRINT_HEADER,
	OPT_CATEGORIES, OPT_CONTRIB, OPT_CONTRIB_APPROX, OPT_INTERACTIONS,
	OPT_THRESHOLD, OPT_LABELS, OPT_LABELS_FILE, OPT_PROBA, OPT_DIGITS,
	OPT_BASE_MARGIN, OPT_LIBSVM, OPT_LIBSVM_BASE, OPT_LIBSVM_EXTRA,
	OPT_JSONL
};

/* The leading ':' makes getopt quiet: bad_option() words its messages. */
static const char shortopts[] = ":aD:d:f:Hhj:k:m:O:o:qr:tVvx:z";
static const struct option longopts[] = {
	{ "append",		no_argument,		NULL, 'a' },
	{ "base-margin",	required_argument,	NULL, OPT_BASE_MARGIN },
	{ "best-iteration",	no_argument,		NULL, OPT_BEST },
	{ "categories",		required_argument,	NULL, OPT_CATEGORIES },
	{ "contrib",		no_argument,		NULL, OPT_CONTRIB },
	{ "contrib-approx",	no_argument,		NULL, OPT_CONTRIB_APPROX },
	{ "delimiter",		required_argument,	NULL, 'd' },
	{ "digits",		required_argument,	NULL, OPT_DIGITS },
	{ "exclude",		required_argument,	NULL, 'x' },
	{ "features",		required_argument,	NULL, 'f' },
	{ "gzip",		no_argument,		NULL, 'z' },
	{ "header",		no_argument,		NULL, OPT_HEADER },
	{ "help",		no_argument,		NULL, 'h' },
	{ "info",		no_argument,		NULL, OPT_INFO },
	{ "interactions",	no_argument,		NULL, OPT_INTERACTIONS },
	{ "iteration-range",	required_argument,	NULL, OPT_RANGE },
	{ "jobs",		required_argument,	NULL, 'j' },
	{ "jsonl",		no_argument,		NULL, OPT_JSONL },
	{ "keep",		required_argument,	NULL, 'k' },
	{ "labels",		required_argument,	NULL, OPT_LABELS },
	{ "labels-file",	required_argument,	NULL, OPT_LABELS_FILE },
	{ "leaf",		no_argument,		NULL, OPT_LEAF },
	{ "libsvm",		no_argument,		NULL, OPT_LIBSVM },
	{ "libsvm-base",	required_argument,	NULL, OPT_LIBSVM_BASE },
	{ "libsvm-extra",	required_argument,	NULL, OPT_LIBSVM_EXTRA },
	{ "line-buffered",	no_argument,		NULL, OPT_LINE_BUFFERED },
	{ "margin",		no_argument,		NULL, OPT_MARGIN },
	{ "missing",		required_argument,	NULL, OPT_MISSING },
	{ "model",		required_argument,	NULL, 'm' },
	{ "na",			required_argument,	NULL, OPT_NA },
	{ "no-header",		no_argument,		NULL, OPT_NO_HEADER },
	{ "on-error",		required_argument,	NULL, OPT_ON_ERROR },
	{ "output",		required_argument,	NULL, 'o' },
	{ "output-delimiter",	required_argument,	NULL, 'D' },
	{ "output-format",	required_argument,	NULL, 'O' },
	{ "output-header",	no_argument,		NULL, 'H' },
	{ "print-header",	no_argument,		NULL, OPT_PRINT_HEADER },
	{ "proba",		no_argument,		NULL, OPT_PROBA },
	{ "progress",		no_argument,		NULL, OPT_PROGRESS },
	{ "quiet",		no_argument,		NULL, 'q' },
	{ "row",		required_argument,	NULL, 'r' },
	{ "threshold",		required_argument,	NULL, OPT_THRESHOLD },
	{ "tsv",		no_argument,		NULL, 't' },
	{ "unseen",		required_argument,	NULL, OPT_UNSEEN },
	{ "verbose",		no_argument,		NULL, 'v' },
	{ "version",		no_argument,		NULL, 'V' },
	{ "xgboost",		required_argument,	NULL, OPT_XGBOOST },
	{ NULL,			0,			NULL, 0 }
};

/* The missing-value tokens without --na. */
#define DEFAULT_NA	"NA,N/A,NaN,nan,null,NULL,?"

static void
usage(FILE *fp)
{
	fputs(
"usage: xgbp [-aHhqtVvz] [--best-iteration] [--header | --no-header]\n"
"            [--info | --print-header]\n"
"            [--contrib | --contrib-approx | --interactions | --leaf |\n"
"            --margin] [--jsonl | --libsvm] [--line-buffered]\n"
"            [--progress] [--threshold t]\n"
"            [--labels list | --labels-file file] [--proba] [--digits n]\n"
"            [-D delim] [-d delim] [-f list] [-j jobs] [-k list]\n"
"            [-O csv | jsonl] [-o file] [-r values] [-x list]\n"
"            [--base-margin list] [--categories file]\n"
"            [--iteration-range b:e]\n"
"            [--libsvm-base 0 | 1] [--libsvm-extra error | ignore]\n"
"            [--missing value]\n"
"            [--na list] [--on-error fail | skip | nan]\n"
"            [--unseen error | missing] [--xgboost version] -m model\n"
"            [file ...]\n"
"\n"
"Score CSV, TSV, LibSVM or JSON Lines rows with an XGBoost model: one\n"
"prediction line per row.\n"
"\n"
"  -a, --append           write each input record, then its predictions\n"
"  -D, --output-delimiter=CHAR\n"
"                         output delimiter (default: the input's)\n"
"  -d, --delimiter=CHAR   input delimiter (default: detected from line 1)\n"
"  -f, --features=LIST    the feature columns, in the model's order\n"
"  -H, --output-header    write a header line\n"
"  -h, --help             print this help and exit\n"
"  -j, --jobs=N           threads to use (default: one per core)\n"
"  -k, --keep=LIST        write these input columns before the predictions\n"
"  -m, --model=FILE       the XGBoost model: JSON, UBJSON or binary, gzip or not\n"
"  -O, --output-format=FORMAT\n"
"                         csv (default) or jsonl: a JSON object per row\n"
"  -o, --output=FILE      write to FILE, replacing it only on success\n"
"  -q, --quiet            no warnings\n"
"  -r, --row=VALUES       score this row, not input (repeatable)\n"
"  -t, --tsv              tab-separated input, as -d '\\t'\n"
"  -V, --version          print the version and exit\n"
"  -v, --verbose          a summary on stderr at the end\n"
"  -x, --exclude=LIST     columns that are not features\n"
"  -z, --gzip             compress the output with gzip\n"
"      --base-margin=LIST each row's base margins, a column per output\n"
"      --best-iteration   use the rounds up to the model's best_iteration\n"
"      --categories=FILE  category names, as JSON, for a model before 3.1\n"
"      --contrib          write SHAP values, a column per feature and bias\n"
"      --contrib-approx   write Saabas attributions, as --contrib\n"
"      --digits=N         write N significant digits, not the exact value\n"
"      --header           the first line is a header\n"
"      --no-header        the first line is data\n"
"      --info             describe the model and exit\n"
"      --interactions     write SHAP interaction values, features squared\n"
"      --iteration-range=BEGIN:END\n"
"                         use boosting rounds BEGIN to END-1 only\n"
"      --jsonl            JSON Lines input: an object a line, features by key\n"
"      --labels=LIST      name the predicted class: multi-class models, or\n"
"                         the 0 and 1 of --threshold\n"
"      --labels-file=FILE the same, one label a line\n"
"      --leaf             write the leaf reached in each tree\n"
"      --libsvm           LibSVM input, label index:value ... (default: detected\n"
"                         from line 1)\n"
"      --libsvm-base=N    LibSVM indices count from 0 (default) or 1\n"
"      --libsvm-extra=POLICY\n"
"                         an index beyond the model's features: error\n"
"                         (default) or ignore\n"
"      --line-buffered    write each prediction as soon as it is made\n"
"      --margin           write raw margins, not transformed predictions\n"
"      --missing=VALUE    also treat VALUE as missing\n"
"      --na=LIST          strings meaning missing (default: NA,N/A,NaN,nan,\n"
"                         null,NULL,?); an empty field always is\n"
"      --on-error=POLICY  a bad row: fail (default), skip, or nan\n"
"      --print-header     print the header line the model expects and exit\n"
"      --proba            with a decision, also write the predictions\n"
"      --progress         show progress on stderr\n"
"      --threshold=T      write 1 where the prediction exceeds T, else 0\n"
"      --unseen=POLICY    an unknown category name: error (default) or missing\n"
"      --xgboost=VERSION  predict as that XGBoost version did where it differs\n"
"\n"
"LIST: comma-separated 1-based column numbers, ranges (2-5, 7-) and header\n"
"names; with --jsonl, -k takes keys.  With no file, or when file is -, read\n"
"standard input.\n"
"Exit status: 0 success, 1 data or I/O error, 2 usage error, 3 bad model.\n",
	    fp);
}

/*
 * End a usage error that has been reported: one line pointing to --help,
 * as GNU and BSD tools do, rather than the whole usage burying the
 * message.
 */
static void
try_help(void)
{
	fputs("Try 'xgbp --help'.\n", stderr);
	exit(EXIT_USAGE);
}

static void
bad_usage(const char *fmt, const char *arg)
{
	fputs("xgbp: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	try_help();
}

/* The delimiter named by arg: one byte, or \t / tab for a tab. */
static int
parse_delim(const char *arg)
{
	int c;

	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		return '\t';
	c = (unsigned char)arg[0];
	if (arg[0] == '\0' || arg[1] != '\0' || c == '"' || c == '\n' ||
	    c == '\r')
		bad_usage("-d: not a single delimiter character: \"%s\"", arg);
	return c;
}

/* A non-negative round number, all of s; -1 if it is not one. */
static long
round_number(const char *s, const char *end)
{
	long v;

	if (s == end)
		return -2;
	for (v = 0; s < end; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* --iteration-range BEGIN:END, either part may be left out. */
static void
parse_range(const char *arg, struct opts *o)
{
	const char *colon;
	long b, e;

	if ((colon = strchr(arg, ':')) == NULL)
		bad_usage("--iteration-range: not BEGIN:END: \"%s\"", arg);
	b = round_number(arg, colon);
	e = round_number(colon + 1, colon + strlen(colon));
	if (b == -1 || e == -1 || (b >= 0 && e >= 0 && b >= e))
		bad_usage("--iteration-range: not BEGIN:END: \"%s\"", arg);
	o->begin = b < 0 ? 0 : (size_t)b;
	o->end = e < 0 ? 0 : (size_t)e;
	o->range = 1;
}

/*
 * --xgboost VERSION: the predicting XGBoost whose rules to follow, as
 * xgbp_predict()'s XGBP_RULES flag.  Without it the library follows the
 * XGBoost that wrote the model, as the file records it.
 */
static int
parse_xgboost(const char *arg)
{
	unsigned major, minor;
	char c;

	if (sscanf(arg, "%u.%u%c", &major, &minor, &c) < 2 ||
	    (sscanf(arg, "%u.%u%c", &major, &minor, &c) == 3 && c != '.'))
		bad_usage("--xgboost: not a version: \"%s\"", arg);
	return XGBP_RULES(major > 127 ? 127 : major,
	    minor > 255 ? 255 : minor);
}

/*
 * --threshold T: a finite number, read as a float as every value is, so
 * that a prediction printed as T equals it.
 */
static float
parse_threshold(const char *arg)
{
	float t;

	if (xgbp_parse_float(arg, strlen(arg), &t, 0, NULL) != XGBP_OK ||
	    !isfinite(t))
		bad_usage("--threshold: not a finite number: \"%s\"", arg);
	return t;
}

/* --digits N: 1 to 9 significant digits. */
static int
parse_digits(const char *arg)
{
	if (arg[0] < '1' || arg[0] > '9' || arg[1] != '\0')
		bad_usage("--digits: not a number from 1 to 9: \"%s\"", arg);
	return arg[0] - '0';
}

/* -j N: a positive number of threads. */
static int
parse_jobs(const char *arg)
{
	char *end;
	long n;

	n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || n < 1 || n > 1024)
		bad_usage("-j: not a positive integer: \"%s\"", arg);
	return (int)n;
}

static int
policy(const char *opt, const char *arg, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	fprintf(stderr, "xgbp: %s: not ", opt);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s", names[i], i + 2 < n ? ", " :
		    i + 1 < n ? " or " : "");
	fprintf(stderr, ": \"%s\"\n", arg);
	try_help();
	return -1;
}

/* A column list, checked now so that mistakes are usage errors. */
static const char *
column_list(const char *opt, const char *arg)
{
	if (selector_check(opt, arg) == -1)
		try_help();
	return arg;
}

/*
 * -r VALUES: one more row to score instead of reading input, a line of
 * o->rows, so that it is read as a line of a file is, and its faults
 * are named -r:N:FIELD, N counting the -r options from 1.  A row with a
 * line end would be two, and an empty one a blank line, which is
 * skipped: both are usage errors.
 */
static void
add_row(struct opts *o, const char *arg)
{
	if (arg[0] == '\0')
		bad_usage("-r: an empty row%s", "");
	if (strpbrk(arg, "\n\r") != NULL)
		bad_usage("-r: a line end in a row (give each row its own "
		    "-r)%s", "");
	buf_adds(&o->rows, arg);
	buf_addc(&o->rows, '\n');
	o->nrowargs++;
}

/* Options with an argument, other than the simple ones. */
static void
option_arg(int c, const char *arg, struct opts *o)
{
	static const char *const unseen[] = { "error", "missing" };
	static const char *const onerror[] = { "fail", "skip", "nan" };
	static const char *const extra[] = { "error", "ignore" };
	static const char *const base[] = { "0", "1" };
	static const char *const formats[] = { "csv", "jsonl" };

	switch (c) {
	case OPT_MISSING:
		if (xgbp_parse_float(arg, strlen(arg), &o->missing, 0,
		    NULL) != XGBP_OK)
			bad_usage("--missing: not a number: \"%s\"", arg);
		break;
	case OPT_RANGE:
		parse_range(arg, o);
		break;
	case OPT_UNSEEN:
		o->unseen = policy("--unseen", arg, unseen, 2);
		break;
	case OPT_ON_ERROR:
		o->on_error = policy("--on-error", arg, onerror, 3);
		break;
	case OPT_LIBSVM_BASE:
		o->libsvm_base = policy("--libsvm-base", arg, base, 2);
		break;
	case OPT_LIBSVM_EXTRA:
		o->libsvm_extra = policy("--libsvm-extra", arg, extra, 2);
		break;
	case 'O':
		o->oformat = policy("-O", arg, formats, 2);
		break;
	case OPT_XGBOOST:
		o->xgboost = arg;
		(void)parse_xgboost(arg);	/* a usage error now */
		break;
	case OPT_NA:
		o->na = split_list(arg, &o->nna);
		break;
	case 'f':
		o->features = column_list("-f", arg);
		break;
	case 'x':
		o->exclude = column_list("-x", arg);
		break;
	case 'k':
		o->keep = column_list("-k", arg);
		break;
	case OPT_BASE_MARGIN:
		o->base_margin = column_list("--base-margin", arg);
		break;
	case 'j':
		o->jobs = parse_jobs(arg);
		break;
	case 'r':
		add_row(o, arg);
		break;
	case OPT_THRESHOLD:
		o->threshold = parse_threshold(arg);
		o->thresholded = 1;
		break;
	case OPT_DIGITS:
		o->digits = parse_digits(arg);
		break;
	case OPT_LABELS:
	case OPT_LABELS_FILE:
		if (o->labels != NULL)
			bad_usage("--labels and --labels-file: give one, "
			    "once", NULL);
		o->labelsrc = c == OPT_LABELS ? "--labels" : arg;
		if (c == OPT_LABELS_FILE)
			read_labels(o, arg);
		else if ((o->labels = split_list(arg, &o->nlabels)),
		    o->nlabels == 0)
			bad_usage("--labels: no labels", NULL);
		break;
	}
}

/*
 * An option getopt refused, c '?' for an unknown one, ':' for one that
 * lacks its argument; arg is the word it came in.  The messages are ours,
 * not the C library's, so they read the same with glibc and musl.
 */
static void
bad_option(int c, const char *arg)
{
	char opt[3] = { '-', (char)optopt, '\0' };
	const char *name = strncmp(arg, "--", 2) == 0 ? arg : opt;
	size_t n;

	if ((n = strcspn(name, "=")) < strlen(name)) {
		fprintf(stderr, "xgbp: %.*s: %s\n", (int)n, name, c == ':' ?
		    "needs an argument" : "unknown option");
		try_help();
	}
	bad_usage(c == ':' ? "%s: needs an argument" : "%s: unknown option",
	    name);
}

/*
 * The kinds of output flags asks for, by option name: how many, and the
 * first two in *a and *b.
 */
static int
kinds(int flags, const char **a, const char **b)
{
	static const struct {
		int		 flag;
		const char	*name;
	} k[] = {
		{ XGBP_CONTRIBS, "--contrib" },
		{ XGBP_CONTRIBS_APPROX, "--contrib-approx" },
		{ XGBP_INTERACTIONS, "--interactions" },
		{ XGBP_LEAF, "--leaf" },
		{ XGBP_MARGIN, "--margin" },
	};
	size_t i;
	int n = 0;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		if (!(flags & k[i].flag))
			continue;
		if (n == 0)
			*a = k[i].name;
		else if (n == 1)
			*b = k[i].name;
		n++;
	}
	return n;
}

/*
 * Check the options that JSON Lines input or output leave no sense in:
 * an object has no columns, header or delimiter, and -a's record or a
 * header line has no place in JSON Lines output.
 */
static void
formats(const struct opts *o)
{
	const char *bad = NULL;
	char **keys;
	size_t n;

	if (o->jsonl) {
		if (o->delim != 0)
			bad = "-d and -t";
		else if (o->header != HEADER_DETECT)
			bad = "--header and --no-header";
		else if (o->features != NULL || o->exclude != NULL)
			bad = "-f and -x";
		else if (o->append)
			bad = "-a";
		if (bad != NULL)
			bad_usage("--jsonl: %s do not apply to JSON Lines "
			    "input", bad);
		if (o->keep != NULL) {
			if ((keys = key_list("-k", o->keep, &n)) == NULL)
				try_help();
			while (n > 0)
				free(keys[--n]);
			free(keys);
		}
	}
	if (o->oformat == OUT_JSONL) {
		if (o->append)
			bad = "-a";
		else if (o->out_header)
			bad = "-H";
		else if (o->odelim != 0)
			bad = "-D";
		if (bad != NULL)
			bad_usage("-O jsonl: %s do not apply to JSON Lines "
			    "output", bad);
	}
}

/*
 * Check options that exclude each other, and fill in defaults; libsvm
 * tells of --libsvm.
 */
static void
settle(struct opts *o, int info, int print, int libsvm)
{
	const char *a = NULL, *b = NULL;
	long n;

	if (o->model == NULL)
		bad_usage("no model: use -m FILE", NULL);
	if (kinds(o->flags, &a, &b) > 1) {
		fprintf(stderr, "xgbp: %s and %s exclude each other\n", a, b);
		try_help();
	}
	if (o->best && o->range)
		bad_usage("--best-iteration and --iteration-range exclude "
		    "each other", NULL);
	if (o->append && o->keep != NULL)
		bad_usage("-a and -k exclude each other", NULL);
	if (info && print)
		bad_usage("--info and --print-header exclude each other", NULL);
	if (o->features != NULL && o->exclude != NULL)
		bad_usage("-f and -x exclude each other", NULL);
	if (o->base_margin != NULL && (o->flags & XGBP_LEAF))
		bad_usage("--base-margin and --leaf exclude each other (leaf "
		    "indices take no base margin)", NULL);
	if (libsvm && o->jsonl)
		bad_usage("--libsvm and --jsonl exclude each other", NULL);
	if (o->jsonl && o->base_margin != NULL)
		bad_usage("--jsonl and --base-margin exclude each other (base "
		    "margins are read from columns)", NULL);
	formats(o);
	if (o->nrowargs > 0 && o->ninputs > 0)
		bad_usage("-r and file operands exclude each other (-r's rows "
		    "are the input): \"%s\"", o->inputs[0]);
	/* Rows on the command line are data unless --header says not. */
	if (o->nrowargs > 0 && o->header == HEADER_DETECT && !o->jsonl)
		o->header = HEADER_NO;
	if (libsvm && o->delim != 0)
		bad_usage("--libsvm and -d or -t exclude each other", NULL);
	if (libsvm && o->base_margin != NULL)
		bad_usage("--libsvm and --base-margin exclude each other (a "
		    "LibSVM record has no columns but its label)", NULL);
	if (libsvm)
		o->delim = DELIM_LIBSVM;
	if (o->na == NULL)
		o->na = split_list(DEFAULT_NA, &o->nna);
	na_prepare(o);
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		o->output = NULL;	/* -o -: standard output */
	if (o->output != NULL && (n = strlen(o->output)) >= 3 &&
	    strcmp(o->output + n - 3, ".gz") == 0)
		o->gzip = 1;		/* x.gz holds gzip, -z or not */
	if (o->output == NULL && isatty(STDOUT_FILENO))
		o->line_buffered = 1;
	if (o->progress && !isatty(STDERR_FILENO))
		o->progress = 0;
	if (o->jobs == 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		o->jobs = n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
}

static void
parse_args(int argc, char **argv, struct opts *o, int *info, int *print)
{
	int c, libsvm = 0;

	memset(o, 0, sizeof(*o));
	o->header = HEADER_DETECT;
	o->missing = NAN;
	*info = *print = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->append = 1;
			break;
		case 'D':
			o->odelim = parse_delim(optarg);
			break;
		case 'd':
			o->delim = parse_delim(optarg);
			break;
		case 'H':
			o->out_header = 1;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case 'm':
			o->model = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 't':
			o->delim = '\t';
			break;
		case 'V':
			printf("xgbp %s\ngzip: %s\n", XGBP_VERSION_STRING,
			    gzip_library());
			exit(EXIT_OK);
		case 'v':
			o->verbose = 1;
			break;
		case 'z':
			o->gzip = 1;
			break;
		case OPT_BEST:
			o->best = 1;
			break;
		case OPT_HEADER:
			o->header = HEADER_YES;
			break;
		case OPT_NO_HEADER:
			o->header = HEADER_NO;
			break;
		case OPT_INFO:
			*info = 1;
			break;
		case OPT_JSONL:
			o->jsonl = 1;
			break;
		case OPT_LEAF:
			o->flags |= XGBP_LEAF;
			break;
		case OPT_LIBSVM:
			libsvm = 1;
			break;
		case OPT_LINE_BUFFERED:
			o->line_buffered = 1;
			break;
		case OPT_MARGIN:
			o->flags |= XGBP_MARGIN;
			break;
		case OPT_PRINT_HEADER:
			*print = 1;
			break;
		case OPT_CATEGORIES:
			o->categories = optarg;
			break;
		case OPT_CONTRIB:
			o->flags |= XGBP_CONTRIBS;
			break;
		case OPT_CONTRIB_APPROX:
			o->flags |= XGBP_CONTRIBS_APPROX;
			break;
		case OPT_INTERACTIONS:
			o->flags |= XGBP_INTERACTIONS;
			break;
		case OPT_PROGRESS:
			o->progress = 1;
			break;
		case OPT_PROBA:
			o->proba = 1;
			break;
		case OPT_MISSING: case OPT_RANGE: case OPT_UNSEEN:
		case OPT_ON_ERROR: case OPT_XGBOOST: case OPT_NA:
		case OPT_THRESHOLD: case OPT_DIGITS: case OPT_LABELS:
		case OPT_LABELS_FILE: case OPT_BASE_MARGIN:
		case OPT_LIBSVM_BASE: case OPT_LIBSVM_EXTRA:
		case 'f': case 'x': case 'k': case 'j': case 'O': case 'r':
			option_arg(c, optarg, o);
			break;
		default:
			bad_option(c, argv[optind - 1]);
		}
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	settle(o, *info, *print, libsvm);
}

/*
 * Load the model named by path, with the category names of --categories
 * FILE, laid out for the explanations of flags, or exit with status 3.
 */
static struct xgbp_model *
load_model(const char *path, const char *catpath, int flags)
{
	struct xgbp_load_opts lo;
	struct xgbp_model *m;
	struct xgbp_error e;
	unsigned char *buf, *cats = NULL;
	size_t len, catlen;

	xgbp_load_opts_init(&lo);
	lo.explain = flags & (XGBP_CONTRIBS | XGBP_INTERACTIONS);
	if (catpath != NULL) {
		if (read_file(catpath, &cats, &catlen) == -1)
			exit(EXIT_MODEL);
		lo.categories = (const char *)cats;
		lo.categories_len = catlen;
	}
	if (read_file(path, &buf, &len) == -1)
		exit(EXIT_MODEL);
	if (xgbp_model_load_with(&m, buf, len, &lo, &e) != XGBP_OK) {
		if (strncmp(e.msg, "categories:", 11) == 0)
			warnx("%s: %s", catpath, e.msg + 12);
		else if (e.line != 0)
			warnx("%s:%lu:%lu: %s", path, e.line, e.column, e.msg);
		else
			warnx("%s: offset %lu: %s", path, e.offset, e.msg);
		exit(EXIT_MODEL);
	}
	free(buf);
	free(cats);
	return m;
}

/*
 * Warn, once, of a model that holds NaN or infinite values, as one does
 * whose training diverged: XGBoost loads and scores it, and so does xgbp,
 * but its predictions are likely NaN.
 */
static void
warn_nonfinite(const struct opts *o, const struct xgbp_model *m)
{
	struct xgbp_info info;

	info.size = sizeof(info);
	xgbp_model_info(m, &info);
	if (info.nonfinite > 0 && !o->quiet)
		warnx("%s: %zu values of the model are NaN or infinite (did "
		    "its training diverge?): its predictions may be NaN, as "
		    "XGBoost's are", o->model, info.nonfinite);
}

/*
 * Exit with status 3 when the model cannot be scored or explained as
 * asked (a call of no rows says), with the library's reason; 2 for an
 * explanation of more values a row than xgbp writes.
 */
static void
check_model(const struct opts *o, const struct xgbp_model *m)
{
	struct xgbp_predict_opts po;
	struct xgbp_error e;
	size_t n;

	xgbp_predict_opts_init(&po);
	po.flags = o->flags;
	if (xgbp_predict_with(m, &po, NULL, 0, 0, NULL, &e) != XGBP_OK)
		errx(EXIT_MODEL, "%s: %s", o->model, e.msg);
	if ((n = xgbp_model_noutputs(m, o->flags)) > MAX_OUTPUTS)
		errx(EXIT_USAGE, "%s: %zu values a row: more than xgbp writes "
		    "(%zu)", o->model, n, MAX_OUTPUTS);
}

/*
 * The rounds to score: --iteration-range, or --best-iteration's 0 to
 * best_iteration + 1 (as XGBoost's scikit-learn wrapper does), as a slice
 * of m; NULL for all of m.  Exits with status 2 for a range m lacks.
 */
static struct xgbp_model *
select_rounds(const struct opts *o, const struct xgbp_model *m)
{
	struct xgbp_model *s;
	struct xgbp_error e;
	struct xgbp_info info;
	size_t begin, end;

	if (!o->best && !o->range)
		return NULL;
	begin = o->begin;
	end = o->end;
	if (o->best) {
		info.size = sizeof(info);
		xgbp_model_info(m, &info);
		if (info.best_iteration < 0)
			errx(EXIT_USAGE, "--best-iteration: %s stores no "
			    "best_iteration", o->model);
		begin = 0;
		end = (size_t)info.best_iteration + 1;
	}
	/* As Booster.predict: its explanations take ranges from round 0. */
	if (begin > 0 && (o->flags & (XGBP_CONTRIBS | XGBP_CONTRIBS_APPROX |
	    XGBP_INTERACTIONS)))
		errx(EXIT_USAGE, "--iteration-range: XGBoost explains rounds "
		    "from 0 only (it refuses a range that begins at %zu)", begin);
	if (xgbp_model_slice(&s, m, begin, end, &e) != XGBP_OK)
		errx(e.status == XGBP_ENOMEM ? EXIT_DATA : EXIT_USAGE, "%s: %s",
		    o->best ? "--best-iteration" : "--iteration-range", e.msg);
	return s;
}

int
main(int argc, char *argv[])
{
	struct xgbp_model *model, *all;
	struct opts o;
	int status, info, print;

	parse_args(argc, argv, &o, &info, &print);
	all = load_model(o.model, o.categories, o.flags);
	warn_nonfinite(&o, all);
	if ((model = select_rounds(&o, all)) == NULL)
		model = all;
	if (o.xgboost != NULL)
		o.flags |= parse_xgboost(o.xgboost);
	if ((o.flags & XGBP_LEAF) && xgbp_model_noutputs(model, XGBP_LEAF) == 0)
		errx(EXIT_USAGE, "--leaf: %s has no trees", o.model);
	check_model(&o, model);
	if (!info && !print)
		decide_check(&o, model);
	if (!info && !print && xgbp_model_nfeatures(model) > MAX_FEATURES)
		errx(EXIT_MODEL, "%s: %zu features: more than xgbp scores (%zu)",
		    o.model, xgbp_model_nfeatures(model), MAX_FEATURES);
	status = EXIT_OK;
	if (info)
		print_info(&o, model);
	else if (print)
		print_header(&o, model);
	else
		status = score(&o, model);
	if (model != all)
		xgbp_model_free(model);
	xgbp_model_free(all);
	while (o.nna > 0)
		free(o.na[--o.nna]);
	free(o.na);
	while (o.nlabels > 0)
		free(o.labels[--o.nlabels]);
	free(o.labels);
	free(o.nalen);
	buf_free(&o.rows);
	return status;
}
