import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const LAB_ID = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const LabManifestSchema = z
  .object({
    id: z.string().regex(LAB_ID, 'two digits, a dash and a kebab-case slug, e.g. "01-first-integration"'),
    title: z.string().min(1),
    summary: z.string().min(1),
    question: z.string().regex(/^questions\/\d{2}-[\w-]+\.md$/, 'a path like "questions/01-first-integration.md"'),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    scenario: z.string().min(1),
    timeEstimateMinutes: z.number().int().positive(),
    /** Files under `starter/` the learner works in (copied to `src/`). */
    starterFiles: z.array(z.string().min(1)).min(1),
    /** Functions the checks call; a submission that lacks one is graded 0 with a clear message. */
    exports: z.array(z.string().min(1)).min(1),
    tests: z
      .object({
        visible: z.string().regex(/^test\/labs\/.+\.test\.ts$/),
        hidden: z.string().regex(/^test\/labs\/.+\.hidden\.test\.ts$/).optional(),
      })
      .strict(),
    badClients: z.string().regex(/^test\/fixtures\/bad-clients\/[\w-]+$/),
    /**
     * Time zones every check runs under, one after the other (the grading machine's zone is set to
     * each); a check passes only if it passes in all. Absent: UTC only. Labs whose code parses or
     * prints dates name zones on both sides of UTC, so a grade never depends on the machine's zone.
     */
    timeZones: z.array(z.string().min(1).refine(isTimeZone, 'an IANA time zone, e.g. "Asia/Kolkata"')).min(1).default(['UTC']),
    /**
     * Titles of the checks that grade the skill the lab exists for. Reports say "essentials met" or
     * name the ones missed beside the score; the reasoning is in the lab's questions/ rubric.
     */
    essentials: z.array(z.string().min(1)).default([]),
    /** README tasks no check grades, by number, each with what a person reads for. */
    reviewedByAPerson: z.record(z.string().regex(/^\d+$/, 'a task number, e.g. "5"'), z.string().min(1)).default({}),
  })
  .strict();

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export type LabManifest = z.output<typeof LabManifestSchema>;

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Reads and validates `labs/<id>/lab.json`; a bad manifest is an error naming the file and the field. */
export function loadLab(id: string, root = REPO_ROOT): LabManifest {
  const file = join(root, 'labs', id, 'lab.json');
  if (!existsSync(file)) throw new ManifestError(`There is no lab "${id}" (no ${file}). Run "npm run lab -- list" to see the labs.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = LabManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `field "${i.path.join('.') || '(root)'}": ${i.message}`).join('; ');
    throw new ManifestError(`${file} is not a valid lab manifest: ${issues}`);
  }
  if (parsed.data.id !== id) throw new ManifestError(`${file}: field "id" is "${parsed.data.id}" but the folder is "${id}"; they must match.`);
  return parsed.data;
}

/** Every lab folder, in course order. */
export function listLabIds(root = REPO_ROOT): string[] {
  return readdirSync(join(root, 'labs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && LAB_ID.test(entry.name) && existsSync(join(root, 'labs', entry.name, 'lab.json')))
    .map((entry) => entry.name)
    .sort();
}

/** `04`, `4`, `04-secure-auth` → `04-secure-auth`; undefined when no lab matches. */
export function findLabId(given: string, root = REPO_ROOT): string | undefined {
  const ids = listLabIds(root);
  if (ids.includes(given)) return given;
  const number = /^\d{1,2}$/.test(given) ? given.padStart(2, '0') : undefined;
  return number === undefined ? undefined : ids.find((id) => id.startsWith(`${number}-`));
}
