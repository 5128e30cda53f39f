/*
 * Host side of the wasm2c variant of the cpu benchmark suite: main() plus the few WASI
 * preview1 calls that the suite's programs (C built with Debian's wasi-libc) import.
 * wasm2c is run with `-n module`, so every program's generated code has the same symbol
 * names and this one file serves them all. Memory arguments are bounds checked (EFAULT),
 * as a real WASI host must; anything else the programs would need is deliberately absent,
 * so that a new import shows up as a link error rather than a silent stub.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "module.h"
#include "wasm-rt-impl.h"

enum { WASI_ESUCCESS = 0, WASI_EBADF = 8, WASI_EFAULT = 21, WASI_EINVAL = 28, WASI_ESPIPE = 70 };

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t* memory;
  int argc;
  char** argv;
};

/* Is [addr, addr+len) inside linear memory? Computed in 64 bits so the sum cannot wrap. */
static int in_bounds(const wasm_rt_memory_t* m, u32 addr, u64 len) {
  return (u64)addr + len <= m->size;
}

static u32 load32(const wasm_rt_memory_t* m, u32 addr) {
  u32 v;
  memcpy(&v, m->data + addr, 4);
  return v;
}

static void store32(wasm_rt_memory_t* m, u32 addr, u32 v) { memcpy(m->data + addr, &v, 4); }
static void store64(wasm_rt_memory_t* m, u32 addr, u64 v) { memcpy(m->data + addr, &v, 8); }

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 argc_out, u32 size_out) {
  if (!in_bounds(w->memory, argc_out, 4) || !in_bounds(w->memory, size_out, 4)) return WASI_EFAULT;
  u32 size = 0;
  for (int i = 0; i < w->argc; i++) size += (u32)strlen(w->argv[i]) + 1;
  store32(w->memory, argc_out, (u32)w->argc);
  store32(w->memory, size_out, size);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_args_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 argv_out, u32 buf_out) {
  if (!in_bounds(w->memory, argv_out, 4ull * (u64)w->argc)) return WASI_EFAULT;
  for (int i = 0; i < w->argc; i++) {
    u32 len = (u32)strlen(w->argv[i]) + 1;
    if (!in_bounds(w->memory, buf_out, len)) return WASI_EFAULT;
    memcpy(w->memory->data + buf_out, w->argv[i], len);
    store32(w->memory, argv_out + 4u * (u32)i, buf_out);
    buf_out += len;
  }
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out) {
  if (fd != 1 && fd != 2) return WASI_EBADF;
  if (!in_bounds(w->memory, iovs, 8ull * iovs_len) || !in_bounds(w->memory, nwritten_out, 4)) return WASI_EFAULT;
  u32 total = 0;
  for (u32 i = 0; i < iovs_len; i++) {
    u32 buf = load32(w->memory, iovs + 8 * i);
    u32 len = load32(w->memory, iovs + 8 * i + 4);
    if (!in_bounds(w->memory, buf, len)) return WASI_EFAULT;
    const u8* p = w->memory->data + buf;
    while (len > 0) {
      ssize_t n = write((int)fd, p, len);
      if (n < 0) {
        if (errno == EINTR) continue;
        return WASI_EBADF;
      }
      p += n;
      len -= (u32)n;
      total += (u32)n;
    }
  }
  store32(w->memory, nwritten_out, total);
  return WASI_ESUCCESS;
}

/* wasi-libc asks whether stdout is a tty to pick its buffering: report a character device. */
u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd, u32 out) {
  if (fd > 2) return WASI_EBADF;
  if (!in_bounds(w->memory, out, 24)) return WASI_EFAULT;
  memset(w->memory->data + out, 0, 24);
  w->memory->data[out] = 2; /* filetype: character_device */
  store64(w->memory, out + 8, ~0ull); /* rights: all */
  store64(w->memory, out + 16, ~0ull);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd, u64 offset, u32 whence, u32 out) {
  (void)w, (void)offset, (void)whence, (void)out;
  return fd <= 2 ? WASI_ESPIPE : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(struct Z_wasi_snapshot_preview1_instance_t* w, u32 fd) {
  (void)w;
  return fd <= 2 ? WASI_ESUCCESS : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_clock_time_get(struct Z_wasi_snapshot_preview1_instance_t* w, u32 id, u64 precision, u32 out) {
  (void)precision;
  static const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  if (id > 3) return WASI_EINVAL;
  if (!in_bounds(w->memory, out, 8)) return WASI_EFAULT;
  struct timespec ts;
  clock_gettime(clocks[id], &ts);
  store64(w->memory, out, (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec);
  return WASI_ESUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(struct Z_wasi_snapshot_preview1_instance_t* w, u32 code) {
  (void)w;
  exit((int)code);
}

int main(int argc, char** argv) {
  static Z_module_instance_t instance;
  struct Z_wasi_snapshot_preview1_instance_t wasi = {NULL, argc, argv};
  wasm_rt_init();
  Z_module_init_module();
  Z_module_instantiate(&instance, &wasi);
  wasi.memory = Z_moduleZ_memory(&instance);
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "wasm trap: %s\n", wasm_rt_strerror(trap));
    return 134;
  }
  Z_moduleZ__start(&instance);
  return 0;
}
