/** The bounds every run of the code under test gets. */

/** Heap limit of the code under test's worker, unless the grader is told otherwise (LAB_MEMORY_MB). */
export const DEFAULT_MEMORY_MB = 512;

/** The only variables of the grading machine the code under test sees; the checks add the lab's own. */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'NODE_ENV'] as const;

/** The environment of the code under test: never the grader's (admin tokens, LAB_* settings, CI secrets). */
export function guestEnv(from: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) if (from[name] !== undefined) env[name] = from[name]!;
  return { ...env, ...extra };
}

export function memoryLimitMb(from: NodeJS.ProcessEnv = process.env): number {
  const given = Number(from['LAB_MEMORY_MB']);
  return Number.isFinite(given) && given >= 64 ? given : DEFAULT_MEMORY_MB;
}
