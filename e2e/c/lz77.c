/* A small LZ77 compressor and decompressor: round trips over several inputs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Output: literal runs (0x00 len byte...) and matches (0x01 off16 len8). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t i = 0, o = 0, lit_start = 0;
  int32_t *head = malloc(65536 * sizeof *head);
  int32_t *prev = malloc(n * sizeof *prev);
  for (int k = 0; k < 65536; k++) head[k] = -1;
  while (i < n) {
    size_t best_len = 0, best_off = 0;
    if (i + 3 <= n) {
      uint32_t hash = (in[i] * 2654435761u ^ in[i + 1] * 40503u ^ in[i + 2]) & 0xffff;
      int32_t cand = head[hash];
      for (int tries = 0; cand >= 0 && tries < 32; tries++, cand = prev[cand]) {
        if (i - (size_t)cand > 65535) break;
        size_t len = 0;
        while (i + len < n && len < 255 && in[cand + len] == in[i + len]) len++;
        if (len > best_len) {
          best_len = len;
          best_off = i - (size_t)cand;
        }
      }
      prev[i] = head[hash];
      head[hash] = (int32_t)i;
    }
    if (best_len >= 4) {
      while (lit_start < i) {
        size_t run = i - lit_start > 255 ? 255 : i - lit_start;
        out[o++] = 0;
        out[o++] = (uint8_t)run;
        memcpy(out + o, in + lit_start, run);
        o += run;
        lit_start += run;
      }
      out[o++] = 1;
      out[o++] = (uint8_t)(best_off >> 8);
      out[o++] = (uint8_t)best_off;
      out[o++] = (uint8_t)best_len;
      for (size_t k = 1; k < best_len && i + k + 3 <= n; k++) {
        uint32_t hash = (in[i + k] * 2654435761u ^ in[i + k + 1] * 40503u ^ in[i + k + 2]) & 0xffff;
        prev[i + k] = head[hash];
        head[hash] = (int32_t)(i + k);
      }
      i += best_len;
      lit_start = i;
    } else {
      i++;
    }
  }
  while (lit_start < n) {
    size_t run = n - lit_start > 255 ? 255 : n - lit_start;
    out[o++] = 0;
    out[o++] = (uint8_t)run;
    memcpy(out + o, in + lit_start, run);
    o += run;
    lit_start += run;
  }
  free(head);
  free(prev);
  return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    if (in[i] == 0) {
      size_t run = in[i + 1];
      memcpy(out + o, in + i + 2, run);
      o += run;
      i += 2 + run;
    } else {
      size_t off = (size_t)in[i + 1] << 8 | in[i + 2], len = in[i + 3];
      for (size_t k = 0; k < len; k++) out[o + k] = out[o - off + k];
      o += len;
      i += 4;
    }
  }
  return o;
}

static uint32_t checksum(const uint8_t *p, size_t n) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < n; i++) {
    a = (a + p[i]) % 65521;
    b = (b + a) % 65521;
  }
  return b << 16 | a;
}

int main(void) {
  enum { N = 200000 };
  uint8_t *input = malloc(N), *packed = malloc(2 * N), *unpacked = malloc(N);
  const char *words[] = {"alpha ", "beta ", "gamma ", "delta ", "epsilon\n", "zeta, ", "eta; "};
  uint32_t s = 7;
  for (int kind = 0; kind < 3; kind++) {
    size_t n = 0;
    while (n < N) {
      s = s * 1103515245u + 12345u;
      if (kind == 0) {
        const char *w = words[(s >> 16) % 7];
        size_t l = strlen(w);
        if (n + l > N) break;
        memcpy(input + n, w, l);
        n += l;
      } else if (kind == 1) {
        input[n++] = (uint8_t)(s >> 24);
      } else {
        input[n] = (uint8_t)("abababcdcdcdxyz"[(n / 3) % 15]);
        n++;
      }
    }
    size_t c = compress(input, n, packed);
    size_t d = decompress(packed, c, unpacked);
    printf("kind %d: %zu -> %zu -> %zu, same=%d, adler=%08x\n", kind, n, c, d, d == n && memcmp(input, unpacked, n) == 0, checksum(packed, c));
  }
  free(input);
  free(packed);
  free(unpacked);
  return 0;
}
