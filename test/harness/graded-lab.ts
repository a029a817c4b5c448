import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadLab, type LabManifest } from '../../grader/lab-manifest.ts';
import { createPlatform, type Platform } from '../../labs/platform/index.ts';
import type { RunningVendor } from '../../mock-vendor/server.ts';
import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import { CheckFailure } from './check-failure.ts';
import { loadTarget, sourceScanPath, targetsFromEnvironment, TargetLoadError } from './lab-target.ts';
import { scrub } from './scrub.ts';
import type { TenantHandle, VendorConnection } from './vendor-connection.ts';
import { vendorMode } from './vendor-mode.ts';
import type {} from '../../grader/check-meta.ts';

export type { LabEnv, TenantHandle } from './vendor-connection.ts';

export interface CheckContext<T> extends TenantHandle {
  /** The code under test (learner's, solution, submission or bad client). */
  lab: T;
  /** In-process only: the running vendor. Against a remote vendor, reading it throws; use `acme`. */
  vendor: RunningVendor;
  /** A fresh platform per check; its logs are captured for leak checks. */
  platform: Platform;
  seed: number;
  /** Another tenant on the same vendor (e.g. to prove credentials come from the environment). */
  newTenant(input?: CreateTenantInput): Promise<TenantHandle>;
  /** What a source scan of the code under test reads: its folder, or the one file of a bad client. */
  sourcePath: string;
  /** Everything the code logged so far: platform logger lines and console output. */
  logsWritten(): { where: string; text: string }[];
  /** A figure to show even when the check passes ("submitLead: p50 0.2 ms, max 1.1 ms"). */
  note(text: string): void;
}

export interface CheckOptions {
  /** A baseline check passes on the untouched starter too (e.g. "the module loads"). */
  baseline?: boolean;
  /** Tenant settings for this check; the lab's scenario and seed are used unless given. */
  tenant?: CreateTenantInput;
  /** Wall-clock budget; the check fails with a clear message past it. Default 15 s. */
  timeoutMs?: number;
  /**
   * What the check only screens and a person should still judge (prose, above all): shown with the
   * check in every report, passed or not, so a hiring team knows which points to read for.
   */
  review?: string;
}

export type CheckBody<T> = (context: CheckContext<T>) => Promise<void> | void;

/**
 * Declares a graded lab: one vendor per test file (started in-process, or a remote one: see
 * vendor-mode.ts), a fresh tenant (lab scenario, seeded) and a fresh platform per check, and the
 * learner's code loaded once. `check()` records points and turns failures into feedback with the
 * seed to replay them.
 */
export function gradedLab<T>(labId: string) {
  const manifest: LabManifest = loadLab(labId);
  const seed = process.env['LAB_SEED'] === undefined ? undefined : Number(process.env['LAB_SEED']);
  const mode = vendorMode(manifest);
  let vendor: VendorConnection | undefined;
  const targets = targetsFromEnvironment();
  const loaded = new Map<string, Promise<T>>();

  beforeAll(async () => {
    if ('connect' in mode) vendor = await mode.connect();
  });
  afterAll(async () => {
    await vendor?.close();
  });

  const tenantHandle = (input: CreateTenantInput = {}) =>
    vendor!.createTenant({ scenario: manifest.scenario, ...(seed !== undefined ? { seed } : {}), ...input });

  function check(title: string, points: number, body: CheckBody<T>, options: CheckOptions = {}): void {
    for (const target of targets) {
      if (target.name === '') defineCheck(title, points, body, options, target);
      else describe(target.name, () => defineCheck(title, points, body, options, target));
    }
  }

  function defineCheck(title: string, points: number, body: CheckBody<T>, options: CheckOptions, target: (typeof targets)[number]): void {
    const timeoutMs = options.timeoutMs ?? 15_000;
    it(title, { timeout: timeoutMs + 5_000 }, async ({ task }) => {
      task.meta.points = points;
      task.meta.baseline = options.baseline ?? false;
      if (options.review) task.meta.review = options.review;
      if ('refusal' in mode) {
        task.meta.status = 'error';
        throw new Error(mode.refusal);
      }
      const handle = await tenantHandle(options.tenant);
      const tenants = [handle];
      const secrets = [handle.clientSecret];
      const command = handle.scenario === manifest.scenario ? `npm run lab -- start ${labId.slice(0, 2)} --seed ${handle.seed}` : `npm start -- --scenario ${handle.scenario} --seed ${handle.seed}`;
      const replay = `Scenario "${handle.scenario}", seed ${handle.seed}: replay this run with "${command}".`;
      const printed = captureConsole();
      try {
        if (!loaded.has(target.name)) loaded.set(target.name, loadTarget<T>(labId, manifest.exports, target.env));
        const lab = await loaded.get(target.name)!;
        const platform = createPlatform();
        const context = {
          lab,
          get vendor() {
            return vendor!.running;
          },
          platform,
          seed: handle.seed,
          newTenant: async (input?: CreateTenantInput) => {
            const other = await tenantHandle(input);
            tenants.push(other);
            secrets.push(other.clientSecret);
            return other;
          },
          sourcePath: sourceScanPath(labId, target.env),
          logsWritten: () => [
            ...platform.logs.lines().map((text) => ({ where: 'the platform logger', text })),
            ...printed.lines().map((text) => ({ where: 'console output', text })),
          ],
          note: (text: string) => {
            task.meta.note = scrub(text, secrets);
          },
        };
        // Copies the handle's accessors as they are: a remote handle's in-process-only fields throw only when read.
        Object.defineProperties(context, Object.getOwnPropertyDescriptors(handle));
        await withDeadline(Promise.resolve(body(context as CheckContext<T>)), timeoutMs);
      } catch (error) {
        task.meta.status = error instanceof CheckFailure || isAssertion(error) ? 'failed' : 'error';
        // The seed only matters to a run that reached Acme (lab 09's suites run off the network).
        const reachedAcme = await anyRequests(tenants);
        throw new Error(scrub(feedbackFor(error, timeoutMs), secrets) + (reachedAcme ? `\n${replay}` : ''), { cause: undefined });
      } finally {
        printed.restore();
        await Promise.allSettled(tenants.map((t) => vendor!.deleteTenant(t)));
      }
    });
  }

  return { id: labId, manifest, check };
}

/** Whether any of a check's tenants saw a request; when the vendor cannot say, assume it did. */
async function anyRequests(tenants: readonly TenantHandle[]): Promise<boolean> {
  const journals = await Promise.all(tenants.map((t) => t.acme.journal().catch(() => undefined)));
  return journals.some((journal) => journal === undefined || journal.all().length > 0);
}

/** Keeps what the code under test prints with console.*, out of the grader's own output. */
function captureConsole(): { lines(): string[]; restore(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((name) => globalThis.console[name]);
  for (const name of methods) {
    globalThis.console[name] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : safeStringify(a))).join(' '));
    };
  }
  return {
    lines: () => [...lines],
    restore: () => methods.forEach((name, i) => (globalThis.console[name] = originals[i]!)),
  };
}

function safeStringify(value: unknown): string {
  try {
    return value instanceof Error ? `${value.stack ?? value.message} ${JSON.stringify(value)}` : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

class DeadlineExceeded extends Error {}

async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function isAssertion(error: unknown): boolean {
  return (error as { name?: string })?.name === 'AssertionError';
}

function feedbackFor(error: unknown, timeoutMs: number): string {
  if (error instanceof CheckFailure) return error.message;
  if (error instanceof TargetLoadError) return error.message;
  if (error instanceof DeadlineExceeded) {
    return `Your code did not finish within ${timeoutMs / 1000} s. Something is waiting forever: a request without a timeout, or a retry loop without a limit.`;
  }
  if (isAssertion(error)) return (error as Error).message;
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/[.\s]+$/, '');
  return `Your code threw an unexpected error: ${message}. Run the lab by hand (npm start, then your code) to see where.`;
}
