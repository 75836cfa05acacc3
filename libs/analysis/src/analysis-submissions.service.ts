import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { maskSecrets, ToolSnapshots } from '@app/mcp';
import { embeddedSecretPaths } from './rules/embedded-secrets.rules';
import { TaskService, type TaskAcceptedDto as TaskAccepted } from '@app/tasks';

/** Turns analysis requests into queued tasks; the worker runs them with the configured analyzer. */
@Injectable()
export class AnalysisSubmissions {
  constructor(
    private readonly tasks: TaskService,
    private readonly tools: ToolSnapshots,
  ) {}

  /** Secrets never reach the queue, the prompt or the result; where they were does, so the analysis can say so. */
  async feasibility(user: AuthUser, config: Record<string, unknown>): Promise<TaskAccepted> {
    const data = { config: maskSecrets(config), masked_secret_paths: embeddedSecretPaths(config) };
    const task = await this.tasks.submit('analysis.feasibility', user, data);
    return accepted(task.id, 'Feasibility analysis queued for processing');
  }

  /** An unknown tool is a 404 now, not a task that fails later. */
  async improvements(user: AuthUser, toolId: string): Promise<TaskAccepted> {
    await this.tools.assertExists(toolId);
    const task = await this.tasks.submit('analysis.improvements', user, { tool_id: toolId });
    return accepted(task.id, 'Improvement analysis queued for processing');
  }

  async generateConfig(user: AuthUser, requirements: Record<string, unknown>): Promise<TaskAccepted> {
    const task = await this.tasks.submit('analysis.generate-config', user, { requirements });
    return accepted(task.id, 'Configuration generation queued for processing');
  }
}

function accepted(taskId: string, message: string): TaskAccepted {
  return { task_id: taskId, status: 'pending', message };
}
