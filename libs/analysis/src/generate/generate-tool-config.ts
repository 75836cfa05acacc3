import type { GenerateConfigResult, GeneratedTool } from '../analyzer';
import { asRecord, boundedString } from '../subject/json-shape';
import { listLabels } from '../text/safe-label';
import { featureTool } from './feature-tool';
import { resolveDataSource, type DataSource } from './known-data-sources';
import { joinBounded, toTitle, words } from './naming';
import { readRequirementList } from './requirement-list';

const MAX_FEATURES = 32;
const MAX_DATA_SOURCES = 16;
const MAX_TOOL_TYPE_WORDS = 3;
/** The registry's slug is 3-64 characters; `-tool` takes five of them. */
const MAX_SLUG_BASE = 59;

export type GeneratedToolDraft = Omit<GenerateConfigResult, 'risks' | 'recommendations' | 'analyzer'>;

/**
 * A tool config from requirements like `{tool_type, features[], data_sources[]}`: one tool per
 * feature, one server per data source. Without usable features one general tool is made from the
 * tool type, and without data sources one server, so the config always has what the registry
 * requires.
 */
export function generateToolConfig(requirements: unknown): GeneratedToolDraft {
  const warnings: string[] = [];
  const toolType = words(boundedString(asRecord(requirements)?.tool_type)).slice(0, MAX_TOOL_TYPE_WORDS);
  const features = readRequirementList(requirements, 'features', MAX_FEATURES, warnings);
  const requested = readDataSources(requirements, warnings);
  const base = [toolType, ...requested.map((source) => words(source.name)), ...features.map(words), ['generated']].find(
    (candidate) => candidate.length > 0,
  )!;
  const sources = requested.length > 0 ? requested : [resolveDataSource(base.join(' '))!];
  const requestedTools = featureTools(features, toolType, sources, warnings);
  const fromFeatures = requestedTools.length > 0;
  const tools = fromFeatures ? requestedTools : featureTools([base.join(' ')], toolType, sources, warnings);
  const offered = fromFeatures
    ? [...new Set(features.map((feature) => words(feature).join(' ')).filter(Boolean))]
    : [`${base.join(' ')} information`];
  const sourceLabels = listLabels(sources.map((source) => source.label));
  return {
    name: `${toTitle(base)} MCP Tool`,
    slug: `${joinBounded(base, '-', MAX_SLUG_BASE)}-tool`,
    description: `Provides ${listLabels(offered, 5)} from ${sourceLabels} via MCP`,
    version: '0.1.0',
    config: {
      servers: sources.map((source) => ({ name: source.name, url: source.url })),
      tools,
    },
    reasoning: explain(tools, sources, fromFeatures),
    warnings,
  };
}

function readDataSources(requirements: unknown, warnings: string[]): DataSource[] {
  const byName = new Map<string, DataSource>();
  for (const raw of readRequirementList(requirements, 'data_sources', MAX_DATA_SOURCES, warnings)) {
    const source = resolveDataSource(raw);
    if (!source) warnings.push('Ignored a data source without letters or digits');
    else if (!byName.has(source.name)) byName.set(source.name, source);
  }
  return [...byName.values()];
}

/** Tool names must be unique, so features that normalise to the same name yield one tool. */
function featureTools(features: string[], toolType: string[], sources: DataSource[], warnings: string[]): GeneratedTool[] {
  const byName = new Map<string, GeneratedTool>();
  for (const feature of features) {
    const tool = featureTool(feature, toolType, sources);
    if (!tool) warnings.push('Ignored a feature without letters or digits');
    else if (byName.has(tool.name)) warnings.push(`Ignored a feature that repeats the tool ${tool.name}`);
    else byName.set(tool.name, tool);
  }
  return [...byName.values()];
}

function explain(tools: GeneratedTool[], sources: DataSource[], fromFeatures: boolean): string {
  const toolPart = fromFeatures
    ? `Generated ${tools.length} tool${tools.length === 1 ? '' : 's'} (${listLabels(tools.map((tool) => tool.name), 5)}), one per requested feature`
    : `No usable features were requested, so one general tool (${tools[0].name}) was generated`;
  const serverPart = sources
    .map((source) => `${source.name} at ${source.url} (${source.known ? 'its public API' : 'a placeholder: replace it with the real endpoint'})`)
    .join('; ');
  return (
    `${toolPart}, and one server per data source: ${serverPart}. ` +
    "Supply any API keys through the deployment's secret store, never in the config."
  );
}
