import { boot, compileKernelForTest, type FakeMachine } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileKernelForTest();
}, 120_000);

const devices = (m: FakeMachine) =>
  Array.from({ length: m.exports.test_device_count() }, (_, i) => ({
    kind: m.exports.test_device_kind(i),
    location: m.exports.test_device_location(i),
    id: m.exports.test_device_id(i),
    vendor: m.exports.test_device_vendor(i),
    class: m.exports.test_device_class(i),
  }));

describe('device discovery', () => {
  it('finds virtio-mmio devices, skipping empty slots and slots without the magic', () => {
    const m = boot(compiled, {
      cmdline: 'mewz.log=info',
      virtio: [
        { base: 0xfeb0_0000n, device: 0 },
        { base: 0xfeb0_0200n, device: 1 },
        { base: 0xfeb0_0400n, device: 2, version: 1 },
        { base: 0xfeb0_0600n, device: 4, magic: 0 },
        { base: 0xfeb0_0800n, device: 3, version: 7 },
      ],
    });
    expect(devices(m)).toEqual([
      { kind: 1, location: 0xfeb0_0200n, id: 1, vendor: 0x554d4551, class: 2 },
      { kind: 1, location: 0xfeb0_0400n, id: 2, vendor: 0x554d4551, class: 1 },
    ]);
    const lines = m.stderrText.split('\n');
    expect(lines).toContain('mewz: info: device: virtio-mmio 0xfeb00200: virtio network (device 1), vendor 0x554d4551, version 2');
    expect(lines).toContain('mewz: info: device: virtio-mmio 0xfeb00400: virtio block (device 2), vendor 0x554d4551, version 1');
    expect(lines).toContain('mewz: warn: devices: virtio-mmio 0xfeb00800: unknown transport version 7, ignored');
  });

  it('scans PCI bus 0, including the functions of multi-function devices only', () => {
    const m = boot(compiled, {
      cmdline: 'mewz.log=info',
      pci: [
        { device: 0, function: 0, vendorId: 0x8086, deviceId: 0x29c0, classCode: 0x060000 },
        { device: 0, function: 1, vendorId: 0x1234, deviceId: 0x1, classCode: 0 }, // not multi-function: invisible
        { device: 2, function: 0, vendorId: 0x1af4, deviceId: 0x1000, classCode: 0x020000 },
        { device: 31, function: 0, vendorId: 0x8086, deviceId: 0x2918, classCode: 0x060100, multiFunction: true },
        { device: 31, function: 3, vendorId: 0x8086, deviceId: 0x2930, classCode: 0x0c0500 },
      ],
    });
    expect(devices(m)).toEqual([
      { kind: 2, location: 0n, id: 0x29c0, vendor: 0x8086, class: 0x060000 },
      { kind: 2, location: 0x10n, id: 0x1000, vendor: 0x1af4, class: 0x020000 },
      { kind: 2, location: 0xf8n, id: 0x2918, vendor: 0x8086, class: 0x060100 },
      { kind: 2, location: 0xfbn, id: 0x2930, vendor: 0x8086, class: 0x0c0500 },
    ]);
    expect(m.stderrText.split('\n')).toContain('mewz: info: device: pci 00:1f.3: vendor 8086 device 2930 class 0c0500');
  });

  it('finds nothing on a machine without devices, and logs nothing at the default level', () => {
    const m = boot(compiled, { virtio: [{ base: 0xfeb0_0000n, device: 1 }] });
    expect(m.exports.test_device_count()).toBe(1);
    expect(m.stderrText).toBe('');
    const bare = boot(compiled);
    expect(bare.exports.test_device_count()).toBe(0);
    expect(bare.exports.test_device_kind(0)).toBe(0);
  });
});
