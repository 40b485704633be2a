import { EnvError } from '@qunpulse/runtime';
import { WarehouseUnreachableError } from '@qunpulse/warehouse';
import { UsageError } from './command.js';
import { COMMANDS } from './commands/index.js';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'qunpulse — analytics for chat communities: KOLs, retention and group health.',
    '',
    'Usage: qunpulse <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `qunpulse help <command>` for its options.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const target = rest[0] && COMMANDS.find((c) => c.name === rest[0]);
    process.stdout.write((target ? target.usage : help()) + '\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`qunpulse: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`qunpulse ${cmd.name}: ${err.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    if (err instanceof WarehouseUnreachableError) {
      process.stderr.write(`qunpulse ${cmd.name}: ${err.message}\n`);
      return 1;
    }
    if (err instanceof EnvError) {
      process.stderr.write(`qunpulse ${cmd.name}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`qunpulse ${cmd.name}: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
