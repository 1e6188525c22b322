// Writes the synthetic samples of public/samples (the golden-fixture copies are
// copied, not made here): 10,000- and 100,000-range saved states over 8 and 64 vnodes, encoded
// exactly as OpenHCL writes it, and a device tree of 64 vnodes, ~4,000 ranges
// and 256 CPUs in openhcl_boot's node order. Deterministic: `npm run
// make:samples` rewrites the same bytes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { REPO_ROOT } from '../web/lib/testing/fixtures.ts';
import { syntheticDeviceTree } from '../web/lib/testing/syntheticDeviceTree.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';

const samples: [string, Uint8Array][] = [
  ['synthetic_10k_8node.bin', encodeSavedState(syntheticSavedState({ entries: 10_000, vnodes: 8, seed: 7 }))],
  ['synthetic_100k_64node.bin', encodeSavedState(syntheticSavedState({ entries: 100_000, vnodes: 64, seed: 7 }))],
  ['synthetic_dt_64node.dtb', syntheticDeviceTree({ vnodes: 64, ranges: 4000, cpus: 256, seed: 7 })],
];
for (const [name, bytes] of samples) {
  const out = path.join(REPO_ROOT, 'public/samples', name);
  writeFileSync(out, bytes);
  console.log(`${path.relative(REPO_ROOT, out)}: ${bytes.length} bytes`);
}
