import { capstoneDisassembler, type CapstoneInstance, type ListingStyle, machineCodeListing } from '../src/index.js';

const plain: ListingStyle = { maxBytesColumn: 4, dataName: 'jump tables', dataHeading: 'jump tables' };

// 8 bytes of code (two 4-byte instructions), then 4 bytes of data.
const code = {
  code: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 0xaa, 0xbb, 0xcc, 0xdd),
  codeSize: 8,
  relocations: [
    { offset: 4, type: 'call26', symbol: 'app.f2', addend: 0n },
    { offset: 9, type: 'abs32', symbol: 'tbl', addend: -4n },
  ],
};

describe('machineCodeListing', () => {
  it('lists each decoded instruction with its bytes and relocations, then the data', () => {
    const decoded = [
      { offset: 0, size: 4, text: 'nop' },
      { offset: 4, size: 4, text: 'bl #0' },
    ];
    expect(machineCodeListing(code, decoded, plain).split('\n')).toEqual([
      '; 8 bytes of instructions, 4 of jump tables, 2 relocations',
      '0000  01 02 03 04  nop',
      '0004  05 06 07 08  bl #0  ; call26 app.f2',
      '; jump tables:',
      '0008  aa bb cc dd  ; abs32 tbl-4 at 0009',
    ]);
  });

  it('shows what the disassembler did not decode as bytes, and the style annotates instructions', () => {
    const style: ListingStyle = { ...plain, annotate: (inst, at) => `  ; next ${at(inst.offset + inst.size)}` };
    const lines = machineCodeListing(code, [{ offset: 0, size: 4, text: 'nop' }], style).split('\n');
    expect(lines.slice(1, 4)).toEqual(['0000  01 02 03 04  nop  ; next 0004', '; not decoded from 0004:', '0004  05 06 07 08  ; call26 app.f2']);
  });

  it('without a disassembler prints the code as rows of bytes and says why', () => {
    const lines = machineCodeListing({ ...code, code: code.code.subarray(0, 8), relocations: [] }, undefined, plain, 'no disassembler').split('\n');
    expect(lines).toEqual(['; 8 bytes of instructions, 0 relocations', '; no disassembler', '0000  01 02 03 04 05 06 07 08']);
  });
});

describe('capstoneDisassembler', () => {
  function fake(insns: ReturnType<CapstoneInstance['disasm']> | Error): { open: () => CapstoneInstance; closed: () => number } {
    let closed = 0;
    return {
      open: () => ({
        disasm: () => {
          if (insns instanceof Error) throw insns;
          return insns;
        },
        close: () => void closed++,
      }),
      closed: () => closed,
    };
  }

  it('joins mnemonic and operands and closes the instance', () => {
    const cs = fake([
      { address: 0n, size: 1, mnemonic: 'ret', opStr: '' },
      { address: 1, size: 3, mnemonic: 'mov', opStr: 'rbp, rsp' },
    ]);
    expect(capstoneDisassembler(cs.open)(Uint8Array.of(0xc3, 0x48, 0x89, 0xe5))).toEqual([
      { offset: 0, size: 1, text: 'ret' },
      { offset: 1, size: 3, text: 'mov rbp, rsp' },
    ]);
    expect(cs.closed()).toBe(1);
  });

  it('gives no instructions when capstone throws or there is no code', () => {
    const cs = fake(new Error('bad'));
    expect(capstoneDisassembler(cs.open)(Uint8Array.of(0xff))).toEqual([]);
    expect(cs.closed()).toBe(1);
    expect(capstoneDisassembler(cs.open)(new Uint8Array(0))).toEqual([]);
    expect(cs.closed()).toBe(1);
  });
});
