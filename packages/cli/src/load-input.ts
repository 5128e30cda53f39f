// Reads a command's input file: a Wasm binary as is, WAT converted with wabt.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './errors.js';
import { watToWasm } from './wat.js';

export type InputFormat = 'wasm' | 'wat';

export interface LoadedInput {
  /** The path as the user gave it: used in every message about this input. */
  file: string;
  format: InputFormat;
  /** The Wasm binary (for WAT, what wabt encoded). */
  bytes: Uint8Array;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export async function loadInput(file: string): Promise<LoadedInput> {
  const raw = await readInput(file);
  const format = detectFormat(file, raw);
  const bytes = format === 'wat' ? await watToWasm(file, raw) : raw;
  return { file, format, bytes };
}

/** `.wat` is text and `.wasm` binary; other names are sniffed (text that opens with `(` or `;;`). */
export function detectFormat(file: string, bytes: Uint8Array): InputFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.wat') return 'wat';
  if (ext === '.wasm') return 'wasm';
  if (WASM_MAGIC.every((b, i) => bytes[i] === b)) return 'wasm';
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  return head.startsWith('(') || head.startsWith(';;') ? 'wat' : 'wasm';
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new CliError(`mewz: cannot read '${file}': ${describeFsError(error)}`);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
