/*
 * cmd.h: what the files of the xgbp program share.  The library is used
 * only through xgbp.h.
 *
 * The data path: source.c reads an input in chunks of whole records;
 * table.c decides from the first record how records become rows; rows.c
 * splits a record into fields and converts them (jsonl.c reads a JSON
 * Lines record instead); score.c turns
 * each chunk into its output text (rows in batches through xgbp_predict);
 * output.c writes chunks in order.
 */
#ifndef XGBP_CMD_H
#define XGBP_CMD_H

#include <stddef.h>
#include <sys/types.h>

#include "xgbp.h"

/* Exit status, as the man page lists it. */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,		/* input, data or output failure */
	EXIT_USAGE = 2,
	EXIT_MODEL = 3
};

enum { HEADER_DETECT = -1, HEADER_NO = 0, HEADER_YES = 1 };
enum { UNSEEN_ERROR, UNSEEN_MISSING };
enum { ON_ERROR_FAIL, ON_ERROR_SKIP, ON_ERROR_NAN };
enum { DECIDE_NONE, DECIDE_THRESHOLD, DECIDE_INDEX, DECIDE_ARGMAX };
enum { EXTRA_ERROR, EXTRA_IGNORE };	/* --libsvm-extra */
/* The "delimiter" of LibSVM input: no byte; fields split at blanks. */
enum { DELIM_LIBSVM = 256 };
enum { OUT_CSV, OUT_JSONL };

/* A growable byte buffer. */
struct buf {
	char		*p;
	size_t		 len;
	size_t		 cap;
};

struct opts {
	const char	*model;		/* -m */
	const char	*categories;	/* --categories */
	int		 delim;		/* -d, -t, --libsvm; 0: detect */
	int		 libsvm_base;	/* --libsvm-base: 0 or 1 */
	int		 libsvm_extra;	/* --libsvm-extra: EXTRA_* */
	int		 odelim;	/* -D; 0: the input's */
	int		 header;	/* HEADER_* */
	int		 jsonl;		/* --jsonl: JSON Lines input */
	int		 oformat;	/* -O: OUT_* */
	int		 out_header;	/* -H */
	int		 flags;		/* XGBP_MARGIN, XGBP_LEAF, ... */
	const char	*xgboost;	/* --xgboost; NULL: the model's writer */
	int		 line_buffered;
	float		 missing;	/* --missing; NaN: only NaN */
	int		 unseen;	/* --unseen: UNSEEN_* */
	int		 best;		/* --best-iteration */
	size_t		 begin, end;	/* --iteration-range; end 0: all */
	int		 range;		/* --iteration-range given */
	const char	*features;	/* -f LIST */
	const char	*exclude;	/* -x LIST */
	const char	*keep;		/* -k LIST */
	const char	*base_margin;	/* --base-margin LIST */
	int		 append;	/* -a */
	char		**na;		/* --na: missing-value tokens */
	size_t		 nna;
	size_t		*nalen;		/* their lengths */
	unsigned char	 na_first[256];	/* first bytes of the tokens */
	int		 na_number;	/* a token reads as a number */
	int		 on_error;	/* ON_ERROR_* */
	const char	*output;	/* -o */
	int		 gzip;		/* -z */
	int		 quiet;		/* -q */
	int		 verbose;	/* -v */
	int		 progress;	/* --progress */
	int		 jobs;		/* -j */
	int		 thresholded;	/* --threshold given */
	float		 threshold;	/* --threshold */
	char		**labels;	/* --labels, --labels-file */
	const char	*labelsrc;	/* "--labels", or the file, for messages */
	size_t		 nlabels;
	int		 proba;		/* --proba */
	int		 digits;	/* --digits; 0: shortest exact */
	int		 decide;	/* DECIDE_*, from the options and model */
	char		**inputs;	/* operands; none means stdin */
	struct buf	 rows;		/* -r's rows, a line each */
	size_t		 nrowargs;	/* -r given this many times */
	int		 ninputs;
};

/* util.c */
void	*xmalloc(size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
size_t	 quote_text(char *buf, size_t bufsz, const char *s, size_t n);

void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, int);
void	 buf_adds(struct buf *, const char *);
void	 buf_addf(struct buf *, float);
void	 buf_printf(struct buf *, const char *, ...)
#if defined(__GNUC__)
	    __attribute__((format(printf, 2, 3)))
#endif
	    ;
void	 buf_free(struct buf *);

/* gzip.c: gzip streams, through ISA-L's igzip or zlib. */
enum { UNZIP_MORE, UNZIP_END, UNZIP_BAD };
enum { ZIP_NONE, ZIP_SYNC, ZIP_FINISH };
struct unzip;
struct zip;
const char *gzip_library(void);
struct unzip *unzip_new(void);
void	 unzip_next(struct unzip *);
int	 unzip_run(struct unzip *, const unsigned char **in, size_t *inlen,
	    unsigned char *out, size_t *outlen, const char **why);
void	 unzip_free(struct unzip *);
struct zip *zip_new(void);
void	 zip_run(struct zip *, const void *in, size_t n, int how,
	    unsigned char *buf, size_t size, void (*put)(const void *, size_t));
void	 zip_free(struct zip *);

/* input.c: a file or stdin, gzip-compressed or plain. */
struct input;
struct input *input_open(const char *path);
struct input *input_mem(const char *name, const char *mem, size_t len);
ssize_t	 input_read(struct input *, void *buf, size_t n);
const char *input_name(const struct input *);
int	 input_finish(struct input *);
int	 input_close(struct input *);
int	 read_file(const char *path, unsigned char **buf, size_t *len);

/* output.c: standard output or -o FILE, plain or gzip. */
void	 out_open(const struct opts *);
void	 out_write(const void *, size_t);
void	 out_flush(void);
void	 out_close(int ok);

/* A record: where it is in its chunk, and the line it starts on. */
struct record {
	size_t		 off;
	size_t		 len;		/* without its line end */
	unsigned long	 line;
	unsigned char	 quoted;	/* a field of it is quoted */
	unsigned char	 blank;		/* only spaces (and tabs), or empty */
};

/* A chunk of an input: whole records, then what scoring made of them. */
struct chunk {
	struct buf	 in;		/* bytes of the records */
	struct record	*rec;
	size_t		 nrec;
	size_t		 reccap;
	const struct table *table;
	struct buf	 out;		/* the output lines */
	struct buf	 msg;		/* diagnostics, one per line */
	size_t		 nrows;		/* data rows read */
	size_t		 nwritten;	/* output lines */
	size_t		 nskipped;
	size_t		 nbad;		/* rows written as nan */
	size_t		 nblank;	/* blank lines skipped */
	size_t		 nlead;		/* of them, before the input's line 1 */
	size_t		 nmissing;	/* missing values read */
	int		 failed;	/* stopped at a bad row */
	struct buf	 head;		/* the output header, before out */
};

/* source.c: an input read in chunks of whole records. */
struct source;
struct source *source_open(struct input *, size_t readsz);
int	 source_first_line(struct source *, const char **, size_t *);
void	 source_set_delim(struct source *, int);
void	 source_set_quoting(struct source *, int);
int	 source_chunk(struct source *, struct chunk *);
const char *source_name(const struct source *);
void	 source_close(struct source *);
enum { SRC_OK, SRC_EOF, SRC_ERR };

/* table.c: how the records of one input become rows. */
struct table {
	const char	*name;		/* the input, for messages */
	int		 delim;
	int		 odelim;	/* the output's: -D, or the first input's */
	size_t		 ncols;		/* fields a record must have */
	long		*map;		/* column -> feature, or -1 */
	size_t		*fcols;		/* the columns with a feature, in order */
	size_t		 nfcols;
	size_t		*keep;		/* -k columns, in order */
	size_t		 nkeep;
	size_t		*bmcols;	/* --base-margin columns, by output */
	size_t		 nbm;
	char		**header;	/* ncols names, or NULL */
	struct record	 head;		/* the header record, for -a -H */
	char		*headraw;
	size_t		 why;		/* line 1 is a header for this field */
	struct jkeys	*keys;		/* --jsonl: the keys read, else NULL */
};
struct table *table_new(const struct opts *, const struct xgbp_model *,
	    const char *name, int delim, const char *base,
	    const struct record *, int *isheader);
int	 detect_delim(const struct xgbp_model *, const char *line,
	    size_t len);
void	 table_free(struct table *);
int	 json_clash(const struct table *, const struct opts *,
	    const struct xgbp_model *);
void	 header_line(struct buf *, const struct opts *,
	    const struct xgbp_model *, const struct table *);
int	 selector_check(const char *opt, const char *list);
char	**key_list(const char *opt, const char *list, size_t *n);
void	 output_names(struct buf *, const struct opts *,
	    const struct xgbp_model *);
char	**split_list(const char *, size_t *);

/* rows.c: a record's fields, and the features among them as floats. */
struct fields {
	const char	**p;		/* field i is p[i][0..n[i]) */
	size_t		*n;
	size_t		 nf;
	size_t		 cap;
	struct buf	 text;		/* quoted records' fields, unquoted */
	int		 bad;		/* BAD_QUOTE or BAD_AFTERQUOTE */
	size_t		 badfield;
};
int	 split_record(struct fields *, int delim, const char *rec,
	    size_t len, int quoted);
void	 fields_free(struct fields *);
int	 record_fields(int delim, const char *rec, size_t len, char ***fields,
	    size_t *nfields, size_t *badfield);

struct rowctx;
struct rowctx *rowctx_new(const struct opts *, const struct xgbp_model *);
void	 rowctx_free(struct rowctx *);
int	 row_read(struct rowctx *, const struct table *, const char *base,
	    const struct record *, float *x, float *bm, struct buf *msg,
	    size_t *nmissing);
void	 row_prefix(const struct rowctx *, const struct table *,
	    const char *base, const struct record *, int append, int delim,
	    struct buf *);
int	 is_na(const struct opts *, const char *, size_t);
void	 na_prepare(struct opts *);
int	 field_value(const struct opts *, const struct xgbp_model *, size_t f,
	    int delim, const char *s, size_t n, float *v);
void	 put_field(struct buf *, const char *, size_t, int delim);
enum { BAD_NONE, BAD_NUMBER, BAD_UNSEEN, BAD_INF, BAD_FIELDS, BAD_QUOTE,
	BAD_AFTERQUOTE, BAD_NOMARGIN, BAD_LIBSVM, BAD_JSON };

/* libsvm.c: LibSVM records, "label index:value ...". */
int	 libsvm_detect(const char *line, size_t len);
int	 libsvm_row(const struct opts *, const struct xgbp_model *,
	    const struct table *, const char *rec, size_t len,
	    unsigned long line, float *x, const char **label,
	    size_t *labellen, struct buf *msg, size_t *nmissing);

/* jsonl.c: JSON Lines records, one object a line, into rows. */
struct jkeys;
struct jrow;
struct jkeys *jkeys_new(const struct xgbp_model *, char **keep, size_t nkeep,
	    const char *name);
void	 jkeys_free(struct jkeys *);
struct jrow *jrow_new(void);
void	 jrow_free(struct jrow *);
int	 jsonl_read(struct jrow *, const struct table *, const struct opts *,
	    const struct xgbp_model *, const char *rec, size_t len,
	    unsigned long line, float *x, struct buf *msg, size_t *nmissing);
void	 jsonl_prefix(struct jrow *, const struct table *, int json,
	    int delim, struct buf *);
void	 json_string(struct buf *, const char *, size_t);

/* score.c: one chunk's work, and the serial pipeline. */
#define BATCH	256		/* rows scored per xgbp_predict() call */
#define BATCH_BYTES	((size_t)32 << 20)	/* at most, for wide models */
#define MAX_FEATURES	((size_t)1 << 26)	/* a row of 256 MiB */
#define MAX_OUTPUTS	((size_t)1 << 24)	/* values a row: 64 MiB */

/* What one thread needs to process chunks: scratch, never shared. */
struct worker {
	const struct opts *o;
	const struct xgbp_model *model;
	struct rowctx	*rows;
	size_t		 nf;		/* features per row */
	size_t		 nout;		/* outputs per row */
	size_t		 batch;		/* rows per batch, BATCH or fewer */
	float		*x;		/* batch rows of nf features */
	float		*y;		/* batch rows of nout outputs */
	float		*bm;		/* batch rows of base margins, or NULL */
	size_t		 nbm;		/* base margins a row: 0, or outputs */
	struct xgbp_predict_opts popts;	/* flags, and work for explanations */
	unsigned char	 nanrow[BATCH];	/* row written as nan */
	struct buf	 prefix;	/* -a record or -k fields of each row */
	struct buf	 jnames;	/* -O jsonl: "name": of each output */
	size_t		*jname;		/* where each begins in jnames */
	size_t		 prefixend[BATCH];
	size_t		 n;		/* rows waiting */
};

/* Where the inputs are read from, chunk after chunk. */
struct reader {
	const struct opts *o;
	const struct xgbp_model *model;
	int		 next;		/* the next input operand */
	struct input	*in;
	struct source	*src;
	struct table	*table;		/* the current input's */
	struct table	**tables;	/* every input's, freed at the end */
	size_t		 ntables;
	int		 header_done;
	int		 delim;		/* the current input's */
	int		 odelim;	/* the output's, once the first is known */
	size_t		 nblank;	/* blank lines before line 1 */
};

/*
 * Totals over the whole run, for -v and the end-of-run notes: 64 bits,
 * which a 32-bit size_t would wrap after 2^32 rows or missing values.
 */
struct totals {
	unsigned long long nrows, nwritten, nskipped, nbad, nmissing, nblank;
	int		 header_done;	/* the output header is written */
	double		 t0, shown;
};

enum { PRODUCE_OK, PRODUCE_END, PRODUCE_FAIL };

void	 worker_init(struct worker *, const struct opts *,
	    const struct xgbp_model *);
void	 worker_free(struct worker *);
void	 reader_init(struct reader *, const struct opts *,
	    const struct xgbp_model *);
void	 reader_free(struct reader *);
int	 produce(struct reader *, struct chunk *);
void	 process(struct worker *, struct chunk *);
void	 emit(const struct opts *, const struct chunk *, struct totals *);
void	 chunk_free(struct chunk *);
void	 progress(const struct opts *, struct totals *);
double	 now(void);
int	 score(const struct opts *, const struct xgbp_model *);

/* decide.c: --threshold, --labels, --proba, --digits. */
void	 read_labels(struct opts *, const char *path);
void	 decide_check(struct opts *, const struct xgbp_model *);
void	 put_decided(struct buf *, const struct opts *, const float *y,
	    size_t n, int nanrow, int delim);
long	 class_of(const struct opts *, const float *y, size_t n, int nanrow);
void	 put_value(struct buf *, int digits, float);

/* pipe.c: the same pipeline on a reader thread and -j worker threads. */
int	 run_threads(const struct opts *, const struct xgbp_model *,
	    struct totals *);

/* info.c */
void	 print_info(const struct opts *, const struct xgbp_model *);
void	 print_header(const struct opts *, const struct xgbp_model *);

#endif /* XGBP_CMD_H */
