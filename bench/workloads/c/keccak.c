/*
 * SHA3-256: the Keccak-f[1600] permutation (24 rounds over 25 64-bit lanes: 64-bit xor, and-not and
 * rotate heavy, like wasmi's tiny_keccak bench) in the sponge construction, over generated input.
 * Freestanding: no libc, no imports; exports `run(kib, reps) -> u32`: hashes a kib KiB message reps
 * times, each time with the previous digest xored into its first 32 bytes (so no hash can be skipped),
 * and returns the first 4 bytes of the last digest, little-endian.
 */
#include "freestanding.h"

#define MAX_INPUT (1 << 20)
#define RATE 136 /* bytes absorbed per permutation: (1600 - 2 * 256) / 8 */

static u8 input[MAX_INPUT];

static const u64 round_constants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
/* rho and pi as one walk over the lanes: lane pi_lanes[t] takes the previous lane rotated by rho[t]. */
static const u8 rho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
static const u8 pi_lanes[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

static u64 rotl64(u64 x, u32 n) { return (x << n) | (x >> ((64 - n) & 63)); }

static void keccak_f(u64 a[25]) {
  for (int round = 0; round < 24; round++) {
    u64 c[5];
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      u64 d = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    u64 carried = a[1];
    for (int t = 0; t < 24; t++) {
      u64 next = a[pi_lanes[t]];
      a[pi_lanes[t]] = rotl64(carried, rho[t]);
      carried = next;
    }
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; x++) c[x] = a[y + x];
      for (int x = 0; x < 5; x++) a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
    }
    a[0] ^= round_constants[round];
  }
}

static u64 load64(const u8 *p) {
  u64 v = 0;
  for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
  return v;
}

static void absorb(u64 state[25], const u8 *block) {
  for (int i = 0; i < RATE / 8; i++) state[i] ^= load64(block + 8 * i);
  keccak_f(state);
}

static void sha3_256(const u8 *msg, u32 n, u8 digest[32]) {
  u64 state[25] = {0};
  for (; n >= RATE; msg += RATE, n -= RATE) absorb(state, msg);
  u8 last[RATE] = {0};
  for (u32 i = 0; i < n; i++) last[i] = msg[i];
  last[n] ^= 0x06;        /* SHA-3 domain bits and the first padding bit */
  last[RATE - 1] ^= 0x80; /* the last padding bit */
  absorb(state, last);
  for (int i = 0; i < 32; i++) digest[i] = (u8)(state[i / 8] >> (8 * (i % 8)));
}

/* Bytes from a linear congruential generator. */
static void generate(u32 n) {
  u32 seed = 12345;
  for (u32 i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    input[i] = (u8)(seed >> 16);
  }
}

EXPORT("run") u32 run(u32 kib, u32 reps) {
  u32 n = kib * 1024;
  if (n == 0 || n > MAX_INPUT) return 0;
  generate(n);
  u8 digest[32] = {0};
  for (u32 r = 0; r < reps; r++) {
    for (int i = 0; i < 32; i++) input[i] ^= digest[i];
    sha3_256(input, n, digest);
  }
  return (u32)digest[0] | (u32)digest[1] << 8 | (u32)digest[2] << 16 | (u32)digest[3] << 24;
}

#ifndef __wasm__
int main(int argc, char **argv) {
  printf("%u\n", run(argc > 1 ? (u32)atoi(argv[1]) : 1, argc > 2 ? (u32)atoi(argv[2]) : 1));
  return 0;
}
#endif
