// Decode tables for the persisted-state messages, built from the protobufjs
// reflection of proto/ (schema.generated.json). The decoder walks these tables;
// nothing about field numbers or types is written by hand anywhere else.
import protobuf from 'protobufjs/light.js';
import schemaJson from './schema.generated.json' with { type: 'json' };

export const SAVED_STATE_TYPE = 'openhcl.openhcl_boot.SavedState';

/** Value widths of the Rust types behind the schema where protobuf has no exact type. */
const RUST_WIDTH_OVERRIDES: Record<string, 16> = {
  // `IgvmMemoryType(u16)`: mesh_protobuf keeps the low 16 bits of the varint.
  'openhcl.openhcl_boot.IgvmMemoryType.value': 16,
};

export type ScalarKind = 'uint64' | 'uint32';

export interface ScalarField {
  readonly kind: ScalarKind;
  readonly id: number;
  readonly name: string;
  readonly repeated: boolean;
  /** Bits kept from the 64-bit varint: 64, 32 or 16. */
  readonly bits: 64 | 32 | 16;
}

export interface MessageField {
  readonly kind: 'message';
  readonly id: number;
  readonly name: string;
  readonly repeated: boolean;
  readonly message: () => MessageSpec;
}

export type FieldSpec = ScalarField | MessageField;

export interface MessageSpec {
  /** Fully qualified name without the leading dot, e.g. `topology.MemoryRange`. */
  readonly fullName: string;
  readonly name: string;
  readonly fields: readonly FieldSpec[];
  readonly byId: ReadonlyMap<number, FieldSpec>;
  /**
   * Set for the open-enum newtypes (a message with one `value` field and a
   * nested `Known` enum): they decode to `{ value, name }`.
   */
  readonly knownValues: ReadonlyMap<number, string> | null;
}

// Types are looked up by name, never resolved (`Root.fromJSON` would resolve them): resolving fields makes
// protobufjs generate message constructors with `Function`, which a CSP without
// 'unsafe-eval' forbids. The decoder needs only the reflection.
const root = new protobuf.Root().addJSON((schemaJson as protobuf.INamespace).nested ?? {});

const specs = new Map<string, MessageSpec>();

/** The decode table of a message type of the schema, by fully qualified name. */
export function messageSpec(fullName: string): MessageSpec {
  const cached = specs.get(fullName);
  if (cached) return cached;
  const type = root.lookupType(fullName);
  const fields = type.fieldsArray.map((f) => fieldSpec(type, f));
  const known = type.nested?.Known;
  const spec: MessageSpec = {
    fullName,
    name: type.name,
    fields,
    byId: new Map(fields.map((f) => [f.id, f])),
    knownValues:
      known instanceof protobuf.Enum
        ? new Map(Object.entries(known.values).map(([name, value]) => [value, name]))
        : null,
  };
  specs.set(fullName, spec);
  return spec;
}

function fieldSpec(owner: protobuf.Type, f: protobuf.Field): FieldSpec {
  const repeated = f.repeated;
  const resolved = owner.lookup(f.type);
  if (resolved instanceof protobuf.Type) {
    const target = resolved.fullName.replace(/^\./, '');
    let spec: MessageSpec | undefined;
    return { kind: 'message', id: f.id, name: f.name, repeated, message: () => (spec ??= messageSpec(target)) };
  }
  if (f.type !== 'uint64' && f.type !== 'uint32') {
    throw new Error(`schema: ${owner.name}.${f.name} has type ${f.type}, which the decoder does not know`);
  }
  const override = RUST_WIDTH_OVERRIDES[`${owner.fullName.replace(/^\./, '')}.${f.name}`];
  const bits = override ?? (f.type === 'uint64' ? 64 : 32);
  return { kind: f.type, id: f.id, name: f.name, repeated, bits };
}

/** Names of the known values of an open-enum newtype, e.g. `MemoryVtlType`. */
export function knownValueNames(fullName: string): ReadonlyMap<number, string> {
  const names = messageSpec(fullName).knownValues;
  if (!names) throw new Error(`schema: ${fullName} is not an open enum`);
  return names;
}
