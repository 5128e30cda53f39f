// Keeps docs/benchmarks.md as one section per suite. Each run of a suite replaces its own
// section (between marker comments) and leaves the others alone, so the file always shows
// the latest figure of every suite.

export const BENCHMARKS_HEADER = `# Benchmarks

Written by \`npm run bench -- <suite>\` (tools/bench); each run replaces its suite's section.
Figures are medians over timed runs after warm-up runs, on the machine named in the section.
`;

function markers(suite: string): { start: string; end: string } {
  return { start: `<!-- bench:${suite}:start -->`, end: `<!-- bench:${suite}:end -->` };
}

/** Returns the document with the suite's section replaced, or appended if it has none yet. */
export function upsertSection(document: string | undefined, suite: string, markdown: string): string {
  const { start, end } = markers(suite);
  const block = `${start}\n${markdown.trimEnd()}\n${end}`;
  const doc = document && document.trim() !== '' ? document : BENCHMARKS_HEADER;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from !== -1 && to > from) return doc.slice(0, from) + block + doc.slice(to + end.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}
