import { randomUUID } from 'node:crypto';
import { processesWithMarker, WEATHER_SERVER, WRAPPER } from '../../../../../test/support/stdio/processes';
import { childEnvironment } from './stdio-server';
import { StdioSupervisor, type SupervisorSettings } from './stdio-supervisor';

const settings = (overrides: Partial<SupervisorSettings> = {}): SupervisorSettings => ({
  replicas: 1,
  resources: { cpu: '1', memory: '2Gi' },
  maxCrashes: 5,
  crashWindowMs: 60_000,
  restartBackoffMs: 50,
  stopGraceMs: 300,
  ...overrides,
});

/** The weather server behind the wrapper (a parent that does not pass signals on), tagged with `marker`. */
function wrapped(marker: string, ...flags: string[]) {
  return { command: process.execPath, args: [WRAPPER, WEATHER_SERVER, `--marker=${marker}`, ...flags], env: childEnvironment({}) };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function whoami(supervisor: StdioSupervisor): Promise<number> {
  const result = await supervisor.pick()!.callTool({ name: 'whoami', arguments: {} });
  return (result.structuredContent as { pid: number }).pid;
}

describe('StdioSupervisor (real processes)', () => {
  it('serves round-robin from every replica and restarts a killed one while the other keeps serving', async () => {
    const marker = `sup-${randomUUID()}`;
    const supervisor = new StdioSupervisor(randomUUID(), wrapped(marker), settings({ replicas: 2 }));
    await supervisor.start();
    try {
      const served = new Set([await whoami(supervisor), await whoami(supervisor)]);
      expect(served.size).toBe(2);
      const [victim] = supervisor.pids();
      process.kill(victim, 'SIGKILL');
      await until(() => supervisor.views()[0].status !== 'running');
      expect(await whoami(supervisor)).not.toBe(victim);
      await until(() => supervisor.views()[0].status === 'running');
      expect(supervisor.views()[0]).toMatchObject({ status: 'running', restarts: 1, runtime: 'stdio' });
      // The wrapper's orphaned child went with its group: two wrappers and two servers remain.
      expect(processesWithMarker(marker)).toHaveLength(4);
    } finally {
      await supervisor.stop();
    }
    expect(processesWithMarker(marker)).toEqual([]);
  }, 60_000);

  it('fails after maxCrashes crashes in the window, quoting the last stderr lines', async () => {
    const supervisor = new StdioSupervisor(randomUUID(), wrapped(`fail-${randomUUID()}`, '--fail-start'), settings({ maxCrashes: 3, restartBackoffMs: 10 }));
    const started = performance.now();
    await expect(supervisor.start()).rejects.toThrow(/crashed 3 times within 60 s; last stderr: .*missing WEATHER_API_KEY \| weather-server: giving up/);
    // Backoff doubles: 10 + 20 ms between the three attempts, not three immediate retries.
    expect(performance.now() - started).toBeGreaterThan(30);
    expect(supervisor.views().every((v) => v.status === 'failed')).toBe(true);
  }, 60_000);

  it('leaves no process behind over 100 start/stop cycles through a wrapper, SIGTERM-deaf servers included', async () => {
    const marker = `leak-${randomUUID()}`;
    const cycle = async (i: number) => {
      const flags = i % 10 === 0 ? ['--ignore-sigterm'] : [];
      const supervisor = new StdioSupervisor(randomUUID(), wrapped(marker, ...flags), settings());
      await supervisor.start();
      await whoami(supervisor);
      await supervisor.stop();
    };
    const CONCURRENCY = 10;
    for (let i = 0; i < 100; i += CONCURRENCY) {
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, j) => cycle(i + j)));
    }
    const leftover = processesWithMarker(marker);
    console.log(`stdio leak test: 100 cycles, ${leftover.length} leftover processes`);
    expect(leftover).toEqual([]);
  }, 180_000);
});
