/**
 * deploy/kubernetes/grade-submissions.yaml without a cluster: every object (and every YAML snippet
 * in docs/batch-on-kubernetes.md) validated against the Kubernetes API models, then what no schema
 * knows: N agrees in its three places, the exit-code rules, the rules the API server adds on top of
 * the schema, the volumes where the arguments point, the policy covering every grading pod.
 * The models do not reject unknown fields (an API server only warns), so the assertions below name
 * every field that matters.
 */
import { readFileSync } from 'node:fs';
import { Job, type IJob } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy, type INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod, type IPod } from 'kubernetes-models/v1/Pod';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const MANIFEST = new URL('../../deploy/kubernetes/grade-submissions.yaml', import.meta.url);
const DOC = new URL('../../docs/batch-on-kubernetes.md', import.meta.url);

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'batch/v1 Job': Job,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'v1 Namespace': Namespace,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'v1 Pod': Pod,
};

function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS() as Manifest | null;
    })
    .filter((object): object is Manifest => object !== null);
}

function validate(object: Manifest): void {
  const Model = MODELS[`${object.apiVersion} ${object.kind}`];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object as never).validate();
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

const objects = parseManifests(readFileSync(MANIFEST, 'utf8'));
const named = <T>(kind: string, name: string) => must(objects.find((o) => o.kind === kind && o.metadata.name === name), `${kind} ${name}`) as T;
const gradeJob = named<IJob>('Job', 'grade-submissions');
const mergeJob = named<IJob>('Job', 'grade-merge');
const policy = named<INetworkPolicy>('NetworkPolicy', 'integration-lab-grader-no-network');

const podSpec = (job: IJob): IPodSpec => must(job.spec?.template.spec, `${job.metadata?.name} pod spec`);
const onlyContainer = (job: IJob): IContainer => {
  const containers = podSpec(job).containers;
  if (containers.length !== 1) throw new Error(`${job.metadata?.name}: expected one container, found ${containers.length}`);
  return containers[0]!;
};
const argAfter = (args: string[], flag: string) => must(args[args.indexOf(flag) + 1], `${flag} value`);
const mountOf = (container: IContainer, volume: string) => must(container.volumeMounts?.find((m) => m.name === volume), `${volume} mount`);
const volumeOf = (job: IJob, volume: string) => must(podSpec(job).volumes?.find((v) => v.name === volume), `${volume} volume`);

const grader = onlyContainer(gradeJob);
const graderArgs = must(grader.args, 'grader args');
const shardMatch = must(/^\$\(JOB_COMPLETION_INDEX\)\/(\d+)$/.exec(argAfter(graderArgs, '--shard')), '--shard $(JOB_COMPLETION_INDEX)/N');
const N = Number(shardMatch[1]);

/** What `kubectl apply -f FILE -l key=value` applies from the file. */
const selected = (selector: string) => {
  const [key, value] = selector.split('=') as [string, string];
  return objects.filter((o) => o.metadata.labels?.[key] === value).map((o) => `${o.kind} ${o.metadata.name}`);
};

describe('deploy/kubernetes/grade-submissions.yaml', () => {
  it('holds a NetworkPolicy and two Jobs, each valid against the Kubernetes API models', () => {
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'NetworkPolicy integration-lab-grader-no-network',
      'Job grade-submissions',
      'Job grade-merge',
    ]);
    for (const object of objects) expect(() => validate(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
  });

  it('would notice a broken copy: the validation refuses what an API server refuses', () => {
    const broken = (change: (job: IJob) => void) => {
      const job = structuredClone(gradeJob);
      change(job);
      return () => validate(job as Manifest);
    };
    expect(broken((job) => Object.assign(job.spec!, { completions: 'four' }))).toThrow(/completions must be integer/);
    expect(broken((job) => Object.assign(job.spec!.podFailurePolicy!.rules[0]!, { action: 'Retry' }))).toThrow(/action must be equal to one of the allowed values/);
    expect(broken((job) => Object.assign(job.spec!.template.spec!.containers[0]!.securityContext!, { capabilities: { drop: 'ALL' } }))).toThrow(/drop must be array/);
  });

  it('runs N shards at once, and N agrees in completions, parallelism and --shard', () => {
    const spec = must(gradeJob.spec, 'grading Job spec');
    expect(spec.completionMode).toBe('Indexed');
    expect(N).toBeGreaterThan(0);
    expect(spec.completions).toBe(N);
    expect(spec.parallelism).toBe(N);
    expect(argAfter(graderArgs, '--submissions')).toBe('/submissions');
    expect(argAfter(graderArgs, '--out')).toBe('/results/shard-$(JOB_COMPLETION_INDEX)');
    expect(graderArgs).not.toContain('--isolate');
  });

  it('retries a shard only for what a retry can fix, and is bounded in tries and time', () => {
    const spec = must(gradeJob.spec, 'grading Job spec');
    expect(spec.backoffLimitPerIndex).toBe(2);
    // backoffLimit would cap the tries of all shards together; backoffLimitPerIndex replaces it.
    expect(spec.backoffLimit).toBeUndefined();
    expect(must(spec.maxFailedIndexes, 'maxFailedIndexes')).toBeLessThanOrEqual(N);
    expect(must(spec.activeDeadlineSeconds, 'activeDeadlineSeconds')).toBeGreaterThan(0);
    expect(must(spec.ttlSecondsAfterFinished, 'ttlSecondsAfterFinished')).toBeGreaterThan(0);
    expect(describeRules(gradeJob)).toEqual(['Ignore on DisruptionTarget', 'FailJob on exit 2', 'Count on exit 3']);
  });

  it('meets the API server rules for podFailurePolicy that the schema does not carry', () => {
    for (const job of [gradeJob, mergeJob]) {
      expect(podSpec(job).restartPolicy).toBe('Never');
      const names = podSpec(job).containers.map((c) => c.name);
      for (const rule of must(job.spec?.podFailurePolicy, 'podFailurePolicy').rules) {
        if (!rule.onExitCodes) continue;
        expect(names).toContain(rule.onExitCodes.containerName);
        expect(rule.onExitCodes.values).not.toContain(0);
      }
    }
  });

  it('gives every $(VAR) in the arguments a source, and the grader a HOME it may write', () => {
    const env = new Map((grader.env ?? []).map((e) => [e.name, e]));
    for (const [, name] of graderArgs.join(' ').matchAll(/\$\((\w+)\)/g)) expect(env.has(name!), `${name} in env`).toBe(true);
    expect(env.get('JOB_COMPLETION_INDEX')?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
    for (const job of [gradeJob, mergeJob]) {
      const container = onlyContainer(job);
      expect(container.env?.find((e) => e.name === 'HOME')?.value).toBe('/tmp');
      expect(mountOf(container, 'tmp').mountPath).toBe('/tmp');
      expect(volumeOf(job, 'tmp').emptyDir).toBeDefined();
    }
  });

  it('locks both Jobs down: non-root uid 1000, read-only root, no escalation, no capabilities, no token', () => {
    for (const job of [gradeJob, mergeJob]) {
      const spec = podSpec(job);
      const container = onlyContainer(job);
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.resources?.limits).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
      expect(container.resources?.requests).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
    }
    expect(onlyContainer(mergeJob).image).toBe(grader.image);
  });

  it('mounts the submissions read-only and the results where --out points, for grading and merge alike', () => {
    expect(mountOf(grader, 'submissions')).toMatchObject({ mountPath: argAfter(graderArgs, '--submissions'), readOnly: true });
    expect(volumeOf(gradeJob, 'submissions').persistentVolumeClaim?.readOnly).toBe(true);
    expect(mountOf(grader, 'results').mountPath).toBe(parentOf(argAfter(graderArgs, '--out')));

    const merge = onlyContainer(mergeJob);
    expect(merge.args).toEqual(['merge', '/results', '--out', '/results/final']);
    expect(mountOf(merge, 'results').mountPath).toBe('/results');
    expect(merge.volumeMounts?.some((m) => m.name === 'submissions')).toBe(false);
    expect(volumeOf(mergeJob, 'results').persistentVolumeClaim?.claimName).toBe(volumeOf(gradeJob, 'results').persistentVolumeClaim?.claimName);
    expect(describeRules(mergeJob)).toEqual(['Ignore on DisruptionTarget', 'FailJob on exit 2,3']);
  });

  it('cuts every grading pod off the network: the policy selects both templates and allows nothing', () => {
    const spec = must(policy.spec, 'NetworkPolicy spec');
    const selector = must(spec.podSelector?.matchLabels, 'podSelector.matchLabels');
    expect(Object.keys(selector).length).toBeGreaterThan(0);
    for (const job of [gradeJob, mergeJob]) expect(job.spec?.template.metadata?.labels).toMatchObject(selector);
    expect(spec.podSelector?.matchExpressions).toBeUndefined();
    expect([...(spec.policyTypes ?? [])].sort()).toEqual(['Egress', 'Ingress']);
    expect(spec.ingress ?? []).toEqual([]);
    expect(spec.egress ?? []).toEqual([]);
  });

  it('applies in the two steps the doc gives: the policy with the grading Job, the merge after', () => {
    expect(selected('app.kubernetes.io/component=grade')).toEqual(['NetworkPolicy integration-lab-grader-no-network', 'Job grade-submissions']);
    expect(selected('app.kubernetes.io/component=merge')).toEqual(['Job grade-merge']);
    const doc = readFileSync(DOC, 'utf8');
    const selectors = [...doc.matchAll(/kubectl apply -f deploy\/kubernetes\/grade-submissions\.yaml -l (\S+)/g)].map((m) => m[1]!);
    expect(selectors).toEqual(['app.kubernetes.io/component=grade', 'app.kubernetes.io/component=merge']);
  });
});

describe('docs/batch-on-kubernetes.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  const snippets = [...doc.matchAll(/<<'EOF'\n([\s\S]*?)\nEOF\n/g)].flatMap((m) => parseManifests(m[1]!));

  it("has YAML snippets valid against the models, creating the claims the Jobs mount and a helper pod that mounts them", () => {
    expect(snippets.map((o) => o.kind).sort()).toEqual(['PersistentVolumeClaim', 'PersistentVolumeClaim', 'Pod']);
    for (const object of snippets) expect(() => validate(object), `${object.kind} ${object.metadata.name}`).not.toThrow();

    const claims = snippets.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name).sort();
    const mounted = [...new Set([gradeJob, mergeJob].flatMap((job) => (podSpec(job).volumes ?? []).flatMap((v) => v.persistentVolumeClaim?.claimName ?? [])))].sort();
    expect(mounted).toEqual(claims);
    const helper = snippets.find((o): o is Manifest & IPod => o.kind === 'Pod')!;
    expect((helper.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName).sort()).toEqual(claims);
    expect(helper.spec?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
  });
});

function describeRules(job: IJob): string[] {
  return must(job.spec?.podFailurePolicy, 'podFailurePolicy').rules.map((rule) => {
    if (rule.onExitCodes) return `${rule.action} on exit ${rule.onExitCodes.operator === 'NotIn' ? 'not ' : ''}${rule.onExitCodes.values.join(',')}`;
    return `${rule.action} on ${(rule.onPodConditions ?? []).map((c) => (c.status === 'True' ? c.type : `${c.type}=${c.status}`)).join(',')}`;
  });
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}
