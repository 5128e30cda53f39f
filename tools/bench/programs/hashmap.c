/* hashmap: open-addressing hash map with string keys (hashing, strcmp, inserts, lookups, deletes) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  char *key; /* NULL: empty slot; TOMBSTONE: deleted */
  uint32_t hash;
  uint32_t value;
};

struct map {
  struct entry *slots;
  uint32_t mask, used, live;
};

static char tombstone_mark;
#define TOMBSTONE (&tombstone_mark)

/* FNV-1a. */
static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
  return h;
}

static void map_init(struct map *m, uint32_t capacity) {
  m->slots = calloc(capacity, sizeof *m->slots);
  if (!m->slots) exit(1);
  m->mask = capacity - 1;
  m->used = m->live = 0;
}

/* The slot holding key, or the empty slot where it would go. */
static struct entry *find(const struct map *m, const char *key, uint32_t h) {
  struct entry *reuse = NULL;
  for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
    struct entry *e = &m->slots[i];
    if (e->key == NULL) return reuse ? reuse : e;
    if (e->key == TOMBSTONE) {
      if (!reuse) reuse = e;
    } else if (e->hash == h && strcmp(e->key, key) == 0) {
      return e;
    }
  }
}

static void map_grow(struct map *m);

static void map_put(struct map *m, const char *key, uint32_t value) {
  if ((m->used + 1) * 4 > (m->mask + 1) * 3) map_grow(m);
  uint32_t h = hash_str(key);
  struct entry *e = find(m, key, h);
  if (e->key == NULL || e->key == TOMBSTONE) {
    if (e->key == NULL) m->used++;
    size_t len = strlen(key) + 1;
    e->key = malloc(len);
    if (!e->key) exit(1);
    memcpy(e->key, key, len);
    e->hash = h;
    m->live++;
  }
  e->value = value;
}

static void map_grow(struct map *m) {
  struct map bigger;
  map_init(&bigger, (m->mask + 1) * 2);
  for (uint32_t i = 0; i <= m->mask; i++) {
    struct entry *e = &m->slots[i];
    if (e->key == NULL || e->key == TOMBSTONE) continue;
    *find(&bigger, e->key, e->hash) = *e;
    bigger.used++;
    bigger.live++;
  }
  free(m->slots);
  *m = bigger;
}

static struct entry *map_get(const struct map *m, const char *key) {
  struct entry *e = find(m, key, hash_str(key));
  return e->key == NULL || e->key == TOMBSTONE ? NULL : e;
}

static int map_delete(struct map *m, const char *key) {
  struct entry *e = map_get(m, key);
  if (!e) return 0;
  free(e->key);
  e->key = TOMBSTONE;
  m->live--;
  return 1;
}

/* "w" + base-26 letters of n: keys of varying length without printf. */
static void make_key(char *out, uint32_t n) {
  char *p = out;
  *p++ = 'w';
  do {
    *p++ = (char)('a' + n % 26);
    n /= 26;
  } while (n);
  *p = 0;
}

/* xorshift32: unlike a power-of-two LCG, its low bits are as random as its high ones. */
static uint32_t next(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 400000;
  int rounds = argc > 2 ? atoi(argv[2]) : 6;
  struct map m;
  map_init(&m, 16);
  char key[16];
  uint32_t found = 0, sum = 0, deleted = 0;
  uint32_t s = 0x68617368;
  for (int r = 0; r < rounds; r++) {
    for (uint32_t i = 0; i < n; i++) {
      make_key(key, next(&s) % (n * 2));
      struct entry *e = map_get(&m, key);
      if (e) {
        e->value += i;
        found++;
      } else {
        map_put(&m, key, i);
      }
      uint32_t d = next(&s);
      make_key(key, d % (n * 2));
      if ((d >> 28) == 0) deleted += (uint32_t)map_delete(&m, key);
    }
  }
  for (uint32_t i = 0; i <= m.mask; i++) {
    struct entry *e = &m.slots[i];
    if (e->key == NULL || e->key == TOMBSTONE) continue;
    sum = sum * 31 + e->value + hash_str(e->key);
    free(e->key);
  }
  free(m.slots);
  printf("hashmap: %u live, %u found, %u deleted, checksum %08x\n", m.live, found, deleted, sum);
  return 0;
}
