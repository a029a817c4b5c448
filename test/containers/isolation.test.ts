/**
 * `npm run grade -- --isolate`: a batch of take-home submissions, four of them hostile, graded one
 * after another in containers. Each hostile one is contained and scores 0 with a clear reason; the
 * well-behaved one after them still scores 100%.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRunner } from '../../grader/isolate/container-runner.ts';
import { gradeSubmissions } from '../../grader/submissions/batch.ts';
import type { CandidateResult } from '../../grader/submissions/runner.ts';
import { docker } from '../../grader/isolate/docker.ts';
import { copyHostile, GRADER_IMAGE, requireImages, scratchDir, solidLab01Submission } from './support.ts';

const LISTENER_PORT = 47519; // phones-home posts here (test/fixtures/hostile-submissions/phones-home)
const WALL_SECONDS = 75;
const MEMORY_MB = 512;

describe('grading untrusted submissions in containers (--isolate)', () => {
  const batch = scratchDir('isolate-batch');
  const received: string[] = [];
  let listener: Server;
  let results: Map<string, CandidateResult>;

  beforeAll(async () => {
    await requireImages(GRADER_IMAGE);
    listener = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.end('thanks');
    });
    await new Promise<void>((done) => listener.listen(LISTENER_PORT, '127.0.0.1', done));

    // Control: a container on the host's network does reach the listener; --network none is what stops it.
    const control = await docker(['run', '--rm', '--network', 'host', '--entrypoint', 'node', GRADER_IMAGE, '-e',
      `fetch('http://127.0.0.1:${LISTENER_PORT}/control', { method: 'POST' }).then((r) => console.log(r.status))`]);
    expect(control.stdout.trim(), control.stderr).toBe('200');
    expect(received).toEqual(['POST /control']);
    received.length = 0;

    const candidates = [
      { name: 'a-phones-home', dir: copyHostile('phones-home', batch.dir, 'a-phones-home') },
      { name: 'b-writes-outside', dir: copyHostile('writes-outside', batch.dir, 'b-writes-outside') },
      { name: 'c-spins-forever', dir: copyHostile('spins-forever', batch.dir, 'c-spins-forever') },
      { name: 'd-eats-memory', dir: copyHostile('eats-memory', batch.dir, 'd-eats-memory') },
      { name: 'e-solid', dir: await solidLab01Submission(batch.dir, 'e-solid') },
    ];
    const graded = await gradeSubmissions(candidates, {
      runner: containerRunner({ memoryMb: MEMORY_MB }),
      labs: ['01-first-integration'],
      includeHidden: false,
      timeoutMs: WALL_SECONDS * 1000,
    });
    results = new Map(graded.map((r) => [r.candidate, r]));
  }, 10 * 60_000);

  afterAll(async () => {
    await new Promise((done) => listener?.close(done));
    batch.remove();
  });

  const feedbackOf = (result: CandidateResult | undefined) =>
    [result?.message ?? '', ...(result?.report?.labs ?? []).flatMap((lab) => [lab.error ?? '', ...lab.checks.map((c) => c.feedback)])].join('\n');

  it('a submission that tries the network reaches nothing and scores 0', () => {
    const result = results.get('a-phones-home');
    expect(result?.report?.score).toBe(0);
    expect(feedbackOf(result)).toMatch(/could not phone home: http:\/\/127\.0\.0\.1:47519\/loot connect (ECONNREFUSED|ENETUNREACH)/);
    expect(received, 'the host listener must not hear from the container').toEqual([]);
  });

  it('a submission that writes outside its folder is refused and scores 0', () => {
    const result = results.get('b-writes-outside');
    expect(result?.report?.score).toBe(0);
    expect(feedbackOf(result)).toContain("EROFS: read-only file system, open '/app/test/harness/graded-lab.ts'");
    // Paths inside the container's mount are reported where the candidate has them (labs/...).
    expect(feedbackOf(result)).toMatch(/EROFS: read-only file system, open 'labs\/01-first-integration\/src\/planted\.txt'/);
    expect(existsSync(join(batch.dir, 'b-writes-outside/01-first-integration/planted.txt'))).toBe(false);
  });

  it('a submission that never finishes loading is stopped by its sandbox, scores 0 with the reason, and the grade still finishes within the wall-time limit', () => {
    const result = results.get('c-spins-forever');
    // The sandbox stops the load (30 s) long before the container's wall limit; that limit stays the backstop.
    expect(result?.status).toBe('graded');
    expect(result?.report?.score).toBe(0);
    expect(feedbackOf(result)).toMatch(/Loading your code did not finish within \d+ s: a loop that never yields/);
  });

  it('a submission that allocates without bound is stopped at the memory limit and scores 0', () => {
    const result = results.get('d-eats-memory');
    // Stopped by what its code did: a verdict (0, with the reason), not "not graded".
    expect(result?.status).toBe('graded');
    expect(result?.report?.score).toBe(0);
    expect(feedbackOf(result)).toContain(`used more than ${MEMORY_MB} MiB of memory`);
  });

  it('the next submission in the batch still grades, in full', () => {
    const result = results.get('e-solid');
    expect(result?.status, feedbackOf(result)).toBe('graded');
    expect(result?.report?.score, feedbackOf(result)).toBe(100);
  });

  it('leaves no grading container behind', async () => {
    const left = await docker(['ps', '-aq', '--filter', 'label=org.integration-lab.isolated-grade']);
    expect(left.stdout.trim()).toBe('');
  });
});
