/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) of a bundled server and says where its time went:
 * self time per function and per source module. The bundle must be unminified: esbuild's
 * `// node_modules/router/index.js` comments say which module each line came from.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  /** Of all sampled time, idle included. */
  fraction: number;
}

export interface ProfileSummary {
  sampledMs: number;
  idleFraction: number;
  byFunction: Share[];
  byModule: Share[];
}

/** The source module of each line of an unminified esbuild bundle. */
function moduleLookup(bundleSource: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  bundleSource.split('\n').forEach((text, line) => {
    const m = /^\s*\/\/ ((?:node_modules|mock-vendor|bench|scripts)\/\S+\.(?:[cm]?js|ts|json))$/.exec(text);
    if (m) starts.push({ line, module: m[1]! });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

export function summariseProfile(profile: CpuProfile, bundlePath: string, top = 20): ProfileSummary {
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0) || 1;
  const moduleOf = moduleLookup(readFileSync(bundlePath, 'utf8'));
  const bundleUrl = bundlePath.split('/').pop()!;
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idle += micros;
    const inBundle = url.endsWith(bundleUrl);
    const module = inBundle ? moduleOf(lineNumber) : url.replace(/^node:internal\//, 'node:') || functionName;
    const where = inBundle ? module : url.replace(/^node:internal\//, 'node:');
    const fn = `${functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, fraction: micros / total }));
  return { sampledMs: total / 1000, idleFraction: idle / total, byFunction: ranked(byFunction), byModule: ranked(byModule) };
}
