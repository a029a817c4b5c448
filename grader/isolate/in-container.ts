/**
 * PID 1 of an isolated grading container (`npm run grade -- --isolate`). Runs as root with only the
 * capabilities to change user, and starts the grader as uid 1000 with its stdout discarded: the
 * code under test (in the grader's workers, uid 1000) can neither write to this process's stdout
 * nor signal it. The grader hands its JSON report over a pipe on fd 3, which its workers do not
 * inherit; this process prints it after REPORT_MARKER. Arguments are the grader's (grader/cli/grade.ts).
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { REPORT_MARKER } from './report-marker.ts';

const GRADER_UID = 1000;

const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '/app/grader/cli/grade.ts', ...process.argv.slice(2), '--report-fd', '3'], {
  cwd: '/tmp',
  uid: GRADER_UID,
  gid: GRADER_UID,
  env: { PATH: process.env['PATH'] ?? '/usr/bin', NODE_ENV: 'production', NO_COLOR: '1', HOME: '/tmp', TMPDIR: '/tmp' },
  stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
});
let report = '';
(child.stdio[3] as Readable).on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
child.on('error', (error) => {
  process.stderr.write(`could not start the grader: ${error.message}\n`);
  process.exit(70);
});
child.on('close', (code, signal) => {
  if (code === 0 && report.trim()) process.stdout.write(`${REPORT_MARKER}\n${report.trim()}\n`);
  else process.stderr.write(`the grader ${signal ? `was killed by ${signal}` : `exited with code ${code}`} without a report\n`);
  process.exitCode = code === 0 ? 0 : 1;
});
