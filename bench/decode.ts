// Figure 1: decode throughput of a 10,000-entry payload in Node, against the
// floor: a bare protobufjs Reader walk over the same bytes that reads every tag,
// descends into the known nested messages, skips every value and builds nothing.
// Run alone: `npx tsx bench/decode.ts [--quick]`.
import protobuf from 'protobufjs/light.js';
import { decodeSavedState } from '../web/lib/format/savedState.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { interleave, keep, median, timePerCall } from './stats.ts';

export const DECODE_ENTRIES = 10_000;
export const DECODE_VNODES = 64;

export interface DecodeResult {
  payloadBytes: number;
  entries: number;
  /** Median ms per decode, and per floor walk. */
  decodeMs: number;
  floorMs: number;
  decodeMBps: number;
  floorMBps: number;
  /** Median of the per-repeat ratios decode / floor (interleaved). */
  ratio: number;
  repeats: number;
  iterationsPerRepeat: number;
}

/** The fields of each message that hold a nested message: the walk descends into these. */
const NESTED: Record<string, Record<number, string>> = {
  SavedState: { 1: 'MemoryEntry', 2: 'MmioEntry' },
  MemoryEntry: { 1: 'MemoryRange', 3: 'Enum', 4: 'Enum' },
  MmioEntry: { 1: 'MemoryRange', 2: 'Enum' },
  MemoryRange: {},
  Enum: {},
};

/** The floor: tag, then skip or descend by wire type. Returns the number of fields seen. */
export function floorWalk(bytes: Uint8Array): number {
  const reader = protobuf.Reader.create(bytes);
  return walk(reader, 'SavedState', bytes.length);
}

function walk(reader: protobuf.Reader, message: string, end: number): number {
  const nested = NESTED[message]!;
  let fields = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    fields++;
    const sub = nested[tag >>> 3];
    if (sub !== undefined && (tag & 7) === 2) {
      const length = reader.uint32();
      fields += walk(reader, sub, reader.pos + length);
    } else {
      reader.skipType(tag & 7);
    }
  }
  return fields;
}

export function decodePayload(): Uint8Array {
  return encodeSavedState(syntheticSavedState({ entries: DECODE_ENTRIES, vnodes: DECODE_VNODES }));
}

export async function runDecodeBench({ quick = false } = {}): Promise<DecodeResult> {
  const bytes = decodePayload();
  // Sanity: both sides really walk these bytes.
  const decoded = decodeSavedState(bytes);
  if (decoded.value.partition_memory.length !== DECODE_ENTRIES) throw new Error('decode bench: wrong entry count');
  if (floorWalk(bytes) < DECODE_ENTRIES) throw new Error('decode bench: floor walk saw too few fields');

  // Batches of about 50 ms each, sized from a first timing of each side.
  const probeDecode = timePerCall(() => decodeSavedState(bytes), 5);
  const probeFloor = timePerCall(() => floorWalk(bytes), 20);
  const decodeIterations = Math.max(1, Math.round(50 / probeDecode));
  const floorIterations = Math.max(1, Math.round(50 / probeFloor));
  const repeats = quick ? 7 : 31;
  const paired = await interleave(
    () => timePerCall(() => decodeSavedState(bytes), decodeIterations),
    () => timePerCall(() => floorWalk(bytes), floorIterations),
    { repeats, warmup: quick ? 2 : 5 },
  );
  keep(decoded);
  const decodeMs = median(paired.measured);
  const floorMs = median(paired.baseline);
  const mbps = (ms: number) => bytes.length / 1e6 / (ms / 1000);
  return {
    payloadBytes: bytes.length,
    entries: DECODE_ENTRIES,
    decodeMs,
    floorMs,
    decodeMBps: mbps(decodeMs),
    floorMBps: mbps(floorMs),
    ratio: paired.ratio,
    repeats,
    iterationsPerRepeat: decodeIterations,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runDecodeBench({ quick: process.argv.includes('--quick') }));
}
