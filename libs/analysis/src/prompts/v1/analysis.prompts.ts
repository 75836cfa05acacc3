import { RISK_CODES } from './system.prompt';

const CODES = `Use these finding codes where they apply: ${RISK_CODES.join(', ')}.`;

const SCORING =
  'score is 0 (do not build) to 1 (safe as proposed); is_feasible is whether the tool can be built and run safely ' +
  'with the recommended changes. risks and recommendations are short sentences, most important first.';

export const feasibilityRequest = (toolJson: string, maskedSecretsJson: string): string =>
  `Assess whether this proposed MCP tool is feasible and safe to build.\n${SCORING}\n${CODES}\n\nProposed tool (JSON):\n${toolJson}` +
  `\n\nThe submitted configuration held literal secrets at these paths (masked above as ********): ${maskedSecretsJson}`;

export const improvementsRequest = (toolJson: string): string =>
  `Suggest improvements for this registered MCP tool, each as a suggestion with an area and a priority.\n${SCORING}\n${CODES}\n\nTool (JSON):\n${toolJson}`;

export const generateConfigRequest = (requirementsJson: string): string =>
  'Write an MCP tool configuration meeting these requirements: servers with https URLs, tools named [A-Za-z0-9_-], ' +
  'every parameter with a JSON Schema type and a description, a lowercase-with-dashes slug. ' +
  'Name the risks the tool still carries and what to do about them.\n\n' +
  `Requirements (JSON):\n${requirementsJson}`;

export const repairRequest = (problems: string[]): string =>
  'Your previous answer did not match the required structure:\n' +
  problems.map((p) => `- ${p}`).join('\n') +
  '\nAnswer again through the structured output, correcting exactly these problems.';
