// Disassembles hex strings with capstone (AArch64) in a plain Node process: capstone-wasm
// loads itself with a dynamic import(), which jest's module sandbox refuses without
// --experimental-vm-modules. Reads a JSON array of hex strings on stdin and writes a
// JSON array of { text, consumed } (instructions joined by "; ").
const { Capstone, Const, loadCapstone } = require('capstone-wasm');

let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  await loadCapstone();
  const cs = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
  const results = JSON.parse(input).map((hex) => {
    const bytes = Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
    let insns = [];
    try {
      // capstone-wasm throws when not even one instruction decodes (or the input is empty).
      if (bytes.length > 0) insns = cs.disasm(bytes, { address: 0 });
    } catch {
      insns = [];
    }
    return {
      text: insns.map((i) => (i.opStr ? `${i.mnemonic} ${i.opStr}` : i.mnemonic)).join('; '),
      consumed: insns.reduce((n, i) => n + i.size, 0),
    };
  });
  cs.close();
  process.stdout.write(JSON.stringify(results));
});
