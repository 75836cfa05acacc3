import { safeLabel } from '../text/safe-label';
import { joinBounded, words } from './naming';

interface KnownDataSource {
  label: string;
  url: string;
}

/** Public API base URLs of well-known sources, keyed by their name without separators. */
const KNOWN_DATA_SOURCES: ReadonlyMap<string, KnownDataSource> = new Map([
  ['openweathermap', { label: 'OpenWeatherMap', url: 'https://api.openweathermap.org' }],
  ['weatherapi', { label: 'WeatherAPI', url: 'https://api.weatherapi.com/v1' }],
  ['openmeteo', { label: 'Open-Meteo', url: 'https://api.open-meteo.com/v1' }],
  ['weathergov', { label: 'National Weather Service', url: 'https://api.weather.gov' }],
  ['github', { label: 'GitHub', url: 'https://api.github.com' }],
  ['gitlab', { label: 'GitLab', url: 'https://gitlab.com/api/v4' }],
  ['slack', { label: 'Slack', url: 'https://slack.com/api' }],
  ['notion', { label: 'Notion', url: 'https://api.notion.com/v1' }],
  ['stripe', { label: 'Stripe', url: 'https://api.stripe.com/v1' }],
  ['openai', { label: 'OpenAI', url: 'https://api.openai.com/v1' }],
  ['googlemaps', { label: 'Google Maps', url: 'https://maps.googleapis.com/maps/api' }],
  ['newsapi', { label: 'NewsAPI', url: 'https://newsapi.org/v2' }],
  ['coingecko', { label: 'CoinGecko', url: 'https://api.coingecko.com/api/v3' }],
  ['nasa', { label: 'NASA', url: 'https://api.nasa.gov' }],
  ['wikipedia', { label: 'Wikipedia', url: 'https://en.wikipedia.org/api/rest_v1' }],
]);

/** A DNS label holds at most 63 characters. */
const MAX_HOST_LABEL = 63;

export interface DataSource {
  /** The server entry's name, also the placeholder's host label: `[a-z0-9-]`. */
  name: string;
  label: string;
  url: string;
  known: boolean;
}

/**
 * A well-known source gets its real public API; any other gets `https://<name>.example.com`, a
 * reserved domain (RFC 2606) that can never reach a real host, as an obvious placeholder to replace.
 */
export function resolveDataSource(raw: string): DataSource | undefined {
  const parts = words(raw);
  if (parts.length === 0) return undefined;
  const name = joinBounded(parts, '-', MAX_HOST_LABEL);
  const known = KNOWN_DATA_SOURCES.get(parts.join(''));
  if (known) return { name, ...known, known: true };
  return { name, label: safeLabel(raw.trim(), 40), url: `https://${name}.example.com`, known: false };
}
