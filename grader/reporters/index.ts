import type { GradeReport } from '../report.ts';
import { formatExercism } from './exercism.ts';
import { formatJunit } from './junit.ts';
import { formatMarkdown } from './markdown.ts';
import { formatPretty } from './pretty.ts';

export interface ReportFormat {
  /** File written in `--out`; without `--out` the report goes to stdout. */
  file: string;
  format(report: GradeReport): string;
}

export const REPORTERS: Record<string, ReportFormat> = {
  pretty: { file: 'grade-report.txt', format: formatPretty },
  json: { file: 'grade-report.json', format: (report) => `${JSON.stringify(report, null, 2)}\n` },
  junit: { file: 'grade-report.xml', format: formatJunit },
  markdown: { file: 'grade-report.md', format: formatMarkdown },
  exercism: { file: 'results.json', format: formatExercism },
};
