// protobufjs reads and writes u64 values through long.js's Long, which it
// loads itself (`require("long")`, bundled from long's CommonJS build). That
// copy is the one used here: importing `long` again would ship a second one.
// Without a Long, protobufjs would read u64 values as lossy JS numbers, so its
// absence is a build error, said at load.
import protobuf from 'protobufjs/minimal.js';
import type LongClass from 'long';

export type Long = LongClass;

const found = protobuf.util.Long as unknown as typeof LongClass | null | undefined;
if (!found) throw new Error('protobufjs found no long.js: u64 values would lose bits above 2^53');
export const Long: typeof LongClass = found;
