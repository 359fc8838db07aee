/* csv_import — `cjm import csv`: a journey grid read back from CSV.
 *
 * Two layers. The reader (cjm_csv_read) is a small RFC 4180 reader for the
 * files people type in spreadsheet programs as well as the ones cjm
 * writes: an optional byte-order mark, CRLF, LF or CR line ends, comma,
 * semicolon (European locales) or tab as the separator, detected from the
 * first record, quoted fields with line breaks and doubled quotes. Each
 * field keeps where it stands in the file (line, column in code points,
 * bytes), so every problem is a located diagnostic quoting the cell.
 *
 * The importer (cjm_csv_import) reads the layout of docs/tables.md, the
 * one `cjm render -T csv` writes, and writes the journey as cjm text:
 * the title and stages from the first record, then each row by its
 * heading (Actions, Channels, the built-in lanes, `Feel: ID` and
 * `Emotion: ID`, declared lanes, metrics), each column a step or a
 * stage's own entries. Exporting what it writes gives back the same CSV
 * bytes for any CSV cjm wrote. Identifiers, which the grid does not
 * carry, are derived from the labels.
 *
 * Ownership: a cjm_csv owns its records, fields and their decoded text
 * (malloc'd), which point into nothing else; locations point into the
 * source, which must outlive them. The importer appends to a strbuf the
 * caller owns. Depends on lang/ (sources, diagnostics, UTF-8), base/,
 * core/present.h (numbers), the headings of render/tables/table.h,
 * review/format.h (the canonical layout), cjm_text.h and text_check.h;
 * never on the model, what a backend writes, or file I/O. */
#ifndef CJM_CSV_IMPORT_H
#define CJM_CSV_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/diag.h"
#include "lang/limits.h"
#include "lang/source.h"
#include "runtime/base/strbuf.h"

/* One field: its text after unquoting (NUL-terminated; line breaks inside
 * a quoted field kept as they are, CRLF or LF, since the export writes
 * a text's own) and where it stands, from its first byte (an opening
 * quote included) to its last. */
typedef struct cjm_csv_field {
  const char *text;            /* points into cjm_csv.text */
  size_t len;
  cjm_loc loc;
} cjm_csv_field;

/* One record: count fields from first (an index into cjm_csv.fields). */
typedef struct cjm_csv_record {
  size_t first, count;
  cjm_loc loc;                 /* its first byte, for a record of empty fields */
} cjm_csv_record;

/* A CSV file read into records. */
typedef struct cjm_csv {
  char separator;              /* ',', ';' or '\t' */
  cjm_csv_field *fields;       /* every field, record after record (malloc'd) */
  size_t field_count, field_capacity;
  cjm_csv_record *records;     /* malloc'd */
  size_t record_count, record_capacity;
  char *text;                  /* the decoded text of every field (malloc'd) */
} cjm_csv;

/* The most fields a file may hold, empty ones included (a grid of 100,000
 * steps has about 2,500,000): beyond it, the file is refused at the field
 * that goes over, before its fields take gigabytes. */
enum { CJM_CSV_MAX_FIELDS = 8000000 };

/* Reads src as CSV into *csv (which the caller frees with cjm_csv_free,
 * whatever this returns). Reports to diags, and returns false, for text
 * that is not UTF-8 (a binary file: a NUL byte or an invalid sequence),
 * for a quoted field that never closes and for more than
 * CJM_CSV_MAX_FIELDS fields. */
bool cjm_csv_read(const cjm_source *src, cjm_csv *csv, cjm_diags *diags);

/* Frees what cjm_csv_read made. */
void cjm_csv_free(cjm_csv *csv);

/* The separator that splits the first record of text[0..len) into the
 * most fields, counting only outside quotes: ',', ';' or '\t' (',' when
 * none occurs, and when two give as many). */
char cjm_csv_detect_separator(const char *text, size_t len);

/* Appends a spreadsheet's name of the cell in 0-based column column and
 * 1-based row row: "A1", "C5", "AA12". */
void cjm_csv_cell_name(cjm_strbuf *out, size_t column, size_t row);

/* Reads the grid in src (the layout of docs/tables.md) and appends the
 * journey it holds to out, in the canonical layout of `cjm fmt`. Returns
 * false, leaving out as it was, after reporting located errors to diags
 * (a feel that is not a number, a ragged row, an unknown layout…) when
 * the file cannot be read as a grid. limits (NULL for the defaults) bound
 * each text and identifier of the result. */
bool cjm_csv_import(const cjm_source *src, cjm_strbuf *out, cjm_diags *diags, const cjm_limits *limits);

#endif
