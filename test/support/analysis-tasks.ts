import { CONTRACT } from './contract';
import { http } from './http';

/** Submitting analyses and waiting for their tasks, shared by the analysis suites. */
export class AnalysisClient {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
  ) {}

  async submit(kind: 'feasibility' | 'improvements' | 'generate-config', json: unknown): Promise<string> {
    const res = await http(this.apiUrl, 'POST', `/api/v1/analyze/${kind}`, { token: this.token, json });
    if (res.status !== 202) throw new Error(`analysis not accepted: ${res.status} ${res.text}`);
    return res.body.task_id as string;
  }

  feasibility(config: Record<string, unknown> = CONTRACT.feasibility.config): Promise<string> {
    return this.submit('feasibility', { config });
  }

  async task(taskId: string): Promise<any> {
    return (await http(this.apiUrl, 'GET', `/api/v1/tasks/${taskId}`, { token: this.token })).body;
  }

  /** The task once it is completed, failed or cancelled. */
  async settled(taskId: string, timeoutMs = 30_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await this.task(taskId);
      if (['completed', 'failed', 'cancelled'].includes(task.status)) return task;
      if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
