/* Shared prelude of the C workloads: fixed-width types, the export macro, and the two libc routines
 * the compiler may call (the wasm build links no libc, so the module has no imports). */
#ifndef BENCH_FREESTANDING_H
#define BENCH_FREESTANDING_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef short i16;
typedef int i32;
typedef unsigned long long u64;
typedef __SIZE_TYPE__ size_t;

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))

/* no_builtin keeps clang from turning these loops back into calls to themselves. */
__attribute__((no_builtin("memset"))) void *memset(void *dst, int c, size_t n) {
  u8 *d = (u8 *)dst;
  while (n--) *d++ = (u8)c;
  return dst;
}
__attribute__((no_builtin("memcpy"))) void *memcpy(void *dst, const void *src, size_t n) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  while (n--) *d++ = *s++;
  return dst;
}
#else
/* Native build (scripts/build-c.sh cross-checks the expected results with it). */
#include <stdio.h>
#include <stdlib.h>
#define EXPORT(name)
#endif

#endif
