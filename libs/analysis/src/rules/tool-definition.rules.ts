import type { ToolView } from '../subject/tool-view';
import { listLabels } from '../text/safe-label';
import { severityByShare, type Rule } from './finding';

const JSON_SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

function isSchemaType(type: unknown): boolean {
  if (Array.isArray(type)) return type.length > 0 && type.every((entry) => JSON_SCHEMA_TYPES.has(entry));
  return typeof type === 'string' && JSON_SCHEMA_TYPES.has(type);
}

function objectTools(tools: ToolView[]) {
  return tools.filter((tool) => tool.isObject);
}

/** LLM clients pick a tool by its description, so an undescribed tool is one they misuse or ignore. */
export const undescribedTools: Rule = (subject) => {
  const tools = objectTools(subject.tools.items);
  const missing = tools.filter((tool) => tool.description.trim() === '').map((tool) => tool.label);
  if (missing.length === 0) return [];
  return [
    {
      code: 'tools.missing-description',
      severity: severityByShare(missing.length, tools.length),
      area: 'documentation',
      message: `${missing.length} of ${tools.length} tools have no description (${listLabels(missing)})`,
      recommendations: ['Describe what each tool does and when to use it'],
    },
  ];
};

/** Without a JSON-Schema type neither clients nor the gateway can check the arguments of a call. */
export const untypedParameters: Rule = (subject) => {
  const tools = objectTools(subject.tools.items);
  const affected = tools.filter(
    (tool) =>
      tool.parameters.status === 'malformed' ||
      tool.parameters.items.some((parameter) => !isSchemaType(parameter.type)),
  );
  if (affected.length === 0) return [];
  return [
    {
      code: 'tools.untyped-parameters',
      severity: severityByShare(affected.length, tools.length),
      area: 'schema',
      message: `Tools ${listLabels(affected.map((tool) => tool.label))} have parameters without a JSON-Schema type`,
      recommendations: [
        'Define parameters as JSON-Schema properties with a type (string, number, integer, boolean, array or object)',
      ],
    },
  ];
};

export const undescribedParameters: Rule = (subject) => {
  const names = subject.tools.items.flatMap((tool) =>
    tool.parameters.items
      .filter((parameter) => parameter.description.trim() === '')
      .map((parameter) => `${tool.label}.${parameter.name}`),
  );
  if (names.length === 0) return [];
  return [
    {
      code: 'tools.missing-parameter-description',
      severity: 'low',
      area: 'documentation',
      message: `Parameters ${listLabels(names)} have no description`,
      recommendations: ['Describe each parameter, including its units and format'],
    },
  ];
};

export const toolDefinitionRules: Rule[] = [undescribedTools, untypedParameters, undescribedParameters];
