// How to open an input, beyond its bytes: what the user forced.
export interface OpenOptions {
  /** Read the input as this kind instead of recognising it. */
  as?: 'image' | 'saved-state' | 'device-tree';
  /** GPA of the image's first byte (the header page). Default: protobuf_base - 0x1000. */
  baseGpa?: bigint;
}

/** Plain-data copy of the options a user forced (undefined ones left out), e.g. for a link. */
export function forcedOptions(options: OpenOptions): OpenOptions {
  const out: OpenOptions = {};
  if (options.as) out.as = options.as;
  if (options.baseGpa !== undefined) out.baseGpa = options.baseGpa;
  return out;
}
