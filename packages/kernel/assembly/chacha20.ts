// The ChaCha20 block function (RFC 8439 §2.3): 32-byte key, 32-bit block counter and
// 12-byte nonce in, 64 bytes of key stream out.

const state = memory.data(64, 16);
const work = memory.data(64, 16);

@inline function rotl(x: u32, n: u32): u32 {
  return (x << n) | (x >>> (32 - n));
}

@inline function quarter(a: u32, b: u32, c: u32, d: u32): void {
  const pa = work + a * 4, pb = work + b * 4, pc = work + c * 4, pd = work + d * 4;
  let va = load<u32>(pa), vb = load<u32>(pb), vc = load<u32>(pc), vd = load<u32>(pd);
  va += vb; vd = rotl(vd ^ va, 16);
  vc += vd; vb = rotl(vb ^ vc, 12);
  va += vb; vd = rotl(vd ^ va, 8);
  vc += vd; vb = rotl(vb ^ vc, 7);
  store<u32>(pa, va); store<u32>(pb, vb); store<u32>(pc, vc); store<u32>(pd, vd);
}

/** Writes the 64-byte block for (key, counter, nonce) at `out` (kernel addresses). */
export function chacha20Block(key: usize, counter: u32, nonce: usize, out: usize): void {
  store<u32>(state, 0x61707865);
  store<u32>(state, 0x3320646e, 4);
  store<u32>(state, 0x79622d32, 8);
  store<u32>(state, 0x6b206574, 12);
  for (let i: usize = 0; i < 8; i++) store<u32>(state + 16 + 4 * i, load<u32>(key + 4 * i));
  store<u32>(state, counter, 48);
  for (let i: usize = 0; i < 3; i++) store<u32>(state + 52 + 4 * i, load<u32>(nonce + 4 * i));
  memory.copy(work, state, 64);
  for (let round = 0; round < 10; round++) {
    quarter(0, 4, 8, 12);
    quarter(1, 5, 9, 13);
    quarter(2, 6, 10, 14);
    quarter(3, 7, 11, 15);
    quarter(0, 5, 10, 15);
    quarter(1, 6, 11, 12);
    quarter(2, 7, 8, 13);
    quarter(3, 4, 9, 14);
  }
  for (let i: usize = 0; i < 16; i++) store<u32>(out + 4 * i, load<u32>(work + 4 * i) + load<u32>(state + 4 * i));
}
