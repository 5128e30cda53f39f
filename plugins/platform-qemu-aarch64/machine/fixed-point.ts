// Unsigned 64-bit fixed-point arithmetic with a 128-bit intermediate, so converting tick
// counts to nanoseconds (and back) neither overflows nor accumulates rounding error.

/** (x * m) >> 32, exact while the result fits in 64 bits. */
export function mulShift32(x: u64, m: u64): u64 {
  const xh = x >> 32;
  const xl = x & 0xffff_ffff;
  const mh = m >> 32;
  const ml = m & 0xffff_ffff;
  return ((xh * mh) << 32) + xh * ml + xl * mh + ((xl * ml) >> 32);
}

/** round(a * 2^32 / b) for b > 0, exact while the result fits in 64 bits. */
export function ratio32(a: u64, b: u64): u64 {
  // Long division of the 96-bit a << 32 by b, one bit at a time: boot-time only.
  let quotient: u64 = 0;
  let rem: u64 = 0;
  for (let i: i32 = 95; i >= 0; i--) {
    const bit: u64 = i >= 32 ? (a >> <u64>(i - 32)) & 1 : 0;
    const carry = rem >> 63;
    rem = (rem << 1) | bit;
    quotient <<= 1;
    if (carry != 0 || rem >= b) {
      rem -= b;
      quotient |= 1;
    }
  }
  // Round to nearest.
  if (rem >= b - rem) quotient++;
  return quotient;
}
