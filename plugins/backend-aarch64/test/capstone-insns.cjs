// Disassembles one hex string with capstone in a plain Node process (see disasm.cjs for
// why a process) and writes a JSON array of { offset, size, text }: what explain.ts's
// Disassemble returns, so tests can hand it real capstone output.
const { Capstone, Const, loadCapstone } = require('capstone-wasm');

let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  await loadCapstone();
  const cs = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
  const bytes = Uint8Array.from(input.trim().match(/../g) ?? [], (b) => parseInt(b, 16));
  let insns = [];
  try {
    if (bytes.length > 0) insns = cs.disasm(bytes, { address: 0 });
  } catch {
    insns = [];
  }
  cs.close();
  const out = insns.map((i) => ({ offset: Number(i.address), size: i.size, text: i.opStr ? `${i.mnemonic} ${i.opStr}` : i.mnemonic }));
  process.stdout.write(JSON.stringify(out));
});
