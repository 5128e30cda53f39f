// The unikernel targets every test file in this folder runs for, and what a test needs to know about each: the QEMU to boot it and its platform plugin.
import type { PlatformPlugin } from '@mewz/core';
import { available } from '../helpers';

export const TARGETS = ['x86_64', 'aarch64'] as const;
export type Target = (typeof TARGETS)[number];

interface TargetFacts {
  /** The QEMU system emulator the platform runs. */
  qemu: string;
  /** The Debian package that has it (for skip reasons). */
  debianPackage: string;
  /** The platform plugin value, loaded only when a test spawns QEMU itself. */
  platform(): Promise<PlatformPlugin>;
}

const FACTS: Record<Target, TargetFacts> = {
  x86_64: {
    qemu: 'qemu-system-x86_64',
    debianPackage: 'qemu-system-x86',
    platform: async () => (await import('@mewz/platform-qemu-x86_64')).qemuX86_64Platform as unknown as PlatformPlugin,
  },
  aarch64: {
    qemu: 'qemu-system-aarch64',
    debianPackage: 'qemu-system-arm',
    platform: async () => (await import('@mewz/platform-qemu-aarch64')).qemuAarch64Platform as unknown as PlatformPlugin,
  },
};

export function targetFacts(target: Target): TargetFacts {
  return FACTS[target];
}

/**
 * Why the QEMU tests of `target` cannot run here, or undefined when they can. Only a missing
 * QEMU skips them (CI installs it); everything else is a failure.
 */
export function skipReason(target: Target): string | undefined {
  const { qemu, debianPackage } = FACTS[target];
  return available(qemu) ? undefined : `${qemu} is not installed (apt-get install ${debianPackage})`;
}
