// Regenerates web/lib/format/savedState.generated.ts, the SavedState decoder
// generated from proto/ (through web/lib/schema/schema.generated.json: run after
// gen-schema.ts; `npm run gen:schema` runs both). No code is generated at run
// time: the page's CSP forbids eval. savedStateGenerated.test.ts fails when the
// file is stale.
import { writeFileSync } from 'node:fs';
import { DECODER_PATH, decoderSourceFromSchema } from './decoderFromSchema.ts';

writeFileSync(DECODER_PATH, decoderSourceFromSchema());
console.log(`wrote ${DECODER_PATH}`);
