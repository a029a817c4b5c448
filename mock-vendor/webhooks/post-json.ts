import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { webhookUrlProblem } from '../schemas/webhook.ts';

export interface PostResult {
  status: number | null;
  error: string | null;
}

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';

/** Resolves names (`localhost`) but refuses any answer off the loopback: deliveries never leave the machine. */
const loopbackOnly: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allowed = addresses.filter((a) => isLoopback(a.address));
    if (allowed.length === 0) return callback(new Error(`${hostname} does not resolve to a loopback address`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

/**
 * One webhook delivery: POST the body, wait for the status, drain the answer. No keep-alive, so a
 * receiver can close at any time. `signal` aborts it (the vendor is stopping).
 */
export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<PostResult> {
  return new Promise((resolve) => {
    const refused = webhookUrlProblem(url);
    if (refused) return resolve({ status: null, error: `refused: the URL ${refused}` });
    const target = new URL(url);
    const options: RequestOptions = {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      signal,
    };
    if (isIP(target.hostname.replace(/^\[|\]$/g, '')) === 0) options.lookup = loopbackOnly;
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, options, (res) => {
      res.on('data', () => {});
      res.on('end', () => finish({ status: res.statusCode ?? null, error: null }));
      res.on('error', (error) => finish({ status: res.statusCode ?? null, error: error.message }));
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => finish({ status: null, error: describe(error) }));
    req.end(body);
  });
}

function describe(error: Error & { code?: string }): string {
  if (error.name === 'AbortError') return 'aborted: the vendor is stopping';
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
