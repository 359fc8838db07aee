/* suggest — see suggest.h. */
#include "runtime/core/suggest.h"

#include <stdint.h>
#include <string.h>

#include "lang/utf8.h"

enum { MAX_CHARS = 64 };

/* Decodes s into at most MAX_CHARS code points; returns how many, or -1
 * when s is longer (too long to be worth comparing). */
static int decode(const char *s, uint32_t *out) {
  size_t len = strlen(s), i = 0;
  int n = 0;
  while (i < len) {
    if (n == MAX_CHARS) return -1;
    size_t k = cjm_utf8_decode(s + i, len - i, &out[n]);
    if (k == 0) {
      out[n] = (unsigned char)s[i];
      k = 1;
    }
    i += k;
    n++;
  }
  return n;
}

static int min3(int a, int b, int c) {
  int m = a < b ? a : b;
  return m < c ? m : c;
}

/* Optimal string alignment distance between a[0..n) and b[0..m). */
static int distance(const uint32_t *a, int n, const uint32_t *b, int m) {
  int d[MAX_CHARS + 1][MAX_CHARS + 1];
  for (int i = 0; i <= n; i++) d[i][0] = i;
  for (int j = 0; j <= m; j++) d[0][j] = j;
  for (int i = 1; i <= n; i++) {
    for (int j = 1; j <= m; j++) {
      int cost = a[i - 1] != b[j - 1];
      d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
        d[i][j] = d[i - 2][j - 2] + 1;
    }
  }
  return d[n][m];
}

long cjm_suggest(const char *name, const char *const *names, size_t count) {
  uint32_t a[MAX_CHARS], b[MAX_CHARS];
  int n = decode(name, a);
  if (n <= 0) return -1;
  int limit = n <= 4 ? 1 : n <= 8 ? 2 : 3;
  long best = -1;
  int best_distance = limit + 1;
  for (size_t i = 0; i < count; i++) {
    int m = decode(names[i], b);
    if (m < 0 || m - n > limit || n - m > limit) continue;
    int dist = distance(a, n, b, m);
    if (dist < best_distance) {
      best_distance = dist;
      best = (long)i;
    }
  }
  return best;
}
