// The host's RNG seed (`/openhcl/entropy`) is a secret: a tree that leaves the
// machine (a share link, an export) carries it zeroed.
import { readFdt, type Fdt, type FdtNode } from './fdt.ts';

/** Every `entropy` node of every root `openhcl` node (a duplicate must not keep a seed either). */
export function entropyNodes(root: FdtNode): FdtNode[] {
  return root.children.filter((c) => c.name === 'openhcl').flatMap((o) => o.children.filter((c) => c.name === 'entropy'));
}

/**
 * A copy of the tree (`fdt`: it read) with every property value of the
 * entropy nodes zeroed, and every byte past `totalsize` (`cat vm1.dtb vm2.dtb`
 * puts vm2's seed there, where no walk of this tree finds it); same length and
 * layout otherwise. A copy, never a view of the input, so whoever holds it
 * holds no seed. Throws DecodeError when the container does not read: then
 * nobody can say where the seed is, and the bytes must not be shared.
 */
export function redactDeviceTreeEntropy(bytes: Uint8Array, fdt: Fdt = readFdt(bytes)): Uint8Array {
  const copy = bytes.slice();
  for (const node of entropyNodes(fdt.root)) {
    for (const p of node.properties) copy.fill(0, p.valueOffset, p.valueOffset + p.value.length);
  }
  copy.fill(0, fdt.header.totalsize);
  return copy;
}
