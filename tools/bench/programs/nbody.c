/* nbody: gravitational n-body simulation with a symplectic Euler step (double, sqrt) */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BODIES 12

struct body {
  double x, y, z, vx, vy, vz, mass;
};

/* xorshift64: bodies are generated, so the program carries no table of constants. */
static uint64_t next(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* Uniform in [lo, hi), from the top 53 bits. */
static double uniform(uint64_t *s, double lo, double hi) { return lo + (hi - lo) * ((double)(next(s) >> 11) / 9007199254740992.0); }

static double energy(const struct body *b) {
  double e = 0;
  for (int i = 0; i < BODIES; i++) {
    e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    for (int j = i + 1; j < BODIES; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(struct body *b, double dt) {
  for (int i = 0; i < BODIES; i++) {
    for (int j = i + 1; j < BODIES; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      b[i].vx -= dx * b[j].mass * mag;
      b[i].vy -= dy * b[j].mass * mag;
      b[i].vz -= dz * b[j].mass * mag;
      b[j].vx += dx * b[i].mass * mag;
      b[j].vy += dy * b[i].mass * mag;
      b[j].vz += dz * b[i].mass * mag;
    }
  }
  for (int i = 0; i < BODIES; i++) {
    b[i].x += dt * b[i].vx;
    b[i].y += dt * b[i].vy;
    b[i].z += dt * b[i].vz;
  }
}

int main(int argc, char **argv) {
  int steps = argc > 1 ? atoi(argv[1]) : 1500000;
  struct body b[BODIES];
  uint64_t seed = 0x6e626f6479ull;
  /* One heavy central body and light ones on near-circular orbits of distinct radii, so
     no two bodies pass close and the run stays well-conditioned. */
  b[0] = (struct body){0, 0, 0, 0, 0, 0, 1000.0};
  for (int i = 1; i < BODIES; i++) {
    double r = 6.0 * i + uniform(&seed, 0.0, 2.0);
    /* A direction from a normalised random vector: sqrt is correctly rounded everywhere,
       while sin/cos may differ in the last bit between glibc and wasi-libc. */
    double dx = uniform(&seed, -1.0, 1.0), dy = uniform(&seed, -1.0, 1.0);
    double len = sqrt(dx * dx + dy * dy) + 1e-9;
    double c = dx / len, s = dy / len;
    double speed = sqrt(1000.0 / r);
    b[i] = (struct body){r * c, r * s, uniform(&seed, -0.5, 0.5), -s * speed, c * speed, 0.0, uniform(&seed, 0.01, 1.0)};
  }
  printf("energy before: %.9f\n", energy(b));
  for (int s = 0; s < steps; s++) advance(b, 0.0001);
  printf("energy after:  %.9f\n", energy(b));
  printf("body 1 at %.6f %.6f %.6f\n", b[1].x, b[1].y, b[1].z);
  return 0;
}
