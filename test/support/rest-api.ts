import { createServer, IncomingMessage, Server } from 'node:http';
import { closeServer } from './close-server';
import { freePort } from './free-port';
import { readBody } from './read-body';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** The API key the stand-in requires on /notes (a secret header of the tool config). */
export const REST_API_KEY = 'rest-api-key-0123456789';

/**
 * A plain JSON REST API on loopback, standing in for a team's service behind a REST tool: a GET with
 * a path parameter and query, a POST that needs an API key and echoes its body, a list, and a 500.
 * It records every request so tests can assert what the gateway sent.
 */
export class RestApi {
  /** Requests to the API's operations (the platform's reachability probes of the base URL are counted apart). */
  readonly seen: SeenRequest[] = [];
  probes = 0;
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const body = raw ? JSON.parse(raw) : undefined;
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname === '/v1' || url.pathname === '/v1/') {
          this.probes++;
          return res.writeHead(200, { 'content-type': 'application/json' }).end('{"service":"rest-api stand-in"}');
        }
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        const forecast = /^\/v1\/forecast\/([^/]+)$/.exec(url.pathname);
        if (req.method === 'GET' && forecast) {
          return json(200, { city: decodeURIComponent(forecast[1]), units: url.searchParams.get('units') ?? 'metric', days: url.searchParams.getAll('day'), temperature: 18 });
        }
        if (req.method === 'POST' && url.pathname === '/v1/notes') {
          if (req.headers['x-api-key'] !== REST_API_KEY) return json(401, { error: 'missing api key' });
          return json(201, { id: 'note-1', ...(body as object), request_id: req.headers['x-request-id'] ?? null });
        }
        if (req.method === 'GET' && url.pathname === '/v1/cities') return json(200, ['Paris', 'Oslo']);
        if (url.pathname === '/v1/boom') return json(500, { error: 'exploded' });
        json(404, { error: 'not found' });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }
}

/** A tool config whose server is the stand-in: one tool per kind of mapping. */
export function restToolConfig(apiUrl: string) {
  return {
    servers: [{ name: 'notes-api', transport: 'http', url: apiUrl }],
    tools: [
      {
        name: 'get_forecast',
        description: 'Forecast for a city',
        parameters: { city: { type: 'string' }, units: { type: 'string' }, day: { type: 'array', items: { type: 'string' } } },
        http: { method: 'GET', path: '/forecast/{city}' },
      },
      {
        name: 'create_note',
        description: 'Stores a note',
        parameters: { title: { type: 'string' }, text: { type: 'string' }, trace: { type: 'string' } },
        required: ['title'],
        http: { method: 'POST', path: '/notes', headers: { 'X-Api-Key': REST_API_KEY }, header_params: { 'X-Request-Id': 'trace' } },
      },
      { name: 'list_cities', description: 'Known cities', http: { method: 'GET', path: '/cities' } },
      { name: 'explode', description: 'Always answers 500', http: { method: 'GET', path: '/boom' } },
    ],
  };
}

/** The stand-in described as OpenAPI 3.1: what `POST /mcps/import/openapi` turns into a tool. */
export function restApiOpenApi(apiUrl: string, title = 'Notes API') {
  return {
    openapi: '3.1.0',
    info: { title, version: '2.1', description: 'Forecasts and notes' },
    servers: [{ url: '{base}', variables: { base: { default: apiUrl } } }],
    paths: {
      '/forecast/{city}': {
        parameters: [{ name: 'city', in: 'path', required: true, schema: { type: 'string' }, description: 'City name' }],
        get: {
          operationId: 'getForecast',
          summary: 'Forecast for a city',
          parameters: [{ $ref: '#/components/parameters/Units' }, { name: 'day', in: 'query', schema: { type: 'array', items: { type: 'string' } } }],
          responses: { '200': { description: 'The forecast' } },
        },
      },
      '/notes': {
        post: {
          operationId: 'create-note',
          parameters: [{ name: 'X-Api-Key', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } },
          responses: { '201': { description: 'Stored' } },
        },
      },
      '/cities': { get: { operationId: 'listCities', responses: { '200': { description: 'Cities' } } } },
      '/upload': {
        post: { operationId: 'upload', requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: { '204': { description: 'Done' } } },
      },
    },
    components: {
      parameters: { Units: { name: 'units', in: 'query', schema: { type: 'string', enum: ['metric', 'imperial'] } } },
      schemas: { Note: { type: 'object', required: ['title'], properties: { title: { type: 'string' }, text: { type: 'string' } } } },
    },
  };
}
