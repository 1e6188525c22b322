// Figure 1: decode throughput of a 10,000-entry payload in Node, against two
// baselines run interleaved with it on the same bytes:
// - the floor: a bare protobufjs Reader walk that reads every tag, descends into
//   the known nested messages, skips every value and builds nothing;
// - protobufjs' own decoder of the same schema (`Root.fromJSON(schema)
//   .lookupType(SavedState).decode`, with the code protobufjs generates at run
//   time, u64 as Long): a stock decoder, without mesh_protobuf's rules.
// Run alone: `npx tsx bench/decode.ts [--quick] [--json]`; `npm run bench` runs it in a
// process of its own.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import protobuf from 'protobufjs/light.js';
import type Long from 'long';
import { decodeSavedState } from '../web/lib/format/savedState.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { SAVED_STATE_TYPE } from '../web/lib/schema/schema.ts';
import schemaJson from '../web/lib/schema/schema.generated.json' with { type: 'json' };
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { keep, median, timePerCall } from './stats.ts';

export const DECODE_ENTRIES = 10_000;
export const DECODE_VNODES = 64;

export interface DecodeResult {
  payloadBytes: number;
  entries: number;
  /** Median ms per decode, per floor walk and per protobufjs decode. */
  decodeMs: number;
  floorMs: number;
  protobufjsMs: number;
  decodeMBps: number;
  floorMBps: number;
  protobufjsMBps: number;
  /** Median of the per-repeat ratios decode / floor (interleaved). */
  ratio: number;
  /** Median of the per-repeat ratios decode / protobufjs decode (interleaved). */
  protobufjsRatio: number;
  repeats: number;
  iterationsPerRepeat: number;
  /** Interleaved rounds run before timing, until the floor walk was back to its time alone. */
  warmupRounds: number;
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

/** protobufjs' stock decoder of SavedState (its generated code; eval is fine in Node). */
export function protobufjsDecoder(): (bytes: Uint8Array) => unknown {
  const type = protobuf.Root.fromJSON(schemaJson as protobuf.INamespace).lookupType(SAVED_STATE_TYPE);
  return (bytes) => type.decode(bytes);
}

export async function runDecodeBench({ quick = false } = {}): Promise<DecodeResult> {
  const bytes = decodePayload();
  // The floor walk alone first, before protobufjs' decoder has ever run: its steady time.
  if (floorWalk(bytes) < DECODE_ENTRIES) throw new Error('decode bench: floor walk saw too few fields');
  const floorIterations = Math.max(1, Math.round(50 / timePerCall(() => floorWalk(bytes), 20)));
  let floorAlone = Infinity;
  for (let i = 0; i < 10; i++) floorAlone = Math.min(floorAlone, timePerCall(() => floorWalk(bytes), floorIterations));

  const stock = protobufjsDecoder();
  // Sanity: every side really walks these bytes, and the stock decoder reads the same values.
  const decoded = decodeSavedState(bytes);
  if (decoded.value.partition_memory.length !== DECODE_ENTRIES) throw new Error('decode bench: wrong entry count');
  const stockDecoded = stock(bytes) as { partition_memory: { range: { end: Long } }[] };
  const last = DECODE_ENTRIES - 1;
  if (stockDecoded.partition_memory[last]?.range.end.toString() !== decoded.value.partition_memory[last]!.range.end.toString()) {
    throw new Error('decode bench: protobufjs decoded another value');
  }

  // Batches of about 50 ms each, sized from a first timing of each side.
  const sides = [() => decodeSavedState(bytes), () => floorWalk(bytes), () => stock(bytes)];
  const iterations = [Math.max(1, Math.round(50 / timePerCall(sides[0]!, 5))), floorIterations, Math.max(1, Math.round(50 / timePerCall(sides[2]!, 5)))];
  const repeats = quick ? 7 : 31;
  // Interleaved: each round times all three back to back, in an order that rotates, so a
  // noisy neighbour slows the three alike; a ratio is the median of per-round ratios.
  const round = (r: number): number[] => {
    const t = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      const i = (k + r) % 3;
      t[i] = timePerCall(sides[i]!, iterations[i]!);
    }
    return t;
  };
  // Warm-up: at least 5 rounds, then until the floor walk is back to its time alone (3 rounds
  // in a row within 15%): the three share protobufjs' Reader, and the walk runs ~2.5× slower
  // for a few seconds after protobufjs' decoder first runs, until V8 re-optimises it.
  let warmupRounds = 0;
  let floorBack = 0;
  while (warmupRounds < 5 || (floorBack < 3 && warmupRounds < 60)) {
    const floorMs = round(warmupRounds++)[1]!;
    floorBack = floorMs <= floorAlone * 1.15 ? floorBack + 1 : 0;
  }
  const times: number[][] = [[], [], []];
  for (let r = 0; r < repeats; r++) round(r).forEach((t, i) => times[i]!.push(t));
  keep(decoded);
  const [ours, floor, protobufjs] = times as [number[], number[], number[]];
  const decodeMs = median(ours);
  const floorMs = median(floor);
  const protobufjsMs = median(protobufjs);
  const mbps = (ms: number) => bytes.length / 1e6 / (ms / 1000);
  return {
    payloadBytes: bytes.length,
    entries: DECODE_ENTRIES,
    decodeMs,
    floorMs,
    protobufjsMs,
    decodeMBps: mbps(decodeMs),
    floorMBps: mbps(floorMs),
    protobufjsMBps: mbps(protobufjsMs),
    ratio: median(ours.map((t, i) => t / floor[i]!)),
    protobufjsRatio: median(ours.map((t, i) => t / protobufjs[i]!)),
    repeats,
    iterationsPerRepeat: iterations[0]!,
    warmupRounds,
  };
}

/**
 * The same, in a fresh Node process (this file, with the loader this one runs under):
 * `npm run bench` has Playwright and Vite loaded (~38 MB of heap), which every full
 * collection of the decoders would mark, and the floor walk allocates nothing.
 */
export async function runDecodeBenchInOwnProcess({ quick = false } = {}): Promise<DecodeResult> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--json', ...(quick ? ['--quick'] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as DecodeResult;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runDecodeBench({ quick: process.argv.includes('--quick') });
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
