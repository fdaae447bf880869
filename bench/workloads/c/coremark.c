/*
 * A CoreMark-style workload (not CoreMark itself): each iteration runs a linked-list kernel (find,
 * reverse, merge sort), a matrix kernel (add/mul by constant, matrix-vector, matrix-matrix, bit
 * extraction), a state-machine number scanner and folds every result into a CRC-16.
 * Freestanding: no libc, no imports; exports `run(iterations) -> crc`.
 */
#include "freestanding.h"

/* ---- CRC-16 (CCITT, reflected poly 0xA001), the checksum CoreMark also uses ---- */
static u16 crc_u8(u8 data, u16 crc) {
  for (int i = 0; i < 8; i++) {
    u8 x16 = (u8)((data & 1) ^ ((u8)crc & 1));
    data >>= 1;
    if (x16 == 1) {
      crc ^= 0x4002;
      crc = (u16)((crc >> 1) | 0x8000);
    } else {
      crc >>= 1;
    }
  }
  return crc;
}
static u16 crc_u16(u16 v, u16 crc) { return crc_u8((u8)(v >> 8), crc_u8((u8)v, crc)); }
static u16 crc_u32(u32 v, u16 crc) { return crc_u16((u16)(v >> 16), crc_u16((u16)v, crc)); }

/* ---- linked list ---- */
#define LIST_LEN 200
typedef struct Node {
  struct Node *next;
  i16 data;
  i16 idx;
} Node;
static Node pool[LIST_LEN];

static Node *list_build(u32 seed) {
  Node *head = 0;
  for (int i = LIST_LEN - 1; i >= 0; i--) {
    seed = seed * 1103515245u + 12345u;
    pool[i].data = (i16)((seed >> 16) & 0x7fff);
    pool[i].idx = (i16)i;
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static Node *list_find(Node *list, i16 data) {
  while (list && (list->data & 0xff) != (data & 0xff)) list = list->next;
  return list;
}

static Node *list_reverse(Node *list) {
  Node *prev = 0;
  while (list) {
    Node *next = list->next;
    list->next = prev;
    prev = list;
    list = next;
  }
  return prev;
}

static int cmp_data(const Node *a, const Node *b) { return a->data - b->data; }
static int cmp_idx(const Node *a, const Node *b) { return a->idx - b->idx; }

/* Bottom-up merge sort of a singly linked list (as in CoreMark's core_list_mergesort). */
static Node *list_sort(Node *list, int (*cmp)(const Node *, const Node *)) {
  int insize = 1;
  for (;;) {
    Node *p = list, *tail = 0;
    int nmerges = 0;
    list = 0;
    while (p) {
      nmerges++;
      Node *q = p;
      int psize = 0;
      for (int i = 0; i < insize && q; i++) {
        psize++;
        q = q->next;
      }
      int qsize = insize;
      while (psize > 0 || (qsize > 0 && q)) {
        Node *e;
        if (psize == 0) {
          e = q; q = q->next; qsize--;
        } else if (qsize == 0 || !q || cmp(p, q) <= 0) {
          e = p; p = p->next; psize--;
        } else {
          e = q; q = q->next; qsize--;
        }
        if (tail) tail->next = e; else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (nmerges <= 1) return list;
    insize *= 2;
  }
}

static u16 list_bench(u32 seed, u16 crc) {
  Node *list = list_build(seed);
  for (int i = 0; i < 16; i++) {
    Node *found = list_find(list, (i16)(i * 37));
    crc = crc_u16(found ? (u16)found->idx : 0xffff, crc);
    list = list_reverse(list);
  }
  list = list_sort(list, cmp_data);
  for (Node *n = list; n; n = n->next) crc = crc_u16((u16)n->data, crc);
  list = list_sort(list, cmp_idx);
  crc = crc_u16((u16)list->next->next->data, crc);
  return crc;
}

/* ---- matrix ---- */
#define N 24
static i16 mat_a[N * N], mat_b[N * N];
static i32 mat_c[N * N];

static void matrix_init(u32 seed) {
  for (int i = 0; i < N * N; i++) {
    seed = seed * 1664525u + 1013904223u;
    mat_a[i] = (i16)((seed >> 20) & 0xff);
    mat_b[i] = (i16)(((seed >> 8) & 0xff) - 128);
  }
}

static u32 matrix_sum(void) {
  u32 s = 0;
  for (int i = 0; i < N * N; i++) s += (u32)mat_c[i] ^ (u32)i;
  return s;
}

static u16 matrix_bench(u32 seed, u16 crc) {
  matrix_init(seed);
  i16 k = (i16)(seed & 0xf) + 3;
  for (int i = 0; i < N * N; i++) mat_a[i] = (i16)(mat_a[i] + k);          /* add constant */
  for (int i = 0; i < N * N; i++) mat_c[i] = (i32)mat_a[i] * (i32)k;       /* multiply by constant */
  crc = crc_u32(matrix_sum(), crc);
  for (int i = 0; i < N; i++) {                                            /* matrix x vector */
    i32 acc = 0;
    for (int j = 0; j < N; j++) acc += (i32)mat_a[i * N + j] * (i32)mat_b[j];
    mat_c[i] = acc;
  }
  crc = crc_u32(matrix_sum(), crc);
  for (int i = 0; i < N; i++)                                              /* matrix x matrix */
    for (int j = 0; j < N; j++) {
      i32 acc = 0;
      for (int x = 0; x < N; x++) acc += (i32)mat_a[i * N + x] * (i32)mat_b[x * N + j];
      mat_c[i * N + j] = acc;
    }
  crc = crc_u32(matrix_sum(), crc);
  for (int i = 0; i < N; i++)                                              /* ... with bit extraction */
    for (int j = 0; j < N; j++) {
      i32 acc = 0;
      for (int x = 0; x < N; x++) {
        i32 t = (i32)mat_a[i * N + x] * (i32)mat_b[x * N + j];
        acc += (t >> 2) & 0xf;
        acc *= (t >> 5) & 0x7f;
      }
      mat_c[i * N + j] = acc;
    }
  crc = crc_u32(matrix_sum(), crc);
  return crc;
}

/* ---- state machine: classify comma-separated tokens as int / float / exponent / invalid ---- */
enum State { START, INVALID, S1, INT, FLOAT, EXP, S2, SCI, NUM_STATES };
static const char *const tokens[] = {"5012", "1234", "-874", "+122", "35.54", "0.67", "-110.7", "+0.64",
                                     "5.5e+3", "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq",
                                     "1T3.4e4z", "34.0e-T^"};
#define SM_BUF_LEN 1024
static char sm_buf[SM_BUF_LEN];

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static enum State next_token_state(const char **p, u32 transitions[NUM_STATES]) {
  const char *s = *p;
  enum State state = START;
  for (; *s && state != INVALID; s++) {
    char c = *s;
    if (c == ',') { s++; break; }
    enum State next = state;
    switch (state) {
      case START:
        if (is_digit(c)) next = INT;
        else if (c == '+' || c == '-') next = S1;
        else if (c == '.') next = FLOAT;
        else next = INVALID;
        break;
      case S1: next = is_digit(c) ? INT : c == '.' ? FLOAT : INVALID; break;
      case INT: next = c == '.' ? FLOAT : is_digit(c) ? INT : INVALID; break;
      case FLOAT: next = (c == 'E' || c == 'e') ? S2 : is_digit(c) ? FLOAT : INVALID; break;
      case S2: next = (c == '+' || c == '-') ? EXP : INVALID; break;
      case EXP: next = is_digit(c) ? SCI : INVALID; break;
      case SCI: next = is_digit(c) ? SCI : INVALID; break;
      default: break;
    }
    if (next != state) transitions[next]++;
    state = next;
  }
  *p = s;
  return state;
}

static u16 state_bench(u32 seed, u16 crc) {
  /* fill the buffer with tokens picked by the seed */
  int len = 0;
  while (1) {
    seed = seed * 1103515245u + 12345u;
    const char *t = tokens[(seed >> 16) & 15];
    int tl = 0;
    while (t[tl]) tl++;
    if (len + tl + 2 >= SM_BUF_LEN) break;
    for (int i = 0; i < tl; i++) sm_buf[len++] = t[i];
    sm_buf[len++] = ',';
  }
  sm_buf[len] = 0;
  for (int pass = 0; pass < 2; pass++) {
    u32 finals[NUM_STATES] = {0}, transitions[NUM_STATES] = {0};
    const char *p = sm_buf;
    while (*p) finals[next_token_state(&p, transitions)]++;
    for (int i = 0; i < NUM_STATES; i++) crc = crc_u32(finals[i] * 31u + transitions[i], crc);
    /* corrupt every 7th character, then scan again */
    for (int i = 0; i < len; i += 7)
      if (sm_buf[i] != ',') sm_buf[i] ^= 1;
  }
  return crc;
}

EXPORT("run") u32 run(u32 iterations) {
  u16 crc = 0;
  for (u32 i = 0; i < iterations; i++) {
    u32 seed = i * 2654435761u + 1;
    crc = list_bench(seed, crc);
    crc = matrix_bench(seed, crc);
    crc = state_bench(seed, crc);
  }
  return crc;
}

#ifndef __wasm__
int main(int argc, char **argv) {
  printf("%u\n", run(argc > 1 ? (u32)atoi(argv[1]) : 1));
  return 0;
}
#endif
