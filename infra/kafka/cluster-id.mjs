// KRaft cluster ids for the local broker. Plain JavaScript, like start-kafka.mjs beside it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** 16 bytes in URL-safe base64 without padding: 22 characters. */
const SHAPE = /^[A-Za-z0-9_-]{22}$/;

/**
 * A new cluster id as Kafka makes them (Uuid.randomUuid): 16 random bytes in URL-safe base64,
 * drawn again when the text begins with "-", which the storage tool would read as an option.
 */
export function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Why `id` cannot format storage, or undefined when it can. */
export function clusterIdProblem(id) {
  if (!SHAPE.test(id)) return 'it is not 16 bytes in URL-safe base64 (22 characters)';
  if (id.startsWith('-')) return 'it begins with "-", which the Kafka storage tool reads as an option';
  return undefined;
}

/**
 * The cluster id kept in DATA_DIR/cluster-id, created on first use. Only called before the storage
 * is formatted, so an unusable id (written by an earlier version) has never named any data and is
 * replaced; `onReplace` is told why.
 */
export function readClusterId(dataDir, onReplace = () => {}) {
  const file = path.join(dataDir, 'cluster-id');
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    const problem = clusterIdProblem(id);
    if (!problem) return id;
    const fresh = newClusterId();
    writeFileSync(file, fresh);
    onReplace(`replaced cluster id ${JSON.stringify(id)} in ${file} with ${fresh}: ${problem}; no storage was ever formatted with it`);
    return fresh;
  }
  const id = newClusterId();
  writeFileSync(file, id);
  return id;
}
