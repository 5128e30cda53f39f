/**
 * A build that cannot go on for a reason the user can fix (a missing import, a component
 * nobody provides, a kernel that does not compile). `problems` lists every instance found,
 * one line each; the message repeats them under a headline.
 */
export class BuildError extends Error {
  override name = 'BuildError';

  constructor(
    readonly headline: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length === 0 ? headline : `${headline}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}
