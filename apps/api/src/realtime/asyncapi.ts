import { ERROR_CODES } from '@app/core';
import { DEPLOYMENT_STATUSES, HEALTH_STATUSES } from '@app/deployments';
import { TASK_STATUSES } from '@app/tasks';

const ref = (path: string) => ({ $ref: `#/${path}` });
const payload = (schema: string) => ({ payload: ref(`components/schemas/${schema}`) });
const CREDENTIALS = ['bearer', 'apiKey', 'queryToken'].map((s) => ref(`components/securitySchemes/${s}`));

/** The id fields a client subscribes with: one per topic (`{task_id}` or `{deployment_id}`). */
const SUBJECT = {
  type: 'object',
  description: 'Exactly one topic id: `task_id` (a task you own, or any as an admin) or `deployment_id`',
  properties: {
    task_id: { type: 'string', format: 'uuid' },
    deployment_id: { type: 'string', format: 'uuid' },
  },
  minProperties: 1,
  maxProperties: 1,
};

const withType = (type: string, properties: object = {}, required: string[] = []) => ({
  type: 'object',
  required: ['type', ...required],
  properties: { type: { const: type }, ...properties },
});

const SCHEMAS = {
  Subject: SUBJECT,
  SubscribeRequest: { allOf: [withType('subscribe'), SUBJECT] },
  UnsubscribeRequest: { allOf: [withType('unsubscribe'), SUBJECT] },
  Ping: withType('ping'),
  Pong: withType('pong'),
  Subscribed: { allOf: [withType('subscribed'), SUBJECT] },
  Unsubscribed: { allOf: [withType('unsubscribed'), SUBJECT] },
  TaskUpdate: withType(
    'task_update',
    {
      task_id: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: TASK_STATUSES },
      progress: { type: 'integer', minimum: 0, maximum: 100 },
      message: { type: ['string', 'null'] },
      result: { description: 'Set when completed: the task type’s result, as `GET /api/v1/tasks/{id}` returns it' },
      error: {
        type: 'object',
        description: 'Set when failed',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object' } } },
      },
    },
    ['task_id', 'status', 'progress', 'message'],
  ),
  DeploymentStatus: withType(
    'deployment_status',
    {
      deployment_id: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: DEPLOYMENT_STATUSES },
      health_status: { type: 'string', enum: HEALTH_STATUSES },
      error: { type: 'string', description: 'Why the deployment failed to start' },
    },
    ['deployment_id', 'status'],
  ),
  Error: withType(
    'error',
    {
      error_code: { type: 'string', enum: ERROR_CODES },
      detail: { type: 'string' },
      task_id: { type: 'string', description: 'The subject the error is about, when there is one' },
      deployment_id: { type: 'string' },
    },
    ['error_code', 'detail'],
  ),
  ConnectError: {
    type: 'object',
    description: 'Socket.IO `connect_error`: `message` says why, `data.error_code` is `UNAUTHORIZED` or `RATE_LIMIT_EXCEEDED`',
    properties: { message: { type: 'string' }, data: { type: 'object', properties: { error_code: { type: 'string', enum: ['UNAUTHORIZED', 'RATE_LIMIT_EXCEEDED'] } } } },
  },
};

const MESSAGES = {
  subscribe: { name: 'subscribe', title: 'Subscribe to a task or deployment', ...payload('SubscribeRequest') },
  unsubscribe: { name: 'unsubscribe', title: 'Stop receiving a subject’s events', ...payload('UnsubscribeRequest') },
  ping: { name: 'ping', title: 'Application-level ping (/ws only)', ...payload('Ping') },
  pong: { name: 'pong', ...payload('Pong') },
  subscribed: { name: 'subscribed', title: 'The subscription is active; the current state follows (/ws) or came first (Socket.IO)', ...payload('Subscribed') },
  unsubscribed: { name: 'unsubscribed', ...payload('Unsubscribed') },
  taskUpdate: { name: 'task_update', title: 'A task changed status or progress', ...payload('TaskUpdate') },
  deploymentStatus: { name: 'deployment_status', title: 'A deployment changed status or health', ...payload('DeploymentStatus') },
  error: { name: 'error', title: 'A message was refused (bad JSON, unknown type, no such subject…)', ...payload('Error') },
  connectError: { name: 'connect_error', title: 'Socket.IO refused the connection', ...payload('ConnectError') },
};

const channelMessages = (names: (keyof typeof MESSAGES)[]) => Object.fromEntries(names.map((n) => [n, ref(`components/messages/${n}`)]));
const messagesOf = (channel: string, names: (keyof typeof MESSAGES)[]) => names.map((n) => ref(`channels/${channel}/messages/${n}`));

/** An operation of the api: `receive` what clients send, `send` what it pushes; a reply where the protocol acknowledges. */
function operation(action: 'send' | 'receive', channel: string, summary: string, messages: (keyof typeof MESSAGES)[], reply?: (keyof typeof MESSAGES)[]) {
  return {
    action,
    summary,
    channel: ref(`channels/${channel}`),
    messages: messagesOf(channel, messages),
    ...(reply ? { reply: { channel: ref(`channels/${channel}`), messages: messagesOf(channel, reply) } } : {}),
  };
}

/**
 * The realtime side of the api as an AsyncAPI 3 document: the plain WebSocket `/ws`, Socket.IO and
 * Server-Sent Events `/events`, with their messages and how each authenticates. Served beside the
 * OpenAPI document; `test/asyncapi.e2e-spec.ts` validates it against the AsyncAPI 3.0 schema.
 */
export function buildAsyncApiDocument(version: string, publicBaseUrl: string) {
  const base = new URL(publicBaseUrl);
  const secure = base.protocol === 'https:';
  const server = (protocol: string, description: string) => ({ host: base.host, protocol, description, security: CREDENTIALS });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'MCP Platform realtime API',
      version,
      description:
        'Live task progress and deployment status. Subscribe to one task or deployment over `/ws` or Socket.IO, or stream ' +
        'every event you may see over SSE (`/events`). `GET /api/v1/tasks/{id}` stays the source of truth after a missed event. ' +
        'The guide is docs/realtime.md in the repository; the REST API is described at /api/docs-json.',
    },
    servers: {
      websocket: server(secure ? 'wss' : 'ws', 'Plain WebSocket and Socket.IO (path /socket.io) on the api port'),
      http: server(secure ? 'https' : 'http', 'Server-Sent Events on the api port'),
    },
    channels: {
      ws: {
        address: '/ws',
        title: 'Plain WebSocket',
        description:
          'JSON text messages. Closes with 4401 when the credentials are missing, invalid, expire or are revoked (or the user ' +
          'is deactivated), 4429 beyond REALTIME_MAX_CONNECTIONS_PER_USER, 1001 on shutdown. A handshake from a foreign Origin is a 403.',
        servers: [ref('servers/websocket')],
        messages: channelMessages(['subscribe', 'unsubscribe', 'ping', 'subscribed', 'unsubscribed', 'pong', 'taskUpdate', 'deploymentStatus', 'error']),
        bindings: { ws: { query: { type: 'object', properties: { token: { type: 'string', description: 'An access token, for clients that cannot set headers' } } } } },
      },
      socketio: {
        address: '/socket.io',
        title: 'Socket.IO',
        description:
          'Socket.IO 4 (Engine.IO 4, polling and websocket). Authenticate with `auth: {token}` in the handshake (or the headers/query ' +
          'token). Events are emitted under their message name; `subscribe`/`unsubscribe` are acknowledged with `subscribed`/`unsubscribed` ' +
          'or `error`. A refused connection gets `connect_error`; revoked credentials disconnect the socket.',
        servers: [ref('servers/websocket')],
        messages: channelMessages(['subscribe', 'unsubscribe', 'subscribed', 'unsubscribed', 'taskUpdate', 'deploymentStatus', 'error', 'connectError']),
      },
      events: {
        address: '/events',
        title: 'Server-Sent Events',
        description:
          'GET, `text/event-stream`. Every task_update and deployment_status the caller may see (admins: all). Each event has ' +
          '`id:` (a unique event id, no replay: Last-Event-ID is not honoured), `event:` (the message name) and one `data:` line of ' +
          'JSON; `: heartbeat` comments every 15 s. 401 before the stream for bad credentials, 429 beyond the connection limit; ' +
          'the stream ends when the credentials expire or are revoked.',
        servers: [ref('servers/http')],
        messages: channelMessages(['taskUpdate', 'deploymentStatus']),
        bindings: { http: { method: 'GET' } },
      },
    },
    operations: {
      wsSubscribe: operation('receive', 'ws', 'Subscribe; answered with subscribed then the current state, or error', ['subscribe'], ['subscribed', 'error']),
      wsUnsubscribe: operation('receive', 'ws', 'Unsubscribe', ['unsubscribe'], ['unsubscribed', 'error']),
      wsPing: operation('receive', 'ws', 'Application-level ping', ['ping'], ['pong']),
      wsEvents: operation('send', 'ws', 'Events of the subscribed subjects', ['taskUpdate', 'deploymentStatus']),
      wsErrors: operation('send', 'ws', 'A message that was not understood', ['error']),
      socketioSubscribe: operation('receive', 'socketio', 'Subscribe (acknowledged); the current state is emitted before the ack', ['subscribe'], ['subscribed', 'error']),
      socketioUnsubscribe: operation('receive', 'socketio', 'Unsubscribe (acknowledged)', ['unsubscribe'], ['unsubscribed', 'error']),
      socketioEvents: operation('send', 'socketio', 'Events of the subscribed subjects', ['taskUpdate', 'deploymentStatus']),
      socketioRefused: operation('send', 'socketio', 'The handshake was refused', ['connectError']),
      sseEvents: operation('send', 'events', 'Every event the caller may see', ['taskUpdate', 'deploymentStatus']),
    },
    components: {
      schemas: SCHEMAS,
      messages: MESSAGES,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Authorization: Bearer <access token>' },
        apiKey: { type: 'httpApiKey', in: 'header', name: 'X-API-Key', description: 'An API key (POST /api/v1/auth/api-keys)' },
        queryToken: {
          type: 'httpApiKey',
          in: 'query',
          name: 'token',
          description: 'An access token in the URL, for browsers (WebSocket and EventSource cannot set headers); Socket.IO also takes it as auth.token',
        },
      },
    },
  };
}
