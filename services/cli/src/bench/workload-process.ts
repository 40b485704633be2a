// Writes a benchmark workload in a process of its own, so the simulator's memory never counts
// against the producer's.
import { writeWorkload } from './workload.js';

process.once('message', (msg: Parameters<typeof writeWorkload>[1] & { file: string }) => {
  writeWorkload(msg.file, msg)
    .then((w) => process.send?.({ ok: true, workload: w }, () => process.disconnect()))
    .catch((err: Error) => process.send?.({ ok: false, error: err.stack ?? err.message }, () => process.disconnect()));
});
