// Versions of the external tools: they name the machine's toolchain in the report and
// are part of every cache key, so a toolchain upgrade rebuilds.
import { exec } from './exec.js';
import type { Tools } from './commands.js';

export interface ToolVersions {
  gcc?: string;
  clang?: string;
  wabt?: string;
  node: string;
  /** The user-mode emulator every run goes through, e.g. 'qemu-aarch64 7.2.22' (emulated targets only). */
  emulator?: string;
}

/** The first dotted version number in a tool's --version output. */
export function parseVersion(text: string): string | undefined {
  return /\b(\d+\.\d+(?:\.\d+)?)\b/.exec(text)?.[1];
}

export function probeVersions(tools: Tools): ToolVersions {
  const version = (argv: string[]): string | undefined => {
    const r = exec(argv, { timeoutMs: 30_000 });
    return r.status === 0 ? parseVersion(r.stdout || r.stderr) : undefined;
  };
  return {
    gcc: version([tools.cc, '-dumpfullversion']),
    clang: version([tools.wasmCc, '--version']),
    wabt: version([tools.wasm2c, '--version']),
    node: process.version,
  };
}

/** 'gcc 12.2.0, clang 14.0.6, …' for the tools that were found. */
export function versionsLine(v: ToolVersions): string {
  const parts: string[] = [];
  if (v.gcc) parts.push(`gcc ${v.gcc}`);
  if (v.clang) parts.push(`clang ${v.clang}`);
  if (v.wabt) parts.push(`wabt (wasm2c) ${v.wabt}`);
  if (v.emulator) parts.push(v.emulator);
  return parts.join(', ');
}
