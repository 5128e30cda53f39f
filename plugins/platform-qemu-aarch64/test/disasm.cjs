// Disassembles aarch64 code with capstone in a plain Node process (capstone-wasm loads
// itself with a dynamic import, which jest's sandbox refuses). stdin: the code in hex;
// stdout: one "offset<TAB>mnemonic operands" line per word.
const { Capstone, Const, loadCapstone } = require('capstone-wasm');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  await loadCapstone();
  const cs = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
  const bytes = Buffer.from(input.trim(), 'hex');
  const lines = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) {
    let i;
    try {
      [i] = cs.disasm(bytes.subarray(at, at + 4), { address: at });
    } catch {
      i = undefined; // data (the header's fields, text of messages)
    }
    lines.push(`${at}\t${i ? i.mnemonic + (i.opStr ? ' ' + i.opStr : '') : '.word'}`);
  }
  cs.close();
  process.stdout.write(lines.join('\n'));
});
