/**
 * Any failure of the link. `problems` holds one line per problem: the linker reports
 * everything it found in a phase at once rather than stopping at the first.
 */
export class LinkError extends Error {
  constructor(
    summary: string,
    readonly problems: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(problems.length === 0 ? summary : `${summary}\n  ${limit(problems).join('\n  ')}`, options);
    this.name = 'LinkError';
  }
}

/** Keep messages readable when thousands of things went wrong; `problems` has them all. */
function limit(lines: string[], max = 100): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `... and ${lines.length - max} more`];
}
