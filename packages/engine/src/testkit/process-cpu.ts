import { readFileSync } from 'node:fs';

/** utime + stime from a `/proc/…/stat` file, in ms (USER_HZ = 100 on Linux). */
function statMs(file: string): number {
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU a process has used, in ms: all its threads, and its main (event-loop) thread alone. */
export function processCpuMs(pid: number): { all: number; main: number } {
  return { all: statMs(`/proc/${pid}/stat`), main: statMs(`/proc/${pid}/task/${pid}/stat`) };
}
