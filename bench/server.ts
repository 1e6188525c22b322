// The production build the browser figures run against: built by `vite build`
// into a directory of the bench's own (so it never races the test suite's
// dist/), rebuilt only when a source file is newer than it, and served by
// `vite preview` on a free port for as long as the bench needs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIST = path.join(ROOT, 'node_modules/.cache/ohcl-bench/dist');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const STAMP = path.join(BENCH_DIST, '.bench-build-stamp');

/** What the build is made from: a newer file here means the build is stale. */
const SOURCES = ['web', 'public', 'proto', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Builds into BENCH_DIST when it is missing or older than a source. Returns whether it built. */
export function ensureBuild(log: (line: string) => void): boolean {
  const stamp = fs.statSync(STAMP, { throwIfNoEntry: false });
  const newestSource = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (stamp && stamp.mtimeMs >= newestSource) return false;
  log(stamp ? 'sources changed since the last bench build: building' : 'no bench build yet: building');
  const startedAt = Date.now();
  const result = spawnSync(process.execPath, [VITE, 'build', '--outDir', BENCH_DIST, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  // The stamp takes the time the build started: a source saved during the build makes it stale.
  fs.writeFileSync(STAMP, '');
  fs.utimesSync(STAMP, startedAt / 1000, startedAt / 1000);
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Preview {
  url: string;
  stop(): Promise<void>;
}

/** Starts `vite preview` of BENCH_DIST on a free port; resolves once it answers. */
export async function startPreview(): Promise<Preview> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', BENCH_DIST, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${stderr}`);
    try {
      const response = await fetch(url);
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview did not answer on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
