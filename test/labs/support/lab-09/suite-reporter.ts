/**
 * The grader's reporter in the child vitest run (loaded by path, never imported): one JSON line
 * when a test file starts and one when it ends, so results survive a run stopped at its deadline.
 * When a file of the gate copy (the suite against the working client) fails, the mutants no longer
 * matter and the run is cancelled.
 */
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import type {} from './suite-setup.ts';

export interface TestResult {
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  error?: string;
  /** Real connections the test tried to open (host:port), all refused. */
  networkAttempts: string[];
}

export type ReportLine =
  | { event: 'start'; file: string; at: number }
  | { event: 'end'; file: string; at: number; tests: TestResult[]; errors: string[] };

export default class SuiteReporter implements Reporter {
  private vitest: Vitest | undefined;
  private cancelled = false;

  constructor(private readonly options: { outputFile: string; gateFolder: string }) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestModuleStart(module: TestModule): void {
    this.write({ event: 'start', file: module.moduleId, at: Date.now() });
  }

  onTestModuleEnd(module: TestModule): void {
    if (this.cancelled) return;
    const tests = [...module.children.allTests()].map((test): TestResult => {
      const result = test.result();
      const error = result.errors?.[0];
      return { name: test.fullName, state: result.state, ...(error ? { error: error.message } : {}), networkAttempts: test.meta().networkAttempts ?? [] };
    });
    const errors = module.errors().map((e) => e.message);
    this.write({ event: 'end', file: module.moduleId, at: Date.now(), tests, errors });
    const failed = errors.length > 0 || tests.some((test) => test.state === 'failed');
    if (failed && module.moduleId.startsWith(this.options.gateFolder)) {
      this.cancelled = true;
      void this.vitest?.cancelCurrentRun('test-failure');
    }
  }

  private write(line: ReportLine): void {
    appendFileSync(this.options.outputFile, `${JSON.stringify(line)}\n`);
  }
}
