/**
 * Closes the HTTP server gracefully: no new connections, idle keep-alive
 * connections closed, running requests given `timeoutMs` to finish, then
 * whatever is left cut off.
 */
import type { Server } from 'node:http';
import type { Logger } from '../log.js';

export async function closeHttpServer(server: Server, timeoutMs: number, log: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A connection that finishes its request while we wait goes idle: close it then too.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  clearInterval(idle);
  if (timedOut) {
    log.warn('Verzoeken liepen nog na de wachttijd; hun verbindingen worden verbroken', { timeoutMs });
    server.closeAllConnections();
    await closed;
  }
}
