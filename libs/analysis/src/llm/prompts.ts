const ASSESSMENT_FIELDS =
  '{"score": number between 0 and 1, "is_feasible": boolean, "reasoning": string, "risks": string[], "recommendations": string[]}';

export const SYSTEM_PROMPT =
  'You review Model Context Protocol (MCP) tools for a platform team. Be concrete about security, data integrity ' +
  'and operability. Answer with one JSON object and nothing else.';

export function feasibilityPrompt(config: unknown): string {
  return `Assess whether this proposed MCP tool is feasible and safe to build.\nProposed tool (JSON):\n${JSON.stringify(config)}\n\nReply as ${ASSESSMENT_FIELDS}.`;
}

export function improvementsPrompt(tool: unknown): string {
  return (
    `Suggest improvements for this registered MCP tool.\nTool (JSON):\n${JSON.stringify(tool)}\n\n` +
    `Reply as ${ASSESSMENT_FIELDS.slice(0, -1)}, "suggestions": [{"area": string, "message": string, "priority": "high"|"medium"|"low"}]}.`
  );
}

export function generateConfigPrompt(requirements: unknown): string {
  return (
    `Write an MCP tool configuration meeting these requirements (JSON):\n${JSON.stringify(requirements)}\n\n` +
    'Reply as {"name": string, "slug": lowercase-with-dashes, "description": string, "reasoning": string, ' +
    '"config": {"servers": [{"name": string, "url": https URL}], "tools": [{"name": [A-Za-z0-9_-]+, ' +
    '"description": string, "parameters": {"<param>": {"type": JSON Schema type, "description": string}}}]}}.'
  );
}
