import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from './process-group-transport';
import { cpuCores, memoryBytes } from './quantities';

const CGROUP_ROOT = '/sys/fs/cgroup';
const GROUP_DIR = 'mcp-runner';
const CFS_PERIOD_US = 100_000;
const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

type Hierarchy = { version: 2 } | { version: 1 };

/** The cgroup layout the worker can write to, if any (containers usually mount it read-only). */
function writableHierarchy(): Hierarchy | undefined {
  try {
    if (existsSync(join(CGROUP_ROOT, 'cgroup.controllers'))) {
      mkdirSync(join(CGROUP_ROOT, GROUP_DIR), { recursive: true });
      writeFileSync(join(CGROUP_ROOT, GROUP_DIR, 'cgroup.subtree_control'), '+cpu +memory');
      return { version: 2 };
    }
    for (const controller of ['cpu', 'memory']) mkdirSync(join(CGROUP_ROOT, controller, GROUP_DIR), { recursive: true });
    return { version: 1 };
  } catch {
    return undefined;
  }
}

let hierarchy: Hierarchy | undefined | null = null;
const detected = () => (hierarchy === null ? (hierarchy = writableHierarchy()) : hierarchy);

/**
 * `resources` of a deployment applied to one server process (and everything it starts):
 *  - where the worker can create cgroups (v2, or v1 cpu + memory), a cgroup per instance with a CFS
 *    quota of `cpu` cores and a memory limit of `memory` (resident memory, what the OOM killer counts);
 *  - otherwise `memory` becomes an address-space limit (RLIMIT_AS through `prlimit`, which execs the
 *    command, so the process group is unchanged) and `cpu` is not enforced. Address space is much
 *    larger than resident memory for V8 and JVM servers (Node reserves about 1 GiB), so give those a
 *    correspondingly larger `memory` on such hosts. `applied` says which limits hold.
 */
export class ResourceLimits {
  readonly applied: string[] = [];
  private readonly dirs: string[] = [];

  constructor(
    private readonly instanceId: string,
    private readonly resources: { cpu: string; memory: string },
  ) {}

  /** The process to spawn: the command itself, or behind `prlimit` when no cgroup can hold the memory limit. */
  wrap(spec: ProcessSpec): ProcessSpec {
    const bytes = memoryBytes(this.resources.memory);
    if (detected() || !PRLIMIT || bytes === undefined) return spec;
    this.applied.push(`address space ${bytes} bytes (prlimit)`);
    return { ...spec, command: PRLIMIT, args: [`--as=${bytes}`, '--', spec.command, ...spec.args] };
  }

  /** Moves the freshly spawned leader into its cgroup; its children are born inside. */
  attach(pid: number): void {
    const found = detected();
    if (!found) return;
    const cores = cpuCores(this.resources.cpu);
    const bytes = memoryBytes(this.resources.memory);
    try {
      if (found.version === 2) {
        const dir = this.make(join(CGROUP_ROOT, GROUP_DIR, this.instanceId));
        if (cores) writeFileSync(join(dir, 'cpu.max'), `${Math.max(1000, Math.round(cores * CFS_PERIOD_US))} ${CFS_PERIOD_US}`);
        if (bytes) writeFileSync(join(dir, 'memory.max'), String(bytes));
        writeFileSync(join(dir, 'cgroup.procs'), String(pid));
      } else {
        const cpu = this.make(join(CGROUP_ROOT, 'cpu', GROUP_DIR, this.instanceId));
        const memory = this.make(join(CGROUP_ROOT, 'memory', GROUP_DIR, this.instanceId));
        if (cores) writeFileSync(join(cpu, 'cpu.cfs_quota_us'), String(Math.max(1000, Math.round(cores * CFS_PERIOD_US))));
        if (bytes) writeFileSync(join(memory, 'memory.limit_in_bytes'), String(bytes));
        writeFileSync(join(cpu, 'cgroup.procs'), String(pid));
        writeFileSync(join(memory, 'cgroup.procs'), String(pid));
      }
      if (cores) this.applied.push(`cpu ${cores} cores (cgroup v${found.version})`);
      if (bytes) this.applied.push(`memory ${bytes} bytes (cgroup v${found.version})`);
    } catch {
      // The hierarchy looked writable but this controller is not delegated to us: run unlimited, as documented.
    }
  }

  /** Removes the instance's cgroups once its processes are gone. */
  release(): void {
    for (const dir of this.dirs.splice(0)) {
      try {
        rmdirSync(dir);
      } catch {
        // Still populated (a process outlived the group kill) or already gone: nothing to do.
      }
    }
  }

  private make(dir: string): string {
    mkdirSync(dir, { recursive: true });
    this.dirs.push(dir);
    return dir;
  }
}
