// Disassembles hex strings with capstone in 32-bit (or 64-bit) mode in a plain Node
// process: capstone-wasm loads itself with a dynamic import(), which jest's module
// sandbox refuses. argv[2]: 32 or 64. stdin: JSON array of hex strings; stdout: JSON
// array of instruction lists ({ offset, size, text }).
const { Capstone, Const, loadCapstone } = require('capstone-wasm');

let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  await loadCapstone();
  const cs = new Capstone(Const.CS_ARCH_X86, process.argv[2] === '32' ? Const.CS_MODE_32 : Const.CS_MODE_64);
  const results = JSON.parse(input).map((hex) => {
    const bytes = Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
    try {
      return cs.disasm(bytes, { address: 0 }).map((i) => ({ offset: Number(i.address), size: i.size, text: i.opStr ? `${i.mnemonic} ${i.opStr}` : i.mnemonic }));
    } catch {
      return [];
    }
  });
  cs.close();
  process.stdout.write(JSON.stringify(results));
});
