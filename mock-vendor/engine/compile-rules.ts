import { z } from 'zod';
import type { Fault } from '../faults/fault.ts';
import { ProblemError } from '../http/problem.ts';
import { RuleSchema, type Rule, type RuleInput } from './rule.ts';

export interface CompiledStep {
  fault: Fault;
  options: unknown;
}

export interface CompiledRule {
  id: string;
  rule: Rule;
  channel: Fault['channel'];
  methods: Set<string> | undefined;
  path: RegExp | undefined;
  /** One entry per scripted step (`undefined` = pass), or one entry for a single-fault rule. */
  steps: (CompiledStep | undefined)[];
}

/**
 * Validates rules and their fault options up front, so a typo in a scenario or an admin request
 * is a 400 that names the rule, the fault and the field, not a surprise at request time.
 */
export function compileRules(inputs: readonly (RuleInput | Rule)[], faults: ReadonlyMap<string, Fault>): CompiledRule[] {
  return inputs.map((input, index) => {
    const parsed = RuleSchema.safeParse(input);
    const label = `rule ${index}${(input as { id?: string }).id ? ` ("${(input as { id?: string }).id}")` : ''}`;
    if (!parsed.success) {
      throw new ProblemError({ code: 'invalid_rule', detail: `${label} is not valid: ${formatIssues(parsed.error)}` });
    }
    const rule = parsed.data;
    const stepInputs = rule.sequence ?? [{ fault: rule.fault!, options: rule.options }];
    const steps = stepInputs.map((step) => (step === 'pass' ? undefined : compileStep(step, label, faults)));
    const channels = new Set(steps.filter((s) => s !== undefined).map((s) => s.fault.channel));
    if (channels.size > 1) {
      throw new ProblemError({ code: 'invalid_rule', detail: `${label} mixes request faults and webhook faults in one sequence; split it into two rules.` });
    }
    const methods = rule.match.method === undefined ? undefined : new Set([rule.match.method].flat().map((m) => m.toUpperCase()));
    return {
      id: rule.id ?? `rule-${index}`,
      rule,
      channel: [...channels][0] ?? 'request',
      methods,
      path: rule.match.path === undefined ? undefined : pathPattern(rule.match.path),
      steps,
    };
  });
}

function compileStep(step: { fault: string; options?: Record<string, unknown> }, label: string, faults: ReadonlyMap<string, Fault>): CompiledStep {
  const fault = faults.get(step.fault);
  if (!fault) {
    throw new ProblemError({
      code: 'unknown_fault',
      detail: `${label} names the fault "${step.fault}", which does not exist. Known faults: ${[...faults.keys()].join(', ')}.`,
    });
  }
  const options = fault.options.safeParse(step.options ?? {});
  if (!options.success) {
    throw new ProblemError({ code: 'invalid_rule', detail: `${label}: options for fault "${fault.name}" are not valid: ${formatIssues(options.error)}` });
  }
  return { fault, options: options.data };
}

/** `/v1/contacts/:id` and `/v1/*` match one segment; `/v1/**` matches anything below. */
export function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\*\*|\*|:[A-Za-z_]\w*)/)
    .map((part) => {
      if (part === '**') return '.*';
      if (part === '*' || part.startsWith(':')) return '[^/]+';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}/?$`);
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}
