/* Unit tests for the journey's language (runtime/core/language.h): tags,
 * detection from text, the `lang` attribute and its errors, and --lang
 * over both. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "runtime/core/language.h"
#include "tests/journey.h"

#define BUILD(s) journey_from_text_n((s), LIT_LEN(s), &(journey_options){.name = "m.cjm", .errors = true})

static cjm_language detect(const char *s) { return cjm_language_detect_text(s, strlen(s)); }

static void tags_are_checked_and_mapped(void **state) {
  (void)state;
  assert_true(cjm_language_tag_valid("ja"));
  assert_true(cjm_language_tag_valid("zh-Hant-TW"));
  assert_true(cjm_language_tag_valid("en-GB"));
  assert_true(cjm_language_tag_valid("es-419"));
  assert_false(cjm_language_tag_valid("j"));
  assert_false(cjm_language_tag_valid("japanese!"));
  assert_false(cjm_language_tag_valid("ja-"));
  assert_false(cjm_language_tag_valid("1a"));
  assert_false(cjm_language_tag_valid(""));
  assert_int_equal(cjm_language_of_tag("ja"), CJM_LANG_JA);
  assert_int_equal(cjm_language_of_tag("JA-jp"), CJM_LANG_JA);
  assert_int_equal(cjm_language_of_tag("zh"), CJM_LANG_ZH_HANS);
  assert_int_equal(cjm_language_of_tag("zh-CN"), CJM_LANG_ZH_HANS);
  assert_int_equal(cjm_language_of_tag("zh-Hant"), CJM_LANG_ZH_HANT);
  assert_int_equal(cjm_language_of_tag("zh-TW"), CJM_LANG_ZH_HANT);
  assert_int_equal(cjm_language_of_tag("zh-Hans-HK"), CJM_LANG_ZH_HANS);
  assert_int_equal(cjm_language_of_tag("ko"), CJM_LANG_KO);
  assert_int_equal(cjm_language_of_tag("ru-RU"), CJM_LANG_RU);
  assert_int_equal(cjm_language_of_tag("de"), CJM_LANG_EN);
  assert_string_equal(cjm_language_tag(CJM_LANG_ZH_HANT), "zh-Hant");
  assert_string_equal(cjm_language_tag(CJM_LANG_AUTO), "");
  /* a subtag of nine letters, an empty one, digits in the first */
  assert_false(cjm_language_tag_valid("abcdefghi"));
  assert_false(cjm_language_tag_valid("en-abcdefghi"));
  assert_false(cjm_language_tag_valid("en--GB"));
  assert_false(cjm_language_tag_valid("e1"));
  assert_true(cjm_language_tag_valid("abcdefgh-x"));
  /* Hong Kong and Macau write traditional characters; '_' separates too */
  assert_int_equal(cjm_language_of_tag("zh-HK"), CJM_LANG_ZH_HANT);
  assert_int_equal(cjm_language_of_tag("zh_MO"), CJM_LANG_ZH_HANT);
  assert_int_equal(cjm_language_of_tag("zh-yue-HK"), CJM_LANG_ZH_HANT);
  assert_int_equal(cjm_language_of_tag("zh-Hans"), CJM_LANG_ZH_HANS);
  /* every language has its tag, and the tag reads back as that language */
  for (cjm_language l = CJM_LANG_AUTO + 1; l < CJM_LANG_COUNT; l++)
    assert_int_equal(cjm_language_of_tag(cjm_language_tag(l)), l);
  assert_string_equal(cjm_language_tag(CJM_LANG_COUNT), "");
}

static void text_is_detected_by_script(void **state) {
  (void)state;
  assert_int_equal(detect("Buying a smartphone"), CJM_LANG_EN);
  assert_int_equal(detect(""), CJM_LANG_EN);
  assert_int_equal(detect("無料トライアルを申し込む"), CJM_LANG_JA);
  /* Han alone reads as Chinese; Japanese kanji have the traditional forms */
  assert_int_equal(detect("課題認識"), CJM_LANG_ZH_HANT);
  assert_int_equal(detect("这个价格太贵了"), CJM_LANG_ZH_HANS);
  assert_int_equal(detect("這個價格太貴了"), CJM_LANG_ZH_HANT);
  assert_int_equal(detect("고객 여정 지도"), CJM_LANG_KO);
  assert_int_equal(detect("Покупка в интернет-магазине OZON"), CJM_LANG_RU);
  /* one Japanese word quoted in English text */
  assert_int_equal(detect("The customer says 'ありがとう' at the end of a long support call today"), CJM_LANG_EN);
}

static void lang_attribute_wins_over_the_text(void **state) {
  (void)state;
  journey *b = BUILD("journey \"这个旅程\"\n  lang \"ja\"\n");
  expect_no_diags(b->diags);
  assert_string_equal(b->model->journey.lang, "ja");
  assert_int_equal(b->model->journey.language, CJM_LANG_JA);
  assert_int_equal(cjm_language_for(b->model, CJM_LANG_AUTO), CJM_LANG_JA);
  assert_int_equal(cjm_language_for(b->model, CJM_LANG_RU), CJM_LANG_RU); /* --lang */
  journey_free(b);
}

static void language_is_detected_without_lang(void **state) {
  (void)state;
  journey *b = BUILD("journey \"Онлайн-покупка\"\nstage s \"Поиск\"\n  step a \"Ищет товар\"\n");
  assert_null(b->model->journey.lang);
  assert_int_equal(b->model->journey.language, CJM_LANG_AUTO); /* detected when a rendering asks */
  assert_int_equal(cjm_language_for(b->model, CJM_LANG_AUTO), CJM_LANG_RU);
  journey_free(b);
  b = BUILD("journey \"試用\"\nstage s \"検討\"\n  step a \"トライアルに申し込む\"\n");
  assert_int_equal(cjm_language_for(b->model, CJM_LANG_AUTO), CJM_LANG_JA);
  journey_free(b);
  b = BUILD("stage s\n  step a\n");
  assert_int_equal(cjm_language_for(b->model, CJM_LANG_AUTO), CJM_LANG_EN);
  journey_free(b);
}

static void bad_or_second_lang_is_an_error(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  lang \"Japanese!\"\n");
  expect_diag_count(b->diags, 1);
  assert_string_equal(cjm_diags_at(b->diags, 0)->name, "lang");
  assert_null(b->model->journey.lang);
  journey_free(b);
  b = BUILD("journey \"J\"\n  lang \"ja\"\n  lang \"ru\"\n");
  expect_diag_count(b->diags, 1);
  assert_string_equal(cjm_diags_at(b->diags, 0)->name, "lang");
  assert_int_equal(b->model->journey.language, CJM_LANG_JA);
  journey_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tags_are_checked_and_mapped),
      cmocka_unit_test(text_is_detected_by_script),
      cmocka_unit_test(lang_attribute_wins_over_the_text),
      cmocka_unit_test(language_is_detected_without_lang),
      cmocka_unit_test(bad_or_second_lang_is_an_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
