import type { ApiVersion } from './present-contact.ts';

export interface RowFailure {
  index: number;
  errors: { field: string; message: string }[];
}

/** Creates one row's record, or says why it cannot. */
export type ImportRow = (row: unknown, index: number) => { id: string } | { errors: RowFailure['errors'] };

export interface ImportJobInit {
  id: string;
  version: ApiVersion;
  rows: unknown[];
  recordsPerSecond: number;
  createdAt: number;
}

/**
 * A bulk import whose progress is a pure function of vendor time: row `i` is due once
 * `(i + 1) / recordsPerSecond` seconds have passed since the job was accepted. Nothing runs in the
 * background; `advance(now)` catches up whenever someone looks (a poll, or the completion task).
 */
export class ImportJob {
  readonly id: string;
  readonly version: ApiVersion;
  readonly total: number;
  readonly recordsPerSecond: number;
  readonly createdAt: number;
  processed = 0;
  readonly createdIds: string[] = [];
  readonly failures: RowFailure[] = [];
  completedAt: number | null = null;
  #rows: unknown[];

  constructor(init: ImportJobInit) {
    this.id = init.id;
    this.version = init.version;
    this.#rows = init.rows;
    this.total = init.rows.length;
    this.recordsPerSecond = init.recordsPerSecond;
    this.createdAt = init.createdAt;
  }

  /** Vendor time at which the last row is due. */
  get dueAt(): number {
    return this.createdAt + Math.ceil((this.total * 1000) / this.recordsPerSecond);
  }

  /** Processes every row whose time has come. True when this call finished the job. */
  advance(now: number, importRow: ImportRow): boolean {
    if (this.completedAt !== null) return false;
    const due = Math.min(this.total, Math.floor(((now - this.createdAt) * this.recordsPerSecond) / 1000));
    while (this.processed < due) {
      const index = this.processed;
      const outcome = importRow(this.#rows[index], index);
      if ('id' in outcome) this.createdIds.push(outcome.id);
      else this.failures.push({ index, errors: outcome.errors });
      this.processed++;
    }
    if (this.processed < this.total) return false;
    this.completedAt = this.dueAt;
    this.#rows = [];
    return true;
  }

  get status(): 'queued' | 'running' | 'succeeded' | 'failed' {
    if (this.completedAt !== null) return this.createdIds.length > 0 || this.total === 0 ? 'succeeded' : 'failed';
    return this.processed === 0 ? 'queued' : 'running';
  }

  present() {
    return {
      id: this.id,
      type: 'contacts.import' as const,
      status: this.status,
      total: this.total,
      processed: this.processed,
      created: this.createdIds.length,
      failed: this.failures,
      created_ids: this.createdIds,
      created_at: new Date(this.createdAt).toISOString(),
      completed_at: this.completedAt === null ? null : new Date(this.completedAt).toISOString(),
    };
  }
}
