// Readable aliases for 8-bit operands in test tables: GPRs are width-neutral, so
// `al` is just rax used with size 8 (ah..bh are real distinct registers).
import { rax, rbx } from '../src/index.js';

export { ah, bh, ch, dh } from '../src/index.js';
export const al = rax;
export const bl = rbx;
