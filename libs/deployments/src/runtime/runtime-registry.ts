import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailed } from '@app/core';
import { DEPLOYMENT_RUNTIMES, type DeploymentRuntime } from './deployment-runtime';

/** Picks the runtime for a tool config; runtimes register under DEPLOYMENT_RUNTIMES in order of preference. */
@Injectable()
export class RuntimeRegistry {
  constructor(@Inject(DEPLOYMENT_RUNTIMES) private readonly runtimes: DeploymentRuntime[]) {}

  forConfig(toolConfig: Record<string, unknown>): DeploymentRuntime {
    const runtime = this.runtimes.find((r) => r.accepts(toolConfig));
    if (!runtime) {
      throw ValidationFailed([
        {
          loc: ['body', 'tool_id'],
          msg: 'the tool cannot be deployed: its config has no server this platform can run (a servers[] entry with a url)',
          type: 'value_error.not_deployable',
        },
      ]);
    }
    return runtime;
  }

  byKind(kind: string): DeploymentRuntime {
    const runtime = this.runtimes.find((r) => r.kind === kind);
    if (!runtime) throw new Error(`Unknown deployment runtime "${kind}"`);
    return runtime;
  }
}
