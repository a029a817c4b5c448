import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor();
});
afterAll(() => v.close());

/** Sends raw bytes on 127.0.0.1 and resolves with what came back once the vendor closes the connection. */
function rawExchange(request: string, giveUpMs = 5_000): Promise<{ response: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(v.port, '127.0.0.1');
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${giveUpMs} ms; got so far: ${JSON.stringify(response)}`));
    }, giveUpMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, ms: Date.now() - started });
    });
    socket.write(request);
  });
}

function problemOf(response: string): { status: number; type: string; body: Record<string, unknown> } {
  const [head, body = ''] = response.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]),
    type: /\r\ncontent-type: *([^\r\n]*)/i.exec(head!)?.[1] ?? '',
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

describe('requests refused from their head are answered at once, with problem+json', () => {
  it('an HTTP/1.1 request without Host gets 400 problem+json, not Node’s bare 400', async () => {
    const { response, ms } = await rawExchange('GET /v1/contacts HTTP/1.1\r\nX-Request-Id: req_no_host\r\n\r\n');
    const problem = problemOf(response);
    expect(problem.status).toBe(400);
    expect(problem.type).toContain('application/problem+json');
    expect(problem.body).toMatchObject({ code: 'bad_request', request_id: 'req_no_host' });
    expect(String(problem.body['detail'])).toContain('Host');
    expect(ms).toBeLessThan(2_000);
  });

  it('a declared Content-Length of 100 GB with no body gets 413 problem+json and the connection closed, without waiting for the body', async () => {
    for (const [path, type] of [['/v1/leads', 'application/json'], ['/oauth/token', 'application/x-www-form-urlencoded'], ['/__admin/tenants', 'application/json']]) {
      const { response, ms } = await rawExchange(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 100000000000\r\n\r\n`);
      const problem = problemOf(response);
      expect(problem.status, path).toBe(413);
      expect(problem.type).toContain('application/problem+json');
      expect(problem.body).toMatchObject({ code: 'payload_too_large', limitBytes: 1_048_576 });
      expect(response).toMatch(/\r\nConnection: close\r\n/i);
      expect(ms, path).toBeLessThan(2_000);
    }
  });

  it('gives a client 15 s for its headers and 30 s for its whole request', () => {
    expect(v.server.headersTimeout).toBe(15_000);
    expect(v.server.requestTimeout).toBe(30_000);
  });
});
