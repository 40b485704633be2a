// Import checkpoints: after every acknowledged flush, how far into a file the import got and
// what it counted so far. A re-run of the same import resumes there; records sent after the last
// checkpoint are sent again and collapse into one row by their deterministic event ids.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const checkpointSchema = z.object({
  file: z.string(),
  format: z.string(),
  tenant: z.string(),
  records: z.number().int().min(0),
  offset: z.number().int().min(0).optional(),
  accepted: z.number().int().min(0),
  rejected: z.number().int().min(0),
  reasons: z.record(z.string(), z.number()),
  updatedAt: z.string(),
});

export type Checkpoint = z.output<typeof checkpointSchema>;

export class CheckpointStore {
  constructor(private readonly dir: string) {}

  /** One checkpoint per (format, tenant, file as it is now); a changed file starts afresh. */
  pathFor(format: string, tenant: string, file: string): string {
    const abs = path.resolve(file);
    const st = statSync(abs);
    const id = createHash('sha1').update([format, tenant, abs, st.size, Math.floor(st.mtimeMs)].join('\u0000')).digest('hex').slice(0, 20);
    return path.join(this.dir, `${id}.json`);
  }

  read(p: string): Checkpoint | undefined {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  }

  write(p: string, c: Checkpoint): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${p}.tmp`;
    writeFileSync(tmp, JSON.stringify(c));
    renameSync(tmp, p);
  }

  remove(p: string): void {
    rmSync(p, { force: true });
  }
}
