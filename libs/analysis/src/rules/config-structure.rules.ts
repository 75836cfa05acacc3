import type { DeclaredList } from '../subject/declared-list';
import { listLabels } from '../text/safe-label';
import type { Finding, Rule } from './finding';

/** The registry's tool-name rule, which MCP clients rely on as well. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Clients choose less reliably from long tool lists; OpenAI function calling accepts at most 128. */
const MANY_TOOLS = 40;
const TOO_MANY_TOOLS = 128;

function isEmpty(list: DeclaredList<unknown>): boolean {
  return list.status !== 'list' || list.total === 0;
}

export const malformedLists: Rule = (subject) =>
  (['servers', 'tools'] as const)
    .filter((key) => subject[key].status === 'malformed')
    .map(
      (key): Finding => ({
        code: `structure.${key}-not-a-list`,
        severity: 'medium',
        area: 'structure',
        message: `config.${key} is not a list, so it cannot be used`,
        recommendations: [`Declare config.${key} as an array of objects`],
      }),
    );

/** A proposal may leave both lists out; once one of them is there (or the tool is registered) both are needed. */
export const missingServers: Rule = (subject) => {
  const concrete = subject.kind === 'registered-tool' || !isEmpty(subject.tools);
  if (!concrete || !isEmpty(subject.servers) || subject.servers.status === 'malformed') return [];
  return [
    {
      code: 'structure.no-servers',
      severity: 'high',
      area: 'structure',
      message: 'No server is declared, so the tools have nothing to run on',
      recommendations: ['Add a server with an https url, or a command and args for stdio'],
    },
  ];
};

export const missingTools: Rule = (subject) => {
  const concrete = subject.kind === 'registered-tool' || !isEmpty(subject.servers);
  if (!concrete || !isEmpty(subject.tools) || subject.tools.status === 'malformed') return [];
  return [
    {
      code: 'structure.no-tools',
      severity: 'low',
      area: 'structure',
      message: 'No tools are declared, so users cannot see what the server offers before connecting',
      recommendations: ['Declare each tool with a name, a description and typed parameters'],
    },
  ];
};

export const unusableServers: Rule = (subject) => {
  const unusable = subject.servers.items
    .filter((server) => !server.command && !(server.url && /^https?:$/.test(server.url.protocol)))
    .map((server) => server.label);
  if (unusable.length === 0) return [];
  return [
    {
      code: 'structure.unusable-server',
      severity: 'high',
      area: 'structure',
      message: `Servers ${listLabels(unusable)} have neither an http(s) url nor a command`,
      recommendations: ['Give every server an https url, or a command and args for stdio'],
    },
  ];
};

export const invalidToolNames: Rule = (subject) => {
  const names = subject.tools.items.map((tool) => tool.name);
  const invalid = subject.tools.items.filter((tool) => !tool.name || !TOOL_NAME.test(tool.name));
  const duplicated = subject.tools.items.filter((tool, i) => tool.name && names.indexOf(tool.name) !== i);
  const labels = [...new Set([...invalid, ...duplicated].map((tool) => tool.label))];
  if (labels.length === 0) return [];
  return [
    {
      code: 'structure.tool-names',
      severity: 'medium',
      area: 'structure',
      message: `Tool names ${listLabels(labels)} are missing, invalid or duplicated`,
      recommendations: ['Give every tool a unique name of letters, digits, _ and - (at most 64 characters)'],
    },
  ];
};

export const tooManyTools: Rule = (subject) => {
  const count = subject.tools.total;
  if (count <= MANY_TOOLS) return [];
  return [
    {
      code: 'structure.many-tools',
      severity: count > TOO_MANY_TOOLS ? 'medium' : 'low',
      area: 'structure',
      message: `${count} tools are declared; LLM clients choose less reliably from long lists and some accept at most ${TOO_MANY_TOOLS}`,
      recommendations: ['Split the tools across several focused servers'],
    },
  ];
};

export const configStructureRules: Rule[] = [
  malformedLists,
  missingServers,
  missingTools,
  unusableServers,
  invalidToolNames,
  tooManyTools,
];
