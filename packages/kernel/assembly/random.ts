// The kernel's random generator: ChaCha20 keyed from the machine's entropy source. Key
// stream blocks are handed out under a 64-bit block position (counter word and the first
// nonce word); after every request the key is replaced by fresh key stream (so earlier
// output cannot be recomputed from a later state), and fresh entropy is mixed into the
// key every RESEED_BYTES of output.
import { chacha20Block } from "./chacha20";
import { machine_entropy } from "./machine";
import { nativeCopy } from "./native";

const RESEED_BYTES: u64 = 1 << 20;

const key = memory.data(32, 16);
const nonce = memory.data(12, 16);
const block = memory.data(64, 16);
let position: u64 = 0;
let sinceReseed: u64 = 0;

/** XORs four 64-bit entropy words into the key. */
function mixEntropy(): void {
  for (let i: usize = 0; i < 4; i++) store<u64>(key + 8 * i, load<u64>(key + 8 * i) ^ machine_entropy());
  sinceReseed = 0;
}

export function seedRandom(): void {
  mixEntropy();
  store<u32>(nonce, 0);
  store<u64>(nonce + 4, machine_entropy());
  position = 0;
}

function nextBlock(): void {
  store<u32>(nonce, <u32>(position >> 32));
  chacha20Block(key, <u32>position, nonce, block);
  position++;
}

/** Fills `len` bytes at a native address; an errno (always 0: the generator cannot fail). */
export function fillRandom(addr: u64, len: u32): u32 {
  if (sinceReseed >= RESEED_BYTES) mixEntropy();
  let done: u32 = 0;
  while (done < len) {
    nextBlock();
    const n: u32 = len - done < 64 ? len - done : 64;
    nativeCopy(addr + done, <u64>block, n);
    done += n;
  }
  sinceReseed += len;
  nextBlock();
  memory.copy(key, block, 32);
  memory.fill(block, 0, 64);
  return 0;
}
