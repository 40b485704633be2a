// Reads the routing file; YAML or JSON by extension. Errors name the file, the field and the reason.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseRoutingConfig, type RoutingConfig } from '@qunpulse/alerts';

export function loadRoutingConfig(file: string): RoutingConfig {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err) {
    throw new Error(`cannot read alert routing config ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try { raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text); } catch (err) {
    throw new Error(`alert routing config ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  return parseRoutingConfig(raw ?? {}, file);
}
