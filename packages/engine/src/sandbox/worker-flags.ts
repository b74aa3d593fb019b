/** Flags a worker thread accepts and a user may want in it too (profiling, source maps, warnings). */
const WORKER_FLAG =
  /^--(cpu-prof|heap-prof|enable-source-maps|conditions|no-warnings|no-deprecation|trace-warnings|trace-deprecation|trace-uncaught)/;
/** Those of them whose value may come as the next argument (`--cpu-prof-dir /tmp/p`). */
const VALUE_FLAG = /^--((cpu|heap)-prof-(dir|name|interval)|conditions)$/;

/**
 * What the workers get of the process's flags. Not all of them: a worker would inherit `--import tsx` and start a
 * loader thread of its own (the entry registers tsx in-thread instead), and process-wide flags such as
 * `--max-old-space-size`, passed on explicitly, make Worker throw.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const kept: string[] = [];
  argv.forEach((arg, index) => {
    if (!WORKER_FLAG.test(arg)) return;
    kept.push(arg);
    const value = argv[index + 1];
    if (VALUE_FLAG.test(arg) && value !== undefined) kept.push(value);
  });
  return kept;
}
