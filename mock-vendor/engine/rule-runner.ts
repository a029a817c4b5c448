import type { Clock } from '../clock.ts';
import type { Fault } from '../faults/fault.ts';
import type { Prng } from '../prng.ts';
import type { CompiledRule } from './compile-rules.ts';

/** What a rule sees of a request or webhook delivery. */
export interface Subject {
  channel: Fault['channel'];
  method?: string;
  path?: string;
  headers?: Record<string, string | string[] | undefined>;
  /** Serialised JSON body, read only when a rule matches on it. */
  body?: () => string;
  event?: string;
}

export interface Decision {
  ruleId: string;
  fault: Fault;
  options: unknown;
}

interface RuleCounters {
  matched: number;
  fired: number;
}

/**
 * One tenant's rules with their counters and seeded PRNG. Rules are tried in order and the first
 * that fires wins, so a request meets at most one fault.
 */
export class RuleRunner {
  readonly activatedAt: number;
  #counters: RuleCounters[];

  constructor(
    readonly rules: readonly CompiledRule[],
    readonly prng: Prng,
    private readonly clock: Clock,
  ) {
    this.activatedAt = clock.now();
    this.#counters = rules.map(() => ({ matched: 0, fired: 0 }));
  }

  decide(subject: Subject): Decision | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const compiled = this.rules[i]!;
      if (compiled.channel !== subject.channel || !matches(compiled, subject)) continue;
      const counters = this.#counters[i]!;
      const n = ++counters.matched;
      const { when, loop } = compiled.rule;
      const afterN = when.afterN ?? 0;
      if (n <= afterN) continue;
      const eligible = n - afterN;
      if (when.everyNth !== undefined && eligible % when.everyNth !== 0) continue;
      if (when.fromSeconds !== undefined || when.untilSeconds !== undefined) {
        const elapsed = (this.clock.now() - this.activatedAt) / 1000;
        if (elapsed < (when.fromSeconds ?? 0) || elapsed >= (when.untilSeconds ?? Infinity)) continue;
      }
      if (when.times !== undefined && counters.fired >= when.times) continue;
      // Draw even when a later check fails, so one seed always gives one sequence of outcomes.
      if (when.probability !== undefined && this.prng.next() >= when.probability) continue;
      const stepIndex = compiled.rule.sequence ? counters.fired : 0;
      const steps = compiled.steps;
      if (stepIndex >= steps.length && !loop) continue;
      counters.fired++;
      const step = steps[stepIndex % steps.length];
      if (step === undefined) continue;
      return { ruleId: compiled.id, fault: step.fault, options: step.options };
    }
    return undefined;
  }

  counters(): { ruleId: string; matched: number; fired: number }[] {
    return this.rules.map((rule, i) => ({ ruleId: rule.id, ...this.#counters[i]! }));
  }
}

function matches(compiled: CompiledRule, subject: Subject): boolean {
  const { match } = compiled.rule;
  if (compiled.methods && !compiled.methods.has((subject.method ?? '').toUpperCase())) return false;
  if (compiled.path && !compiled.path.test(subject.path ?? '')) return false;
  if (match.event !== undefined && match.event !== subject.event) return false;
  if (match.headers) {
    for (const [name, wanted] of Object.entries(match.headers)) {
      const raw = subject.headers?.[name.toLowerCase()];
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      if (wanted === '' ? value !== undefined : value === undefined || (wanted !== '*' && value !== wanted)) return false;
    }
  }
  if (match.bodyContains !== undefined && !(subject.body?.() ?? '').includes(match.bodyContains)) return false;
  return true;
}
