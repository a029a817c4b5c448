import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createVendor } from './app.ts';
import { answerClientErrors } from './http/client-error.ts';
import type { Vendor, VendorOptions } from './vendor.ts';

export interface RunningVendor {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  port: number;
  vendor: Vendor;
  server: Server;
  close(): Promise<void>;
}

export interface StartOptions extends VendorOptions {
  host?: string;
  /** 0 (the default) picks a free port: tests run in parallel without clashing. */
  port?: number;
}

/**
 * Limits on the request side only: a client gets 15 s for its headers and 30 s for the whole
 * request (Node's defaults, 60 s and 300 s, let a silent client hold a connection for minutes).
 * They stop applying once the request has arrived, so faults that hang or drip the response are
 * unaffected. Host is checked by the app (`refuseMissingHost`), to answer with a problem document.
 */
const SERVER_OPTIONS = { requestTimeout: 30_000, headersTimeout: 15_000, connectionsCheckingInterval: 1_000, requireHostHeader: false } as const;

/** Starts the vendor and resolves once it listens. The same factory backs tests, `npm start` and containers. */
export async function startVendor(options: StartOptions = {}): Promise<RunningVendor> {
  const { host = '127.0.0.1', port = 0, ...vendorOptions } = options;
  const { app, vendor } = createVendor(vendorOptions);
  const server = createServer(SERVER_OPTIONS, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.keepAliveTimeout = 5_000;
  answerClientErrors(server);
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    vendor,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        vendor.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
