/* Allocation-heavy: linked lists, a binary search tree, realloc growth, frees in mixed order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Node { struct Node *left, *right; int key; int count; } Node;

static Node *insert(Node *t, int key) {
  if (!t) {
    t = calloc(1, sizeof *t);
    t->key = key;
    t->count = 1;
    return t;
  }
  if (key < t->key) t->left = insert(t->left, key);
  else if (key > t->key) t->right = insert(t->right, key);
  else t->count++;
  return t;
}
static int height(Node *t) {
  if (!t) return 0;
  int l = height(t->left), r = height(t->right);
  return 1 + (l > r ? l : r);
}
static long long sum(Node *t) { return t ? (long long)t->key * t->count + sum(t->left) + sum(t->right) : 0; }
static void destroy(Node *t) {
  if (!t) return;
  destroy(t->left);
  destroy(t->right);
  free(t);
}

typedef struct Cell { struct Cell *next; char text[24]; } Cell;

static uint32_t rng = 2463534242u;
static uint32_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

int main(void) {
  Node *tree = NULL;
  for (int i = 0; i < 50000; i++) tree = insert(tree, (int)(rnd() % 20000));
  printf("tree height=%d sum=%lld\n", height(tree), sum(tree));
  destroy(tree);

  Cell *list = NULL;
  for (int i = 0; i < 20000; i++) {
    Cell *c = malloc(sizeof *c);
    snprintf(c->text, sizeof c->text, "cell-%d", i);
    c->next = list;
    list = c;
  }
  size_t total = 0;
  for (Cell *c = list; c; c = c->next) total += strlen(c->text);
  printf("list text=%zu\n", total);
  while (list) {
    Cell *n = list->next;
    free(list);
    list = n;
  }

  int *grow = NULL;
  size_t cap = 0, len = 0;
  for (int i = 0; i < 300000; i++) {
    if (len == cap) {
      cap = cap ? cap * 2 : 4;
      grow = realloc(grow, cap * sizeof *grow);
    }
    grow[len++] = i * 3;
  }
  long long s = 0;
  for (size_t i = 0; i < len; i += 1000) s += grow[i];
  printf("grown len=%zu cap=%zu s=%lld\n", len, cap, s);
  free(grow);

  void *blocks[1000];
  for (int round = 0; round < 20; round++) {
    for (int i = 0; i < 1000; i++) blocks[i] = malloc(16 + rnd() % 2000);
    for (int i = 0; i < 1000; i += 2) free(blocks[i]);
    for (int i = 1; i < 1000; i += 2) free(blocks[i]);
  }
  char *big = malloc(8 << 20);
  memset(big, 'x', 8 << 20);
  big[(8 << 20) - 1] = 0;
  printf("big strlen=%zu\n", strlen(big));
  free(big);
  return 0;
}
