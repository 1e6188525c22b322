// Writes the synthetic samples of public/samples (the golden-fixture copies are
// copied, not made here): a 10,000-range saved state over 8 vnodes, encoded
// exactly as OpenHCL writes it. Deterministic: `npm run make:samples` rewrites
// the same bytes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { REPO_ROOT } from '../web/lib/testing/fixtures.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';

const out = path.join(REPO_ROOT, 'public/samples/synthetic_10k_8node.bin');
const bytes = encodeSavedState(syntheticSavedState({ entries: 10_000, vnodes: 8, seed: 7 }));
writeFileSync(out, bytes);
console.log(`${path.relative(REPO_ROOT, out)}: ${bytes.length} bytes`);
