import { formatSize, parseSize } from '../src/index.js';

describe('parseSize', () => {
  it.each([
    [4096, 4096],
    ['4096', 4096],
    ['64MiB', 64 * 2 ** 20],
    ['64 MiB', 64 * 2 ** 20],
    ['64M', 64 * 2 ** 20],
    ['64mib', 64 * 2 ** 20],
    ['512KiB', 512 * 1024],
    ['512k', 512 * 1024],
    ['1GiB', 2 ** 30],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['100B', 100],
    ['0', 0],
  ])('%j is %d bytes', (input, bytes) => {
    expect(parseSize(input)).toEqual({ bytes });
  });

  it.each([
    ['64MB', '"64MB": the unit "MB" is ambiguous; did you mean "64MiB"?'],
    ['1gb', '"1gb": the unit "gb" is ambiguous; did you mean "1GiB"?'],
    ['64 megs', '"64 megs": unknown unit "megs"; use B, KiB, MiB or GiB'],
    ['lots', '"lots" is not a size; write a number of bytes or a number with a unit, like "64MiB"'],
    ['-1MiB', '"-1MiB" is not a size; write a number of bytes or a number with a unit, like "64MiB"'],
    ['0.3KiB', '"0.3KiB" is not a whole number of bytes'],
    [1.5, 'must be a whole number of bytes, got 1.5'],
    [-1, 'must be a whole number of bytes, got -1'],
  ])('%j is refused', (input, error) => {
    expect(parseSize(input)).toEqual({ error });
  });
});

describe('formatSize', () => {
  it('uses the largest exact unit', () => {
    expect(formatSize(64 * 2 ** 20)).toBe('64MiB');
    expect(formatSize(1536 * 1024)).toBe('1536KiB');
    expect(formatSize(4 * 2 ** 30)).toBe('4GiB');
    expect(formatSize(100)).toBe('100');
    expect(formatSize(0)).toBe('0');
  });
});
