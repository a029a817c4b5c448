import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Health } from '../../labs/10-capstone/contract.ts';

/** `GET /health`: 200 only when everything is well, so a load balancer or a monitor can act on the status alone. */
export function healthHandler(read: () => Health) {
  return function healthHandler(_req: IncomingMessage, res: ServerResponse): void {
    const health = read();
    res.writeHead(health.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(health));
  };
}
