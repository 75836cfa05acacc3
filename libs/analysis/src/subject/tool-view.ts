import { safeLabel } from '../text/safe-label';
import type { DeclaredList } from './declared-list';
import { asRecord, boundedString } from './json-shape';

const MAX_PARAMETERS = 64;

export interface ParameterView {
  /** The parameter's name made safe to quote. */
  name: string;
  /** The raw `type` of its schema; `undefined` when the definition is not an object. */
  type: unknown;
  description: string;
}

export interface ToolView {
  index: number;
  /** The tool's name made safe to quote, or `tools[i]`. */
  label: string;
  isObject: boolean;
  /** The raw name when it is a string (bounded), checked against the registry's pattern. */
  name?: string;
  description: string;
  /** `parameters` is an object of JSON-Schema properties, so it is read like a list of entries. */
  parameters: DeclaredList<ParameterView>;
}

export function readTool(value: unknown, index: number): ToolView {
  const record = asRecord(value);
  const name = typeof record?.name === 'string' ? record.name.slice(0, 256) : undefined;
  return {
    index,
    label: (name && safeLabel(name)) || `tools[${index}]`,
    isObject: record !== undefined,
    name,
    description: boundedString(record?.description),
    parameters: readParameters(record?.parameters),
  };
}

function readParameters(value: unknown): DeclaredList<ParameterView> {
  if (value === undefined || value === null) return { status: 'absent', items: [], total: 0 };
  const record = asRecord(value);
  if (!record) return { status: 'malformed', items: [], total: 0 };
  const keys = Object.keys(record);
  return {
    status: 'list',
    items: keys.slice(0, MAX_PARAMETERS).map((key) => readParameter(key, record[key])),
    total: keys.length,
  };
}

function readParameter(key: string, schema: unknown): ParameterView {
  const definition = asRecord(schema);
  return {
    name: safeLabel(key, 40),
    type: definition?.type,
    description: boundedString(definition?.description),
  };
}
