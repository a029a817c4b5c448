/** Variables a grading child needs to run Node and tools; everything else stays behind. */
const PASSED = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'SystemRoot', 'ComSpec', 'PATHEXT', 'WINDIR'];

/**
 * The environment a candidate's code is graded in: an allow-list, not a block-list, so secrets
 * with names nobody thought of (VENDOR_ADMIN_TOKEN, cloud keys, npm tokens) never reach it.
 * HOME and the temp folder point into the candidate's own scratch folder.
 */
export function scrubbedEnv(scratchDir: string, from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED) if (from[name] !== undefined) env[name] = from[name]!;
  return { ...env, HOME: scratchDir, USERPROFILE: scratchDir, TMPDIR: scratchDir, TMP: scratchDir, TEMP: scratchDir, NO_COLOR: '1', CI: '1' };
}
