/* cmd_fmt — `cjm fmt [--check] [-w] [--textconv] FILE...` (and `-`).
 *
 * Prints each file in the canonical layout (format.h) to standard output,
 * or with -w rewrites it in place (atomically, and only when it changes),
 * or with --check names the first line of each file that is not in the
 * layout. A file with an error is reported as `cjm check` reports it and
 * left untouched. --textconv is for git's textconv: a file with an error
 * is printed as it is with a one-line note on standard error, and the
 * exit status is 0 unless a file is missing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/cli/cli.h"
#include "runtime/review/format.h"
#include "runtime/base/atomic_write.h"
#include "runtime/base/strbuf.h"

static const char help[] =
    "usage: cjm fmt [OPTIONS] FILE...\n"
    "\n"
    "Prints each FILE (- for standard input) in the canonical layout of\n"
    "docs/language.md: two spaces per level, one entry per line, a blank line\n"
    "between blocks, canonical strings and numbers, every comment kept.\n"
    "A file with an error is reported and left untouched.\n"
    "\n"
    "options:\n"
    "  -w, --write         rewrite each file in place (atomically, only if it changes)\n"
    "  --check             write nothing; name the first line of each file that is\n"
    "                      not in the layout, and exit 1 if there is one\n"
    "  --textconv          for git's diff.*.textconv: print a file with errors as it\n"
    "                      is (its first error in one line on standard error), and\n"
    "                      exit 0\n"
    "  --color=WHEN        auto (default), always or never, for diagnostics\n"
    "\n"
    "exit status: 0 formatted (or already in the layout), 1 a file has errors or\n"
    "(--check) is not in the layout, 2 usage or I/O errors.\n";

/* What the command was asked to do. */
typedef struct fmt_args {
  bool check;     /* --check: report, write nothing */
  bool write;     /* -w: rewrite files in place */
  bool textconv;  /* --textconv: never fail on a broken file */
} fmt_args;

static cjm_cli_arg fmt_option(void *state, int argc, char **argv, int *i) {
  (void)argc;
  fmt_args *args = state;
  const char *arg = argv[*i];
  if (strcmp(arg, "--check") == 0) args->check = true;
  else if (strcmp(arg, "-w") == 0 || strcmp(arg, "--write") == 0) args->write = true;
  else if (strcmp(arg, "--textconv") == 0) args->textconv = true;
  else return CJM_ARG_NOT_COMMON;
  return CJM_ARG_TAKEN;
}

/* The line of text[0..len) that starts at byte start, without its end. */
static size_t line_at(const char *text, size_t len, size_t start) {
  const char *nl = start < len ? memchr(text + start, '\n', len - start) : NULL;
  return nl ? (size_t)(nl - text) - start : len - start;
}

/* Compares a file with its layout. Returns 0 when they are equal, else the
 * 1-based line where they first differ, and sets *a and *b to the byte
 * where that line starts in each. */
static size_t first_difference(const char *old, size_t old_len, const char *new, size_t new_len,
                               size_t *a, size_t *b) {
  size_t i = 0, line = 1, line_start = 0;
  while (i < old_len && i < new_len && old[i] == new[i]) {
    if (old[i] == '\n') {
      line++;
      line_start = i + 1;
    }
    i++;
  }
  if (i == old_len && i == new_len) return 0;
  *a = *b = line_start;
  return line;
}

/* What makes line a of old differ from line b of new when it cannot be
 * seen on a terminal, or NULL when the lines differ visibly. */
static const char *invisible_difference(const char *old, size_t old_len, size_t a, const char *new,
                                        size_t new_len, size_t b) {
  if (a == 0 && old_len >= 3 && memcmp(old, "\xEF\xBB\xBF", 3) == 0 &&
      (new_len < 3 || memcmp(new, "\xEF\xBB\xBF", 3) != 0))
    return "byte-order mark";
  size_t n = line_at(old, old_len, a), m = b < new_len ? line_at(new, new_len, b) : 0;
  bool has_cr = n && old[a + n - 1] == '\r';
  size_t seen = n - has_cr; /* the line without its CR */
  if (b >= new_len) {
    /* new has ended: what old has left is blank */
    for (size_t i = a; i < old_len; i++)
      if (old[i] != '\n' && old[i] != '\r' && old[i] != ' ' && old[i] != '\t') return NULL;
    return "blank lines at end of file";
  }
  if (seen == m && memcmp(old + a, new + b, m) == 0) {
    /* The same text: without a CR, the lines differ in their end, and
     * the layout ends every line with one. */
    return has_cr ? "CRLF line ending" : "missing newline at end of file";
  }
  size_t trimmed = seen;
  while (trimmed && (old[a + trimmed - 1] == ' ' || old[a + trimmed - 1] == '\t')) trimmed--;
  if (trimmed != seen && trimmed == m && memcmp(old + a, new + b, m) == 0) return "trailing whitespace";
  return NULL;
}

/* --check of a file that differs from its layout (out): names the first
 * line of path that differs, with the line as it is and as it should be,
 * or what differs when that cannot be seen (a CRLF line ending, a missing
 * final newline, a byte-order mark, trailing whitespace). */
static void report_difference(const char *path, const cjm_source *src, const cjm_strbuf *out) {
  size_t a = 0, b = 0;
  const char *formatted = out->data ? out->data : "";
  size_t line = first_difference(src->text, src->len, formatted, out->len, &a, &b);
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  const char *what = invisible_difference(src->text, src->len, a, formatted, out->len, b);
  if (what) {
    printf("%s:%zu: not in the canonical layout (%s); 'cjm fmt -w' rewrites it\n", name, line, what);
    return;
  }
  printf("%s:%zu: not in the canonical layout; 'cjm fmt -w' rewrites it\n", name, line);
  if (a < src->len) {
    size_t n = line_at(src->text, src->len, a);
    if (n && src->text[a + n - 1] == '\r') n--;
    printf("-%.*s\n", (int)n, src->text + a);
  }
  if (b < out->len) printf("+%.*s\n", (int)line_at(formatted, out->len, b), formatted + b);
}

/* Writes out to path in place of its file (a symbolic link stays a link:
 * cjm_atomic_write replaces its target). */
static bool rewrite(const char *path, const cjm_strbuf *out) {
  const char *error = NULL;
  bool ok = cjm_atomic_write(out, path, &error);
  if (!ok) fprintf(stderr, "cjm fmt: cannot write %s: %s\n", path, error);
  return ok;
}

/* Writes out to standard output after what stdio holds. */
static bool write_stdout(const cjm_strbuf *out) {
  const char *error = NULL;
  fflush(stdout);
  if (cjm_atomic_write(out, "-", &error)) return true;
  fprintf(stderr, "cjm fmt: cannot write to standard output: %s\n", error);
  return false;
}

/* --textconv on a file with errors: one line on standard error, its
 * first error, rather than every diagnostic with its source line (git
 * shows standard error above the diff of every revision it converts). */
static void textconv_note(const char *path, const cjm_diags *diags, size_t first) {
  const cjm_diag *error = NULL;
  for (size_t i = first; i < cjm_diags_count(diags) && !error; i++)
    if (cjm_diags_at(diags, i)->severity == CJM_ERROR) error = cjm_diags_at(diags, i);
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  if (error && error->loc.line)
    fprintf(stderr, "cjm fmt: %s:%u:%u: %s; shown as it is\n", name, (unsigned)error->loc.line,
            (unsigned)error->loc.col, error->message);
  else
    fprintf(stderr, "cjm fmt: %s: %s; shown as it is\n", name, error ? error->message : "errors");
}

/* Formats one file as args ask. Returns its exit status. */
static int format_file(const char *path, const fmt_args *args, const cjm_cli_common *common) {
  cjm_read_status read_status;
  size_t size = 0;
  cjm_limits limits = CJM_LIMITS_DEFAULT;
  cjm_source *src = cjm_source_read(path, limits.max_file_bytes, &read_status, &size);
  if (!src) {
    if (read_status == CJM_READ_TOO_LARGE)
      fprintf(stderr, "%s: error: file is %zu bytes, over the limit of %zu bytes [limit]\n", path, size,
              limits.max_file_bytes);
    else
      fprintf(stderr, "%s: error: cannot read file: %s [io]\n", path,
              read_status == CJM_READ_NOT_FILE ? "not a regular file" : strerror(errno));
    return read_status == CJM_READ_TOO_LARGE ? CJM_EXIT_ERRORS : CJM_EXIT_USAGE;
  }
  cjm_strbuf out = {0};
  size_t first = cjm_diags_count(common->diags);
  bool ok = cjm_format_source(src, &out, common->diags, &limits);
  if (!ok && args->textconv) {
    textconv_note(path, common->diags, first);
  } else {
    cjm_print_options print = {.color = common->color, .show_source = true};
    cjm_diags_print(common->diags, first, stderr, &print);
  }

  int status = CJM_EXIT_OK;
  bool same = ok && out.len == src->len && memcmp(out.data ? out.data : "", src->text, src->len) == 0;
  if (!ok && args->textconv) {
    /* git shows the text as it is rather than nothing. */
    cjm_strbuf_write(&out, src->text, src->len);
    if (!write_stdout(&out)) status = CJM_EXIT_USAGE;
  } else if (!ok) {
    status = CJM_EXIT_ERRORS;
  } else if (args->check) {
    if (!same) {
      report_difference(path, src, &out);
      status = CJM_EXIT_ERRORS;
    }
  } else if (args->write && strcmp(path, "-") != 0) {
    if (!same && !rewrite(path, &out)) status = CJM_EXIT_USAGE;
  } else if (!write_stdout(&out)) {
    status = CJM_EXIT_USAGE;
  }
  cjm_strbuf_free(&out);
  cjm_source_free(src);
  return status;
}

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  fmt_args args = {0};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "fmt", argc, argv, fmt_option, &args, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count == 0)
    status = cjm_cli_usage_error("fmt", "no file to format (use - for standard input)");
  if (status == CJM_CLI_GO_ON && args.check && args.write)
    status = cjm_cli_usage_error("fmt", "--check and -w do not go together");
  if (status == CJM_CLI_GO_ON) {
    status = CJM_EXIT_OK;
    for (size_t i = 0; i < file_count; i++) {
      int one = format_file(files[i], &args, &common);
      if (args.textconv && one == CJM_EXIT_ERRORS) one = CJM_EXIT_OK;
      if (one > status) status = one;
    }
    cjm_print_options print = {.color = common.color};
    cjm_diags_print_dropped(common.diags, stderr, &print);
  }
  fflush(stdout);
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

const cjm_command cjm_command_fmt = {"fmt", "print or rewrite journey files in the canonical layout", help, command_main};
