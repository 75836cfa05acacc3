import { safeLabel } from '../text/safe-label';
import { isTruncated, readDeclaredList, type DeclaredList } from './declared-list';
import { asRecord, boundedString, isEnabled } from './json-shape';
import { collectStringLeaves, type StringLeaf } from './json-walk';
import { readServer, type ServerView } from './server-view';
import { readTool, type ToolView } from './tool-view';

const MAX_SERVERS = 64;
const MAX_TOOLS = 256;
const MAX_REQUIREMENT_TERMS = 64;
const MAX_CORPUS_LENGTH = 100_000;
const MAX_MASKED_PATHS = 20;
const AUTH_REQUIREMENTS = ['auth', 'authentication', 'authorization', 'requires_auth', 'auth_required'];

/**
 * A proposal is judged on its intent (a description and requirements are enough); a registered
 * tool must also be runnable, so its missing servers or tools count against it.
 */
export type SubjectKind = 'proposal' | 'registered-tool';

/** Everything the rules look at, read once from untrusted JSON within fixed limits. */
export interface AnalysisSubject {
  kind: SubjectKind;
  /** The tool's name made safe to quote, possibly empty. */
  name: string;
  description: string;
  requirements: Readonly<Record<string, unknown>>;
  /**
   * Lower-cased words of the name, description, requirements, server names, tool names and
   * descriptions and parameters, with `_`, `-` and camelCase split so `delete_record` reads
   * `delete record` for the keyword rules.
   */
  text: string;
  servers: DeclaredList<ServerView>;
  tools: DeclaredList<ToolView>;
  /** Every string of the config with its path, for rules that look at values (secrets, URLs). */
  leaves: StringLeaf[];
  hasAuth: boolean;
  /** Part of the input exceeded the limits and was not analysed. */
  truncated: boolean;
  /** Where the submitted config held literal secrets that were masked before the analysis (they never reach it). */
  maskedSecretPaths: string[];
}

/** A feasibility `config`: `name`, `description` and `requirements` next to optional `servers`/`tools`. */
export function readProposal(config: unknown, maskedSecretPaths: readonly string[] = []): AnalysisSubject {
  const record = asRecord(config) ?? {};
  return { ...buildSubject('proposal', record.name, record.description, config), maskedSecretPaths: maskedSecretPaths.slice(0, MAX_MASKED_PATHS) };
}

/** A registered tool: its own `name` and `description`, with `servers`/`tools` inside `config`. */
export function readRegisteredTool(tool: unknown): AnalysisSubject {
  const record = asRecord(tool) ?? {};
  return { ...buildSubject('registered-tool', record.name, record.description, record.config), maskedSecretPaths: [] };
}

function buildSubject(kind: SubjectKind, name: unknown, description: unknown, config: unknown): Omit<AnalysisSubject, 'maskedSecretPaths'> {
  const record = asRecord(config) ?? {};
  const requirements = asRecord(record.requirements) ?? {};
  const servers = readDeclaredList(record.servers, MAX_SERVERS, readServer);
  const tools = readDeclaredList(record.tools, MAX_TOOLS, readTool);
  const walk = collectStringLeaves(config);
  const rawName = boundedString(name);
  const rawDescription = boundedString(description);
  return {
    kind,
    name: safeLabel(rawName, 80),
    description: rawDescription,
    requirements,
    text: corpus([
      rawName,
      rawDescription,
      ...requirementTerms(requirements),
      ...servers.items.map((server) => server.label),
      ...tools.items.flatMap(toolTerms),
    ]),
    servers,
    tools,
    leaves: walk.leaves,
    hasAuth:
      isEnabled(record.auth) ||
      AUTH_REQUIREMENTS.some((key) => isEnabled(requirements[key])) ||
      servers.items.some((server) => server.hasAuth),
    truncated:
      walk.truncated ||
      isTruncated(servers) ||
      isTruncated(tools) ||
      tools.items.some((tool) => isTruncated(tool.parameters)),
  };
}

/** Flags set to `true` read as their words (`shell_access: true` → "shell access"); strings as they are. */
function requirementTerms(requirements: Record<string, unknown>): string[] {
  return Object.keys(requirements)
    .slice(0, MAX_REQUIREMENT_TERMS)
    .flatMap((key) => {
      const value = requirements[key];
      if (value === true) return [key];
      return typeof value === 'string' ? [boundedString(value)] : [];
    });
}

function toolTerms(tool: ToolView): string[] {
  return [
    tool.name ?? '',
    tool.description,
    ...tool.parameters.items.flatMap((parameter) => [parameter.name, parameter.description]),
  ];
}

function corpus(parts: string[]): string {
  const words: string[] = [];
  let length = 0;
  for (const part of parts.filter(Boolean)) {
    if (length >= MAX_CORPUS_LENGTH) break;
    const normalised = part
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/[_-]+/g, ' ');
    words.push(normalised);
    length += normalised.length + 1;
  }
  return words.join('\n').slice(0, MAX_CORPUS_LENGTH);
}
