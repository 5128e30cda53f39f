/* bintrees: build, walk and free many perfect binary trees (malloc/free heavy, pointer chasing) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
  struct node *left, *right;
  uint32_t value;
};

static struct node *build(int depth, uint32_t value) {
  struct node *n = malloc(sizeof *n);
  if (!n) exit(1);
  n->value = value;
  if (depth > 0) {
    n->left = build(depth - 1, 2 * value);
    n->right = build(depth - 1, 2 * value + 1);
  } else {
    n->left = n->right = NULL;
  }
  return n;
}

/* Nodes in the tree, and a value-dependent sum folded into *sum. */
static uint32_t walk(const struct node *n, uint32_t *sum) {
  *sum = *sum * 31 + n->value;
  return n->left ? 1 + walk(n->left, sum) + walk(n->right, sum) : 1;
}

static void release(struct node *n) {
  if (n->left) {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  int max_depth = argc > 1 ? atoi(argv[1]) : 18;
  uint32_t sum = 0;
  /* A tree that lives through the whole run, so the allocator works around live data. */
  struct node *long_lived = build(max_depth, 1);
  for (int depth = 4; depth <= max_depth; depth += 2) {
    int iterations = 1 << (max_depth - depth + 3);
    uint32_t nodes = 0;
    for (int i = 0; i < iterations; i++) {
      struct node *t = build(depth, (uint32_t)i);
      nodes += walk(t, &sum);
      release(t);
    }
    printf("%d trees of depth %d: %u nodes\n", iterations, depth, nodes);
  }
  uint32_t long_nodes = walk(long_lived, &sum);
  release(long_lived);
  printf("long-lived tree of depth %d: %u nodes; checksum %08x\n", max_depth, long_nodes, sum);
  return 0;
}
