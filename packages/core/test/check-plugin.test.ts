import { checkPlugin, relocationTable } from '../src/index.js';
import { fakeBackend, fakeComponent, fakePlatform, without } from './fake-plugins.js';

describe('checkPlugin', () => {
  it('accepts valid plugins of each kind, with or without an expected kind', () => {
    expect(checkPlugin(fakeBackend(), 'backend')).toEqual([]);
    expect(checkPlugin(fakePlatform(), 'platform')).toEqual([]);
    expect(checkPlugin(fakeComponent(), 'component')).toEqual([]);
    expect(checkPlugin(fakeBackend())).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(checkPlugin(42, 'backend')).toEqual(['expected a plugin object, got 42']);
    expect(checkPlugin([fakeBackend()], 'backend')).toEqual(['expected a plugin object, got an array']);
    expect(checkPlugin(null)).toEqual(['expected a plugin object, got null']);
  });

  it('reports a plugin of another kind, and nothing else about it', () => {
    expect(checkPlugin(fakePlatform(), 'backend')).toEqual(['kind is "platform", expected "backend"']);
  });

  it('reports a missing or unknown kind and goes on checking', () => {
    expect(checkPlugin(without(fakeBackend(), 'kind'), 'backend')).toEqual(['missing "kind" (expected "backend")']);
    expect(checkPlugin({ ...fakeBackend(), kind: 'backnd' })).toEqual([
      'kind is "backnd", expected "backend", "platform" or "component"; did you mean "backend"?',
    ]);
    expect(checkPlugin({ ...without(fakeBackend(), 'isa'), kind: 'backnd' }, 'backend')).toEqual([
      'kind is "backnd", expected "backend"',
      'missing "isa"',
    ]);
  });

  it('refuses other API versions without listing their differences', () => {
    expect(checkPlugin({ ...without(fakeBackend(), 'isa'), apiVersion: 2 }, 'backend')).toEqual([
      'apiVersion 2 is not supported (this mewz supports 1)',
    ]);
    expect(checkPlugin(without(fakeBackend(), 'apiVersion'), 'backend')).toEqual(['missing "apiVersion"']);
  });

  it('names missing fields, and a near key as a likely typo', () => {
    expect(checkPlugin(without(fakeBackend(), 'isa'), 'backend')).toEqual(['missing "isa"']);
    const typo: Record<string, unknown> = without(fakeBackend(), 'relocations');
    typo.relocation = fakeBackend().relocations;
    expect(checkPlugin(typo, 'backend')).toEqual(['missing "relocations" (found "relocation"; a typo?)']);
    expect(checkPlugin({ ...fakeBackend(), name: '' })).toEqual(['"name" must be a non-empty string, got ""']);
  });

  describe('backend', () => {
    it('checks scalar fields', () => {
      const value = { ...fakeBackend(), pointerSize: 2, endianness: 'littel', intrinsics: ['halt', 'halt', 3] };
      expect(checkPlugin(value, 'backend')).toEqual([
        '"pointerSize" must be 4 or 8, got 2',
        '"endianness" must be "little" or "big", got "littel"; did you mean "little"?',
        '"intrinsics[1]" repeats "halt"',
        '"intrinsics[2]" must be a non-empty string, got 3',
      ]);
    });

    it('checks every relocation type and that patch is a function', () => {
      const relocations = {
        abs64: { name: 'abs64', kind: 'abs', size: 8, patch: 'nope' },
        pc32: { name: 'pc31', kind: 'pc-rel', size: 0 },
        got: 7,
      };
      expect(checkPlugin({ ...fakeBackend(), relocations }, 'backend')).toEqual([
        '"relocations.abs64.patch" must be a function, got "nope"',
        '"relocations.pc32.name" is "pc31"; it must match its key',
        '"relocations.pc32.kind" must be "abs", "pcrel", "page-pcrel" or "page-offset", got "pc-rel"; did you mean "pcrel"?',
        '"relocations.pc32.size" must be a positive integer (bytes), got 0',
        'missing "relocations.pc32.patch"',
        '"relocations.got" must be an object, got 7',
      ]);
    });

    it('checks the register file', () => {
      const base = fakeBackend();
      const registers = [
        ...base.registers,
        { name: 'rax', class: 'int', encoding: 9, allocatable: true },
        { name: 'r9', class: 'integer', encoding: -1, allocatable: 'yes' },
        'r10',
      ];
      expect(checkPlugin({ ...base, registers }, 'backend')).toEqual([
        '"registers[7].name" repeats register "rax"',
        '"registers[8].class" must be "int", "float" or "vector", got "integer"; did you mean "int"?',
        '"registers[8].encoding" must be a non-negative integer, got -1',
        '"registers[8].allocatable" must be a boolean, got "yes"',
        '"registers[9]" must be an object, got "r10"',
      ]);
      expect(checkPlugin({ ...base, registers: [] }, 'backend')).toContain('"registers" must not be empty');
    });

    it('checks that the calling convention names registers of the right class', () => {
      const base = fakeBackend();
      const callingConvention = {
        ...base.callingConvention,
        arguments: { int: ['rax', 'rdx', 'xmm0'], float: ['rcx'], simd: [] },
        calleeSaved: ['rbx', 'r15'],
        stackPointer: 'rsq',
        stackAlignment: 12,
      };
      expect(checkPlugin({ ...base, callingConvention }, 'backend')).toEqual([
        '"callingConvention.arguments.int[1]" names unknown register "rdx"; did you mean "rax"?',
        '"callingConvention.arguments.int[2]" is "xmm0", a float register, not int',
        '"callingConvention.arguments.float[0]" is "rcx", an int register, not float',
        '"callingConvention.arguments.simd": unknown register class "simd", expected "int", "float" or "vector"',
        '"callingConvention.calleeSaved[1]" names unknown register "r15"',
        '"callingConvention.stackPointer" names unknown register "rsq"; did you mean "rsp"?',
        '"callingConvention.stackAlignment" must be a power of two (bytes), got 12',
      ]);
    });

    it('checks optional compile hooks when present', () => {
      expect(checkPlugin({ ...fakeBackend(), compile: { compileFunction: () => {} } }, 'backend')).toEqual([]);
      expect(checkPlugin({ ...fakeBackend(), compile: {} }, 'backend')).toEqual(['missing "compile.compileFunction"']);
      const explain = async () => [];
      expect(checkPlugin({ ...fakeBackend(), compile: { compileFunction: () => {}, explainFunction: explain } }, 'backend')).toEqual([]);
      expect(checkPlugin({ ...fakeBackend(), compile: { compileFunction: () => {}, explainFunction: 'yes' } }, 'backend')).toEqual([
        '"compile.explainFunction" must be a function, got "yes"',
      ]);
      expect(checkPlugin({ ...fakeBackend(), createAssembler: {} }, 'backend')).toEqual([
        '"createAssembler" must be a function, got an object',
      ]);
    });
  });

  describe('platform', () => {
    it('checks every field', () => {
      const value = { ...without(fakePlatform(), 'run'), isas: [], imageFormat: { container: 'pe' }, bootStub: 1 };
      expect(checkPlugin(value, 'platform')).toEqual([
        '"isas" must name at least one ISA',
        '"imageFormat.container" must be "elf64", got "pe"',
        'missing "imageFormat.entry"',
        '"bootStub" must be a function, got 1',
        'missing "run"',
      ]);
    });
  });

  describe('component', () => {
    it('checks sources, symbols and requirements', () => {
      const value = {
        ...fakeComponent(),
        sources: ['relative/net.ts'],
        provides: [{ module: 'wasi_snapshot_preview1' }, 'fd_write'],
        requires: { components: 'virtio', symbols: [{ module: 'kernel', name: 3 }] },
      };
      expect(checkPlugin(value, 'component')).toEqual([
        '"sources[0]" must be an absolute path (compute it from import.meta.url), got "relative/net.ts"',
        'missing "provides[0].name"',
        '"provides[1]" must be an object { module, name }, got "fd_write"',
        '"requires.components" must be an array, got "virtio"',
        '"requires.symbols[0].name" must be a non-empty string, got 3',
      ]);
      expect(checkPlugin(without(fakeComponent(), 'requires'), 'component')).toEqual([]);
    });

    it('compiles the options schema and checks the defaults against it', () => {
      const options = { type: 'object', properties: { mtu: { type: 'integer' } }, additionalProperties: false };
      expect(checkPlugin(fakeComponent('net', { options, defaults: { mtu: 1500 } }), 'component')).toEqual([]);
      expect(checkPlugin(fakeComponent('net', { options, defaults: { mtu: 'big' } }), 'component')).toEqual([
        '"defaults" do not satisfy "options": /mtu must be integer',
      ]);
      const [problem] = checkPlugin(fakeComponent('net', { options: { type: 'integr' } }), 'component');
      expect(problem).toMatch(/^"options" is not a valid JSON Schema: /);
    });
  });
});

describe('relocationTable', () => {
  it('keys relocation types by name and refuses duplicates', () => {
    const [abs] = Object.values(fakeBackend().relocations);
    expect(Object.keys(relocationTable([abs]))).toEqual(['abs64']);
    expect(() => relocationTable([abs, abs])).toThrow('relocation type "abs64" is listed twice');
  });
});
