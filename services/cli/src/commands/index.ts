// Every qunpulse command, in the order `qunpulse help` lists them.
import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { benchCommand } from './bench.js';
import { demoCommand } from './demo.js';
import { eraseCommand } from './erase.js';
import { evalCommand } from './eval.js';
import { identityCommand } from './identity.js';
import { importCommand } from './import.js';
import { membersCommand } from './members.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { simulateCommand } from './simulate.js';
import { sqlCommand } from './sql.js';
import { tenantCommand } from './tenant.js';

export const COMMANDS: Command[] = [
  runCommand,
  importCommand,
  analyzeCommand,
  simulateCommand,
  demoCommand,
  reportCommand,
  tenantCommand,
  sqlCommand,
  membersCommand,
  identityCommand,
  eraseCommand,
  benchCommand,
  evalCommand,
];
