import type { ValidationIssue } from '@app/core';
import { isRecord, noMatch, notEnum, notList, notObject, notString, requireString } from './issue-builders';

export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const JSON_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

function validateParameters(parameters: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (parameters === undefined) return [];
  if (!isRecord(parameters)) return [notObject(loc)];
  return Object.entries(parameters).flatMap(([name, schema]) => {
    const at = [...loc, name];
    if (!isRecord(schema)) return [notObject(at)];
    const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
    const bad = types.some((t) => !JSON_SCHEMA_TYPES.includes(t as (typeof JSON_SCHEMA_TYPES)[number]));
    const issues = bad ? [notEnum([...at, 'type'], JSON_SCHEMA_TYPES)] : [];
    if (schema.description !== undefined && typeof schema.description !== 'string') issues.push(notString([...at, 'description']));
    return issues;
  });
}

/** `required`: the parameters a call must send (JSON Schema's list). */
function validateRequired(required: unknown, parameters: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (required === undefined) return [];
  if (!Array.isArray(required)) return [notList(loc)];
  const names = new Set(isRecord(parameters) ? Object.keys(parameters) : []);
  return required.flatMap((name, i) => {
    if (typeof name !== 'string') return [notString([...loc, i])];
    return names.has(name) ? [] : [{ loc: [...loc, i], msg: `'${name}' is not a parameter of this tool`, type: 'value_error.unknown_parameter' }];
  });
}

function validateTool(tool: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (!isRecord(tool)) return [notObject(loc)];
  const issues: ValidationIssue[] = [];
  const nameIssue = requireString(tool.name, [...loc, 'name']);
  if (nameIssue) issues.push(nameIssue);
  else if (!TOOL_NAME_PATTERN.test(tool.name as string)) issues.push(noMatch([...loc, 'name'], TOOL_NAME_PATTERN));
  if (tool.description !== undefined && typeof tool.description !== 'string') issues.push(notString([...loc, 'description']));
  issues.push(...validateParameters(tool.parameters, [...loc, 'parameters']));
  issues.push(...validateRequired(tool.required, tool.parameters, [...loc, 'required']));
  return issues;
}

/** `tools[]`: unique names an MCP client can call, with JSON-Schema parameter properties. */
export function validateTools(tools: unknown): ValidationIssue[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) return [notList(['tools'])];
  const issues = tools.flatMap((tool, i) => validateTool(tool, ['tools', i]));
  const seen = new Set<string>();
  tools.forEach((tool, i) => {
    const name = isRecord(tool) ? tool.name : undefined;
    if (typeof name !== 'string') return;
    if (seen.has(name)) {
      issues.push({ loc: ['tools', i, 'name'], msg: `duplicate tool name '${name}'`, type: 'value_error.list.unique_items' });
    }
    seen.add(name);
  });
  return issues;
}
