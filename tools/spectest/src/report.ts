import type { SuiteResult } from './runner.js';

/** The per-script table, the failures, and the summary line (always last). */
export function formatReport(suite: SuiteResult): string {
  const lines: string[] = [];
  const width = Math.max(6, ...suite.scripts.map((s) => s.script.length));
  const row = (a: string, b: string, c: string, d: string): string =>
    `${a.padEnd(width)}  ${b.padStart(7)}  ${c.padStart(7)}  ${d.padStart(7)}`;
  lines.push(row('script', 'passed', 'failed', 'skipped'));
  for (const s of suite.scripts) lines.push(row(s.script, String(s.passed), String(s.failed), String(s.skipped)));
  if (suite.failures.length > 0) {
    lines.push('', 'failures:');
    for (const f of suite.failures) lines.push(`  ${f.source}:${f.line}: ${f.command}: ${f.message}`);
  }
  lines.push('', summaryLine(suite));
  return lines.join('\n');
}

export function summaryLine(suite: SuiteResult): string {
  return `spectest: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped`;
}
