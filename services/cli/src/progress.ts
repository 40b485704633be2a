// A progress bar on stderr when it is a terminal; silent otherwise, so logs and pipes stay clean.

export interface Progress {
  update(done: number, total?: number, note?: string): void;
  done(message?: string): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done(message) { if (message) stream.write(`${label}: ${message}\n`); } };
  let last = 0;
  const started = Date.now();
  return {
    update(done, total, note) {
      const now = Date.now();
      if (now - last < 100 && (total === undefined || done < total)) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      let bar = '';
      if (total && total > 0) {
        const width = 28;
        const filled = Math.min(width, Math.round((done / total) * width));
        bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / total) * 100)}% `;
      }
      stream.write(`\r${label} ${bar}${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''} (${Math.round(rate).toLocaleString('en-US')}/s)${note ? ` ${note}` : ''}\u001b[K`);
    },
    done(message) {
      stream.write(`\r${label} ${message ?? 'done'}\u001b[K\n`);
    },
  };
}
