// The SavedState OpenHCL persists (FORMAT.md §3), in the upstream names
// (snake_case, as in mesh_protobuf's Rust types and the golden fixtures). u64
// values are bigint: a JS number loses bits above 2^53. A device tree's
// document carries the SavedState OpenHCL would persist from it, so every
// format shares this shape.

/** A value of an open enum: a number, and its variant name when it is a known one. */
export interface EnumValue {
  value: number;
  name: string | null;
}

export interface MemoryRange {
  start: bigint;
  /** Exclusive. */
  end: bigint;
}

export interface MemoryEntry {
  range: MemoryRange;
  vnode: number;
  vtl_type: EnumValue;
  igvm_type: EnumValue;
}

export interface MmioEntry {
  range: MemoryRange;
  vtl_type: EnumValue;
}

export interface SavedState {
  partition_memory: MemoryEntry[];
  partition_mmio: MmioEntry[];
  cpus_with_mapped_interrupts_no_io: number[];
  cpus_with_outstanding_io: number[];
}

/** A field the schema does not know (a newer OpenHCL wrote it). */
export interface UnknownField {
  /** Where it was met, e.g. `SavedState` or `SavedState.partition_memory[3].range`. */
  path: string;
  field: number;
  wire_type: number;
  /** Byte offset of its tag in the input file. */
  offset: number;
  /** The whole field as it was on the wire, tag included. */
  bytes: Uint8Array;
}
