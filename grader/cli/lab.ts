/**
 * npm run lab -- list | start NN [--seed S] | grade NN | hint NN [--all] [--reset] | reset NN [--yes]
 *                 | takehome NN [NN...] [--out DIR] [--seed S] [--candidate NAME]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ownTakehomeSeeds } from '../takehome/record.ts';
import { nextHint, readHints, resetHints } from '../hints.ts';
import { ensureWorkCopy, isModified, resetWorkCopy, workDir } from '../lab-files.ts';
import { findLabId, listLabIds, loadLab, ManifestError, REPO_ROOT, type LabManifest } from '../lab-manifest.ts';
import { isPortFree, nextFreePort } from '../../mock-vendor/free-port.ts';
import { deadVendorNote, DOT_ENV, probeEnvVendor, readDotEnv, type VendorState } from '../dot-env.ts';
import { ClassroomError, vendorUrl } from '../classroom/class-vendor.ts';
import { createClass, readLearners, writeClassCsv } from '../classroom/create-class.ts';
import { joinClass } from '../classroom/join-class.ts';
import { describeProgress, readProgress } from '../progress.ts';

const program = new Command('lab')
  .description('Work on the Integration Lab labs.')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`\n${text.trim()}\nRun "npm run lab -- --help" for the commands.\n\n`) });

function lab(given: string): LabManifest {
  const id = findLabId(given);
  if (!id) throw new ManifestError(`There is no lab "${given}". The labs are: ${listLabIds().join(', ')} (give the number, e.g. 01).`);
  return loadLab(id);
}

const rel = (path: string) => relative(process.cwd(), path) || '.';

function run(script: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.once('SIGINT', forward).once('SIGTERM', forward);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

program
  .command('list')
  .description('the labs, in course order, with your last grade and the hints you used')
  .action(async () => {
    const progress = readProgress();
    console.log('');
    for (const id of listLabIds()) {
      const manifest = loadLab(id);
      const state = !isModified(manifest) ? 'not started' : 'in progress';
      console.log(`  ${id.padEnd(28)} ${manifest.difficulty.padEnd(7)} ~${String(manifest.timeEstimateMinutes).padStart(3)} min  ${state.padEnd(12)} ${manifest.title}`);
      const done = describeProgress(progress[id], readHints(id).length);
      if (done) console.log(`  ${''.padEnd(28)} ${done}`);
    }
    console.log('\n  Start one with: npm run lab -- start 01');
    const note = deadVendorNote(await probeEnvVendor());
    console.log(note ? `\n  ${note}\n` : '');
  });

program
  .command('start')
  .argument('<lab>', 'lab number or id, e.g. 01')
  .option('--seed <n>', 'replay a graded run exactly (the seed is printed with every failed check)', (v) => {
    if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError('give a whole number, e.g. --seed 101.');
    return v;
  })
  .option('--port <port>', 'port for a new vendor (default 4010, or the next free one)', (v) => {
    if (!/^\d+$/.test(v) || Number(v) > 65_535) throw new InvalidArgumentError('give a port number, e.g. --port 4011.');
    return Number(v);
  })
  .description("serves the vendor with the lab's scenario (or switches the one already running) and shows where to work")
  .action(async (given: string, options: { seed?: string; port?: number }) => {
    const manifest = lab(given);
    const created = ensureWorkCopy(manifest);
    const nn = manifest.id.slice(0, 2);
    console.log(`
  Lab ${manifest.id}: ${manifest.title}
  ${manifest.summary}

  Read     ${rel(`${REPO_ROOT}/labs/${manifest.id}/README.md`)}
  Edit     ${rel(workDir(manifest))}/${created ? '   (just created from the starter)' : ''}
  Grade    npm run grade -- ${nn}       Stuck? npm run lab -- hint ${nn}
`);
    const seed = options.seed ?? ownTakehomeSeeds()[manifest.id]?.toString();
    const running = options.port === undefined ? await probeEnvVendor() : undefined;
    if (running?.state === 'ours') {
      await switchScenario(running, manifest, seed);
      return;
    }
    const port = await choosePort(options.port);
    const args = ['--scenario', manifest.scenario, '--port', String(port), '--lab', manifest.id, '--dotenv', DOT_ENV, ...(seed ? ['--seed', seed] : [])];
    process.exitCode = await run('mock-vendor/main.ts', args);
  });

/** The vendor `.env` points at is already running (an `npm start` in another terminal): give its tenant the lab's scenario. */
async function switchScenario(running: Extract<VendorState, { state: 'ours' }>, manifest: LabManifest, seed: string | undefined): Promise<void> {
  const admin = (path: string, method: string, body?: unknown) =>
    fetch(`${running.url}/__admin/tenants/${running.tenantId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${running.key}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const switched = await admin('/scenario', 'PUT', { name: manifest.scenario, ...(seed ? { seed: Number(seed) } : {}) });
  const reset = switched.ok ? await admin('/reset', 'POST') : switched;
  if (!reset.ok) {
    console.error(`  Acme CRM is running at ${running.url}, but it refused to switch to lab ${manifest.id}'s scenario (${reset.status}: ${await reset.text()}).\n  Stop it (Ctrl+C in its terminal), then run this command again.\n`);
    process.exitCode = 1;
    return;
  }
  const { seed: used } = (await reset.json()) as { seed: number };
  console.log(`  Acme CRM is already running at ${running.url} (${readDotEnv()['VENDOR_ADMIN_TOKEN'] ? 'your npm start, in another terminal' : 'your class vendor'}).
  Your tenant ${running.tenantId} now plays lab ${manifest.id.slice(0, 2)}'s scenario "${manifest.scenario}" (seed ${used}), with fresh data.
  .env is unchanged: your code reaches the same vendor with the same credentials.
`);
}

/** The port asked for, else 4010, else the next free one (said aloud: .env will point there). */
async function choosePort(asked: number | undefined): Promise<number> {
  const port = asked ?? 4010;
  if (await isPortFree(port, '127.0.0.1')) return port;
  const free = await nextFreePort(port, '127.0.0.1');
  if (free === undefined) {
    throw new ManifestError(`Port ${port} and the 20 after it are in use. Free one, or pick another: npm run lab -- start NN --port 5010`);
  }
  console.log(`  Port ${port} is in use by another program, so Acme CRM starts on ${free}; .env will point there.\n`);
  return free;
}

program
  .command('grade')
  .argument('<lab>', 'lab number or id')
  .description('grade your work on one lab (same as npm run grade -- NN)')
  .action(async (given: string) => {
    process.exitCode = await run('grader/cli/grade.ts', [lab(given).id]);
  });

program
  .command('hint')
  .argument('<lab>', 'lab number or id')
  .option('--all', 'show every hint at once')
  .option('--reset', 'start again from the first hint')
  .description('the next hint for a lab; each call reveals a little more')
  .action((given: string, options: { all?: boolean; reset?: boolean }) => {
    const manifest = lab(given);
    if (options.reset) {
      resetHints(manifest.id);
      console.log(`\n  Hints for ${manifest.id} start again from the first.\n`);
      return;
    }
    if (options.all) {
      for (const [i, hint] of readHints(manifest.id).entries()) console.log(`\n  Hint ${i + 1}: ${hint.title}\n\n${indent(hint.body)}`);
      console.log('');
      return;
    }
    const next = nextHint(manifest.id);
    if (!next) {
      console.log(`\n  Lab ${manifest.id} has no hints yet. Its README's "Hints" section is the place to look.\n`);
      return;
    }
    const more = next.index + 1 < next.total ? `Run the same command again for hint ${next.index + 2} of ${next.total}.` : 'That was the last hint. The solution walk-through is in solutions/ when you want it.';
    console.log(`\n  Hint ${next.index + 1} of ${next.total}: ${next.hint.title}\n\n${indent(next.hint.body)}\n\n  ${more}\n`);
  });

program
  .command('reset')
  .argument('<lab>', 'lab number or id')
  .option('-y, --yes', 'do not ask for confirmation')
  .description('restore the starter code (your current src/ is kept as a backup)')
  .action(async (given: string, options: { yes?: boolean }) => {
    const manifest = lab(given);
    if (!options.yes) {
      if (!process.stdin.isTTY) {
        console.error(`\n  Resetting replaces ${rel(workDir(manifest))}. Add --yes to confirm when not running interactively.\n`);
        process.exitCode = 2;
        return;
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`  Replace ${rel(workDir(manifest))} with the starter? Your version is kept as a backup. [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        console.log('  Nothing changed.');
        return;
      }
    }
    const backup = resetWorkCopy(manifest);
    console.log(`\n  ${rel(workDir(manifest))} is the starter again.${backup ? ` Your previous version is in ${backup}.` : ''}\n`);
  });

const classroom = program.command('classroom').description('run a class on one shared vendor (teachers): see docs/classroom.md');
classroom
  .command('create')
  .requiredOption('--vendor <url>', "the class vendor's base URL")
  .requiredOption('--learners <file>', "a text file with one learner's name per line")
  .option('--key <key>', 'your grading key or the admin token (default: ACME_GRADING_KEY, then VENDOR_ADMIN_TOKEN)')
  .option('--out <file>', 'where the class list goes (owner-only: it holds every learner key)', 'class.csv')
  .description("a tenant and a key per learner; writes the list of join commands to send")
  .action(async (options: { vendor: string; learners: string; key?: string; out: string }) => {
    const key = options.key || process.env['ACME_GRADING_KEY'] || process.env['VENDOR_ADMIN_TOKEN'];
    if (!key) throw new ClassroomError('Creating tenants needs your grading key or the admin token: --key KEY (or set ACME_GRADING_KEY). docs/classroom.md says how to make a grading key.');
    const url = vendorUrl(options.vendor);
    const learners = readLearners(options.learners);
    const rows = await createClass(url, key, learners);
    writeClassCsv(options.out, rows);
    console.log(`\n  ${rows.length} learners have a tenant on ${url}. Their join commands are in ${options.out} (owner-only: it holds every learner's key).\n  Send each learner their own line's join_command; nobody else's.\n`);
  });

program
  .command('join')
  .argument('<url>', "the class vendor's base URL")
  .requiredOption('--key <key>', 'the tenant key your teacher sent you (acme_tk_...)')
  .description('point this checkout at a class vendor (writes .env)')
  .action(async (given: string, options: { key: string }) => {
    const url = vendorUrl(given);
    const joined = await joinClass(url, options.key, DOT_ENV);
    console.log(`
  Joined the class vendor at ${url}: your tenant is ${joined.tenantId} (client id ${joined.clientId}).
  .env now points there, with a fresh client secret of your own (the old one works for another hour).

  Next: npm run lab -- start 01   switches your tenant to lab 01's scenario (no local vendor needed)
        npm run grade -- 01       grades your code on this machine, as before
`);
  });

program
  .command('init')
  .description('create src/ from the starter for every lab that has none (runs after npm install)')
  .action(() => {
    const created = listLabIds().filter((id) => ensureWorkCopy(loadLab(id)));
    if (created.length > 0) console.log(`Integration Lab: created your working copies for ${created.join(', ')} (labs/NN/src/).`);
  });

program
  .command('takehome')
  .argument('<labs...>', 'lab numbers or ids, e.g. 04 07')
  .option('--out <dir>', 'where the bundle, its .tar.gz and your takehome.json go, one folder per bundle', 'takehomes/<id>')
  .option('--seed <n>', 'base scenario seed (default: random, so every candidate gets their own)', (v) => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('give a positive whole number, e.g. --seed 4242.');
    return Number(v);
  })
  .option('--candidate <name>', "recorded in your takehome.json (never in the candidate's bundle)")
  .description('pack a self-contained take-home bundle for a candidate (interviewers)')
  .action(async (labs: string[], options: { out: string; seed?: number; candidate?: string }) => {
    let build: typeof import('../takehome/build.ts');
    try {
      build = await import('../takehome/build.ts');
    } catch {
      console.error('\n  Take-home bundles are made from the full Integration Lab project, not from inside a bundle.\n');
      process.exitCode = 2;
      return;
    }
    const made = build.buildTakehome({ labs, outDir: options.out, ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.candidate ? { candidate: options.candidate } : {}) });
    console.log(`
  Take-home ${made.record.id}: ${made.record.labs.map((l) => `${l.id} (seed ${l.seed})`).join(', ')}

  Send      ${rel(made.archive)}   (${made.files.length} files; the folder is ${rel(made.bundleDir)})
  Keep      ${rel(made.recordFile)}   (also kept in .takehomes/; grading trusts your copy)
  Grade     npm run grade -- --target <the folder they send back>
`);
  });

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ManifestError || error instanceof ClassroomError) {
    console.error(`\n  ${error.message}\n`);
    process.exitCode = 2;
  } else if ((error as { code?: string }).code?.startsWith('commander.')) {
    process.exitCode = (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
