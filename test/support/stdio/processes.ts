import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../service-process';

/** The servers' sources, also when this file runs compiled (bench): tsc does not copy .mjs files. */
export const STDIO_SUPPORT = join(ROOT, 'test/support/stdio');
export const WEATHER_SERVER = join(STDIO_SUPPORT, 'weather-server.mjs');
export const WRAPPER = join(STDIO_SUPPORT, 'wrapper.mjs');

/** Live processes whose command line holds `marker` (zombies excluded: they hold nothing). */
export function processesWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
      if (!cmdline.includes(marker)) continue;
      const state = readFileSync(join('/proc', entry, 'stat'), 'utf8').split(') ')[1]?.[0];
      if (state !== 'Z') pids.push(Number(entry));
    } catch {
      // Gone while we looked: not left over.
    }
  }
  return pids;
}

/** Resident memory of a process in MiB (VmRSS), or undefined once it is gone. */
export function residentMiB(pid: number): number | undefined {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(join('/proc', String(pid), 'status'), 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}
