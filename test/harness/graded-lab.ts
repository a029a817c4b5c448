import { afterAll, beforeAll, describe, it } from 'vitest';
import type { TestContext } from 'vitest';
import { loadLab, type LabManifest } from '../../grader/lab-manifest.ts';
import { createPlatform, type Platform } from '../../labs/platform/index.ts';
import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import { CheckFailure } from './check-failure.ts';
import { Sandbox, SandboxStopped } from '../../grader/sandbox/host.ts';
import { PeerStopped } from '../../grader/sandbox/peer.ts';
import { LOAD_DEADLINE_MS, sourceScanPath, startTarget, targetsFromEnvironment, TargetLoadError, throwSite } from './lab-target.ts';
import { machineSecrets, scrub } from '../../grader/scrub.ts';
import type { TenantHandle, VendorConnection } from './vendor-connection.ts';
import { vendorMode } from './vendor-mode.ts';
import type {} from '../../grader/check-meta.ts';

export type { LabEnv, TenantHandle } from './vendor-connection.ts';

export interface CheckContext<T> extends TenantHandle {
  /** The code under test (learner's, solution, submission or bad client). */
  lab: T;
  /** A fresh platform per check; its logs are captured for leak checks. */
  platform: Platform;
  seed: number;
  /** Another tenant on the same vendor (e.g. to prove credentials come from the environment). */
  newTenant(input?: CreateTenantInput): Promise<TenantHandle>;
  /** What a source scan of the code under test reads: its folder, or the one file of a bad client. */
  sourcePath: string;
  /** Everything the code logged so far: platform logger lines and console output. */
  logsWritten(): { where: string; text: string }[];
  /**
   * Serves an HTTP handler the code returned (an Express app; or an object and the name of its
   * handler method) on 127.0.0.1 inside the code's sandbox; resolves to its base URL.
   */
  serve(handler: unknown, method?: string): Promise<string>;
  /** How long the code under test took to settle a promise it returned, measured where it runs (without the sandbox's boundary). */
  timeInCode(promise: unknown): number | undefined;
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
  /**
   * The README task or tasks this check grades: the number of the item under "Your tasks" (or
   * "The rules"). Reports group checks by task; a test fails when a task has no check and no
   * review note in lab.json's `reviewedByAPerson`.
   */
  task: number | readonly number[];
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
  const mode = vendorMode();
  let vendor: VendorConnection | undefined;
  const targets = targetsFromEnvironment();
  const sandboxes = new Map<string, Promise<{ sandbox: Sandbox; lab: unknown }>>();

  beforeAll(async () => {
    // Starting the code under test (a worker, TypeScript, its packages) overlaps with the vendor's start.
    // A worker keeps the time zone it first used: each zone gets its own sandbox, started under it.
    process.env['TZ'] = manifest.timeZones[0];
    if (!('refusal' in mode)) for (const target of targets) sandboxFor(target, manifest.timeZones[0]!).catch(() => {});
    if ('connect' in mode) vendor = await mode.connect();
  });
  afterAll(async () => {
    for (const started of sandboxes.values()) await started.then((s) => s.sandbox.stop('The test file is done.'), () => {});
    await vendor?.close();
  });

  const tenantHandle = (input: CreateTenantInput = {}) =>
    vendor!.createTenant({ scenario: manifest.scenario, ...(seed !== undefined ? { seed } : {}), ...input });

  function check(title: string, points: number, body: CheckBody<T>, options: CheckOptions): void {
    for (const target of targets) {
      if (target.name === '') defineCheck(title, points, body, options, target);
      else describe(target.name, () => defineCheck(title, points, body, options, target));
    }
  }

  function defineCheck(title: string, points: number, body: CheckBody<T>, options: CheckOptions, target: (typeof targets)[number]): void {
    // LAB_DEADLINE_CAP_MS shortens every deadline (the honesty matrix, for code that only has to fail).
    const timeoutMs = Math.min(options.timeoutMs ?? 15_000, Number(target.env['LAB_DEADLINE_CAP_MS']) || Number.POSITIVE_INFINITY);
    const zones = manifest.timeZones;
    it(title, { timeout: zones.length * (timeoutMs + LOAD_DEADLINE_MS + 10_000) }, async ({ task }) => {
      task.meta.points = points;
      task.meta.baseline = options.baseline ?? false;
      if (options.review) task.meta.review = options.review;
      task.meta.tasks = typeof options.task === 'number' ? [options.task] : [...options.task];
      if ('refusal' in mode) {
        task.meta.status = 'error';
        throw new Error(mode.refusal);
      }
      // The zone is process-wide, and a sandbox started under it keeps it. A check passes only in every zone.
      for (const zone of zones) {
        process.env['TZ'] = zone;
        await attempt(task, zone);
      }
    });

    async function attempt(task: RunningCheck, zone: string): Promise<void> {
      const handle = await tenantHandle(options.tenant).catch((error: unknown) => {
        task.meta.notGraded = `Acme CRM could not make a tenant for this check (${(error as Error).message}): the grading set-up failed, not the code under test.`;
        throw error;
      });
      const tenants = [handle];
      const secrets = [handle.clientSecret, ...machineSecrets()];
      const command = handle.scenario === manifest.scenario ? `npm run lab -- start ${labId.slice(0, 2)} --seed ${handle.seed}` : `npm start -- --scenario ${handle.scenario} --seed ${handle.seed}`;
      const replay = `Scenario "${handle.scenario}", seed ${handle.seed}: replay this run with "${command}".`;
      const served: { close(): Promise<void> }[] = [];
      const printed: string[] = [];
      try {
        const { sandbox: running, lab } = await sandboxFor(target, zone);
        running.takeOutput();
        const printedSoFar = () => {
          printed.push(...running.takeOutput().map((o) => o.text));
          return printed;
        };
        const platform = createPlatform();
        const context = {
          lab: lab as T,
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
            ...printedSoFar().map((text) => ({ where: 'console output', text })),
          ],
          note: (text: string) => {
            task.meta.note = scrub(text, secrets);
          },
          timeInCode: (promise: unknown) => running.timeInCode(promise),
          serve: async (handler: unknown, method?: string) => {
            const server = await running.serve(handler, method);
            served.push(server);
            return server.url;
          },
        };
        // Copies the handle's accessors as they are: a remote handle's in-process-only fields throw only when read.
        Object.defineProperties(context, Object.getOwnPropertyDescriptors(handle));
        await runWithin(running, () => body(context as unknown as CheckContext<T>), timeoutMs);
      } catch (error) {
        task.meta.status = error instanceof CheckFailure || isAssertion(error) ? 'failed' : 'error';
        // The seed only matters to a run that reached Acme (lab 09's suites run off the network).
        const reachedAcme = await anyRequests(tenants);
        // Said after the feedback: most failures have nothing to do with the zone they happened in.
        const where = zones.length > 1 ? `\nThis check runs with the machine's time zone set to each of ${zones.join(', ')}; this failure was under TZ=${zone}. If your code passes under another zone, look for local-time parsing or getters (new Date(y, m, d), getDate()).` : '';
        throw new Error(scrub(feedbackFor(error, labId), secrets) + where + (reachedAcme ? `\n${replay}` : ''), { cause: undefined });
      } finally {
        await Promise.allSettled(served.map((s) => s.close()));
        await Promise.allSettled(tenants.map((t) => vendor!.deleteTenant(t)));
      }
    }
  }

  /**
   * The sandbox running a target's code: started once per test file and target, and again after a
   * check had to stop it (deadline, crash, exit, memory). A target that cannot load fails every check
   * with the same message, without trying again.
   */
  function sandboxFor(target: (typeof targets)[number], zone: string): Promise<{ sandbox: Sandbox; lab: unknown }> {
    const key = `${target.name}\u0000${zone}`;
    const current = sandboxes.get(key);
    if (current) {
      return current.then((started) => {
        if (!started.sandbox.isStopped) return started;
        sandboxes.delete(key);
        return sandboxFor(target, zone);
      });
    }
    const starting = startTarget<unknown>(labId, manifest.exports, target.env);
    sandboxes.set(key, starting);
    return starting;
  }

  return { id: labId, manifest, check };
}

/** Whether any of a check's tenants saw a request; when the vendor cannot say, assume it did. */
async function anyRequests(tenants: readonly TenantHandle[]): Promise<boolean> {
  const journals = await Promise.all(tenants.map((t) => t.acme.journal().catch(() => undefined)));
  return journals.some((journal) => journal === undefined || journal.all().length > 0);
}

/**
 * Runs a check's body against its deadline, kept in the grader's realm: the code under test cannot
 * touch this Promise.race. Past the deadline the sandbox is stopped, even mid-loop, and a fresh
 * one serves the next check. A sandbox that stops during the check (exit, crash, memory) fails it.
 */
async function runWithin(sandbox: Sandbox, body: () => Promise<void> | void, ms: number): Promise<void> {
  const reason = `Your code did not finish within ${ms / 1000} s: a loop that never yields, or a request without a timeout. The grader stopped it.`;
  sandbox.setDeadline(Date.now() + ms, reason);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      sandbox.stop(reason);
      reject(new DeadlineExceeded(reason));
    }, ms);
  });
  try {
    await Promise.race([Promise.resolve().then(body), deadline]);
  } catch (error) {
    // A call that was blocked on the sandbox gives up at the deadline; the real cause (the worker
    // ran out of memory, say) may be an event the grader could not read while it waited.
    if (error instanceof PeerStopped) throw new SandboxStopped(await sandbox.settledStopReason(reason));
    throw error;
  } finally {
    clearTimeout(timer);
    sandbox.setDeadline(Number.POSITIVE_INFINITY, '');
  }
  if (sandbox.stoppedBecause) throw new SandboxStopped(sandbox.stoppedBecause);
}

class DeadlineExceeded extends Error {}

type RunningCheck = TestContext['task'];

function isAssertion(error: unknown): boolean {
  return (error as { name?: string })?.name === 'AssertionError';
}

function feedbackFor(error: unknown, labId: string): string {
  if (error instanceof CheckFailure) return error.message;
  if (error instanceof TargetLoadError) return error.message;
  if (error instanceof DeadlineExceeded) return error.message;
  if (error instanceof PeerStopped) return error.reason;
  if (isAssertion(error)) return (error as Error).message;
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/[.\s]+$/, '');
  const where = error instanceof Error ? throwSite(error.stack ?? '') : undefined;
  return `Your code threw an unexpected error: ${message}${where ? ` (thrown at ${where})` : ''}. To watch it happen, run the lab by hand: "npm run lab -- start ${labId.slice(0, 2)}" in one terminal, then call your code from another.`;
}
