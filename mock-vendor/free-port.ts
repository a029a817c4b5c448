import { createServer } from 'node:net';

/** Whether nothing listens on `port` at `host` yet (by briefly listening there). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The first free port after `port` (at most `tries` tried), or undefined. */
export async function nextFreePort(port: number, host: string, tries = 20): Promise<number | undefined> {
  for (let candidate = port + 1; candidate <= Math.min(port + tries, 65_535); candidate++) {
    if (await isPortFree(candidate, host)) return candidate;
  }
  return undefined;
}
