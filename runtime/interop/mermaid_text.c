/* mermaid_text — Mermaid's white space, words and keywords (mermaid_text.h). */
#include "runtime/interop/mermaid_text.h"

#include <stdint.h>
#include <string.h>

#include "lang/utf8.h"

size_t cjm_mermaid_space_at(const char *text, size_t len, size_t pos) {
  unsigned char c = (unsigned char)text[pos];
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r') ? 1 : 0;
  uint32_t cp;
  size_t k = cjm_utf8_decode(text + pos, len - pos, &cp);
  bool space = k && (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
                     cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF);
  return space ? k : 0;
}

void cjm_mermaid_trim(const char *text, size_t *start, size_t *end) {
  size_t k;
  while (*start < *end && (k = cjm_mermaid_space_at(text, *end, *start))) *start += k;
  while (*end > *start) {
    size_t back = *end - 1;
    while (back > *start && ((unsigned char)text[back] & 0xC0) == 0x80) back--;
    if (!cjm_mermaid_space_at(text, *end, back)) break;
    *end = back;
  }
}

bool cjm_mermaid_starts_word(const char *text, size_t len, size_t pos, const char *word) {
  size_t n = strlen(word);
  if (pos > len || len - pos < n) return false;
  for (size_t i = 0; i < n; i++) {
    char a = text[pos + i];
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (a != word[i]) return false;
  }
  return true;
}

bool cjm_mermaid_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
