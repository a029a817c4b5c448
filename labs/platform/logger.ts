import { Writable } from 'node:stream';
import pino from 'pino';

/** The logger lab code receives: pino's API (`logger.info({ field }, 'message')`, `child`). */
export type Logger = pino.Logger;

export interface LogCapture {
  logger: Logger;
  /** Every line written, as JSON text exactly as it would reach a log file. */
  lines(): string[];
  /** Parsed lines. */
  records(): Record<string, unknown>[];
}

/**
 * A real pino logger whose output the platform keeps in memory, so the grader can read what the
 * integration logged. `echo` also writes lines to stderr (handy when running a lab by hand).
 */
export function createLogCapture(options: { level?: string; echo?: boolean } = {}): LogCapture {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n')) if (line.trim() !== '') lines.push(line);
      if (options.echo) process.stderr.write(text);
      done();
    },
  });
  const logger = pino({ level: options.level ?? 'debug', base: undefined }, sink);
  return {
    logger,
    lines: () => [...lines],
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
