// The topology document: everything one opened input holds, whatever its
// format. How it was read (`source`) and what only its format has (`format`)
// stand apart from what every view reads: the entries, the regions of note,
// the CPUs, and the SavedState OpenHCL persists (or would persist) for it.
// Plain data: it crosses from the decode worker by structured clone.
import type { DecodeErrorInfo } from '../format/errors.ts';
import type { OpenhclDeviceTree } from '../format/openhclDeviceTree.ts';
import type { Entry, EntryRef } from './entries.ts';
import type { BootCheck, Diagnostic } from './findings.ts';
import type { PayloadLocation, PersistedHeader } from './persistedState.ts';
import type { SavedState, UnknownField } from './savedState.ts';

export type InputKind = 'vtl2-image' | 'saved-state' | 'device-tree';

/** How the input was read. */
export interface InputSource {
  /** Why it was read as its kind, in a sentence a user reads. */
  detection: string;
  /** Bytes in the input (for a share link or a JSON document: in the original input). */
  size: number;
  /** Bytes actually read from it. */
  bytesRead: number;
  /** What identifies its content (import/fingerprint.ts), set once opened; null where it cannot be computed. */
  fingerprint?: string | null;
}

/** A VTL2 image or a raw saved-state payload: the persisted state's own details. */
export interface PersistedStateDetails {
  kind: 'vtl2-image' | 'saved-state';
  /** The image's header; null for a raw payload or an image too short for one. */
  header: PersistedHeader | null;
  payloadLocation: PayloadLocation | null;
  /** The exact payload bytes that were decoded (for exports and links). */
  payload: Uint8Array | null;
  /** Fields the schema does not know (a newer OpenHCL wrote them). */
  unknownFields: UnknownField[];
}

/** The FDT container's own facts (its header and /memreserve/ block). */
export interface FdtFacts {
  version: number;
  lastCompVersion: number;
  totalsize: number;
  bootCpuidPhys: number;
  memoryReservations: { address: bigint; size: bigint }[];
}

/**
 * A device tree as openhcl_boot writes it for the kernel (/sys/firmware/fdt).
 * Its entries are the partition's unified memory map, and `decoded` the
 * SavedState its next servicing would write from it. The host's entropy seed
 * is in none of this: only its length (deviceTree.entropy).
 */
export interface DeviceTreeDetails {
  kind: 'device-tree';
  /** Null when the container does not read. */
  fdt: FdtFacts | null;
  /** What OpenHCL's usermode parser (bootloader_fdt_parser) reads; null when it refuses the tree. */
  deviceTree: OpenhclDeviceTree | null;
  /** The tree with the entropy seed zeroed: all of it that a link or an export carries. Null when it does not read (then nothing is shared). */
  redacted: Uint8Array | null;
  /** The implied SavedState as OpenHCL's encoder writes it (the .bin and VTL2 image exports). */
  impliedPayload: Uint8Array | null;
}

export type FormatDetails = PersistedStateDetails | DeviceTreeDetails;

/** A GPA range; `end` is exclusive. */
export interface Span {
  start: bigint;
  end: bigint;
}

/** A region the map and the views call out, and where its location came from. */
export interface NotedRegion extends Span {
  /** From the image header, or from a memory entry of its type. */
  source: 'header' | 'entry';
  /** The entry of its type, when there is one. */
  entry: EntryRef | null;
}

export interface RegionsOfNote {
  /** The persisted-state header page. */
  persistedHeader: NotedRegion | null;
  /** The protobuf region after it. */
  protobufRegion: NotedRegion | null;
  /** Memory the host has accepted for the guest (a device tree says so; empty otherwise). */
  accepted: Span[];
}

/** A CPU as a device tree describes it: its VP index, its `reg` (APIC id or MPIDR) and its vnode. */
export interface Cpu {
  index: number;
  reg: bigint;
  vnode: number;
}

export interface CpuInfo {
  /** Every CPU with its vnode, where the input says (a device tree); null when it does not (a saved state). */
  cpus: Cpu[] | null;
  /** The SavedState's run-time lists, by CPU number. */
  withMappedInterruptsNoIo: number[];
  withOutstandingIo: number[];
}

export interface TopologyDocument {
  source: InputSource;
  format: FormatDetails;
  /** Memory entries first, then MMIO (see entries.ts). */
  entries: Entry[];
  regions: RegionsOfNote;
  cpus: CpuInfo;
  /** The SavedState as decoded; null when nothing decoded. */
  decoded: SavedState | null;
  error: DecodeErrorInfo | null;
  bootCheck: BootCheck;
  diagnostics: Diagnostic[];
}
