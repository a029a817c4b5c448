import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { VENDOR_VERSION } from '../version.ts';
import { ProblemError, problemBody } from './problem.ts';
import { requestIdFor } from './request-id.ts';

/**
 * Requests Node's HTTP parser refuses before Express sees them (raw non-ASCII in the path, header
 * blocks over 16 KiB, broken framing) get a problem document too, with a request id, instead of
 * Node's bare `400` with no body. There is no request or response object here: write to the socket.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', function vendorClientError(error: Error & { code?: string }, socket: Duplex) {
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
    const requestId = requestIdFor(undefined);
    const body = JSON.stringify(problemBody(new ProblemError({ code, status, detail }), requestId, '/'));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        `X-Acme-Mock-Version: ${VENDOR_VERSION}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
