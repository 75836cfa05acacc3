import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One hand-written tool proposal with what a reviewer expects of its feasibility analysis. */
export interface EvalTool {
  id: string;
  /** A feasibility `config`: name, description, requirements and optionally servers/tools. */
  config: Record<string, any>;
  expected: { is_feasible: boolean; risks: string[] };
  note: string;
}

export function readEvalTools(directory = __dirname): EvalTool[] {
  return readFileSync(join(directory, 'tools.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalTool);
}

/** What generate-config is asked for each tool: its requirements, named after the tool and its tools. */
export function generationRequest(tool: EvalTool): Record<string, unknown> {
  const features = (tool.config.tools ?? []).map((t: { name?: unknown }) => t?.name).filter((n: unknown) => typeof n === 'string');
  return { tool_type: tool.config.name, description: tool.config.description, ...(features.length ? { features } : {}), ...tool.config.requirements };
}
