/*
 * A JSON parser: generated JSON text (nested objects and arrays, strings with escapes, numbers with
 * signs, fractions and exponents, literals, whitespace) is parsed by recursive descent into a tree of
 * nodes (first child, next sibling) with decoded strings, then the tree is walked into a checksum:
 * byte-at-a-time branching, then pointer chasing.
 * Freestanding: no libc, no imports; exports `run(kib, reps) -> checksum`
 * (kib = text size in KiB, rounded up to whole records; reps = parses of the same text).
 */
#include "freestanding.h"

#define MAX_TEXT (1 << 19)
#define TEXT_SLACK (1 << 17) /* room for the record that crosses the size (at most a few KiB) */
#define MAX_NODES (MAX_TEXT / 8) /* the generated text has about 12.7 bytes per value */
#define MAX_DEPTH 5

/* ---- generated text ---- */

static u8 text[MAX_TEXT + TEXT_SLACK];
static u32 text_len;
static u32 seed;

/* A pseudo-random number below n (the high bits of a linear congruential generator). */
static u32 rand_below(u32 n) {
  seed = seed * 1103515245u + 12345u;
  return (seed >> 8) % n;
}

static void put(char c) { text[text_len++] = (u8)c; }
static void put_str(const char *s) {
  while (*s) put(*s++);
}
static void put_uint(u32 v) {
  char digits[10];
  int n = 0;
  do digits[n++] = (char)('0' + v % 10);
  while (v /= 10);
  while (n) put(digits[--n]);
}
/* Optional whitespace after a comma or colon. */
static void put_space(void) {
  u32 r = rand_below(4);
  if (r == 0) put(' ');
  if (r == 1) put_str("\n  ");
}

static const char *const escapes[] = {"\\\"", "\\\\", "\\n", "\\t", "\\/", "\\u00e9", "\\u4e2D"};
static const char plain[] = "abcdefghijklmnopqrstuvwxyz 0123456789";
static const char *const literals[] = {"null", "true", "false"};
/* Object keys: distinct within an object, and none looks like an array index (JSON.parse would reorder those). */
static const char *const keys[] = {"id",    "name",    "type",  "value", "items", "tags",
                                   "owner", "enabled", "score", "note",  "created", "children"};
#define KEY_COUNT 12

static void gen_string(void) {
  put('"');
  u32 n = rand_below(12);
  for (u32 i = 0; i < n; i++) {
    u32 r = rand_below(7 + sizeof plain - 1);
    if (r < 7) put_str(escapes[r]);
    else put(plain[r - 7]);
  }
  put('"');
}

/* Integers, two-digit fractions and non-negative exponents: all exact in hundredths. */
static void gen_number(void) {
  u32 form = rand_below(4);
  if (rand_below(2)) put('-');
  if (form == 0) {
    put_uint(rand_below(1000000));
  } else if (form == 1) {
    put_uint(rand_below(10000));
    put('.');
    put((char)('0' + rand_below(10)));
    put((char)('0' + rand_below(10)));
  } else if (form == 2) {
    put_uint(1 + rand_below(99));
    put(rand_below(2) ? 'e' : 'E');
    if (rand_below(2)) put('+');
    put((char)('0' + rand_below(4)));
  } else {
    put((char)('0' + rand_below(10)));
  }
}

static void gen_value(u32 depth);

static void gen_array(u32 depth) {
  put('[');
  u32 n = rand_below(6);
  for (u32 i = 0; i < n; i++) {
    if (i) {
      put(',');
      put_space();
    }
    gen_value(depth + 1);
  }
  put(']');
}

static void gen_object(u32 depth) {
  put('{');
  u32 n = rand_below(6);
  u32 first = rand_below(KEY_COUNT);
  for (u32 i = 0; i < n; i++) {
    if (i) {
      put(',');
      put_space();
    }
    put('"');
    put_str(keys[(first + i) % KEY_COUNT]);
    put('"');
    put(':');
    put_space();
    gen_value(depth + 1);
  }
  put('}');
}

static void gen_value(u32 depth) {
  u32 kind = rand_below(depth < MAX_DEPTH ? 8 : 5);
  if (kind < 2) gen_number();
  else if (kind < 4) gen_string();
  else if (kind == 4) put_str(literals[rand_below(3)]);
  else if (kind == 5) gen_array(depth);
  else gen_object(depth);
}

/* An array of records (objects), one per line, until the text reaches n bytes. */
static u32 generate(u32 n) {
  seed = 12345;
  text_len = 0;
  put('[');
  for (;;) {
    gen_object(1);
    if (text_len >= n) break;
    put_str(",\n");
  }
  put(']');
  return text_len;
}

/* ---- the parser ---- */

enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

typedef struct {
  u32 start, len; /* units[start .. start + len) */
} Str;

typedef struct {
  u32 type;
  u32 next;  /* next element or member of the parent, 0 after the last */
  u32 child; /* arrays and objects: first element or member, 0 when empty */
  Str key;   /* object members: their key */
  union {
    Str str;   /* strings */
    u64 cents; /* numbers: the value times 100, two's complement */
  } as;
} Node;

static Node nodes[MAX_NODES + 1]; /* index 0 is "none" */
static u32 node_count;
static u16 units[MAX_TEXT + TEXT_SLACK]; /* decoded strings, UTF-16 code units as in JS */
static u32 unit_count;
static const u8 *at, *end;

static int is_digit(u8 c) { return c >= '0' && c <= '9'; }

static void skip_space(void) {
  while (at < end && (*at == ' ' || *at == '\n' || *at == '\r' || *at == '\t')) at++;
}

/* A new node of the given type: its index, or 0 when the pool is full. */
static u32 new_node(u32 type) {
  if (node_count == MAX_NODES) return 0;
  Node *n = &nodes[++node_count];
  n->type = type;
  n->next = 0;
  n->child = 0;
  return node_count;
}

static int hex_value(u8 c) {
  if (is_digit(c)) return c - '0';
  c |= 32;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A quoted string, decoded into units[]: 0 if malformed. */
static int parse_string(Str *s) {
  if (at == end || *at != '"') return 0;
  at++;
  s->start = unit_count;
  for (;;) {
    if (at == end) return 0;
    u32 unit = *at++;
    if (unit == '"') break;
    if (unit < 0x20) return 0;
    if (unit == '\\') {
      if (at == end) return 0;
      switch (*at++) {
        case '"': unit = '"'; break;
        case '\\': unit = '\\'; break;
        case '/': unit = '/'; break;
        case 'b': unit = '\b'; break;
        case 'f': unit = '\f'; break;
        case 'n': unit = '\n'; break;
        case 'r': unit = '\r'; break;
        case 't': unit = '\t'; break;
        case 'u':
          if (end - at < 4) return 0;
          unit = 0;
          for (int i = 0; i < 4; i++) {
            int digit = hex_value(*at++);
            if (digit < 0) return 0;
            unit = unit << 4 | (u32)digit;
          }
          break;
        default: return 0;
      }
    }
    units[unit_count++] = (u16)unit;
  }
  s->len = unit_count - s->start;
  return 1;
}

/* A number, as its value times 100 (truncated past two fraction digits): 0 if malformed. */
static int parse_number(u64 *cents) {
  int negative = at < end && *at == '-';
  if (negative) at++;
  if (at == end || !is_digit(*at)) return 0;
  u64 mantissa = 0;
  int exponent = 2;
  if (*at == '0') at++;  /* no leading zeros */
  else
    while (at < end && is_digit(*at)) mantissa = mantissa * 10 + (u64)(*at++ - '0');
  if (at < end && *at == '.') {
    at++;
    if (at == end || !is_digit(*at)) return 0;
    while (at < end && is_digit(*at)) {
      mantissa = mantissa * 10 + (u64)(*at++ - '0');
      exponent--;
    }
  }
  if (at < end && (*at | 32) == 'e') {
    at++;
    int exponent_negative = at < end && *at == '-';
    if (at < end && (*at == '-' || *at == '+')) at++;
    if (at == end || !is_digit(*at)) return 0;
    int e = 0;
    while (at < end && is_digit(*at)) {
      if (e < 10000) e = e * 10 + (*at - '0');  /* beyond that, all digits are lost anyway */
      at++;
    }
    exponent += exponent_negative ? -e : e;
  }
  for (; exponent > 0; exponent--) mantissa *= 10;
  for (; exponent < 0; exponent++) mantissa /= 10;
  *cents = negative ? 0 - mantissa : mantissa;
  return 1;
}

static int parse_literal(const char *word) {
  for (; *word; word++)
    if (at == end || *at++ != (u8)*word) return 0;
  return 1;
}

static u32 parse_value(void);

/* An array or object (at its opening bracket): elements, or members (key, colon, value), separated by
 * commas and linked as siblings. Its node, or 0 if malformed. */
static u32 parse_container(u32 type, u8 close) {
  u32 self = new_node(type);
  if (!self) return 0;
  at++;
  skip_space();
  if (at < end && *at == close) {
    at++;
    return self;
  }
  u32 *link = &nodes[self].child;
  for (;;) {
    Str key = {0, 0};
    if (type == J_OBJECT) {
      skip_space();
      if (!parse_string(&key)) return 0;
      skip_space();
      if (at == end || *at++ != ':') return 0;
    }
    u32 item = parse_value();
    if (!item) return 0;
    nodes[item].key = key;
    *link = item;
    link = &nodes[item].next;
    skip_space();
    if (at == end) return 0;
    u8 c = *at++;
    if (c == close) return self;
    if (c != ',') return 0;
  }
}

/* Any value, after optional whitespace: its node, or 0 if malformed. */
static u32 parse_value(void) {
  skip_space();
  if (at == end) return 0;
  u32 node;
  switch (*at) {
    case 'n': return parse_literal("null") ? new_node(J_NULL) : 0;
    case 't': return parse_literal("true") ? new_node(J_TRUE) : 0;
    case 'f': return parse_literal("false") ? new_node(J_FALSE) : 0;
    case '[': return parse_container(J_ARRAY, ']');
    case '{': return parse_container(J_OBJECT, '}');
    case '"':
      node = new_node(J_STRING);
      return node && parse_string(&nodes[node].as.str) ? node : 0;
    default:
      node = new_node(J_NUMBER);
      return node && parse_number(&nodes[node].as.cents) ? node : 0;
  }
}

/* A whole text: the root's node, or 0 if malformed. */
static u32 parse(const u8 *src, u32 len) {
  at = src;
  end = src + len;
  node_count = 0;
  unit_count = 0;
  u32 root = parse_value();
  skip_space();
  return at == end ? root : 0;
}

/* ---- the checksum walk ---- */

static u32 mix(u32 h, u32 v) { return (h ^ v) * 16777619u; }

static u32 mix_str(u32 h, Str s) {
  for (u32 i = 0; i < s.len; i++) h = mix(h, units[s.start + i]);
  return mix(h, s.len);
}

/* Depth first, in document order: every type, number, string, key and element count. */
static u32 walk(u32 index, u32 h) {
  const Node *n = &nodes[index];
  h = mix(h, n->type);
  if (n->type == J_NUMBER) {
    h = mix(mix(h, (u32)n->as.cents), (u32)(n->as.cents >> 32));
  } else if (n->type == J_STRING) {
    h = mix_str(h, n->as.str);
  } else if (n->type == J_ARRAY || n->type == J_OBJECT) {
    u32 count = 0;
    for (u32 child = n->child; child; child = nodes[child].next) {
      if (n->type == J_OBJECT) h = mix_str(h, nodes[child].key);
      h = walk(child, h);
      count++;
    }
    h = mix(h, count);
  }
  return h;
}

EXPORT("run") u32 run(u32 kib, u32 reps) {
  if (kib == 0 || kib > MAX_TEXT / 1024) return 0;
  u32 len = generate(kib * 1024);
  u32 h = 2166136261u;
  for (u32 r = 0; r < reps; r++) {
    u32 root = parse(text, len);
    if (!root) return 1;
    h = mix(walk(root, h), node_count);
  }
  return h;
}

#ifndef __wasm__
int main(int argc, char **argv) {
  printf("%u\n", run(argc > 1 ? (u32)atoi(argv[1]) : 1, argc > 2 ? (u32)atoi(argv[2]) : 1));
  return 0;
}
#endif
