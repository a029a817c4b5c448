import type { AxiosResponse } from 'axios';

/** The target of `Link: <...>; rel="successor-version"`, if the response names one. */
export function successorOf(headers: AxiosResponse['headers']): string | undefined {
  const link = String(headers['link'] ?? '');
  return /<([^>]+)>\s*;\s*rel="?successor-version"?/.exec(link)?.[1] ?? headers['location'];
}

export interface DeprecationNotice {
  deprecatedAt: string;
  sunsetAt: string | undefined;
  successor: string | undefined;
}

/** RFC 9745 `Deprecation: @<epoch seconds>` and RFC 8594 `Sunset: <HTTP-date>`, when present. */
export function deprecationOf(headers: AxiosResponse['headers']): DeprecationNotice | undefined {
  const deprecation = /^@(-?\d+)$/.exec(String(headers['deprecation'] ?? '').trim());
  if (!deprecation) return undefined;
  const sunset = headers['sunset'] ? new Date(String(headers['sunset'])) : undefined;
  return {
    deprecatedAt: new Date(Number(deprecation[1]) * 1000).toISOString(),
    sunsetAt: sunset && !Number.isNaN(sunset.getTime()) ? sunset.toISOString() : undefined,
    successor: successorOf(headers),
  };
}
