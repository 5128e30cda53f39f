import { vcodeOf } from './wat.js';

describe('isel smoke', () => {
  it('prints', async () => {
    console.log(await vcodeOf(`(module (memory 1) (func (param i32 i32) (result i32)
      (i32.add (i32.load offset=4 (local.get 0)) (local.get 1))))`));
  });
});
