// The CMOS real-time clock, read once at boot: seconds since the Unix epoch.
import { cmosRead } from "./cmos";

const REG_A: u32 = 0x0a;
const REG_B: u32 = 0x0b;
const UPDATE_IN_PROGRESS: u32 = 0x80;
const B_24_HOUR: u32 = 0x02;
const B_BINARY: u32 = 0x04;
const CENTURY: u32 = 0x32;

/** Waits (bounded) until the RTC is not updating; false when it never settles (no RTC reads 0xff). */
function settled(): bool {
  for (let i = 0; i < 1_000_000; i++) {
    if ((cmosRead(REG_A) & UPDATE_IN_PROGRESS) == 0) return true;
  }
  return false;
}

const raw = memory.data(8);
const again = memory.data(8);
const REGS: u32 = 7; // seconds, minutes, hours, day, month, year, century
function regOf(i: u32): u32 {
  return i == 0 ? 0 : i == 1 ? 2 : i == 2 ? 4 : i == 3 ? 7 : i == 4 ? 8 : i == 5 ? 9 : CENTURY;
}

function snapshot(into: usize): void {
  for (let i: u32 = 0; i < REGS; i++) store<u8>(into + i, <u8>cmosRead(regOf(i)));
}

function fromBcd(v: u32): u32 {
  return (v & 0x0f) + (v >> 4) * 10;
}

function isLeap(y: u32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/** Days of the year before each month's first (non-leap years). */
const before = memory.data<u16>([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]);

/** Days from 1970-01-01 to the date (proleptic Gregorian). */
export function daysSinceEpoch(year: u32, month: u32, day: u32): u64 {
  let days: u64 = 0;
  for (let y: u32 = 1970; y < year; y++) days += isLeap(y) ? 366 : 365;
  days += load<u16>(before + 2 * (month - 1));
  if (month > 2 && isLeap(year)) days++;
  return days + day - 1;
}

/**
 * Seconds since the epoch by the RTC, or -1 when there is no RTC or it reads nonsense.
 * Read twice until two readings agree (an update may land between the registers).
 */
export function rtcSeconds(): i64 {
  let tries = 0;
  do {
    if (!settled()) return -1;
    snapshot(raw);
    if (!settled()) return -1;
    snapshot(again);
  } while (memory.compare(raw, again, REGS) != 0 && ++tries < 5);

  const b = cmosRead(REG_B);
  const binary = (b & B_BINARY) != 0;
  let sec = <u32>load<u8>(raw);
  let min = <u32>load<u8>(raw + 1);
  let hourRaw = <u32>load<u8>(raw + 2);
  let day = <u32>load<u8>(raw + 3);
  let month = <u32>load<u8>(raw + 4);
  let year = <u32>load<u8>(raw + 5);
  let century = <u32>load<u8>(raw + 6);
  const pm = (b & B_24_HOUR) == 0 && (hourRaw & 0x80) != 0;
  hourRaw &= 0x7f;
  if (!binary) {
    sec = fromBcd(sec);
    min = fromBcd(min);
    hourRaw = fromBcd(hourRaw);
    day = fromBcd(day);
    month = fromBcd(month);
    year = fromBcd(year);
    century = fromBcd(century);
  }
  let hour = hourRaw;
  // 12-hour mode: 12 AM is 0 h, 12 PM stays 12 h.
  if ((b & B_24_HOUR) == 0) hour = (hour % 12) + (pm ? 12 : 0);
  // The century register is not standard: trust it only when it looks like one.
  const fullYear = century >= 19 && century <= 30 ? century * 100 + year : year < 70 ? 2000 + year : 1900 + year;
  if (sec > 59 || min > 59 || hour > 23 || day < 1 || day > 31 || month < 1 || month > 12 || year > 99) return -1;
  return <i64>(daysSinceEpoch(fullYear, month, day) * 86400 + <u64>hour * 3600 + <u64>min * 60 + <u64>sec);
}
