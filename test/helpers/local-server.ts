/**
 * A throwaway HTTP server on a free local port, for the tests that play a wiki (or a broken one)
 * to the HTTP client and the CLI.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on 127.0.0.1 and a free port; resolves to its base URL (no final slash). */
export async function listenLocal(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops `server` at once: open keep-alive connections would hold the test run open. */
export function closeLocal(server: Server): void {
  server.closeAllConnections();
  server.close();
}
