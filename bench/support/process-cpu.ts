import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU counters (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far, read from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time per call of each named process while `run` makes `calls()` calls: machine-independent
 * enough to compare changes on a busy host, where calls per second and latency are not.
 */
export async function cpuPerCall<T>(pids: Record<string, number>, run: () => Promise<T>, calls: (result: T) => number): Promise<{ result: T; perCall: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const result = await run();
  const n = Math.max(1, calls(result));
  const perCall = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, Math.round(((cpuMs(pid) - before[name]) / n) * 1000) / 1000]));
  return { result, perCall };
}
