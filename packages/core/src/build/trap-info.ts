import { type TrapCode, trapMessage } from '@mewz/compiler';

/**
 * The trap info the runtime's `mewz_trap` reads to name a trap and its function (see
 * plugins/platform-linux/runtime/trap.ts):
 *
 *   +0 u32 number of trap messages   +4 u32 offset of their table
 *   +8 u32 number of app names       +12 u32 offset of their table (by function index)
 *   +16 u32 number of runtime names  +20 u32 offset of their table
 *
 * A table is (u32 offset, u32 length) per entry, offsets from the info's start, strings
 * UTF-8 without terminator; an unknown name has length 0.
 */
export function trapInfo(appNames: readonly (string | undefined)[], runtimeNames: readonly (string | undefined)[]): Uint8Array {
  const codes = Object.keys(trapMessage).map(Number).sort((a, b) => a - b);
  const messages: (string | undefined)[] = [];
  for (const code of codes) messages[code] = trapMessage[code as TrapCode];
  const tables = [messages, appNames, runtimeNames];
  const encoder = new TextEncoder();
  const strings: Uint8Array[] = [];
  let size = 24 + tables.reduce((n, t) => n + 8 * t.length, 0);
  const stringAt = tables.map((t) =>
    t.map((s) => {
      if (s === undefined || s === '') return { offset: 0, length: 0 };
      const bytes = encoder.encode(s);
      strings.push(bytes);
      const at = { offset: size, length: bytes.length };
      size += bytes.length;
      return at;
    }),
  );
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let table = 24;
  tables.forEach((t, k) => {
    view.setUint32(8 * k, t.length, true);
    view.setUint32(8 * k + 4, table, true);
    stringAt[k].forEach((s, i) => {
      view.setUint32(table + 8 * i, s.offset, true);
      view.setUint32(table + 8 * i + 4, s.length, true);
    });
    table += 8 * t.length;
  });
  let at = table;
  for (const s of strings) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}
