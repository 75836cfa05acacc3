import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** A process group a worker started, identified beyond its pid (pids are reused). */
export interface RecordedGroup {
  host: string;
  pgid: number;
  /** The leader's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  started: number;
}

function startTimeOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
    return fields ? Number(fields[19]) : undefined;
  } catch {
    return undefined;
  }
}

export function recordGroups(pids: number[]): RecordedGroup[] {
  const host = hostname();
  return pids.flatMap((pgid) => {
    const started = startTimeOf(pgid);
    return started === undefined ? [] : [{ host, pgid, started }];
  });
}

/**
 * Kills the groups a dead worker on this host left behind. A server that exits when its stdin
 * closes goes with its worker anyway; one that does not (its own timers, a wrapper that keeps the
 * pipe) would live on as an orphan. Only groups whose leader is still the very process that was
 * recorded (same start time) are touched, so a reused pid is never signalled.
 */
export function reapGroups(groups: RecordedGroup[]): number {
  let reaped = 0;
  for (const group of groups) {
    if (group.host !== hostname() || startTimeOf(group.pgid) !== group.started) continue;
    try {
      process.kill(-group.pgid, 'SIGKILL');
      reaped++;
    } catch {
      // Gone meanwhile.
    }
  }
  return reaped;
}
