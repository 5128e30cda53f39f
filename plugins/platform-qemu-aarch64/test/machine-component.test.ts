import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlugin } from '@mewz/core';
import { MACHINE_SERVICES, qemuAarch64Machine } from '../src/machine-component';

describe('the qemu-aarch64 machine component', () => {
  it('is a valid component providing every mewz:machine service and requiring the kernel\'s', () => {
    expect(checkPlugin(qemuAarch64Machine, 'component')).toEqual([]);
    expect(qemuAarch64Machine.provides.map((p) => `${p.module}.${p.name}`)).toEqual(MACHINE_SERVICES.map((n) => `mewz:machine.${n}`));
    expect(qemuAarch64Machine.requires.symbols.map((s) => `${s.module}.${s.name}`)).toEqual(['mewz:kernel.mm_alloc_page', 'mewz:kernel.kernel_panic']);
    expect(qemuAarch64Machine.sources).toHaveLength(1);
    expect(readFileSync(qemuAarch64Machine.sources[0]!, 'utf8')).toContain('export function machine_init');
  });

  it('lists exactly the services of docs/kernel-interfaces.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/kernel-interfaces.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Machine services'), doc.indexOf('## Kernel services'));
    const documented = [...section.matchAll(/^\| (`machine_[^|]*)\|/gm)].flatMap((m) => [...m[1]!.matchAll(/`(machine_\w+)`/g)].map((n) => n[1]!));
    expect(documented.length).toBeGreaterThan(15);
    expect([...MACHINE_SERVICES].sort()).toEqual([...documented].sort());
  });
});
