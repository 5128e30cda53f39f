import type { NameSection } from './model.js';
import { ByteReader } from './reader.js';

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
const LOCAL_NAMES = 2;

/**
 * Reads the `name` custom section in bytes [start, end). Custom sections are not
 * validated, so a damaged one never fails the module: reading stops at the first broken
 * subsection and whatever was read before is kept.
 */
export function parseNameSection(bytes: Uint8Array, start: number, end: number): NameSection {
  const names: NameSection = { functions: new Map(), locals: new Map() };
  const r = new ByteReader(bytes, start, end);
  try {
    while (!r.atEnd()) {
      const id = r.u8();
      const size = r.u32();
      if (size > r.remaining) break;
      const subEnd = r.pos + size;
      const sub = new ByteReader(bytes, r.pos, subEnd);
      r.pos = subEnd;
      if (id === MODULE_NAME) {
        names.module = sub.name();
      } else if (id === FUNCTION_NAMES) {
        readNameMap(sub, names.functions);
      } else if (id === LOCAL_NAMES) {
        const count = sub.u32();
        for (let i = 0; i < count; i++) {
          const func = sub.u32();
          const locals = new Map<number, string>();
          readNameMap(sub, locals);
          names.locals.set(func, locals);
        }
      }
    }
  } catch {
    // Keep what was read; see above.
  }
  return names;
}

function readNameMap(r: ByteReader, into: Map<number, string>): void {
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const index = r.u32();
    into.set(index, r.name());
  }
}
