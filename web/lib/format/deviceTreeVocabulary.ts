// The nodes and properties openhcl_boot's `write_dt` writes (x64 and aarch64,
// as the fixtures of ../shared/fixtures/dt show them). Anything else in a tree
// is listed as unknown, with where it is, as unknown protobuf fields are: a
// newer OpenHCL wrote it, or someone edited the tree.
import type { FdtNode } from './fdt.ts';

interface NodeVocabulary {
  properties: readonly string[];
  /** Child name patterns: an exact name, a prefix ending in `@`, or `*` for any name. */
  children?: readonly (readonly [pattern: string, vocabulary: NodeVocabulary])[];
}

const MEMORY_RANGE_NODE: NodeVocabulary = { properties: ['device_type', 'reg', 'numa-node-id'] };

const WRITE_DT_VOCABULARY: NodeVocabulary = {
  properties: ['#address-cells', '#size-cells', 'compatible', 'reftime_boot_start', 'reftime_boot_end', 'reftime_sidecar_start', 'reftime_sidecar_end'],
  children: [
    ['hypervisor', { properties: ['compatible'] }],
    // bootloader_fdt_parser takes every child of /cpus as a CPU, whatever its name.
    ['cpus', { properties: ['#address-cells', '#size-cells'], children: [['*', { properties: ['device_type', 'numa-node-id', 'reg', 'status', 'compatible', 'enable-method'] }]] }],
    ['psci', { properties: ['compatible', 'method', 'cpu_off', 'cpu_on'] }],
    ['memory@', MEMORY_RANGE_NODE],
    ['intc@', { properties: ['compatible', '#redistributor-regions', 'redistributor-stride', 'reg', '#address-cells', '#size-cells', '#interrupt-cells', 'interrupt-controller', 'phandle', 'ranges'] }],
    ['timer', { properties: ['compatible', 'interrupt-parent', 'interrupt-names', 'interrupts', 'always-on'] }],
    ['pmu', { properties: ['compatible', 'interrupts'] }],
    ['serial@', { properties: ['compatible', 'reg', 'interrupt-parent', 'interrupts', 'current-speed', 'status'] }],
    [
      'bus',
      {
        properties: ['compatible', '#address-cells', '#size-cells', 'ranges'],
        children: [
          ['vmbus', { properties: ['#address-cells', '#size-cells', 'dma-coherent', 'compatible', 'microsoft,vtl', 'microsoft,message-connection-id', 'ranges', 'interrupt-parent', 'interrupts'] }],
          ['sidecar@', { properties: ['compatible', 'reg', 'reg-names'] }],
        ],
      },
    ],
    ['chosen', { properties: ['bootargs', 'linux,initrd-start', 'linux,initrd-end'] }],
    [
      'openhcl',
      {
        properties: ['isolation-type', 'memory-allocation-mode', 'memory-size', 'mmio-size', 'vtl0-alias-map'],
        children: [
          ['memory@', { properties: ['device_type', 'reg', 'numa-node-id', 'microsoft,igvm-type', 'openhcl,memory-type'] }],
          ['accepted-memory@', { properties: ['device_type', 'reg'] }],
          ['entropy', { properties: ['reg'] }],
        ],
      },
    ],
  ],
};

/** Unknown items kept; past these they are only counted (a hostile tree may hold a million). */
export const MAX_KEPT_UNKNOWN_ITEMS = 1024;

/** A node or property that write_dt does not write. */
export interface DtUnknownItem {
  kind: 'node' | 'property';
  /** The node's path (for a property, the path of the node holding it); long names cut (FdtNode.path). */
  path: string;
  /** The property's name; null for a property whose name does not resolve, and for a node. */
  name: string | null;
  /** Byte offset of the BEGIN_NODE or PROP token. */
  offset: number;
  /** Bytes of the whole node (tokens included), or of the property's value. */
  size: number;
  /** Why a property's name did not resolve. */
  problem: string | null;
}

export interface DtUnknownItems {
  /** The first MAX_KEPT_UNKNOWN_ITEMS, in tree order (by offset). */
  items: DtUnknownItem[];
  /** Those past them: counted, not kept. */
  omitted: number;
}

function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('@') ? name.startsWith(pattern) : name === pattern;
}

type Step = { node: FdtNode; vocabulary: NodeVocabulary } | DtUnknownItem;

/** Every node (with its subtree, as one item) and property of `root` outside write_dt's vocabulary, in tree order. */
export function unknownDeviceTreeItems(root: FdtNode): DtUnknownItems {
  const found: DtUnknownItems = { items: [], omitted: 0 };
  const add = (item: DtUnknownItem) => {
    if (found.items.length < MAX_KEPT_UNKNOWN_ITEMS) found.items.push(item);
    else found.omitted++;
  };
  // Pre-order with an explicit stack (no recursion, however deep): a node's
  // properties come before its children in the file, so items come by offset.
  const stack: Step[] = [{ node: root, vocabulary: WRITE_DT_VOCABULARY }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (!('node' in step)) {
      add(step);
      continue;
    }
    const { node, vocabulary } = step;
    for (const p of node.properties) {
      if (p.name === null || !vocabulary.properties.includes(p.name)) add({ kind: 'property', path: node.path, name: p.name, offset: p.offset, size: p.value.length, problem: p.nameProblem });
    }
    // Children pushed last first, so the first pops first; one by one (there may be 300,000).
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      const entry = vocabulary.children?.find(([pattern]) => matches(pattern, child.name));
      stack.push(entry ? { node: child, vocabulary: entry[1] } : { kind: 'node', path: child.path, name: null, offset: child.offset, size: child.end - child.offset, problem: null });
    }
  }
  return found;
}
