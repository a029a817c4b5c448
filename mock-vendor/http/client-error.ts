import { METHODS, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { VENDOR_VERSION } from '../version.ts';
import { ProblemError, problemBody } from './problem.ts';
import { requestIdFor } from './request-id.ts';

/**
 * Requests Node's HTTP parser refuses before Express sees them (raw non-ASCII in the path, header
 * blocks over 16 KiB, broken framing) get a problem document too, with a request id (the client's
 * own when it can be read from the raw bytes), instead of Node's bare `400` with no body. There is
 * no request or response object here: write to the socket.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', function vendorClientError(error: Error & { code?: string; rawPacket?: Buffer; bytesParsed?: number }, socket: Duplex) {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'The request line and headers are larger than the 16 KiB the API accepts. Send a shorter URL or fewer headers.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'The request did not arrive in time.']
          : [400, 'bad_request', 'The request is not valid HTTP/1.1 (for example, the path has characters that must be percent-encoded). Percent-encode the path as UTF-8.'];
    const { method, requestIdHeader } = readFailedRequest(error.rawPacket, error.bytesParsed);
    const requestId = requestIdFor(requestIdHeader);
    const body = JSON.stringify(problemBody(new ProblemError({ code, status, detail }), requestId, '/'));
    // An answer to HEAD has no body, or the client would read it as the start of the next response.
    const head = method === 'HEAD';
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        `X-Acme-Mock-Version: ${VENDOR_VERSION}\r\n` +
        'Connection: close\r\n\r\n' +
        (head ? '' : body),
    );
  });
}

const METHOD_AT_REQUEST_LINE = new RegExp(`(${METHODS.join('|')}) (?:/|\\*|https?:)`, 'g');

/**
 * What can be read of the request that failed to parse. The raw chunk may start with the end of
 * the previous request on the connection, so the failed one is the last request line before the
 * point where parsing stopped.
 */
function readFailedRequest(raw: Buffer | undefined, bytesParsed: number | undefined): { method?: string; requestIdHeader?: string } {
  if (!raw) return {};
  const packet = raw.toString('latin1');
  const stop = bytesParsed ?? packet.length;
  let start: { index: number; method: string } | undefined;
  for (const match of packet.matchAll(METHOD_AT_REQUEST_LINE)) {
    if (match.index > stop) break;
    start = { index: match.index, method: match[1]! };
  }
  if (!start) return {};
  const current = packet.slice(start.index).split('\r\n\r\n')[0]!;
  return { method: start.method, requestIdHeader: /\r\nx-request-id:[ \t]*([^\r\n]*)/i.exec(current)?.[1]?.trim() };
}
