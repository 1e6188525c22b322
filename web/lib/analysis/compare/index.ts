// Compare two topologies (issue 11): what differs between A and B, address by
// address, memory and MMIO apart, plus CPUs and the persisted regions, and
// whether B could boot from the state A persisted (servicing). DOM-free and
// exact (bigint throughout); views and the CLI read the plain result.
import type { TopologyDocument } from '../../model/topology.ts';
import { DEFAULT_RELEASE } from '../releases.ts';
import { cpusSame, diffCpus } from './cpus.ts';
import { diffRegions } from './regions.ts';
import { servicingChecks } from './servicing.ts';
import { summarize } from './summary.ts';
import { diffTable } from './sweep.ts';
import type { CompareOptions, TopologyComparison } from './types.ts';

export type * from './types.ts';

export function compareTopologies(a: TopologyDocument, b: TopologyDocument, options: CompareOptions = {}): TopologyComparison {
  const release = options.release ?? DEFAULT_RELEASE;
  const memory = diffTable('memory', a.entries, b.entries);
  const mmio = diffTable('mmio', a.entries, b.entries);
  // A device tree holds accepted memory but no CPU lists; a persisted state the reverse.
  const trees = [a, b].filter((doc) => doc.format.kind === 'device-tree').length;
  const cpus = diffCpus(a.cpus, b.cpus, trees === 0);
  const regions = diffRegions(a.regions, b.regions, trees === 2);
  const result = {
    same: memory.pieces.length === 0 && mmio.pieces.length === 0 && memory.boundaries.length === 0 && mmio.boundaries.length === 0 && cpusSame(cpus) && regions.length === 0,
    release,
    memory: memory.pieces,
    mmio: mmio.pieces,
    boundaries: [...memory.boundaries, ...mmio.boundaries],
    cpus,
    regions,
    servicing: servicingChecks(a, b, release),
  };
  return { ...result, summary: summarize(result) };
}
