import { BENCHMARKS_HEADER, upsertSection } from '../src/record.js';

describe('upsertSection', () => {
  test('creates the document with a header when there is none', () => {
    const doc = upsertSection(undefined, 'frontend', '## frontend\n\nfast');
    expect(doc.startsWith(BENCHMARKS_HEADER.trimEnd())).toBe(true);
    expect(doc).toContain('<!-- bench:frontend:start -->\n## frontend\n\nfast\n<!-- bench:frontend:end -->\n');
  });

  test('replaces only its own section and keeps the rest', () => {
    let doc = upsertSection(undefined, 'frontend', '## frontend\nold');
    doc = upsertSection(doc, 'image', '## image\nsmall');
    doc += '\nhand-written notes\n';
    const next = upsertSection(doc, 'frontend', '## frontend\nnew');
    expect(next).toContain('## frontend\nnew');
    expect(next).not.toContain('old');
    expect(next).toContain('## image\nsmall');
    expect(next).toContain('hand-written notes');
    expect(next.indexOf('frontend')).toBeLessThan(next.indexOf('image'));
  });
});
