// The plugins that ship with mewz, handed to the registry by every command that builds.
// core never imports plugin packages; the CLI is where the built-ins are chosen.
import { aarch64Backend } from '@mewz/backend-aarch64';
import { x86_64Backend } from '@mewz/backend-x86_64';
import type { Plugin } from '@mewz/core';
import { kernelComponent } from '@mewz/kernel';
import { kernelMmComponent } from '@mewz/kernel-mm';
import { plugin as wasiComponent } from '@mewz/kernel-wasi';
import { linuxPlatform, linuxRuntime } from '@mewz/platform-linux';
import { qemuAarch64Machine, qemuAarch64Platform } from '@mewz/platform-qemu-aarch64';
import { qemuX86_64Machine, qemuX86_64Platform } from '@mewz/platform-qemu-x86_64';

export const BUILTIN_PLUGINS: readonly Plugin[] = [
  x86_64Backend,
  aarch64Backend,
  qemuX86_64Platform,
  linuxPlatform,
  qemuX86_64Machine,
  kernelComponent,
  kernelMmComponent,
  linuxRuntime,
  wasiComponent,
  qemuAarch64Platform,
  qemuAarch64Machine,
] as unknown as readonly Plugin[];
