/**
 * Server (b): a bare express 5 app answering with `res.json` — the object is parsed once from the
 * vendor's own first page, so the body bytes are identical. Same app settings as the vendor
 * (no ETag, no X-Powered-By), so the comparison is about the vendor's pipeline, not settings.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { announce, serveCommands, waitForInit } from './protocol.ts';

serveCommands();
const page: unknown = JSON.parse(await waitForInit());
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.get('/v1/contacts', (_req, res) => {
  res.json(page);
});
const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  announce({ name: 'express', url: `http://127.0.0.1:${port}` });
});
