// Runs a `qunpulse` command inside the test process (its real entry point), capturing what it
// writes to stdout and stderr.
import { vi } from 'vitest';
import { main } from '@qunpulse/cli';

export async function runCliInProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    spyOut.mockRestore();
    spyErr.mockRestore();
  }
}
