import { ObjectBuilder, relocation } from '@mewz/object';
import { link, standardLayout, writeFlatBinary } from '../src/index';
import { FAKE_TYPES, hex } from './fixtures';

describe('writeFlatBinary', () => {
  it('lays the memory image out from the base, without trailing bss', () => {
    const object = new ObjectBuilder('a.o', 'aarch64')
      .addFunction('_start', [1, 2, 3, 4], { alignment: 4, relocations: [] })
      .addData('ro', 'rodata', [5, 6], { relocations: [], retain: true })
      .addData('rw', 'data', [0, 0, 0, 0, 0, 0, 0, 0], { relocations: [relocation(0, 'ABS64', 'ro')], retain: true })
      .addBss('zero', 64, { retain: true })
      .build();
    const image = link({ objects: [object], relocationTypes: FAKE_TYPES, layout: standardLayout({ base: 0x40080000n, pageSize: 0x10000 }), entry: '_start' });
    const flat = writeFlatBinary(image);
    expect(flat.length).toBe(0x20008);
    expect(hex(flat.subarray(0, 4))).toBe('01020304');
    expect(flat.subarray(4, 0x10000).every((b) => b === 0)).toBe(true);
    expect(hex(flat.subarray(0x10000, 0x10002))).toBe('0506');
    expect(hex(flat.subarray(0x20000))).toBe('0000094000000000') // ro = 0x40090000;
  });
});
