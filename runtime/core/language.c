/* language — the language of a journey: its `lang` tag, or its text. */
#include "runtime/core/language.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "runtime/core/model.h"

bool cjm_language_tag_valid(const char *tag) {
  size_t part = 0, index = 0;
  for (const char *p = tag;; p++) {
    if (*p == '-' || *p == '\0') {
      if (part < (index == 0 ? 2u : 1u) || part > 8) return false;
      if (*p == '\0') return true;
      part = 0;
      index++;
    } else if (isalpha((unsigned char)*p) || (index > 0 && isdigit((unsigned char)*p))) {
      part++;
    } else {
      return false;
    }
  }
}

/* Whether subtag a (length n) equals b, ignoring case. */
static bool subtag_is(const char *a, size_t n, const char *b) {
  return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

cjm_language cjm_language_of_tag(const char *tag) {
  size_t n = strcspn(tag, "-_");
  if (subtag_is(tag, n, "ja")) return CJM_LANG_JA;
  if (subtag_is(tag, n, "ko")) return CJM_LANG_KO;
  if (subtag_is(tag, n, "ru")) return CJM_LANG_RU;
  if (!subtag_is(tag, n, "zh")) return CJM_LANG_EN;
  for (const char *p = tag + n; *p;) {
    p++;
    size_t m = strcspn(p, "-_");
    if (subtag_is(p, m, "hant") || subtag_is(p, m, "tw") || subtag_is(p, m, "hk") || subtag_is(p, m, "mo"))
      return CJM_LANG_ZH_HANT;
    if (subtag_is(p, m, "hans")) return CJM_LANG_ZH_HANS;
    p += m;
  }
  return CJM_LANG_ZH_HANS;
}

const char *cjm_language_tag(cjm_language language) {
  switch (language) {
  case CJM_LANG_EN: return "en";
  case CJM_LANG_JA: return "ja";
  case CJM_LANG_ZH_HANS: return "zh-Hans";
  case CJM_LANG_ZH_HANT: return "zh-Hant";
  case CJM_LANG_KO: return "ko";
  case CJM_LANG_RU: return "ru";
  case CJM_LANG_AUTO:
  case CJM_LANG_COUNT: break;
  }
  return "";
}

/* Han characters written differently in simplified and traditional
 * Chinese, common in journeys (buying, service, approval, contact): the
 * n-th character of one string is the other form of the n-th of the
 * other. Characters the two share count for neither. */
static const char simplified_forms[] =
    "这个们说时会来对为发现买单页务户评价体验线网问题经过进开关与货产门东车长见认识请订费银钱处应该还没从"
    "实点动员帮样数据报设计划试选择联络营销电话邮视频让购满难烦复杂简条总结给无么吗谁觉决审批签约续导启预览阅读写"
    "学习间头质运输统级节环";
static const char traditional_forms[] =
    "這個們說時會來對為發現買單頁務戶評價體驗線網問題經過進開關與貨產門東車長見認識請訂費銀錢處應該還沒從"
    "實點動員幫樣數據報設計劃試選擇聯絡營銷電話郵視頻讓購滿難煩複雜簡條總結給無麼嗎誰覺決審批簽約續導啟預覽閱讀寫"
    "學習間頭質運輸統級節環";

/* How many characters of each kind some text has. */
typedef struct script_counts {
  size_t latin, cyrillic, kana, hangul, han;
  size_t simplified, traditional; /* Han characters of one form only */
  uint32_t simp[160], trad[160];  /* the forms above, decoded */
  size_t form_count;
} script_counts;

static void counts_init(script_counts *c) {
  memset(c, 0, sizeof *c);
  size_t a = 0, b = 0, na = sizeof simplified_forms - 1, nb = sizeof traditional_forms - 1;
  while (a < na && b < nb && c->form_count < 160) {
    uint32_t x, y;
    size_t la = cjm_utf8_decode(simplified_forms + a, na - a, &x);
    size_t lb = cjm_utf8_decode(traditional_forms + b, nb - b, &y);
    if (!la || !lb) break;
    if (x != y) {
      c->simp[c->form_count] = x;
      c->trad[c->form_count] = y;
      c->form_count++;
    }
    a += la;
    b += lb;
  }
}

static bool among(const uint32_t *forms, size_t count, uint32_t cp) {
  for (size_t i = 0; i < count; i++)
    if (forms[i] == cp) return true;
  return false;
}

/* Counts one code point in the script it belongs to. */
static void count_code_point(script_counts *c, uint32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
    c->latin++;
  else if (cp >= 0x400 && cp <= 0x52F)
    c->cyrillic++;
  else if ((cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0x31F0 && cp <= 0x31FF) ||
           (cp >= 0xFF66 && cp <= 0xFF9D))
    c->kana++; /* hiragana, katakana (not the middle dot ・), small and half-width katakana */
  else if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3131 && cp <= 0x318E))
    c->hangul++;
  else if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x3134F) ||
           (cp >= 0xF900 && cp <= 0xFAFF)) {
    c->han++;
    if (among(c->simp, c->form_count, cp)) c->simplified++;
    else if (among(c->trad, c->form_count, cp)) c->traditional++;
  }
}

/* Counts the code point at s (of at most len bytes) and returns its length
 * in bytes, 0 for a byte that starts no valid UTF-8 sequence. An ASCII
 * byte, most of most journeys, is counted without decoding (CJM_NO_ASCII_COUNT
 * builds the plain path: bench/README.md, "The language's count"). */
static size_t count_char(script_counts *c, const char *s, size_t len) {
#ifndef CJM_NO_ASCII_COUNT
  unsigned char b = (unsigned char)s[0];
  if (b < 0x80) {
    c->latin += (unsigned)((b | 0x20) - 'a') < 26; /* A-Z and a-z, nothing else */
    return 1;
  }
#endif
  uint32_t cp;
  size_t n = cjm_utf8_decode(s, len, &cp);
  if (n) count_code_point(c, cp);
  return n;
}

static void count_text(script_counts *c, const char *s, size_t len) {
  if (!s) return;
  for (size_t i = 0; i < len;) {
    size_t n = count_char(c, s + i, len - i);
    i += n ? n : 1;
  }
}

/* A NUL-terminated text, read once: the decoder stops at the NUL, which
 * continues no sequence, so 4 bytes is a safe bound for every character
 * and no strlen is needed first. */
static void count_str(script_counts *c, const char *s) {
  if (!s) return;
  for (size_t i = 0; s[i];) {
    size_t n = count_char(c, s + i, 4);
    i += n ? n : 1;
  }
}

static cjm_language decide(const script_counts *c) {
  size_t cjk = 3 * (c->kana + c->hangul + c->han);
  if (cjk > 0 && cjk >= c->latin && cjk >= c->cyrillic) {
    if (c->kana) return CJM_LANG_JA;
    if (c->hangul) return CJM_LANG_KO;
    return c->traditional > c->simplified ? CJM_LANG_ZH_HANT : CJM_LANG_ZH_HANS;
  }
  if (c->cyrillic > c->latin) return CJM_LANG_RU;
  return CJM_LANG_EN;
}

cjm_language cjm_language_detect_text(const char *text, size_t len) {
  script_counts c;
  counts_init(&c);
  count_text(&c, text, len);
  return decide(&c);
}

static void count_attrs(script_counts *c, const cjm_attr *attrs, size_t count) {
  for (size_t i = 0; i < count; i++) count_str(c, attrs[i].value);
}

/* A label, when it was written in the map's own files (the identifier
 * does not count: it is often an ASCII name whatever the language). */
static void count_decl(script_counts *c, const cjm_decl *d) {
  if (!d->from_stdlib && d->label != d->id) count_str(c, d->label);
}

static void count_moment(script_counts *c, const cjm_moment *m) {
  for (size_t i = 0; i < m->feel_count; i++) count_str(c, m->feels[i].word);
  for (size_t i = 0; i < m->entry_count; i++) count_str(c, m->entries[i].text);
}

cjm_language cjm_language_detect(const cjm_model *model) {
  script_counts c;
  counts_init(&c);
  count_str(&c, model->journey.title);
  count_attrs(&c, model->journey.attrs, model->journey.attr_count);
  for (size_t i = 0; i < model->persona_count; i++) {
    count_decl(&c, &model->personas[i]->decl);
    count_attrs(&c, model->personas[i]->attrs, model->personas[i]->attr_count);
  }
  for (size_t i = 0; i < model->channel_count; i++) count_decl(&c, &model->channels[i]->decl);
  for (size_t i = 0; i < model->lane_count; i++) count_decl(&c, &model->lanes[i]->decl);
  for (size_t i = 0; i < model->metric_count; i++) count_decl(&c, &model->metrics[i]->decl);
  for (size_t i = 0; i < model->stage_count; i++) {
    count_decl(&c, &model->stages[i]->decl);
    count_moment(&c, &model->stages[i]->moment);
  }
  for (size_t i = 0; i < model->step_count; i++) {
    count_decl(&c, &model->steps[i]->decl);
    count_moment(&c, &model->steps[i]->moment);
  }
  return decide(&c);
}

cjm_language cjm_language_for(const cjm_model *model, cjm_language chosen) {
  if (chosen != CJM_LANG_AUTO && chosen < CJM_LANG_COUNT) return chosen;
  if (!model) return CJM_LANG_EN;
  if (model->journey.language != CJM_LANG_AUTO) return model->journey.language;
  return cjm_language_detect(model);
}
