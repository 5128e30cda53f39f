// Builds and runs real images: minutes, not milliseconds, on a loaded machine.
module.exports = { ...require('../jest.preset.cjs'), rootDir: __dirname, testTimeout: 120_000 };
