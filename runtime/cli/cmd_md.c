/* cmd_md — `cjm md IN.md -o OUT.md [-T svg|png|pdf|dot]` and `cjm md
 * --check IN.md...`: the fenced ```cjm blocks of a Markdown document
 * checked, each drawn to an image beside OUT.md (OUT-1.svg, OUT-2.svg…)
 * and replaced by a link to it, as mermaid-cli does for ```mermaid.
 *
 * Each block is a journey in memory named by the Markdown file, its `use`
 * resolved next to that file (then -I, CJM_PATH, the standard library).
 * Its diagnostics are moved from the block onto the document's own lines
 * and columns before they are printed (the block's text is a run of whole
 * lines of the document, so only lines and byte offsets shift). Every
 * block is checked and drawn before anything is written; then the images,
 * then OUT.md, each atomically; when OUT.md cannot be written (or memory
 * runs out meanwhile), the images written are removed. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/base/atomic_write.h"
#include "runtime/cli/cli.h"
#include "runtime/interop/md_blocks.h"
#include "runtime/interop/text_check.h"
#include "runtime/render/graphviz/driver.h"

static const char help[] =
    "usage: cjm md [OPTIONS] IN.md -o OUT.md\n"
    "       cjm md --check [OPTIONS] IN.md...\n"
    "\n"
    "Checks every fenced ```cjm block of the Markdown document IN.md (- for\n"
    "standard input), draws each to an image beside OUT.md (OUT-1.svg,\n"
    "OUT-2.svg...) and writes OUT.md with each block replaced by a link to its\n"
    "image, the journey's title as its alt text. Everything else is copied byte\n"
    "for byte. Diagnostics point into IN.md; on an error nothing is written.\n"
    "Per block, the info string takes options: ```cjm view=flow persona=mia detail\n"
    "\n"
    "options:\n"
    "  -o OUT.md           the document to write (the images go beside it)\n"
    "  -T FORMAT           the images' format: svg (default), png, pdf or dot\n"
    "  --check             only check the blocks (several documents at once)\n"
    "  and the options of 'cjm check' (-I, -W..., --color, --max-errors);\n"
    "  `use` in a block looks next to IN.md first\n";

/* The formats an image may take (the Graphviz backend draws them all). */
static const cjm_cli_format formats[] = {
    {"svg", cjm_render_graphviz},
    {"png", cjm_render_graphviz},
    {"pdf", cjm_render_graphviz},
    {"dot", cjm_render_graphviz},
    {NULL, NULL},
};

/* What the command line asks for. */
typedef struct md_args {
  const char *output;          /* -o, or NULL */
  const char *format;          /* -T */
  bool check;                  /* --check */
} md_args;

static cjm_cli_arg md_option(void *state, int argc, char **argv, int *i) {
  md_args *args = state;
  cjm_cli_arg output = cjm_cli_output_file_arg("md", argc, argv, i, &args->output);
  if (output != CJM_ARG_NOT_COMMON) return output;
  bool bad = false;
  const char *value;
  if ((value = cjm_cli_option_value("md", "-T", argc, argv, i, &bad)) ||
             (value = cjm_cli_option_value("md", "--format", argc, argv, i, &bad))) {
    args->format = value;
  } else if (bad) {
    return CJM_ARG_BAD;
  } else if (strcmp(argv[*i], "--check") == 0) {
    args->check = true;
  } else {
    return CJM_ARG_NOT_COMMON;
  }
  return CJM_ARG_TAKEN;
}

/* ---- one block ------------------------------------------------------------------ */

/* What a block's info string asks for. */
typedef struct block_options {
  cjm_view view;
  const char *persona;         /* malloc'd, or NULL */
  cjm_loc persona_loc;         /* where persona= stands, for an error */
  bool detail;
} block_options;

/* The location of info[from..to) on the fence line of b in md. */
static cjm_loc info_loc(const cjm_source *md, const cjm_md_block *b, size_t from, size_t to) {
  cjm_loc loc = cjm_text_loc(md, b->info + from);
  loc.end_col = loc.col;
  for (size_t i = from; i < to; i++) loc.end_col += ((unsigned char)md->text[b->info + i] & 0xC0) != 0x80;
  loc.end_offset = (uint32_t)(b->info + to);
  return loc;
}

/* Reads the options of b's info string: view=map|flow, persona=ID, detail.
 * Reports what it does not know, at the word; returns false then. */
static bool read_options(const cjm_source *md, const cjm_md_block *b, block_options *o, cjm_diags *diags) {
  *o = (block_options){.view = CJM_VIEW_MAP};
  const char *info = md->text + b->info;
  bool ok = true;
  for (size_t at = 0; at < b->info_len;) {
    size_t end = at;
    while (end < b->info_len && info[end] != ' ' && info[end] != '\t') end++;
    size_t n = end - at;
    const char *word = info + at;
    cjm_loc loc = info_loc(md, b, at, end);
    if (n == 9 && memcmp(word, "view=flow", 9) == 0) o->view = CJM_VIEW_FLOW;
    else if (n == 8 && memcmp(word, "view=map", 8) == 0) o->view = CJM_VIEW_MAP;
    else if (n == 6 && memcmp(word, "detail", 6) == 0) o->detail = true;
    else if (n > 8 && memcmp(word, "persona=", 8) == 0) {
      free((char *)o->persona);
      char *id = cjm_xmalloc(n - 7);
      memcpy(id, word + 8, n - 8);
      id[n - 8] = '\0';
      o->persona = id;
      o->persona_loc = loc;
    } else {
      cjm_diag *d = cjm_error(diags, "md", &loc, "unknown option '%.*s' for a cjm block", (int)n, word);
      cjm_note(d, NULL, "a block takes view=map, view=flow, persona=ID and detail");
      ok = false;
    }
    at = end;
    while (at < b->info_len && (info[at] == ' ' || info[at] == '\t')) at++;
  }
  return ok;
}

/* Moves a location from the block's source onto the document's lines. */
static void relocate(cjm_loc *loc, const cjm_source *block, const cjm_source *md, const cjm_md_block *b) {
  if (loc->source != block) return;
  loc->source = md;
  if (loc->line == 0) return; /* the whole block: the document */
  loc->line += b->body_line - 1;
  loc->end_line += b->body_line - 1;
  loc->offset += (uint32_t)b->body;
  loc->end_offset += (uint32_t)b->body;
}

/* The diagnostics from the first-th on, moved from the block's source onto
 * the document. */
static void relocate_diags(cjm_diags *diags, size_t first, const cjm_source *block, const cjm_source *md,
                           const cjm_md_block *b) {
  for (size_t i = first; i < cjm_diags_count(diags); i++) {
    cjm_diag *d = cjm_diags_edit(diags, i);
    relocate(&d->loc, block, md, b);
    for (size_t k = 0; k < d->note_count; k++) relocate(&d->notes[k].loc, block, md, b);
  }
}

/* The directory of path, for `use` ("." for a bare name or standard input). */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || strcmp(path, "-") == 0) return cjm_xstrdup(".");
  if (slash == path) return cjm_xstrdup("/");
  char *dir = cjm_xmalloc((size_t)(slash - path) + 1);
  memcpy(dir, path, (size_t)(slash - path));
  dir[slash - path] = '\0';
  return dir;
}

/* A drawn block: its image and the title for the link. */
typedef struct drawn {
  cjm_strbuf image;
  char *title;                 /* malloc'd; NULL for a journey without one */
} drawn;

/* Checks block b of md and, unless only checking, draws it into *out.
 * Prints its diagnostics; returns the exit status. */
static int do_block(const cjm_source *md, const cjm_md_block *b, const char *base_dir, const md_args *args,
                    const cjm_cli_common *common, drawn *out) {
  cjm_diags *diags = common->diags;
  size_t first = cjm_diags_count(diags);
  if (!b->closed) {
    cjm_loc loc = cjm_text_loc(md, b->start);
    cjm_error(diags, "md", &loc, "this ```cjm block is never closed");
    cjm_print_options print = {.color = common->color, .show_source = true};
    cjm_diags_print(diags, first, stderr, &print);
    return CJM_EXIT_ERRORS;
  }
  block_options o;
  bool options_ok = read_options(md, b, &o, diags);
  cjm_source *block = cjm_source_from_memory(md->path, md->text + b->body, b->body_end - b->body);
  cjm_cli_journey journey;
  int status = cjm_cli_journey_load_source(&journey, block, base_dir, common);
  if (!options_ok && status == CJM_EXIT_OK) status = CJM_EXIT_ERRORS;
  cjm_render_options render = {.format = args->format, .view = o.view, .detail = o.detail, .bom = true};
  if (status == CJM_EXIT_OK && o.persona) {
    const char *id = cjm_intern_lookup(journey.program->names, o.persona, strlen(o.persona));
    render.persona = id ? cjm_model_persona(journey.model, id) : NULL;
    if (!render.persona) {
      cjm_error(diags, "md", &o.persona_loc, "the journey of this block has no persona '%s'", o.persona);
      status = CJM_EXIT_ERRORS;
    }
  }
  if (status == CJM_EXIT_OK && !args->check) {
    const char *title = journey.model->journey.title;
    out->title = title ? cjm_xstrdup(title) : NULL;
    if (!cjm_render_graphviz(journey.model, journey.analysis, &render, &out->image, diags)) status = CJM_EXIT_ERRORS;
  }
  relocate_diags(diags, first, block, md, b); /* the renderer's too */
  cjm_cli_journey_print_diags(&journey, first, md, common);
  cjm_cli_journey_free(&journey);
  free((char *)o.persona);
  return status;
}

/* ---- the document ------------------------------------------------------------------ */

/* Appends the Markdown image link to image, alt text title. */
static void put_link(cjm_strbuf *out, const char *title, const char *image) {
  cjm_strbuf_puts(out, "![");
  for (const char *p = title && *title ? title : "journey map"; *p; p++) {
    if (*p == '\\' || *p == '[' || *p == ']') cjm_strbuf_puts(out, "\\");
    if (*p == '\n' || *p == '\r' || *p == '\t') cjm_strbuf_puts(out, " ");
    else cjm_strbuf_write(out, p, 1);
  }
  cjm_strbuf_puts(out, "](");
  for (const unsigned char *p = (const unsigned char *)image; *p; p++) {
    if (*p <= ' ' || *p == '(' || *p == ')' || *p == '<' || *p == '>' || *p == '%' || *p == 0x7F)
      cjm_strbuf_printf(out, "%%%02X", *p);
    else cjm_strbuf_write(out, p, 1);
  }
  cjm_strbuf_puts(out, ")");
}

/* OUT without its .md or .markdown extension: the images' stem. */
static char *stem_of(const char *output) {
  size_t n = strlen(output);
  const char *slash = strrchr(output, '/');
  const char *dot = strrchr(output, '.');
  if (dot && (!slash || dot > slash + 1) && (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0))
    n = (size_t)(dot - output);
  char *stem = cjm_xmalloc(n + 1);
  memcpy(stem, output, n);
  stem[n] = '\0';
  return stem;
}

/* The images written by this run, until the document is written too:
 * removed when the run ends before that (an error, or running out of
 * memory, which ends the process through exit: an atexit handler), so
 * that a failed run leaves no image behind. */
static struct {
  char **paths; /* malloc'd, each malloc'd */
  size_t count; /* how many of them are written */
} written;

static void remove_written(void) {
  for (size_t i = 0; i < written.count; i++) remove(written.paths[i]);
  written.count = 0;
}

/* Writes the images, then the document with each block replaced by its
 * link. Everything is allocated before the first file is written. Returns
 * the exit status. */
static int write_all(const cjm_source *md, const cjm_md_blocks *blocks, drawn *images, const md_args *args) {
  char *stem = stem_of(args->output);
  const char *slash = strrchr(stem, '/');
  const char *base = slash ? slash + 1 : stem;
  char **links = cjm_xcalloc(blocks->count + 1, sizeof *links);
  char **paths = cjm_xcalloc(blocks->count + 1, sizeof *paths);
  for (size_t i = 0; i < blocks->count; i++) {
    cjm_strbuf name = {0}, link = {0};
    paths[i] = cjm_xprintf("%s-%zu.%s", stem, i + 1, args->format);
    cjm_strbuf_printf(&name, "%s-%zu.%s", base, i + 1, args->format);
    put_link(&link, images[i].title, name.data);
    links[i] = link.data ? link.data : cjm_xstrdup("");
    cjm_strbuf_free(&name);
  }
  cjm_strbuf doc = {0};
  cjm_md_rewrite(md->text, md->len, blocks, (const char *const *)links, &doc);
  static bool registered;
  if (!registered) registered = atexit(remove_written) == 0;
  written.paths = paths;
  int status = CJM_EXIT_OK;
  const char *error = NULL;
  for (size_t i = 0; i < blocks->count && status == CJM_EXIT_OK; i++) {
    if (cjm_atomic_write(&images[i].image, paths[i], &error)) {
      written.count = i + 1;
    } else {
      fprintf(stderr, "cjm md: cannot write %s: %s\n", paths[i], error);
      status = CJM_EXIT_USAGE;
    }
  }
  if (status == CJM_EXIT_OK && !cjm_atomic_write(&doc, args->output, &error)) {
    fprintf(stderr, "cjm md: cannot write %s: %s\n", args->output, error);
    status = CJM_EXIT_USAGE;
  }
  if (status == CJM_EXIT_OK) written.count = 0; /* kept */
  else remove_written();
  written.paths = NULL;
  cjm_strbuf_free(&doc);
  for (size_t i = 0; i < blocks->count; i++) {
    free(links[i]);
    free(paths[i]);
  }
  free(links);
  free(paths);
  free(stem);
  return status;
}

/* Reads the document at path and does what args ask with its blocks.
 * Returns the exit status. */
static int do_document(const char *path, const md_args *args, const cjm_cli_common *common) {
  cjm_limits limits = CJM_LIMITS_DEFAULT;
  int status;
  cjm_source *md = cjm_cli_read_source(path, &limits, &status);
  if (!md) return status;
  size_t first = cjm_diags_count(common->diags);
  if (!cjm_text_check(md, "md", "Markdown", common->diags)) {
    cjm_print_options print = {.color = common->color, .show_source = true};
    cjm_diags_print(common->diags, first, stderr, &print);
    cjm_source_free(md);
    return CJM_EXIT_ERRORS;
  }
  cjm_md_blocks blocks = {0};
  cjm_md_find_blocks(md->text, md->len, "cjm", &blocks);
  drawn *images = cjm_xcalloc(blocks.count + 1, sizeof *images);
  char *base_dir = dir_of(path);
  status = CJM_EXIT_OK;
  if (blocks.count > CJM_MD_MAX_BLOCKS) {
    cjm_loc loc = cjm_text_loc(md, blocks.items[CJM_MD_MAX_BLOCKS].start);
    cjm_error(common->diags, "limit", &loc, "more than %d cjm blocks in one document", CJM_MD_MAX_BLOCKS);
    cjm_print_options print = {.color = common->color, .show_source = true};
    cjm_diags_print(common->diags, first, stderr, &print);
    status = CJM_EXIT_ERRORS;
    blocks.count = 0; /* none is read */
  }
  for (size_t i = 0; i < blocks.count; i++) {
    int one = do_block(md, &blocks.items[i], base_dir, args, common, &images[i]);
    if (one > status) status = one;
  }
  if (status == CJM_EXIT_OK && !args->check) status = write_all(md, &blocks, images, args);
  for (size_t i = 0; i < blocks.count; i++) {
    cjm_strbuf_free(&images[i].image);
    free(images[i].title);
  }
  free(images);
  free(base_dir);
  cjm_md_blocks_free(&blocks);
  cjm_source_free(md);
  return status;
}

static int command_main(int argc, char **argv, const char *argv0) {
  cjm_cli_common common;
  cjm_cli_common_init(&common, argv0);
  md_args args = {.format = "svg"};
  const char **files;
  size_t file_count;
  int status = cjm_cli_parse_args(&common, "md", argc, argv, md_option, &args, &files, &file_count);
  if (status == CJM_CLI_GO_ON && file_count == 0) status = cjm_cli_usage_error("md", "no Markdown file");
  if (status == CJM_CLI_GO_ON && !args.check && file_count > 1)
    status = cjm_cli_usage_error("md", "writes one document at a time (--check takes several)");
  if (status == CJM_CLI_GO_ON && !args.check && (!args.output || strcmp(args.output, "-") == 0))
    status = cjm_cli_usage_error("md", "-o OUT.md is needed: the images are written beside it (or --check)");
  if (status == CJM_CLI_GO_ON && !cjm_cli_find_format(formats, args.format))
    status = cjm_cli_usage_error("md", "unknown image format '%s'; formats: svg, png, pdf, dot", args.format);
  if (status == CJM_CLI_GO_ON) {
    status = CJM_EXIT_OK;
    for (size_t i = 0; i < file_count; i++) {
      int one = do_document(files[i], &args, &common);
      if (one > status) status = one;
    }
    cjm_print_options print = {.color = common.color};
    cjm_diags_print_dropped(common.diags, stderr, &print);
  }
  free(files);
  cjm_cli_common_free(&common);
  return status;
}

const cjm_command cjm_command_md = {"md", "check and draw the ```cjm blocks of a Markdown document", help,
                                    command_main};
