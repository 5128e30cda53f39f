// The plugins that ship with mewz, handed to the registry by every command that builds.
// core never imports plugin packages; the CLI is where the built-ins are chosen.
import { x86_64Backend } from '@mewz/backend-x86_64';
import type { Plugin } from '@mewz/core';
import { plugin as wasiComponent } from '@mewz/kernel-wasi';
import { linuxPlatform, linuxRuntime } from '@mewz/platform-linux';

export const BUILTIN_PLUGINS: readonly Plugin[] = [x86_64Backend, linuxPlatform, linuxRuntime, wasiComponent] as unknown as readonly Plugin[];
