import { closeMatches, closestMatch, didYouMean, editDistance } from '../src/index.js';

describe('editDistance', () => {
  it.each([
    ['max', 'max', 0],
    ['maxx', 'max', 1],
    ['stak', 'stack', 1],
    ['stakc', 'stack', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('closestMatch', () => {
  const keys = ['app', 'target', 'platform', 'memory', 'components', 'plugins', 'output', 'args', 'env', 'missingImports'];

  it('finds typos, case slips and prefixes', () => {
    expect(closestMatch('targte', keys)).toBe('target');
    expect(closestMatch('Memory', keys)).toBe('memory');
    expect(closestMatch('missingImport', keys)).toBe('missingImports');
    expect(closestMatch('x86', ['x86_64', 'aarch64'])).toBe('x86_64');
    expect(closestMatch('aarch', ['x86_64', 'aarch64'])).toBe('aarch64');
  });

  it('suggests nothing far away, nor the word itself', () => {
    expect(closestMatch('firecracker', ['qemu-x86_64'])).toBeUndefined();
    expect(closestMatch('a', ['abc'])).toBeUndefined();
    expect(closestMatch('max', ['max'])).toBeUndefined();
    expect(closestMatch('arm64', ['x86_64', 'aarch64'])).toBeUndefined();
  });

  it('formats the suggestion', () => {
    expect(didYouMean('stak', ['max', 'stack'])).toBe('; did you mean "stack"?');
    expect(didYouMean('zzz', ['max', 'stack'])).toBe('');
  });
});

describe('closeMatches', () => {
  it('lists every plausible typo, closest first, ties in the given order', () => {
    expect(closeMatches('mian', ['mains', 'min', 'main', 'helper'])).toEqual(['min', 'main']);
    expect(closeMatches('add', ['add32', 'sub', 'dd', 'add64'])).toEqual(['add32', 'add64', 'dd']);
    expect(closeMatches('zzz', ['main'])).toEqual([]);
  });
});
