/* graphviz_style — see graphviz_style.h. */
#include "runtime/render/graphviz/style.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/map_layout.h"
#include "runtime/core/present.h"
#include "runtime/core/words.h"

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

/* ---- themes ---------------------------------------------------------------- */

/* The light theme: the colours cjm has always drawn in. */
static const cjm_gv_theme light_theme = {
    .name = "light",
    .background = "white", .node_fill = "white",
    .ink = "#1f2937", .ink_muted = "#5f6673", .ink_strong = "#111827", .ink_soft = "#374151", .ink_quiet = "#4b5563",
    .rule = "#cbd5e1", .edge = "#64748b",
    .row_band = "#f8fafc", .row_band_alt = "#ffffff",
    .card_fill = "#ffffff", .card_border = "#e5e7eb",
    .stage_fill = "#1e293b", .stage_ink = "#ffffff", .stage_summary = "#cbd5e1", .stage_alert = "#fca5a5",
    .status_as_is = "#0f766e", .status_to_be = "#7c3aed", .status_ink = "white",
    .step_fill = "#ffffff", .step_border = "#94a3b8",
    .channel_fill = "#e2e8f0", .channel_ink = "#334155",
    .entry_fill = "#f3f4f6",
    .lane_tint = {"#eef2ff", "#f1f5f9", "#eff6ff", "#fee2e2", "#dcfce7", "#fef3c7", "#fef9c3", "#e0f2fe", "#ede9fe",
                  "#e7e5e4", "#ffedd5"},
    .heading_fill = "#e5e7eb",
    .heading_tint = {"#e5e7eb", "#e5e7eb", "#dbeafe", "#fecaca", "#bbf7d0", "#fde68a", "#fef08a", "#bae6fd", "#ddd6fe",
                     "#d6d3d1", "#fed7aa"},
    .actions_heading = "#e0e7ff", .channels_heading = "#e2e8f0", .curve_heading = "#fef9c3",
    .metrics_heading = "#e2e8f0",
    .met_fill = "#dcfce7", .missed_fill = "#fee2e2", .unjudged_fill = "#f3f4f6",
    .met_ink = "#15803d", .missed_ink = "#b91c1c", .unjudged_ink = "#374151",
    .curve_positive = "#f0fdf4", .curve_negative = "#fef2f2",
    .blueprint_line = "#475569", .blueprint_ink = "#334155", .blueprint_pill = "#ffffff",
    .scale_tick = "#e5e7eb", .scale_max = "#86efac", .scale_min = "#fca5a5", .scale_neutral = "#6b7280",
    .point_hollow = "#ffffff", .earlier_ink = "#92400e", .halo = "#ffffffc0", .halo_line = "#ffffff00",
    .feel = {{0xd7, 0x30, 0x27}, {0xfc, 0x8d, 0x59}, {0xfe, 0xe0, 0x8b}, {0x91, 0xcf, 0x60}, {0x1a, 0x98, 0x50}},
    .flow_node_line = "#475569", .flow_no_feel = "#f3f4f6", .flow_no_feel_line = "#9ca3af",
    .flow_feel_ink = "#1f2937", .flow_feel_ink_strong = "#ffffff",
    .flow_cluster = "#f8fafc", .flow_cluster_placed = "#f1f5f9", .flow_stage_ink = "#1e293b",
    .flow_next = "#1e293b", .flow_loop = "#c2410c",
    .pain_note = "#fee2e2", .pain_note_line = "#f87171", .opportunity_note = "#dcfce7",
    .opportunity_note_line = "#4ade80",
    .added = "#16a34a", .changed = "#f59e0b", .removed = "#dc2626",
    .removed_ink = "#b91c1c", .removed_fill = "#fef2f2",
    .added_tint = "#dcfce7", .changed_tint = "#fef3c7",
    .added_column = "#22c55e1f", .removed_column = "#ef44441a",
    .added_ring = "#bbf7d0b0", .changed_ring = "#fde68ab0",
    /* distinct from the red and green of the feel scale and from each other */
    .persona = {"#2563eb", "#9333ea", "#d97706", "#0d9488", "#db2777", "#4f46e5", "#92400e", "#475569", "#0891b2",
                "#c026d3", "#a16207", "#111827"},
};

/* The dark theme: light text on slate, tints as dark shades of the light
 * theme's hues, persona colours lightened. */
static const cjm_gv_theme dark_theme = {
    .name = "dark",
    .background = "#0f172a", .node_fill = "#0f172a",
    .ink = "#e2e8f0", .ink_muted = "#94a3b8", .ink_strong = "#f8fafc", .ink_soft = "#cbd5e1", .ink_quiet = "#cbd5e1",
    .rule = "#334155", .edge = "#94a3b8",
    .row_band = "#162033", .row_band_alt = "#0f172a",
    .card_fill = "#1e293b", .card_border = "#334155",
    .stage_fill = "#334155", .stage_ink = "#f8fafc", .stage_summary = "#cbd5e1", .stage_alert = "#fca5a5",
    .status_as_is = "#0f766e", .status_to_be = "#6d28d9", .status_ink = "#ffffff",
    .step_fill = "#1e293b", .step_border = "#64748b",
    .channel_fill = "#334155", .channel_ink = "#e2e8f0",
    .entry_fill = "#1f2937",
    .lane_tint = {"#1e1b4b", "#1e293b", "#172554", "#450a0a", "#052e16", "#451a03", "#422006", "#082f49", "#2e1065",
                  "#292524", "#431407"},
    .heading_fill = "#374151",
    .heading_tint = {"#374151", "#374151", "#1e3a8a", "#7f1d1d", "#14532d", "#78350f", "#713f12", "#0c4a6e", "#4c1d95",
                     "#44403c", "#7c2d12"},
    .actions_heading = "#312e81", .channels_heading = "#334155", .curve_heading = "#422006",
    .metrics_heading = "#334155",
    .met_fill = "#052e16", .missed_fill = "#450a0a", .unjudged_fill = "#1f2937",
    .met_ink = "#4ade80", .missed_ink = "#fca5a5", .unjudged_ink = "#cbd5e1",
    .curve_positive = "#0c2418", .curve_negative = "#2a1215",
    .blueprint_line = "#94a3b8", .blueprint_ink = "#e2e8f0", .blueprint_pill = "#0f172a",
    .scale_tick = "#334155", .scale_max = "#22c55e", .scale_min = "#ef4444", .scale_neutral = "#94a3b8",
    .point_hollow = "#0f172a", .earlier_ink = "#fcd34d", .halo = "#0f172ac0", .halo_line = "#0f172a00",
    .feel = {{0xd7, 0x30, 0x27}, {0xfc, 0x8d, 0x59}, {0xfe, 0xe0, 0x8b}, {0x91, 0xcf, 0x60}, {0x1a, 0x98, 0x50}},
    .flow_node_line = "#94a3b8", .flow_no_feel = "#1f2937", .flow_no_feel_line = "#64748b",
    .flow_feel_ink = "#000000", .flow_feel_ink_strong = "#ffffff", .feel_ink_by_contrast = true,
    .flow_cluster = "#162033", .flow_cluster_placed = "#1e293b", .flow_stage_ink = "#e2e8f0",
    .flow_next = "#e2e8f0", .flow_loop = "#fb923c",
    .pain_note = "#450a0a", .pain_note_line = "#f87171", .opportunity_note = "#052e16",
    .opportunity_note_line = "#4ade80",
    .added = "#22c55e", .changed = "#f59e0b", .removed = "#ef4444",
    .removed_ink = "#fca5a5", .removed_fill = "#450a0a",
    .added_tint = "#052e16", .changed_tint = "#422006",
    .added_column = "#22c55e26", .removed_column = "#ef444426",
    .added_ring = "#14532db0", .changed_ring = "#78350fb0",
    .persona = {"#60a5fa", "#c084fc", "#fbbf24", "#2dd4bf", "#f472b6", "#a5b4fc", "#fdba74", "#cbd5e1", "#22d3ee",
                "#f0abfc", "#fde047", "#f8fafc"},
};

/* The print theme: black and greys on white, so that a greyscale print
 * loses nothing: tints are greys of distinct lightness, the feel scale
 * runs from dark to light, and persona curves differ by dash (solid,
 * dashed, dotted in turn) and by lightness as well as by hue. */
static const cjm_gv_theme print_theme = {
    .name = "print",
    .background = "white", .node_fill = "white",
    .ink = "#000000", .ink_muted = "#525252", .ink_strong = "#000000", .ink_soft = "#262626", .ink_quiet = "#404040",
    .rule = "#a3a3a3", .edge = "#525252",
    .row_band = "#f5f5f5", .row_band_alt = "#ffffff",
    .card_fill = "#ffffff", .card_border = "#737373",
    .stage_fill = "#262626", .stage_ink = "#ffffff", .stage_summary = "#e5e5e5", .stage_alert = "#ffffff",
    .status_as_is = "#262626", .status_to_be = "#525252", .status_ink = "#ffffff",
    .step_fill = "#ffffff", .step_border = "#525252",
    .channel_fill = "#e5e5e5", .channel_ink = "#000000",
    .entry_fill = "#e5e5e5",
    /* every tint darker than both row backgrounds, so that a card shows on either */
    .lane_tint = {"#e8e8e8", "#e5e5e5", "#e8e8e8", "#d4d4d4", "#e5e5e5", "#dedede", "#ebebeb", "#e0e0e0", "#dadada",
                  "#cfcfcf", "#e3e3e3"},
    .heading_fill = "#d4d4d4",
    .heading_tint = {"#d4d4d4", "#d4d4d4", "#e0e0e0", "#bdbdbd", "#f0f0f0", "#d4d4d4", "#e8e8e8", "#d9d9d9", "#cccccc",
                     "#c2c2c2", "#d0d0d0"},
    .actions_heading = "#d4d4d4", .channels_heading = "#e0e0e0", .curve_heading = "#ebebeb",
    .metrics_heading = "#e0e0e0",
    .met_fill = "#e5e5e5", .missed_fill = "#cfcfcf", .unjudged_fill = "#ebebeb",
    .met_ink = "#000000", .missed_ink = "#000000", .unjudged_ink = "#404040",
    .curve_positive = "#ffffff", .curve_negative = "#ededed",
    .blueprint_line = "#262626", .blueprint_ink = "#000000", .blueprint_pill = "#ffffff",
    .scale_tick = "#d4d4d4", .scale_max = "#737373", .scale_min = "#737373", .scale_neutral = "#262626",
    .point_hollow = "#ffffff", .earlier_ink = "#262626", .halo = "#ffffffc0", .halo_line = "#ffffff00",
    .feel = {{0x25, 0x25, 0x25}, {0x63, 0x63, 0x63}, {0x96, 0x96, 0x96}, {0xcc, 0xcc, 0xcc}, {0xf7, 0xf7, 0xf7}},
    .flow_node_line = "#262626", .flow_no_feel = "#ffffff", .flow_no_feel_line = "#737373",
    .flow_feel_ink = "#000000", .flow_feel_ink_strong = "#ffffff", .feel_ink_by_contrast = true,
    .flow_cluster = "#f5f5f5", .flow_cluster_placed = "#f0f0f0", .flow_stage_ink = "#000000",
    .flow_next = "#000000", .flow_loop = "#525252",
    .pain_note = "#d9d9d9", .pain_note_line = "#404040", .opportunity_note = "#ffffff",
    .opportunity_note_line = "#404040",
    .added = "#000000", .changed = "#525252", .removed = "#737373",
    .removed_ink = "#404040", .removed_fill = "#ededed",
    .added_tint = "#f0f0f0", .changed_tint = "#e0e0e0",
    .added_column = "#0000001a", .removed_column = "#0000000d",
    .added_ring = "#d4d4d4b0", .changed_ring = "#a3a3a3b0",
    /* four levels of lightness (near black, dark, middle, pale), three hues
       each; with the dashes in turn, two of the first twelve that share a
       dash differ in lightness by 1.5:1 at least */
    .persona = {"#0b1a33", "#2b0508", "#062414", "#1e40af", "#991b1b", "#166534", "#3b82f6", "#ef4444", "#a855f7",
                "#93c5fd", "#fca5a5", "#86efac"},
    .dash_by_persona = true,
};

static const cjm_gv_theme *const themes[] = {&light_theme, &dark_theme, &print_theme};

const cjm_gv_theme *cjm_gv_theme_of(cjm_theme theme) {
  return (size_t)theme < sizeof themes / sizeof themes[0] ? themes[theme] : &light_theme;
}

const cjm_gv_theme *const *cjm_gv_themes(size_t *count) {
  *count = sizeof themes / sizeof themes[0];
  return themes;
}

const char *cjm_gv_theme_persona_colour(const cjm_gv_theme *theme, size_t index) {
  return theme->persona[index % CJM_GV_PERSONA_COLOURS];
}

const char *cjm_gv_theme_persona_dash(const cjm_gv_theme *theme, size_t index) {
  static const char *const dashes[] = {"solid", "dashed", "dotted"};
  if (theme->dash_by_persona) return dashes[index % 3];
  return dashes[index / CJM_GV_PERSONA_COLOURS % 3];
}

const char *cjm_gv_persona_colour(size_t index) { return cjm_gv_theme_persona_colour(&light_theme, index); }

const char *cjm_gv_persona_dash(size_t index) { return cjm_gv_theme_persona_dash(&light_theme, index); }

/* The lanes with a tint of their own, in the order of the themes' lane_tint and heading_tint. */
static const char *const tinted_lanes[] = {"action",   "touchpoint", "thought",  "pain",    "opportunity", "need",
                                           "note",     "frontstage", "backstage", "support", "evidence"};

/* The index of lane_id in tinted_lanes, or -1. */
static int tinted_lane(const char *lane_id) {
  for (size_t i = 0; lane_id && i < sizeof tinted_lanes / sizeof tinted_lanes[0]; i++)
    if (strcmp(lane_id, tinted_lanes[i]) == 0) return (int)i;
  return -1;
}

const char *cjm_gv_theme_lane_tint(const cjm_gv_theme *theme, const char *lane_id) {
  int i = tinted_lane(lane_id);
  return i < 0 ? theme->entry_fill : theme->lane_tint[i];
}

const char *cjm_gv_theme_heading_tint(const cjm_gv_theme *theme, const char *lane_id) {
  int i = tinted_lane(lane_id);
  return i < 0 ? theme->heading_fill : theme->heading_tint[i];
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
  bool dark = lb < 0.18; /* then lighter text reads better than darker */
  for (int step = 0; step <= 40; step++) { /* 2.5% darker (or nearer white) each time, hue kept */
    double f = 1 - step * 0.025;
    unsigned d[3];
    for (int k = 0; k < 3; k++) d[k] = (unsigned)lround(dark ? 255 - (255 - rgb[k]) * f : rgb[k] * f);
    snprintf(buf, 8, "#%02x%02x%02x", d[0], d[1], d[2]);
    double ld = luminance(d);
    if ((fmax(lb, ld) + 0.05) / (fmin(lb, ld) + 0.05) >= CJM_GV_MIN_CONTRAST) break;
  }
  return buf;
}

/* The diverging feel scale (ColorBrewer RdYlGn): negative red, neutral
 * pale yellow, positive green. t runs from -1 to 1. */
void cjm_gv_feel_colour(char buf[8], double t) { cjm_gv_theme_feel_colour(&light_theme, buf, t); }

void cjm_gv_theme_feel_colour(const cjm_gv_theme *theme, char buf[8], double t) {
  const unsigned char (*stops)[3] = theme->feel;
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

const char *cjm_gv_theme_mark_colour(const cjm_gv_theme *theme, cjm_mark mark) {
  switch (mark) {
  case CJM_MARK_ADDED: return theme->added;
  case CJM_MARK_CHANGED: return theme->changed;
  case CJM_MARK_REMOVED: return theme->removed;
  case CJM_MARK_NONE: break;
  }
  return NULL;
}

const char *cjm_gv_theme_mark_tint(const cjm_gv_theme *theme, cjm_mark mark) {
  switch (mark) {
  case CJM_MARK_ADDED: return theme->added_tint;
  case CJM_MARK_CHANGED: return theme->changed_tint;
  case CJM_MARK_REMOVED: return theme->removed_fill;
  case CJM_MARK_NONE: break;
  }
  return NULL;
}

const char *cjm_gv_mark_colour(cjm_mark mark) { return cjm_gv_theme_mark_colour(&light_theme, mark); }

const char *cjm_gv_mark_tint(cjm_mark mark) { return cjm_gv_theme_mark_tint(&light_theme, mark); }

/* ---- HTML-like labels --------------------------------------------------- */

void cjm_gv_put_lines(cjm_strbuf *out, const cjm_text_lines *lines, size_t first, size_t count, double size) {
  double leading = cjm_text_block_leading(lines, first, count, size);
  for (size_t i = 0; i < count; i++) {
    const cjm_text_line *l = &lines->items[first + i];
    if (i) cjm_strbuf_puts(out, "<BR ALIGN=\"LEFT\"/>");
    if (i) cjm_gv_put_spacer(out, leading);
    cjm_escape_gv_html(out, l->text, l->len, NULL);
  }
}

void cjm_gv_put_spacer(cjm_strbuf *out, double leading) {
  if (leading > 0) cjm_strbuf_printf(out, "<FONT POINT-SIZE=\"%.1f\"> </FONT><BR ALIGN=\"LEFT\"/>", leading);
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
  cjm_gv_put_lines(out, lines, first, count, size);
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
                              double size, bool bold, const char *ink) {
  block(out, lines, first, count, width, open_struck, size, ink, bold, false);
}

/* ---- tooltips ----------------------------------------------------------- */

void cjm_gv_tip_text(cjm_strbuf *o, const char *s) { cjm_escape_gv_tooltip(o, s, strlen(s)); }

void cjm_gv_tip_line(cjm_strbuf *o, const char *key, const char *value) {
  if (o->len) cjm_strbuf_puts(o, "\n");
  cjm_gv_tip_text(o, key);
  cjm_strbuf_puts(o, ": ");
  cjm_gv_tip_text(o, value);
}

const char *cjm_gv_lane_key(const cjm_lane *lane) {
  /* The built-in lanes by their identifiers, which are their keys in English. */
  static const struct {
    const char *id, *key;
  } keys[] = {
      /* TRANSLATORS: the keys of the lines of a step's tooltip (and of a `cjm diff` map's tooltips) that
         give an entry of a built-in lane, as in "pain: The form asks for a fax number". One word, as the
         language's keyword-like label for the lane; the lanes' headings on the map are "Actions",
         "Channels & touchpoints", "Thoughts", "Needs", "Pains", "Opportunities" and "Notes". */
      {"action", CJM_N_("action")},
      {"touchpoint", CJM_N_("touchpoint")},
      {"thought", CJM_N_("thought")},
      {"need", CJM_N_("need")},
      {"pain", CJM_N_("pain")},
      {"opportunity", CJM_N_("opportunity")},
      {"note", CJM_N_("note")},
  };
  if (lane->builtin && !lane->decl.relabelled)
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
      if (strcmp(lane->decl.id, keys[i].id) == 0) return cjm_tr(keys[i].key);
  return cjm_map_label(&lane->decl);
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
  /* TRANSLATORS: the key of a line of a step's tooltip that names a persona taking part in it. */
  const char *by = cjm_tr("by");
  /* TRANSLATORS: the key of a line of a step's tooltip that names a channel it goes through. */
  const char *via = cjm_tr("via");
  for (size_t i = 0; i < m->by_count; i++) cjm_gv_tip_line(o, by, cjm_map_label(&m->by[i]->decl));
  for (size_t i = 0; i < m->via_count; i++) cjm_gv_tip_line(o, via, cjm_map_label(&m->via[i]->decl));
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    bool mine = !only;
    for (size_t k = 0; !mine && k < f->speakers.count; k++) mine = same_persona(f->speakers.items[k], only);
    if (!mine) continue;
    char score[32];
    snprintf(score, sizeof score, "%+g", f->score);
    /* TRANSLATORS: the key of a line of a step's tooltip that gives a feel score, as in "feel: +1 relieved". */
    cjm_strbuf_printf(o, "\n%s: %s", cjm_tr("feel"), score);
    if (f->word) {
      cjm_strbuf_puts(o, " ");
      cjm_gv_tip_text(o, f->word);
    }
    if (f->speakers.source == CJM_SPEAKERS_FOR) {
      cjm_strbuf tip = {0};
      cjm_gv_tip_text(&tip, cjm_map_label(&f->speakers.items[0]->decl));
      /* TRANSLATORS: after a feel score in a step's tooltip: the persona the feel is for. */
      cjm_strbuf_printf(o, cjm_tr(" (for %s)"), tip.data ? tip.data : "");
      cjm_strbuf_free(&tip);
    }
  }
  for (size_t i = 0; i < m->entry_count; i++) {
    const cjm_lane_entry *e = &m->entries[i];
    bool mine = !only;
    for (size_t k = 0; !mine && k < e->speakers.count; k++) mine = same_persona(e->speakers.items[k], only);
    if (mine) cjm_gv_tip_line(o, cjm_gv_lane_key(e->lane), e->text);
  }
  for (size_t i = 0; i < m->measure_count; i++) {
    char value[96];
    const cjm_measure *ms = &m->measures[i];
    cjm_present_value(value, sizeof value, ms->value, ms->percent, ms->metric->unit);
    cjm_gv_tip_line(o, cjm_map_label(&ms->metric->decl), value);
  }
}
