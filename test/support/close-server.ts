import type { Server } from 'node:http';

/** Closes the listener and every open connection: callers see the service as gone at once. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
