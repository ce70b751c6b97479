// A progress bar for long CLI work: redrawn in place on a terminal, a line every tenth when the output is a file or CI.
export type Progress = (done: number, total: number) => void;

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress & { finish(): void } {
  const width = 30;
  let lastTenth = -1;
  let lastDrawn = 0;
  const started = performance.now();
  const draw = (done: number, total: number) => {
    const ratio = total ? Math.min(1, done / total) : 1;
    if (stream.isTTY) {
      const now = performance.now();
      if (now - lastDrawn < 50 && done < total) return;
      lastDrawn = now;
      const filled = Math.round(ratio * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    } else {
      const tenth = Math.floor(ratio * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${label}: ${done}/${total} (${tenth * 10}%)\n`);
    }
  };
  return Object.assign(draw, {
    finish() {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      stream.write(stream.isTTY ? ` done in ${seconds} s\n` : `${label}: done in ${seconds} s\n`);
    },
  });
}
