// Generates the WASI fuzz apps (WAT) for test/unikernel/wasi-fuzz.test.ts.
//
// The main app calls the 45 preview1 functions that return (all but proc_exit) in a random
// order, with arguments drawn at run time from a seeded xorshift64* generator written in
// WAT: edge values, bad fds, pointers and lengths at and past the end of memory, iovec and
// subscription arrays with garbage. Its bookkeeping lives in globals only, because the
// calls it makes may write anywhere in its memory. Structures a call reads (iovecs,
// subscriptions, strings) are written by the app just before the call whenever they fit
// in memory, so their content is the same on every platform and never left over from an
// earlier call's output.

/** The app's memory: one page, no growth, so "the end" is always 65536. */
export const MEMORY_SIZE = 65536;

/**
 * What each parameter means to the generator:
 * fd: a descriptor (stdio, bad ones, huge); ptr: an address; len: a length;
 * iovs + niovs: an iovec array and its count (filled by the app);
 * subs + nsubs: a subscription array and its count (filled by the app; safe clocks only);
 * str + len: a string without NUL (filled by the app); clock: a clock id;
 * flags: small bit sets and garbage; u64: a 64-bit value.
 */
type Role = 'fd' | 'ptr' | 'len' | 'iovs' | 'niovs' | 'subs' | 'nsubs' | 'str' | 'clock' | 'flags' | 'u64';

/**
 * When a call's errno cannot depend on the platform, so the unikernel and linux runs must
 * agree on it: `always` (kernel-wasi answers without asking the platform), `badFd` (the
 * first argument is not stdio: EBADF before any platform call), `outOfBounds` (an output
 * range that does not fit: EFAULT before any platform call), `never`.
 */
type Compare = 'always' | 'never' | 'badFd' | { outOfBounds: number; size: number | 'arg1' };

interface FuzzedFunction {
  name: string;
  roles: readonly Role[];
  compare: Compare;
}

// Every preview1 function but proc_exit (it ends the run: exitApp covers it). The test
// checks this list against @mewz/kernel-wasi's WASI_PREVIEW1 (names and Wasm types).
export const FUZZED: readonly FuzzedFunction[] = [
  { name: 'args_get', roles: ['ptr', 'ptr'], compare: { outOfBounds: 0, size: 4 } }, // argc >= 1 on both
  { name: 'args_sizes_get', roles: ['ptr', 'ptr'], compare: 'always' },
  { name: 'environ_get', roles: ['ptr', 'ptr'], compare: 'never' }, // the environments differ
  { name: 'environ_sizes_get', roles: ['ptr', 'ptr'], compare: 'always' },
  { name: 'clock_res_get', roles: ['clock', 'ptr'], compare: { outOfBounds: 1, size: 8 } },
  { name: 'clock_time_get', roles: ['clock', 'u64', 'ptr'], compare: { outOfBounds: 2, size: 8 } },
  { name: 'fd_advise', roles: ['fd', 'u64', 'u64', 'flags'], compare: 'always' },
  { name: 'fd_allocate', roles: ['fd', 'u64', 'u64'], compare: 'always' },
  { name: 'fd_close', roles: ['fd'], compare: 'always' },
  { name: 'fd_datasync', roles: ['fd'], compare: 'always' },
  { name: 'fd_fdstat_get', roles: ['fd', 'ptr'], compare: 'badFd' },
  { name: 'fd_fdstat_set_flags', roles: ['fd', 'flags'], compare: 'always' },
  { name: 'fd_fdstat_set_rights', roles: ['fd', 'u64', 'u64'], compare: 'always' },
  { name: 'fd_filestat_get', roles: ['fd', 'ptr'], compare: 'badFd' },
  { name: 'fd_filestat_set_size', roles: ['fd', 'u64'], compare: 'always' },
  { name: 'fd_filestat_set_times', roles: ['fd', 'u64', 'u64', 'flags'], compare: 'always' },
  { name: 'fd_pread', roles: ['fd', 'iovs', 'niovs', 'u64', 'ptr'], compare: 'always' },
  { name: 'fd_prestat_get', roles: ['fd', 'ptr'], compare: 'always' },
  { name: 'fd_prestat_dir_name', roles: ['fd', 'ptr', 'len'], compare: 'always' },
  { name: 'fd_pwrite', roles: ['fd', 'iovs', 'niovs', 'u64', 'ptr'], compare: 'always' },
  { name: 'fd_read', roles: ['fd', 'iovs', 'niovs', 'ptr'], compare: 'badFd' },
  { name: 'fd_readdir', roles: ['fd', 'ptr', 'len', 'u64', 'ptr'], compare: 'always' },
  { name: 'fd_renumber', roles: ['fd', 'fd'], compare: 'always' },
  { name: 'fd_seek', roles: ['fd', 'u64', 'flags', 'ptr'], compare: 'always' },
  { name: 'fd_sync', roles: ['fd'], compare: 'always' },
  { name: 'fd_tell', roles: ['fd', 'ptr'], compare: 'always' },
  { name: 'fd_write', roles: ['fd', 'iovs', 'niovs', 'ptr'], compare: 'badFd' },
  { name: 'path_create_directory', roles: ['fd', 'str', 'len'], compare: 'always' },
  { name: 'path_filestat_get', roles: ['fd', 'flags', 'str', 'len', 'ptr'], compare: 'always' },
  { name: 'path_filestat_set_times', roles: ['fd', 'flags', 'str', 'len', 'u64', 'u64', 'flags'], compare: 'always' },
  { name: 'path_link', roles: ['fd', 'flags', 'str', 'len', 'fd', 'str', 'len'], compare: 'always' },
  { name: 'path_open', roles: ['fd', 'flags', 'str', 'len', 'flags', 'u64', 'u64', 'flags', 'ptr'], compare: 'always' },
  { name: 'path_readlink', roles: ['fd', 'str', 'len', 'ptr', 'len', 'ptr'], compare: 'always' },
  { name: 'path_remove_directory', roles: ['fd', 'str', 'len'], compare: 'always' },
  { name: 'path_rename', roles: ['fd', 'str', 'len', 'fd', 'str', 'len'], compare: 'always' },
  { name: 'path_symlink', roles: ['str', 'len', 'fd', 'str', 'len'], compare: 'always' },
  { name: 'path_unlink_file', roles: ['fd', 'str', 'len'], compare: 'always' },
  { name: 'poll_oneoff', roles: ['subs', 'ptr', 'nsubs', 'ptr'], compare: 'always' }, // the errno comes from the range checks only
  { name: 'proc_raise', roles: ['flags'], compare: 'always' },
  { name: 'sched_yield', roles: [], compare: 'always' },
  { name: 'random_get', roles: ['ptr', 'len'], compare: { outOfBounds: 0, size: 'arg1' } },
  { name: 'sock_accept', roles: ['fd', 'flags', 'ptr'], compare: 'always' },
  { name: 'sock_recv', roles: ['fd', 'iovs', 'niovs', 'flags', 'ptr', 'ptr'], compare: 'always' },
  { name: 'sock_send', roles: ['fd', 'iovs', 'niovs', 'flags', 'ptr'], compare: 'always' },
  { name: 'sock_shutdown', roles: ['fd', 'flags'], compare: 'always' },
];

/** The Wasm type of a parameter with this role. */
export function roleType(role: Role): 'i32' | 'i64' {
  return role === 'u64' ? 'i64' : 'i32';
}

const i32 = (v: number): string => `(i32.const ${v | 0})`;
const i64 = (v: bigint): string => `(i64.const ${BigInt.asIntN(64, v).toString()})`;

// The generators' choices, each equally likely. Values are WAT expressions; `(call $below N)`
// is uniform in [0, N), `(call $r32)` any u32, `(call $r64)` any u64.
const END = MEMORY_SIZE;
const EDGES32 = [0, 1, -1, 0x7fffffff, 0x80000000, END - 1, END, END + 1, END - 8, END + 8, 0xfffffff8, 0x10000].map(i32);
/**
 * Counts whose byte size wraps to 0 in 32 bits both as subscriptions (48 bytes) and as
 * events (32 bytes): a poll_oneoff that checked the sizes in 32 bits walked the whole count
 * (the bug POLL_WRAP_APP reproduces).
 */
export const WRAPPING_COUNTS = [0x80000000, 0x10000000, 0x20000000] as const;
const CHOICES: Record<Exclude<Role, 'iovs' | 'subs' | 'str' | 'niovs' | 'nsubs'> | 'count' | 'iovBuf' | 'iovLen', string[]> = {
  fd: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, 0x7fffffff, 0x80000000].map(i32).concat(['(call $r32)']),
  // In-bounds addresses are half the choices, so calls with several pointers still reach the platform.
  ptr: [...EDGES32, ...Array<string>(14).fill(`(call $below ${i32(END)})`), `(i32.sub ${i32(END)} (call $below (i32.const 16)))`, `(i32.add ${i32(END)} (call $below (i32.const 16)))`, '(call $r32)'],
  len: [...EDGES32, '(call $below (i32.const 64))', '(call $below (i32.const 64))', `(call $below ${i32(END + 1)})`, '(call $r32)'],
  // Array counts: small ones fill in-bounds arrays; IOV_MAX and past it; the most 48-byte
  // subscriptions that fit and one more; sizes whose byte count wraps in 32 bits.
  count: [0, 1, 1, 2, 2, 3, 1024, 1025, 1365, 1366, -1, 0x7fffffff, ...WRAPPING_COUNTS].map(i32).concat(['(call $below (i32.const 16))', '(call $r32)']),
  iovBuf: [0, END - 1, END, END + 1, -1, 0x80000000].map(i32).concat([`(call $below ${i32(END)})`, `(call $below ${i32(END)})`, '(local.get $array)', '(local.get $array)', '(local.get $array)', '(i32.add (local.get $array) (i32.const 4))', '(call $r32)']),
  iovLen: [0, 1, 8, END - 1, END, -1, 0x80000000, 0x7fffffff].map(i32).concat(['(call $below (i32.const 32))', '(call $below (i32.const 32))', '(call $below (i32.const 32))', '(call $r32)']),
  clock: [0, 1, 2, 3, 4, 7, 11, -1, 0x80000000].map(i32).concat(['(call $r32)']),
  flags: [0, 1, 2, 3, 4, 8, 0xff, 0xffff, -1, 0x80000000].map(i32).concat(['(call $below (i32.const 64))', '(call $r32)']),
  u64: [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, BigInt(END), 2n].map(i64).concat(['(call $r64)', '(i64.extend_i32_u (call $below (i32.const 4096)))']),
};

/** A function that returns one of `options` (WAT expressions of type `type`) at random. */
function chooser(name: string, type: 'i32' | 'i64', options: readonly string[]): string {
  const arms = options.map((expr, k) => `    (if (i32.eq (local.get $k) ${i32(k)}) (then (return ${expr})))`).join('\n');
  return `  (func $${name} (result ${type}) (local $k i32)
    (local.set $k (call $below ${i32(options.length)}))
${arms}
    (unreachable))`;
}

/** The same chooser with the array address as a parameter (iovec buffers may point into their own array). */
function arrayChooser(name: string, options: readonly string[]): string {
  const arms = options.map((expr, k) => `    (if (i32.eq (local.get $k) ${i32(k)}) (then (return ${expr})))`).join('\n');
  return `  (func $${name} (param $array i32) (result i32) (local $k i32)
    (local.set $k (call $below ${i32(options.length)}))
${arms}
    (unreachable))`;
}

/** Whether [ptr, ptr + bytes) fits in memory, computed in 64 bits (no wrap). */
const fits = (ptr: string, bytes: string): string =>
  `(i64.le_u (i64.add (i64.extend_i32_u ${ptr}) ${bytes}) (i64.const ${END}))`;

// Runtime helpers: the generator, structure fillers, output. The PRNG state is a global,
// so nothing the kernel writes to memory can change which arguments come next.
const RUNTIME = `
  (global $seed (mut i64) (i64.const 0))
  (func $r64 (result i64)
    (global.set $seed (i64.xor (global.get $seed) (i64.shr_u (global.get $seed) (i64.const 12))))
    (global.set $seed (i64.xor (global.get $seed) (i64.shl (global.get $seed) (i64.const 25))))
    (global.set $seed (i64.xor (global.get $seed) (i64.shr_u (global.get $seed) (i64.const 27))))
    (i64.mul (global.get $seed) (i64.const 0x2545F4914F6CDD1D)))
  (func $r32 (result i32) (i32.wrap_i64 (i64.shr_u (call $r64) (i64.const 32))))
  (func $below (param $n i32) (result i32) (i32.rem_u (call $r32) (local.get $n)))

  ;; count iovecs at array, when they all fit: buffers and lengths from the generators.
  (func $fill_iovecs (param $array i32) (param $count i32) (local $i i32) (local $at i32)
    (if (i32.gt_u (local.get $count) (i32.const 2048)) (then (return)))
    (if (i32.eqz ${fits('(local.get $array)', '(i64.mul (i64.extend_i32_u (local.get $count)) (i64.const 8))')}) (then (return)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      (local.set $at (i32.add (local.get $array) (i32.shl (local.get $i) (i32.const 3))))
      (i32.store (local.get $at) (call $gen_iov_buf (local.get $array)))
      (i32.store offset=4 (local.get $at) (call $gen_iov_len))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    ;; Every other array has its first buffer, one byte (what a console read gets at a
    ;; time), over a byte of its second iovec, which is valid until a read changes it.
    (if (i32.and (i32.ge_u (local.get $count) (i32.const 2)) (call $below (i32.const 2))) (then
      (i32.store (local.get $array) (i32.add (local.get $array) (i32.add (i32.const 8) (call $below (i32.const 8)))))
      (i32.store offset=4 (local.get $array) (i32.const 1))
      (i32.store offset=8 (local.get $array) (call $below ${i32(END - 64)}))
      (i32.store offset=12 (local.get $array) (call $below (i32.const 32))))))

  ;; count subscriptions at array, when they all fit. Random bytes everywhere, then a
  ;; type: clock (relative timeouts under 1 us, or absolute ones at time 0 or 1, already
  ;; past on every clock that exists), fd_read/fd_write on a generated fd, or a garbage
  ;; type. A clock with a huge relative timeout would rightly sleep for ever, so there is none.
  (func $fill_subs (param $array i32) (param $count i32) (local $i i32) (local $at i32) (local $type i32) (local $w i32)
    (if (i32.gt_u (local.get $count) (i32.const 1400)) (then (return)))
    (if (i32.eqz ${fits('(local.get $array)', '(i64.mul (i64.extend_i32_u (local.get $count)) (i64.const 48))')}) (then (return)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      (local.set $at (i32.add (local.get $array) (i32.mul (local.get $i) (i32.const 48))))
      (local.set $w (i32.const 0))
      (block $filled (loop $word
        (br_if $filled (i32.ge_u (local.get $w) (i32.const 48)))
        (i64.store (i32.add (local.get $at) (local.get $w)) (call $r64))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (br $word)))
      (local.set $type (call $below (i32.const 5)))
      (if (i32.eq (local.get $type) (i32.const 3)) (then (local.set $type (i32.const 0))))
      (if (i32.eq (local.get $type) (i32.const 4)) (then (local.set $type (i32.add (i32.const 3) (call $below (i32.const 253))))))
      (i32.store8 offset=8 (local.get $at) (local.get $type))
      (if (i32.eqz (local.get $type)) (then
        (i32.store offset=16 (local.get $at) (call $gen_clock))
        (if (call $below (i32.const 2))
          (then
            (i64.store offset=24 (local.get $at) (i64.extend_i32_u (call $below (i32.const 1000))))
            (i32.store16 offset=40 (local.get $at) (i32.and (call $r32) (i32.const 0xfffe))))
          (else
            (i64.store offset=24 (local.get $at) (i64.extend_i32_u (call $below (i32.const 2))))
            (i32.store16 offset=40 (local.get $at) (i32.or (call $r32) (i32.const 1)))))))
      (if (i32.or (i32.eq (local.get $type) (i32.const 1)) (i32.eq (local.get $type) (i32.const 2))) (then
        (i32.store offset=16 (local.get $at) (call $gen_fd))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; A path without NUL: up to 64 bytes of 'p' when [ptr, ptr + len) fits.
  (func $fill_str (param $ptr i32) (param $len i32)
    (if (i32.eqz ${fits('(local.get $ptr)', '(i64.extend_i32_u (local.get $len))')}) (then (return)))
    (memory.fill (local.get $ptr) (i32.const 112) (select (local.get $len) (i32.const 64) (i32.lt_u (local.get $len) (i32.const 64)))))

  ;; Output: a buffer from 0 (used only before and after fuzzing), written with fd_write.
  (global $pos (mut i32) (i32.const 0))
  (func $putc (param $c i32)
    (i32.store8 (global.get $pos) (local.get $c))
    (global.set $pos (i32.add (global.get $pos) (i32.const 1))))
  (func $putdec (param $v i32)
    (if (i32.ge_u (local.get $v) (i32.const 10)) (then (call $putdec (i32.div_u (local.get $v) (i32.const 10)))))
    (call $putc (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10)))))
  (func $puthex (param $v i32) (local $shift i32) (local $d i32)
    (local.set $shift (i32.const 28))
    (loop $digit
      (local.set $d (i32.and (i32.shr_u (local.get $v) (local.get $shift)) (i32.const 15)))
      (call $putc (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
      (local.set $shift (i32.sub (local.get $shift) (i32.const 4)))
      (br_if $digit (i32.ge_s (local.get $shift) (i32.const 0)))))
  (func $flush
    (i32.store (i32.const ${END - 8}) (i32.const 0))
    (i32.store (i32.const ${END - 4}) (global.get $pos))
    (drop (call $wasi_fd_write (i32.const 1) (i32.const ${END - 8}) (i32.const 1) (i32.const ${END - 12})))
    (global.set $pos (i32.const 0)))
  (func $puts (param $s i64) (param $n i32)
    ;; up to 8 ASCII bytes packed little-endian in $s
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (call $putc (i32.wrap_i64 (i64.and (local.get $s) (i64.const 255))))
      (local.set $s (i64.shr_u (local.get $s) (i64.const 8)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))))
`;

/** WAT that prints `text` with $puts, 8 bytes at a time. */
function putText(text: string): string {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += 8) {
    const chunk = text.slice(at, at + 8);
    let packed = 0n;
    for (let k = chunk.length - 1; k >= 0; k--) packed = (packed << 8n) | BigInt(chunk.charCodeAt(k));
    out.push(`(call $puts ${i64(packed)} ${i32(chunk.length)})`);
  }
  return out.join(' ');
}

function compareExpr(compare: Compare): string {
  if (compare === 'always') return i32(1);
  if (compare === 'never') return i32(0);
  if (compare === 'badFd') return '(i32.gt_u (local.get $a0) (i32.const 2))';
  const size = compare.size === 'arg1' ? '(i64.extend_i32_u (local.get $a1))' : `(i64.const ${compare.size})`;
  // random_get with length 0 never reaches the platform either.
  const zero = compare.size === 'arg1' ? '(i32.eqz (local.get $a1))' : i32(0);
  return `(i32.or ${zero} (i32.eqz ${fits(`(local.get $a${compare.outOfBounds})`, size)}))`;
}

/** One fuzzing step for `fn`: arguments, structures, the call, the bookkeeping. */
function stepFunction(fn: FuzzedFunction, index: number): string {
  const { name, roles } = fn;
  const locals = roles.map((role, k) => `(local $a${k} ${roleType(role)})`).join(' ');
  const gen = (role: Role): string => {
    if (role === 'u64') return '(call $gen_u64)';
    if (role === 'fd' || role === 'clock' || role === 'flags' || role === 'len' || role === 'ptr') return `(call $gen_${role})`;
    if (role === 'niovs' || role === 'nsubs') return '(call $gen_count)';
    return '(call $gen_ptr)'; // iovs, subs, str: addresses
  };
  const sets = roles.map((role, k) => `    (local.set $a${k} ${gen(role)})`).join('\n');
  const fills: string[] = [];
  roles.forEach((role, k) => {
    if (role === 'iovs') fills.push(`    (call $fill_iovecs (local.get $a${k}) (local.get $a${k + 1}))`);
    if (role === 'str') fills.push(`    (call $fill_str (local.get $a${k}) (local.get $a${k + 1}))`);
    if (role === 'subs') fills.push(`    (call $fill_subs (local.get $a${k}) (local.get $a${roles.indexOf('nsubs')}))`);
  });
  const args = roles.map((_, k) => `(local.get $a${k})`).join(' ');
  const fnv = (h: string): string => `(global.set ${h} (i32.mul (i32.xor (global.get ${h}) (local.get $e)) (i32.const 16777619)))`;
  return `  (func $step_${index} ${locals} (local $e i32)
${sets}
${fills.join('\n')}
    (local.set $e (call $wasi_${name} ${args}))
    (global.set $n_${index} (i32.add (global.get $n_${index}) (i32.const 1)))
    (if (i32.eqz (local.get $e)) (then (global.set $ok_${index} (i32.add (global.get $ok_${index}) (i32.const 1)))))
    ${fnv(`$all_${index}`)}
    (if ${compareExpr(fn.compare)} (then
      (global.set $c_${index} (i32.add (global.get $c_${index}) (i32.const 1)))
      ${fnv(`$cmp_${index}`)}))
    (call $record (local.get $e) ${i32(index)}))`;
}

// The fixed poll_oneoff checks, before fuzzing: each must return at once. Subscriptions at
// 1024, events at 2048, the count at 4000. [userdata, type, clock id or fd, timeout, flags].
type Sub = [ud: number, type: number, idOrFd: number, timeout: bigint, flags: number];
export const POLL_CHECKS: { what: string; subs: Sub[]; expected: string }[] = [
  { what: 'a relative clock of 0 ns', subs: [[0xa1, 0, 1, 0n, 0]], expected: '0/1/0/0/161' },
  { what: 'a huge relative clock beside a ready stdout', subs: [[0xb1, 0, 1, -1n, 0], [0xb2, 2, 1, 0n, 0]], expected: '0/1/2/0/178' },
  { what: 'an absolute realtime clock in the past', subs: [[0xc1, 0, 0, 1n, 1]], expected: '0/1/0/0/193' },
  { what: 'an absolute monotonic clock in the past', subs: [[0xd1, 0, 1, 1n, 1]], expected: '0/1/0/0/209' },
  { what: 'a huge relative clock beside one of 0 ns', subs: [[0xe1, 0, 1, -1n, 0], [0xe2, 0, 1, 0n, 0]], expected: '0/1/0/0/226' },
  // A kernel bug found at 9859265 (fixed in 490c0a0): poll.ts remaining() turned a
  // timeout - now above i64.MAX into a negative i64, reported as an errno: a second event,
  // the clock's, with garbage as its error.
  { what: 'a huge absolute clock (the far future) beside a ready stdin', subs: [[0xf1, 0, 0, -1n, 1], [0xf2, 1, 0, 0n, 0]], expected: '0/1/1/0/242' },
];

function pollChecks(): string {
  const body = POLL_CHECKS.map(({ subs }) => {
    const writes = subs
      .map(([ud, type, id, timeout, flags], k) => {
        const at = 1024 + 48 * k;
        return `(memory.fill ${i32(at)} (i32.const 0) (i32.const 48)) (i64.store ${i32(at)} ${i64(BigInt(ud))}) (i32.store8 ${i32(at + 8)} ${i32(type)}) (i32.store ${i32(at + 16)} ${i32(id)}) (i64.store ${i32(at + 24)} ${i64(timeout)}) (i32.store16 ${i32(at + 40)} ${i32(flags)})`;
      })
      .join('\n    ');
    return `    ${writes}
    (memory.fill (i32.const 2048) (i32.const 0xee) (i32.const 128)) (i32.store (i32.const 4000) (i32.const 99))
    (call $putc (i32.const 32))
    (call $putdec (call $wasi_poll_oneoff (i32.const 1024) (i32.const 2048) ${i32(subs.length)} (i32.const 4000))) (call $putc (i32.const 47))
    (call $putdec (i32.load (i32.const 4000))) (call $putc (i32.const 47))
    (call $putdec (i32.load8_u (i32.const 2058))) (call $putc (i32.const 47))
    (call $putdec (i32.load16_u (i32.const 2056))) (call $putc (i32.const 47))
    (call $putdec (i32.load (i32.const 2048)))`;
  });
  return `  (func $poll_checks
    ${putText('poll')}
${body.join('\n')}
    (call $putc (i32.const 10))
    (call $flush))`;
}

/**
 * The fuzz app: poll checks, then `calls` steps with functions picked at random, then a
 * summary: `wasi-fuzz calls=N checksum=H bad=B first-bad=F:E`, one line per function
 * `<name> <calls> <compared calls> <hash of compared errnos> <hash of all errnos> <successes>`
 * (FNV-1a over the errno sequence), and `wasi-fuzz end`. Returns from _start: status 0.
 */
export function fuzzApp(seed: bigint, calls: number): string {
  const imports = FUZZED.map(
    ({ name, roles }) =>
      `  (import "wasi_snapshot_preview1" "${name}" (func $wasi_${name} (param ${roles.map(roleType).join(' ')}) (result i32)))`.replace(' (param )', ''),
  ).join('\n');
  const globals = FUZZED.map(
    (_, k) => `  (global $n_${k} (mut i32) (i32.const 0)) (global $ok_${k} (mut i32) (i32.const 0)) (global $c_${k} (mut i32) (i32.const 0)) (global $all_${k} (mut i32) (i32.const 0x811c9dc5)) (global $cmp_${k} (mut i32) (i32.const 0x811c9dc5))`,
  ).join('\n');
  const summaryLines = FUZZED.map(
    ({ name }, k) =>
      `    ${putText(`${name} `)} (call $putdec (global.get $n_${k})) (call $putc (i32.const 32)) (call $putdec (global.get $c_${k})) (call $putc (i32.const 32)) (call $puthex (global.get $cmp_${k})) (call $putc (i32.const 32)) (call $puthex (global.get $all_${k})) (call $putc (i32.const 32)) (call $putdec (global.get $ok_${k})) (call $putc (i32.const 10))`,
  ).join('\n');
  return `;; Generated by e2e/unikernel/wasi-fuzz.ts (seed ${seed}, ${calls} calls).
(module
${imports}
  (memory (export "memory") 1 1)
  (type $step (func))
  (table ${FUZZED.length} ${FUZZED.length} funcref)
  (elem (i32.const 0) ${FUZZED.map((_, k) => `$step_${k}`).join(' ')})
${RUNTIME}
${chooser('gen_fd', 'i32', CHOICES.fd)}
${chooser('gen_ptr', 'i32', CHOICES.ptr)}
${chooser('gen_len', 'i32', CHOICES.len)}
${chooser('gen_count', 'i32', CHOICES.count)}
${chooser('gen_clock', 'i32', CHOICES.clock)}
${chooser('gen_flags', 'i32', CHOICES.flags)}
${chooser('gen_u64', 'i64', CHOICES.u64)}
${chooser('gen_iov_len', 'i32', CHOICES.iovLen)}
${arrayChooser('gen_iov_buf', CHOICES.iovBuf)}
${globals}
  (global $calls (mut i32) (i32.const 0))
  (global $checksum (mut i32) (i32.const 0x811c9dc5))
  (global $bad (mut i32) (i32.const 0))
  (global $first_bad (mut i32) (i32.const -1))
  (global $first_bad_errno (mut i32) (i32.const 0))
  ;; Every result must be a WASI errno (0..76).
  (func $record (param $e i32) (param $fn i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.set $checksum (i32.mul (i32.xor (global.get $checksum) (local.get $e)) (i32.const 16777619)))
    (if (i32.gt_u (local.get $e) (i32.const 76)) (then
      (if (i32.lt_s (global.get $first_bad) (i32.const 0)) (then
        (global.set $first_bad (local.get $fn))
        (global.set $first_bad_errno (local.get $e))))
      (global.set $bad (i32.add (global.get $bad) (i32.const 1))))))
${FUZZED.map(stepFunction).join('\n')}
${pollChecks()}
  (func $summary
    (call $putc (i32.const 10))
    ${putText('wasi-fuzz calls=')} (call $putdec (global.get $calls))
    ${putText(' checksum=')} (call $puthex (global.get $checksum))
    ${putText(' bad=')} (call $putdec (global.get $bad))
    ${putText(' first-bad=')} (if (i32.lt_s (global.get $first_bad) (i32.const 0)) (then (call $putc (i32.const 45))) (else (call $putdec (global.get $first_bad))))
    (call $putc (i32.const 58)) (call $putdec (global.get $first_bad_errno)) (call $putc (i32.const 10))
    (call $flush)
${summaryLines}
    ${putText('wasi-fuzz end')} (call $putc (i32.const 10))
    (call $flush))
  (func $main (export "_start") (local $i i32)
    (call $poll_checks)
    (global.set $seed ${i64(seed === 0n ? 1n : seed)})
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) ${i32(calls)}))
      (call_indirect (type $step) (call $below ${i32(FUZZED.length)}))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $summary)))
`;
}

/** The proc_exit codes exitApp uses: its argument count (argv[0] included) picks one. */
export const EXIT_CODES = [0x100, 0xffffffff, 0x80000000, 0x12345678, 0xdeadbe01] as const;

/**
 * Prints `exit <code in hex>` then calls proc_exit(EXIT_CODES[argc - 1]); if it returned,
 * prints `!` and returns normally (status 0).
 */
export function exitApp(): string {
  const codes = EXIT_CODES.map((code, k) => `(if (i32.eq (local.get $argc) ${i32(k + 1)}) (then (local.set $code ${i32(code)})))`).join('\n    ');
  return `;; Generated by e2e/unikernel/wasi-fuzz.ts: proc_exit with garbage codes.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $wasi_args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $wasi_fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $wasi_proc_exit (param i32)))
  (memory (export "memory") 1 1)
  (global $pos (mut i32) (i32.const 0))
  (func $putc (param $c i32)
    (i32.store8 (global.get $pos) (local.get $c))
    (global.set $pos (i32.add (global.get $pos) (i32.const 1))))
  (func $flush
    (i32.store (i32.const 60000) (i32.const 0))
    (i32.store (i32.const 60004) (global.get $pos))
    (drop (call $wasi_fd_write (i32.const 1) (i32.const 60000) (i32.const 1) (i32.const 60008)))
    (global.set $pos (i32.const 0)))
  (func (export "_start") (local $argc i32) (local $code i32) (local $shift i32) (local $d i32)
    (drop (call $wasi_args_sizes_get (i32.const 60016) (i32.const 60020)))
    (local.set $argc (i32.load (i32.const 60016)))
    (local.set $code (i32.const 7))
    ${codes}
    (call $putc (i32.const 101)) (call $putc (i32.const 120)) (call $putc (i32.const 105)) (call $putc (i32.const 116)) (call $putc (i32.const 32))
    (local.set $shift (i32.const 28))
    (loop $digit
      (local.set $d (i32.and (i32.shr_u (local.get $code) (local.get $shift)) (i32.const 15)))
      (call $putc (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
      (local.set $shift (i32.sub (local.get $shift) (i32.const 4)))
      (br_if $digit (i32.ge_s (local.get $shift) (i32.const 0))))
    (call $putc (i32.const 10))
    (call $flush)
    (call $wasi_proc_exit (local.get $code))
    (call $putc (i32.const 33)) (call $putc (i32.const 10)) (call $flush)))
`;
}

/**
 * The shortest reproduction of a poll_oneoff bug the fuzzer found (fixed in 490c0a0):
 * 0x80000000 subscriptions. 0x80000000 * 48 and * 32 wrap to 0 in 32 bits, so range checks
 * done in 32 bits pass and the kernel walks 2^31 subscriptions (reading and writing wrapped
 * addresses in the app's memory). Prints `poll <errno>` when it returns.
 */
export const POLL_WRAP_APP = `;; Generated by e2e/unikernel/wasi-fuzz.ts: poll_oneoff(0, 0, 0x80000000, 0).
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $wasi_poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $wasi_fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (func (export "_start") (local $e i32)
    (local.set $e (call $wasi_poll_oneoff (i32.const 0) (i32.const 0) (i32.const 0x80000000) (i32.const 0)))
    (i32.store (i32.const 100) (i32.const 0x6c6c6f70)) ;; "poll"
    (i32.store8 (i32.const 104) (i32.const 32))
    (i32.store8 (i32.const 105) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 106) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 107) (i32.const 10))
    (i32.store (i32.const 200) (i32.const 100))
    (i32.store (i32.const 204) (i32.const 8))
    (drop (call $wasi_fd_write (i32.const 1) (i32.const 200) (i32.const 1) (i32.const 208)))))
`;

/**
 * The shortest reproduction of the fd_read bug the fuzzer found with stdin (a kernel panic,
 * fixed in 490c0a0): iovec 0 is one byte over the top byte of iovec 1's buffer address.
 * fd_read checked both iovecs, read one byte into iovec 0 (making iovec 1 point past the
 * end of memory), then read iovec 1 again from app memory without checking it and handed
 * the console native address 0. Prints `<errno as 2 digits> <nread>` when the call returns.
 */
export const FD_READ_OVERWRITE_APP = `;; Generated by e2e/unikernel/wasi-fuzz.ts: fd_read(0, [{11, 1}, {100, 4}], 2, 200).
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $wasi_fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $wasi_fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (func (export "_start") (local $e i32)
    (i32.store (i32.const 0) (i32.const 11)) (i32.store (i32.const 4) (i32.const 1))
    (i32.store (i32.const 8) (i32.const 100)) (i32.store (i32.const 12) (i32.const 4))
    (local.set $e (call $wasi_fd_read (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 200)))
    (i32.store8 (i32.const 300) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 301) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 302) (i32.const 32))
    (i32.store8 (i32.const 303) (i32.add (i32.const 48) (i32.load (i32.const 200))))
    (i32.store8 (i32.const 304) (i32.const 10))
    (i32.store (i32.const 400) (i32.const 300)) (i32.store (i32.const 404) (i32.const 5))
    (drop (call $wasi_fd_write (i32.const 1) (i32.const 400) (i32.const 1) (i32.const 408)))))
`;

/** `n` bytes from a seeded xorshift32 (stdin for a fuzz run: the same bytes for the same seed). */
export function seededBytes(seed: bigint, n: number): Buffer {
  let s = Number(BigInt.asUintN(32, seed)) || 1;
  const out = Buffer.alloc(n);
  for (let k = 0; k < n; k++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[k] = s >>> 24;
  }
  return out;
}
