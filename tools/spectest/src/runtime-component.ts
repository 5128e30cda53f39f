import { fileURLToPath } from 'node:url';

/**
 * The spec runner's report as a kernel component (AssemblyScript in runtime/), compiled in
 * trusted mode together with the platform's runtime, as a real image's kernel is: it
 * exports `spectest_report`, which writes one line per command-table entry through the
 * platform's `platform_write`. Plain data in the shape of @mewz/core's ComponentPlugin.
 */
export const spectestReportComponent = Object.freeze({
  kind: 'component' as const,
  name: 'spectest-report',
  apiVersion: 1 as const,
  description: 'the spec runner report: one line per command-table entry on stdout',
  // Relative to this module: src/ under jest, dist/ once built; both sit beside runtime/.
  sources: Object.freeze([fileURLToPath(new URL('../runtime/index.ts', import.meta.url))]),
  provides: Object.freeze([Object.freeze({ module: 'mewz:kernel', name: 'spectest_report' })]),
  requires: Object.freeze({ symbols: Object.freeze([Object.freeze({ module: 'mewz:kernel', name: 'platform_write' })]) }),
});

/** The export the driver calls after each entry. */
export const REPORT_EXPORT = 'spectest_report';
