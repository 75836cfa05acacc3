import { asRecord } from '../subject/json-shape';

const MAX_ENTRY_LENGTH = 200;

/**
 * A list of names from untrusted requirements (`features`, `data_sources`): a lone string counts as
 * one entry; entries that are not strings and entries beyond `max` are dropped with a warning.
 */
export function readRequirementList(requirements: unknown, field: string, max: number, warnings: string[]): string[] {
  const value = asRecord(requirements)?.[field];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value.slice(0, MAX_ENTRY_LENGTH)];
  if (!Array.isArray(value)) {
    warnings.push(`requirements.${field} is not a list and was ignored`);
    return [];
  }
  const strings: string[] = [];
  let ignored = 0;
  let index = 0;
  for (; index < value.length && strings.length < max; index++) {
    const entry: unknown = value[index];
    if (typeof entry === 'string') strings.push(entry.slice(0, MAX_ENTRY_LENGTH));
    else ignored++;
  }
  if (ignored > 0) warnings.push(`Ignored ${ignored} ${ignored === 1 ? 'entry' : 'entries'} of requirements.${field} that are not strings`);
  if (index < value.length) warnings.push(`Only the first ${max} entries of requirements.${field} were used`);
  return strings;
}
