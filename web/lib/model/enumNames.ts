// The names of the open enums' known values, read from the schema of proto/
// (its generated JSON, not protobufjs: the page may use this), so the editor
// can offer every known type and an unknown number still gets `name: null`.
import schema from '../schema/schema.generated.json' with { type: 'json' };
import type { EnumValue } from './savedState.ts';

type Namespace = { nested?: Record<string, Namespace>; values?: Record<string, number> };

function knownValues(...path: string[]): ReadonlyMap<number, string> {
  let at: Namespace | undefined = schema as Namespace;
  for (const name of [...path, 'Known']) at = at?.nested?.[name];
  if (!at?.values) throw new Error(`schema: no Known enum at ${path.join('.')}`);
  return new Map(Object.entries(at.values).map(([name, value]) => [value, name]));
}

export const VTL_TYPE_NAMES = knownValues('openhcl', 'openhcl_boot', 'MemoryVtlType');
export const IGVM_TYPE_NAMES = knownValues('openhcl', 'openhcl_boot', 'IgvmMemoryType');

export function vtlTypeOf(value: number): EnumValue {
  return { value, name: VTL_TYPE_NAMES.get(value) ?? null };
}

export function igvmTypeOf(value: number): EnumValue {
  return { value, name: IGVM_TYPE_NAMES.get(value) ?? null };
}
