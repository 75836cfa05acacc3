import type { GeneratedTool } from '../analyzer';
import { listLabels } from '../text/safe-label';
import type { DataSource } from './known-data-sources';
import { joinBounded, toSentence, words } from './naming';
import { parametersFor } from './parameter-hints';

const MAX_TOOL_NAME = 64;
const VERBS = new Set([
  'get', 'list', 'search', 'find', 'query', 'lookup', 'fetch', 'create', 'add', 'update', 'upsert', 'delete',
  'remove', 'send', 'post', 'notify', 'publish', 'check', 'convert', 'translate', 'summarize', 'analyze',
  'calculate', 'generate', 'subscribe', 'track', 'compare',
]);

/**
 * One tool for one requested feature: `forecast` in a weather tool becomes `get_weather_forecast`
 * (a verb first, the tool type added when the feature does not name it) with typed parameters
 * implied by its words.
 */
export function featureTool(feature: string, toolType: readonly string[], sources: readonly DataSource[]): GeneratedTool | undefined {
  const featureWords = words(feature);
  if (featureWords.length === 0) return undefined;
  const hasVerb = VERBS.has(featureWords[0]);
  const verb = hasVerb ? featureWords[0] : 'get';
  const object = hasVerb ? featureWords.slice(1) : featureWords;
  const phrase = [verb, ...toolType.filter((word) => !object.includes(word)), ...object];
  const parameters = parametersFor([...toolType, ...featureWords]);
  const forLocation = parameters.location ? ' for a location' : '';
  const using = sources.length > 0 ? ` using ${listLabels(sources.map((source) => source.label))}` : '';
  return {
    name: joinBounded(phrase, '_', MAX_TOOL_NAME),
    description: `${toSentence(phrase)}${forLocation}${using}`,
    parameters,
  };
}
