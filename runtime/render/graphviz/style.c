/* graphviz_style — see graphviz_style.h. */
#include "runtime/render/graphviz/style.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/map_layout.h"
#include "runtime/core/present.h"

const char *cjm_gv_fonts(cjm_language language) {
  switch (language) {
  case CJM_LANG_JA: return "DejaVu Sans,Noto Sans CJK JP,sans-serif";
  case CJM_LANG_ZH_HANS: return "DejaVu Sans,Noto Sans CJK SC,sans-serif";
  case CJM_LANG_ZH_HANT: return "DejaVu Sans,Noto Sans CJK TC,sans-serif";
  case CJM_LANG_KO: return "DejaVu Sans,Noto Sans CJK KR,sans-serif";
  default: return CJM_GV_FONTS;
  }
}

/* ---- look ---------------------------------------------------------------- */

/* One colour per persona, by declaration index: distinct from the red
 * and green of the feel scale and from each other. */
static const char *const persona_colours[] = {"#2563eb", "#9333ea", "#d97706", "#0d9488", "#db2777", "#4f46e5",
                                              "#92400e", "#475569", "#0891b2", "#c026d3", "#a16207", "#111827"};
enum { PERSONA_COLOURS = sizeof persona_colours / sizeof persona_colours[0] };

const char *cjm_gv_persona_colour(size_t index) { return persona_colours[index % PERSONA_COLOURS]; }

const char *cjm_gv_persona_dash(size_t index) {
  static const char *const dashes[] = {"solid", "dashed", "dotted"};
  return dashes[index / PERSONA_COLOURS % 3];
}

/* The relative luminance of "#rrggbb" (WCAG 2). */
static double luminance(const unsigned rgb[3]) {
  double l[3];
  for (int k = 0; k < 3; k++) {
    double v = rgb[k] / 255.0;
    l[k] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static void parse_rgb(const char *hex, unsigned rgb[3]) {
  rgb[0] = rgb[1] = rgb[2] = 0;
  if (hex[0] == '#' && strlen(hex) >= 7) sscanf(hex + 1, "%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]);
}

double cjm_gv_contrast(const char *a, const char *b) {
  unsigned x[3], y[3];
  parse_rgb(a, x);
  parse_rgb(b, y);
  double la = luminance(x), lb = luminance(y);
  return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

const char *cjm_gv_ink_on(char buf[8], const char *colour, const char *background) {
  unsigned rgb[3], bg[3];
  parse_rgb(colour, rgb);
  parse_rgb(background, bg);
  double lb = luminance(bg);
  for (int step = 0; step <= 40; step++) { /* 2.5% darker each time, hue kept */
    double f = 1 - step * 0.025;
    unsigned d[3];
    for (int k = 0; k < 3; k++) d[k] = (unsigned)lround(rgb[k] * f);
    snprintf(buf, 8, "#%02x%02x%02x", d[0], d[1], d[2]);
    if ((lb + 0.05) / (luminance(d) + 0.05) >= CJM_GV_MIN_CONTRAST) break;
  }
  return buf;
}

/* The diverging feel scale (ColorBrewer RdYlGn): negative red, neutral
 * pale yellow, positive green. t runs from -1 to 1. */
void cjm_gv_feel_colour(char buf[8], double t) {
  static const unsigned char stops[5][3] = {
      {0xd7, 0x30, 0x27}, {0xfc, 0x8d, 0x59}, {0xfe, 0xe0, 0x8b}, {0x91, 0xcf, 0x60}, {0x1a, 0x98, 0x50}};
  if (!(t >= -1)) t = -1;
  if (t > 1) t = 1;
  double pos = (t + 1) * 2; /* 0..4 */
  int i = (int)floor(pos);
  if (i > 3) i = 3;
  double f = pos - i;
  int rgb[3];
  for (int k = 0; k < 3; k++) rgb[k] = (int)lround(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f);
  snprintf(buf, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* Where score lies on the scale min..max, from -1 to 1. */
double cjm_gv_feel_position(double score, double min, double max) {
  double mid = (min + max) / 2, half = (max - min) / 2;
  return half > 0 ? (score - mid) / half : 0;
}

const char *cjm_gv_mark_colour(cjm_mark mark) {
  switch (mark) {
  case CJM_MARK_ADDED: return CJM_GV_ADDED;
  case CJM_MARK_CHANGED: return CJM_GV_CHANGED;
  case CJM_MARK_REMOVED: return CJM_GV_REMOVED;
  case CJM_MARK_NONE: break;
  }
  return NULL;
}

const char *cjm_gv_mark_tint(cjm_mark mark) {
  switch (mark) {
  case CJM_MARK_ADDED: return "#dcfce7";
  case CJM_MARK_CHANGED: return "#fef3c7";
  case CJM_MARK_REMOVED: return CJM_GV_REMOVED_FILL;
  case CJM_MARK_NONE: break;
  }
  return NULL;
}

/* ---- HTML-like labels --------------------------------------------------- */

void cjm_gv_put_lines(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count) {
  for (size_t i = 0; i < count; i++) {
    const cjm_text_line *l = &lines->items[first + i];
    if (i) cjm_strbuf_puts(out, "<BR ALIGN=\"LEFT\"/>");
    cjm_escape_gv_html(out, l->text, l->len, NULL);
  }
}

void cjm_gv_html_text(cjm_strbuf *out, const char *s) { cjm_escape_gv_html(out, s, strlen(s), NULL); }

/* Opens a font: size, colour, and bold or italic. */
cjm_gv_font cjm_gv_open_font(cjm_strbuf *out, double size, const char *colour, bool bold, bool italic) {
  cjm_gv_font m = {out->len, 0, bold, italic, false};
  cjm_strbuf_printf(out, "<FONT POINT-SIZE=\"%.1f\" COLOR=\"%s\">%s%s", size, colour, bold ? "<B>" : "",
                    italic ? "<I>" : "");
  m.text = out->len;
  return m;
}

cjm_gv_font cjm_gv_open_struck_font(cjm_strbuf *out, double size, const char *colour, bool bold) {
  cjm_gv_font m = {out->len, 0, bold, false, true};
  cjm_strbuf_printf(out, "<FONT POINT-SIZE=\"%.1f\" COLOR=\"%s\">%s<S>", size, colour, bold ? "<B>" : "");
  m.text = out->len;
  return m;
}

void cjm_gv_close_font(cjm_strbuf *out, cjm_gv_font m) {
  if (out->len == m.text) {
    out->len = m.start;
    out->data[m.start] = '\0';
    return;
  }
  cjm_strbuf_printf(out, "%s%s%s</FONT>", m.strike ? "</S>" : "", m.italic ? "</I>" : "", m.bold ? "</B>" : "");
}

/* A block of lines in an open font, closed when done. */
static void block(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double width,
                  cjm_gv_font (*open)(cjm_strbuf *, double, const char *, bool, bool), double size,
                  const char *colour, bool bold, bool italic) {
  cjm_strbuf_printf(out,
                    "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                    "<TR><TD WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                    width);
  cjm_gv_font font = open(out, size, colour, bold, italic);
  cjm_gv_put_lines(out, lines, first, count);
  cjm_gv_close_font(out, font);
  cjm_strbuf_puts(out, "</TD></TR></TABLE>");
}

/* cjm_gv_open_struck_font with the signature of cjm_gv_open_font. */
static cjm_gv_font open_struck(cjm_strbuf *out, double size, const char *colour, bool bold, bool italic) {
  (void)italic;
  return cjm_gv_open_struck_font(out, size, colour, bold);
}

void cjm_gv_text_block(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double width,
                       double size, const char *colour, bool bold, bool italic) {
  block(out, lines, first, count, width, cjm_gv_open_font, size, colour, bold, italic);
}

void cjm_gv_struck_text_block(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double width,
                              double size, bool bold) {
  block(out, lines, first, count, width, open_struck, size, CJM_GV_REMOVED_INK, bold, false);
}

/* ---- tooltips ----------------------------------------------------------- */

void cjm_gv_tip_text(cjm_strbuf *o, const char *s) { cjm_escape_gv_tooltip(o, s, strlen(s)); }

void cjm_gv_tip_line(cjm_strbuf *o, const char *key, const char *value) {
  if (o->len) cjm_strbuf_puts(o, "\n");
  cjm_gv_tip_text(o, key);
  cjm_strbuf_puts(o, ": ");
  cjm_gv_tip_text(o, value);
}

/* Whether a and b are the same persona, of one journey or two versions of it. */
static bool same_persona(const cjm_persona *a, const cjm_persona *b) {
  return a == b || strcmp(a->decl.id, b->decl.id) == 0;
}

/* The tooltip of a step: its label, who, through what, how it feels and
 * every entry, for the persona shown. Plain text for Graphviz. */
void cjm_gv_step_tooltip(cjm_strbuf *o, const cjm_step *step, const cjm_persona *only) {
  const cjm_moment *m = &step->moment;
  cjm_gv_reset(o);
  cjm_gv_tip_text(o, cjm_map_label(&step->decl));
  for (size_t i = 0; i < m->by_count; i++) cjm_gv_tip_line(o, "by", cjm_map_label(&m->by[i]->decl));
  for (size_t i = 0; i < m->via_count; i++) cjm_gv_tip_line(o, "via", cjm_map_label(&m->via[i]->decl));
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    bool mine = !only;
    for (size_t k = 0; !mine && k < f->speakers.count; k++) mine = same_persona(f->speakers.items[k], only);
    if (!mine) continue;
    char score[32];
    snprintf(score, sizeof score, "%+g", f->score);
    cjm_strbuf_printf(o, "\nfeel: %s", score);
    if (f->word) {
      cjm_strbuf_puts(o, " ");
      cjm_gv_tip_text(o, f->word);
    }
    if (f->speakers.explicit_for && f->speakers.count == 1) {
      cjm_strbuf_puts(o, " (for ");
      cjm_gv_tip_text(o, cjm_map_label(&f->speakers.items[0]->decl));
      cjm_strbuf_puts(o, ")");
    }
  }
  for (size_t i = 0; i < m->entry_count; i++) {
    const cjm_lane_entry *e = &m->entries[i];
    bool mine = !only;
    for (size_t k = 0; !mine && k < e->speakers.count; k++) mine = same_persona(e->speakers.items[k], only);
    if (mine) cjm_gv_tip_line(o, cjm_map_label(&e->lane->decl), e->text);
  }
  for (size_t i = 0; i < m->measure_count; i++) {
    char value[96];
    const cjm_measure *ms = &m->measures[i];
    cjm_present_value(value, sizeof value, ms->value, ms->percent, ms->metric->unit);
    cjm_gv_tip_line(o, cjm_map_label(&ms->metric->decl), value);
  }
}
