import { canRunAarch64, cannotRunReason, runWat } from './native.js';

const describeHere = canRunAarch64 ? describe : describe.skip;
if (!canRunAarch64) console.log(`skipped aarch64 programs: ${cannotRunReason}`);

describeHere('smoke', () => {
  it('returns a value', async () => {
    expect((await runWat('(module (func (export "main") (result i32) (i32.const 42)))')).status).toBe(42);
  });
});
