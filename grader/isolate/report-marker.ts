/** The line before the report that PID 1 of an isolated grading container prints (in-container.ts). */
export const REPORT_MARKER = '--- integration-lab isolated report ---';
