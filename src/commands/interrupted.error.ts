/** Ctrl-C (or SIGTERM) while following a run: exit 130 (143), after handing the run back. */
export class InterruptedError extends Error {
  constructor(
    readonly signal: NodeJS.Signals,
    message: string,
  ) {
    super(message);
    this.name = 'InterruptedError';
  }
}
