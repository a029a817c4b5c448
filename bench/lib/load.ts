import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration?: number;
  amount?: number;
  /** Hard stop, whatever happens (a hung server must not hang the bench). */
  maxSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  durationSeconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  stoppedEarly: boolean;
}

/** One autocannon run; `requestsPerSecond` is autocannon's average of its per-second samples. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let stoppedEarly = false;
    const instance = autocannon(
      {
        url: options.url,
        headers: options.headers,
        connections: options.connections,
        ...(options.amount === undefined ? { duration: options.duration ?? 10 } : { amount: options.amount }),
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(guard);
        if (error) return reject(error);
        const statusCodes: Record<string, number> = {};
        for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number((stats as { count: number | string }).count);
        resolve({
          requestsPerSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          total: result.requests.total,
          durationSeconds: result.duration,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          stoppedEarly,
        });
      },
    );
    const guard = setTimeout(() => {
      stoppedEarly = true;
      instance.stop();
    }, options.maxSeconds * 1000);
  });
}

/** A run is clean when every request got a 2xx and no connection failed. */
export function problemsOf(result: LoadResult): string[] {
  const problems: string[] = [];
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx responses (status codes: ${JSON.stringify(result.statusCodes)})`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.stoppedEarly) problems.push('stopped by the hard time limit');
  return problems;
}
