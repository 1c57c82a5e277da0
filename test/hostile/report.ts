/**
 * What a hostile-input script prints for the process that started it (test/helpers/child-run.ts
 * in the tests, bench/hostile.bench.ts in the bench): one JSON line with the outcome, the time
 * of the measured work and the peak RSS of this process, which only a child can measure alone.
 */
export interface HostileResult {
  /** What happened, in a few words (`ok`, `WikirevError ENTRY_TOO_LARGE`, …). */
  readonly outcome: string;
  /**
   * CPU milliseconds of the measured work (the slowest case when there are several): CPU time,
   * so that the other processes of a loaded machine count less than in wall time.
   */
  readonly ms: number;
  /** Peak resident set size of the process, MiB. */
  readonly maxRssMb: number;
  /** Script-specific details the test checks. */
  readonly detail: unknown;
}

/** CPU milliseconds this process has used since `start` (a `process.cpuUsage()`). */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs `work`, returning its result (or the error it threw) and its CPU time in milliseconds. */
export function timed<T>(work: () => T): { value: T | undefined; error: unknown; ms: number } {
  const start = process.cpuUsage();
  try {
    const value = work();
    return { value, error: undefined, ms: cpuMsSince(start) };
  } catch (error) {
    return { value: undefined, error, ms: cpuMsSince(start) };
  }
}

/** The outcome line of an error: its class and, for a WikirevError, its code. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error ${String(error)}`;
  const code = (error as { code?: unknown }).code;
  return `${error.constructor.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message.slice(0, 120)}`;
}

/**
 * Prints the result line; the last line of standard output is the result. `maxRssMb` is this
 * process's peak unless given (the peak of the CLI child a script started).
 */
export function report(
  outcome: string,
  ms: number,
  detail: unknown = null,
  maxRssMb = process.resourceUsage().maxRSS / 1024,
): void {
  const result: HostileResult = { outcome, ms, maxRssMb, detail };
  console.log(JSON.stringify(result));
}

/**
 * Runs each named case once and prints the result line: each case's outcome and CPU time in
 * `detail`, the slowest case's time as the time. A case that throws fails the script.
 */
export function reportCases(cases: Readonly<Record<string, () => unknown>>): void {
  const results: { name: string; outcome: unknown; ms: number }[] = [];
  for (const [name, work] of Object.entries(cases)) {
    const run = timed(work);
    if (run.error !== undefined) throw run.error;
    results.push({ name, outcome: run.value, ms: run.ms });
  }
  const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
  report(`ok, slowest ${slowest.name}`, slowest.ms, results);
}
