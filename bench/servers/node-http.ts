/**
 * Server (c): bare `node:http` writing the vendor's first page, serialised once, for every request
 * to /v1/contacts: the ceiling for this machine, this Node and this load generator.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce, serveCommands, waitForInit } from './protocol.ts';

serveCommands();
const body = Buffer.from(await waitForInit(), 'utf8');
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };
const server = createServer((req, res) => {
  if (req.url?.startsWith('/v1/contacts')) {
    res.writeHead(200, headers);
    res.end(body);
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  announce({ name: 'node', url: `http://127.0.0.1:${port}` });
});
