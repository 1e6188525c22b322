// The CLI in a child process, as a user runs it (`node --import tsx web/cli/main.ts …`),
// with its exit status, standard output and standard error as text.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './fixtures.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  try {
    // maxBuffer: a decode of the 100,000-range sample prints tens of MiB.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'web/cli/main.ts'), ...args], { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024 });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
