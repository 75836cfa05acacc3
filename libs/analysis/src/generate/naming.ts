/** How many words of a requirement make a name; beyond that names stop being readable. */
const MAX_WORDS = 6;
const MAX_INPUT_LENGTH = 200;

/** `current_weather`, `currentWeather`, `Current Wéather` → `['current', 'weather']` (ASCII only). */
export function words(value: string): string[] {
  return value
    .slice(0, MAX_INPUT_LENGTH)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
}

/** Joins words and cuts at `maxLength` without leaving a trailing separator. */
export function joinBounded(parts: readonly string[], separator: string, maxLength: number): string {
  const joined = parts.join(separator).slice(0, maxLength);
  return joined.endsWith(separator) ? joined.slice(0, -separator.length) : joined;
}

export function toTitle(parts: readonly string[]): string {
  return parts.map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}

export function toSentence(parts: readonly string[]): string {
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
