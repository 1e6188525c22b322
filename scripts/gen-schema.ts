// Regenerates web/lib/schema/schema.generated.json from proto/*.proto.
// The .proto files are the single source of the schema; the JSON is their
// protobufjs reflection, so the browser bundle needs no .proto parser.
// `web/lib/schema/schema.test.ts` fails when the JSON is stale.
import { writeFileSync } from 'node:fs';
import { schemaJsonFromProto, SCHEMA_JSON_PATH } from './schemaFromProto.ts';

writeFileSync(SCHEMA_JSON_PATH, schemaJsonFromProto());
console.log(`wrote ${SCHEMA_JSON_PATH}`);
