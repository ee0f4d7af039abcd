/**
 * A progress bar on standard error, drawn only when it is a terminal: piped or captured output (scripts, tests)
 * gets no control characters, only the report lines.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!stream.isTTY || total === 0) return;
      const filled = Math.round((done / total) * width);
      if (filled === last && done !== total) return;
      last = filled;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    done() {
      if (stream.isTTY && last >= 0) stream.write('\n');
    },
  };
}
