/** How the bench prints figures and tables. */

export const MiB = 1024 * 1024;

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const fmtUs = (micros: number) => `${micros.toFixed(0)} µs`;
export const fmtPct = (x: number) => `${(x * 100).toFixed(0)}%`;
export const fmtCores = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(2)} cores`);
export const fmtMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
export const mark = (met: boolean) => (met ? 'MET' : 'NOT MET');

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function table(header: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('   ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].map((l) => `  ${l.trimEnd()}`).join('\n');
}
