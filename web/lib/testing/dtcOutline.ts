// Cross-checks with Debian's device-tree-compiler (dtc, fdtdump), for tests
// that run only where it is installed: a tree's outline (reservations, node
// paths, property names, depth first) as this reader sees it and as dtc does.
import { spawnSync } from 'node:child_process';
import type { Fdt, FdtHeader, FdtNode } from '../format/fdt.ts';

export const HAS_DTC = spawnSync('dtc', ['--version']).status === 0 && spawnSync('fdtdump', ['-h']).error === undefined;

/** The tree as lines: reservations, then each node's path and its property names, depth first. */
export function outlineOf(fdt: Fdt): string[] {
  const out = fdt.reservations.map((r) => `memreserve ${r.address} ${r.size}`);
  const walk = (n: FdtNode) => {
    out.push(`node ${n.path}`);
    for (const p of n.properties) out.push(`prop ${n.path} ${p.name}`);
    n.children.forEach(walk);
  };
  walk(fdt.root);
  return out;
}

/** `dtc -I dtb -O dts` of the tree: its exit status, stderr, and the same lines as outlineOf (dtc prints one statement a line). */
export function dtcOutline(tree: Uint8Array): { status: number | null; stderr: string; outline: string[] } {
  const dts = spawnSync('dtc', ['-q', '-I', 'dtb', '-O', 'dts', '-'], { input: tree, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: string[] = [];
  const stack: string[] = [];
  const path = () => stack.join('/') || '/';
  for (const raw of dts.status === 0 ? dts.stdout.split('\n') : []) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (line === '' || line === '/dts-v1/;') continue;
    if ((m = /^\/memreserve\/\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+);$/.exec(line))) out.push(`memreserve ${BigInt(m[1]!)} ${BigInt(m[2]!)}`);
    else if ((m = /^(\S+) \{$/.exec(line))) {
      stack.push(m[1] === '/' ? '' : m[1]!);
      out.push(`node ${path()}`);
    } else if (line === '};') stack.pop();
    else if ((m = /^([^\s=]+)(?: = .*)?;$/.exec(line))) out.push(`prop ${path()} ${m[1]}`);
    else throw new Error(`a DTS line this test does not know: ${line}`);
  }
  return { status: dts.status, stderr: dts.stderr, outline: out };
}

/** The header fields fdtdump prints. */
export function fdtdumpHeader(tree: Uint8Array): Partial<FdtHeader> {
  const dump = spawnSync('fdtdump', ['-'], { input: tree, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  return Object.fromEntries([...dump.matchAll(/^\/\/ (\w+):\s+(0x[0-9a-f]+|\d+)/gm)].map((m) => [m[1], Number(m[2])]));
}
