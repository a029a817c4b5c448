/** A one-line progress bar on a terminal; one line per step elsewhere (CI logs, files). */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const width = 24;
  const tty = Boolean(stream.isTTY);
  return {
    update(done: number, label: string) {
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
      stream.write(tty ? `\r${line.slice(0, (stream.columns || 100) - 1).padEnd((stream.columns || 100) - 1)}` : `${line}\n`);
    },
    end() {
      if (tty) stream.write('\n');
    },
  };
}
