import { Inject, Injectable } from '@nestjs/common';
import { Forbidden, ValidationFailed } from '@app/core';
import type { AuthUser } from '@app/auth';
import { DEPLOYMENT_RUNTIMES, type DeploymentRuntime } from './deployment-runtime';

/** Picks the runtime for a tool config; runtimes register under DEPLOYMENT_RUNTIMES in order of preference. */
@Injectable()
export class RuntimeRegistry {
  constructor(@Inject(DEPLOYMENT_RUNTIMES) private readonly runtimes: DeploymentRuntime[]) {}

  /** The runtime `user` deploys `toolConfig` with: 403 without the runtime's own permission, 422 when its checks refuse the config. */
  forConfig(toolConfig: Record<string, unknown>, user: AuthUser): DeploymentRuntime {
    const runtime = this.runtimes.find((r) => r.accepts(toolConfig));
    if (!runtime) {
      throw ValidationFailed([
        {
          loc: ['body', 'tool_id'],
          msg: 'the tool cannot be deployed: its config has no server this platform can run (a servers[] entry with a url, or a command)',
          type: 'value_error.not_deployable',
        },
      ]);
    }
    if (runtime.requiredPermission && !user.permissions.has(runtime.requiredPermission)) throw Forbidden(runtime.requiredPermission);
    const issues = runtime.check?.(toolConfig) ?? [];
    if (issues.length) throw ValidationFailed(issues);
    return runtime;
  }

  byKind(kind: string): DeploymentRuntime {
    const runtime = this.runtimes.find((r) => r.kind === kind);
    if (!runtime) throw new Error(`Unknown deployment runtime "${kind}"`);
    return runtime;
  }
}
