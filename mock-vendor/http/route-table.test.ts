import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from './error-handler.ts';
import { RouteTable } from './route-table.ts';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  const table = new RouteTable();
  const v1 = table.under('/v1');
  v1.get('/things', (_req, res) => void res.json({ list: true }));
  v1.post('/things', (_req, res) => void res.status(201).json({ created: true }));
  v1.get('/things/:id', (req, res) => void res.json({ id: req.params['id'] }));
  v1.delete('/things/:id', (_req, res) => void res.status(204).end());
  v1.get('/things/:id/parts/:part', (req, res) => void res.json(req.params));
  v1.get(
    '/guarded',
    (_req, _res, next) => (seen.push('guard'), next()),
    () => {
      throw new Error('boom');
    },
  );
  const app = express();
  app.use(table.handle);
  app.use(notFound);
  app.use(errorHandler(() => {}));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const call = async (method: string, path: string) => {
  const res = await fetch(base + path, { method });
  const text = await res.text();
  return { status: res.status, allow: res.headers.get('allow'), body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
};

describe('RouteTable', () => {
  it('finds fixed paths and patterns by method, with an optional trailing slash', async () => {
    expect(await call('GET', '/v1/things')).toMatchObject({ status: 200, body: { list: true } });
    expect(await call('GET', '/v1/things/')).toMatchObject({ status: 200, body: { list: true } });
    expect(await call('POST', '/v1/things')).toMatchObject({ status: 201, body: { created: true } });
    expect(await call('GET', '/v1/things/th_1')).toMatchObject({ status: 200, body: { id: 'th_1' } });
    expect(await call('GET', '/v1/things/th_1/parts/p%202')).toMatchObject({ status: 200, body: { id: 'th_1', part: 'p 2' } });
  });

  it('passes what it does not serve to the next handler: other paths, other methods, other case', async () => {
    expect(await call('PUT', '/v1/things')).toMatchObject({ status: 404, body: { code: 'route_not_found' } });
    expect(await call('GET', '/v1/things/a/b')).toMatchObject({ status: 404 });
    expect(await call('GET', '/v1/Things')).toMatchObject({ status: 404 });
    expect(await call('GET', '/v2/things')).toMatchObject({ status: 404 });
  });

  it('serves HEAD with the GET route and answers OPTIONS with Allow, as Express does', async () => {
    expect(await call('HEAD', '/v1/things/th_1')).toMatchObject({ status: 200, body: '' });
    expect(await call('OPTIONS', '/v1/things/th_1')).toMatchObject({ status: 200, allow: 'DELETE, GET, HEAD', body: 'DELETE, GET, HEAD' });
    expect(await call('OPTIONS', '/v1/nothing')).toMatchObject({ status: 404 });
  });

  it('refuses a parameter that is not valid percent-encoding with a 400 problem', async () => {
    expect(await call('GET', '/v1/things/%E0%A4%A')).toMatchObject({ status: 400, body: { code: 'bad_request' } });
  });

  it('runs a route’s handlers in order, and a handler that throws reaches the error handler', async () => {
    expect(await call('GET', '/v1/guarded')).toMatchObject({ status: 500, body: { code: 'internal_error' } });
    expect(seen).toEqual(['guard']);
  });

  it('lists its routes in registration order', () => {
    const table = new RouteTable();
    table.under('/v2').get('/a/:id', () => {});
    table.under('/v2').post('/a', () => {});
    expect(table.routes()).toEqual([
      { method: 'GET', path: '/v2/a/:id' },
      { method: 'POST', path: '/v2/a' },
    ]);
  });
});
