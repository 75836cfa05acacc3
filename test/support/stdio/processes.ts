import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This directory, whether it runs from test/ (jest, vitest) or compiled (bench). */
export const STDIO_SUPPORT = join(__dirname);
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
