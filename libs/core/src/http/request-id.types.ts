// The request id middleware sets `req.id` on every request (logs, errors and metrics read it).
declare module 'node:http' {
  interface IncomingMessage {
    id: string;
  }
}

export {};
