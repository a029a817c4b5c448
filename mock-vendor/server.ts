import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
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

/** Starts the vendor and resolves once it listens. The same factory backs tests, `npm start` and containers. */
export async function startVendor(options: StartOptions = {}): Promise<RunningVendor> {
  const { host = '127.0.0.1', port = 0, ...vendorOptions } = options;
  const { app, vendor } = createVendor(vendorOptions);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
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
