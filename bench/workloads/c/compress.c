/*
 * A compression kernel: an LZ77 compressor with a hash table of recent positions (LZ4-like token
 * format), its decompressor, and a round-trip check, over generated text-like input.
 * Freestanding: no libc, no imports; exports `run(kib, reps) -> checksum`
 * (kib = input size in KiB, reps = compress/decompress round trips).
 */
#include "freestanding.h"

#define MAX_INPUT (1 << 20)
#define HASH_BITS 14
#define MIN_MATCH 4
#define MAX_OFFSET 65535

static u8 input[MAX_INPUT];
static u8 packed[MAX_INPUT + MAX_INPUT / 16 + 64];
static u8 unpacked[MAX_INPUT];
static u32 table[1 << HASH_BITS];

static const char *const words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
                                    "WebAssembly ", "interpreter ", "register ", "stack ", "module ",
                                    "function ", "memory ", "table ", ", ", ".\n", "0x1f ", "wasmi "};

/* Text from a word list picked by a linear congruential generator, with some random bytes mixed in. */
static void generate(u32 n) {
  u32 seed = 12345;
  u32 len = 0;
  while (len < n) {
    seed = seed * 1103515245u + 12345u;
    u32 r = seed >> 16;
    if ((r & 31) == 0) {
      input[len++] = (u8)(r >> 5);
      continue;
    }
    const char *w = words[r % 20];
    while (*w && len < n) input[len++] = (u8)*w++;
  }
}

static u32 read32(const u8 *p) { return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }
static u32 hash4(u32 v) { return (v * 2654435761u) >> (32 - HASH_BITS); }

/* Writes a length with the LZ4 convention: 15 in the token nibble, then 255-bytes until the rest. */
static u8 *write_length(u8 *out, u32 len) {
  while (len >= 255) {
    *out++ = 255;
    len -= 255;
  }
  *out++ = (u8)len;
  return out;
}

/* Emits one sequence: token (literal length, match length), literals, 2-byte offset. */
static u8 *emit(u8 *out, const u8 *lit, u32 lit_len, u32 offset, u32 match_len) {
  u8 *token = out++;
  u32 ml = match_len ? match_len - MIN_MATCH : 0;
  *token = (u8)((lit_len >= 15 ? 15 : lit_len) << 4 | (ml >= 15 ? 15 : ml));
  if (lit_len >= 15) out = write_length(out, lit_len - 15);
  for (u32 i = 0; i < lit_len; i++) *out++ = lit[i];
  if (match_len) {
    *out++ = (u8)offset;
    *out++ = (u8)(offset >> 8);
    if (ml >= 15) out = write_length(out, ml - 15);
  }
  return out;
}

static u32 compress(const u8 *src, u32 n, u8 *dst) {
  for (u32 i = 0; i < (1u << HASH_BITS); i++) table[i] = 0;
  u8 *out = dst;
  u32 anchor = 0, pos = 1;
  while (pos + MIN_MATCH <= n) {
    u32 v = read32(src + pos);
    u32 h = hash4(v);
    u32 cand = table[h];
    table[h] = pos;
    if (cand && pos - cand <= MAX_OFFSET && read32(src + cand) == v) {
      u32 len = MIN_MATCH;
      while (pos + len < n && src[cand + len] == src[pos + len]) len++;
      out = emit(out, src + anchor, pos - anchor, pos - cand, len);
      pos += len;
      anchor = pos;
    } else {
      pos++;
    }
  }
  out = emit(out, src + anchor, n - anchor, 0, 0);  /* trailing literals */
  return (u32)(out - dst);
}

static u32 read_length(const u8 **p, u32 len) {
  if (len == 15) {
    u8 b;
    do {
      b = *(*p)++;
      len += b;
    } while (b == 255);
  }
  return len;
}

static u32 decompress(const u8 *src, u32 packed_len, u8 *dst) {
  const u8 *p = src, *end = src + packed_len;
  u8 *out = dst;
  while (p < end) {
    u8 token = *p++;
    u32 lit = read_length(&p, token >> 4);
    for (u32 i = 0; i < lit; i++) *out++ = *p++;
    if (p >= end) break;
    u32 offset = (u32)p[0] | (u32)p[1] << 8;
    p += 2;
    u32 len = read_length(&p, token & 15) + MIN_MATCH;
    const u8 *from = out - offset;
    for (u32 i = 0; i < len; i++) *out++ = from[i];  /* byte by byte: matches may overlap */
  }
  return (u32)(out - dst);
}

/* FNV-1a over a buffer. */
static u32 fnv1a(const u8 *p, u32 n, u32 h) {
  for (u32 i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

EXPORT("run") u32 run(u32 kib, u32 reps) {
  u32 n = kib * 1024;
  if (n == 0 || n > MAX_INPUT) return 0;
  generate(n);
  u32 h = 2166136261u;
  for (u32 r = 0; r < reps; r++) {
    input[(r * 7919u) % n] ^= (u8)r;  /* every repetition compresses slightly different data */
    u32 packed_len = compress(input, n, packed);
    u32 unpacked_len = decompress(packed, packed_len, unpacked);
    if (unpacked_len != n) return 1;
    for (u32 i = 0; i < n; i++)
      if (unpacked[i] != input[i]) return 2;
    h = fnv1a(packed, packed_len, h) ^ packed_len;
  }
  return h;
}

#ifndef __wasm__
int main(int argc, char **argv) {
  printf("%u\n", run(argc > 1 ? (u32)atoi(argv[1]) : 1, argc > 2 ? (u32)atoi(argv[2]) : 1));
  return 0;
}
#endif
