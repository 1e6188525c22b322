import { fileURLToPath } from 'node:url';
import path from 'node:path';
import protobuf from 'protobufjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROTO_DIR = path.join(root, 'proto');
export const SCHEMA_JSON_PATH = path.join(root, 'web/lib/schema/schema.generated.json');

/** The protobufjs JSON reflection of proto/, as the text written to SCHEMA_JSON_PATH. */
export function schemaJsonFromProto(): string {
  const protoRoot = new protobuf.Root();
  protoRoot.resolvePath = (_origin, target) => path.join(PROTO_DIR, path.basename(target));
  protoRoot.loadSync(path.join(PROTO_DIR, 'openhcl_boot.proto'), { keepCase: true });
  protoRoot.resolveAll();
  return JSON.stringify(protoRoot.toJSON(), null, 2) + '\n';
}
