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

/* The optimal string alignment distance between a[0..n) and b[0..m) when
 * it is at most bound, else bound + 1. Only the band of cells within bound
 * of the diagonal is computed, and the computation stops at the first row
 * whose every cell is past bound: comparing a name with a very different
 * one costs a few rows, not the whole table (hostile input, finding 7). */
static int distance_within(const uint32_t *a, int n, const uint32_t *b, int m, int bound) {
  const int far = bound + 1;
  if (n - m > bound || m - n > bound) return far;
  int d[MAX_CHARS + 1][MAX_CHARS + 2];
  for (int j = 0; j <= m + 1 && j <= MAX_CHARS + 1; j++) d[0][j] = j <= bound ? j : far;
  for (int i = 1; i <= n; i++) {
    int lo = i - bound > 1 ? i - bound : 1, hi = i + bound < m ? i + bound : m;
    d[i][0] = i <= bound ? i : far;
    if (lo > 1) d[i][lo - 1] = far;
    int row_min = d[i][0];
    for (int j = lo; j <= hi; j++) {
      int cost = a[i - 1] != b[j - 1];
      int v = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v < far ? v : far;
      if (d[i][j] < row_min) row_min = d[i][j];
    }
    if (hi + 1 <= m) d[i][hi + 1] = far; /* read by the next row */
    if (row_min >= far) return far;
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
  for (size_t i = 0; i < count && best_distance > 0; i++) {
    /* A name has at least a quarter as many code points as bytes and at
     * most as many: most candidates are ruled out by their length alone. */
    size_t bytes = strlen(names[i]);
    if (bytes + (size_t)limit < (size_t)n || bytes > 4 * (size_t)(n + limit)) continue;
    int m = decode(names[i], b);
    if (m < 0) continue;
    int dist = distance_within(a, n, b, m, best_distance - 1);
    if (dist < best_distance) {
      best_distance = dist;
      best = (long)i;
    }
  }
  return best;
}
