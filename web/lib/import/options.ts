// How to open an input, beyond its bytes: what the user forced.
import type { OpenhclRelease } from '../model/view.ts';

export interface OpenOptions {
  /** Read the input as this kind instead of recognising it. */
  as?: 'image' | 'saved-state' | 'device-tree';
  /** GPA of the image's first byte (the header page). Default: protobuf_base - 0x1000. */
  baseGpa?: bigint;
  /**
   * Decode the payload of an image whose header OpenHCL ignores (a damaged or
   * zero magic) anyway: `length` bytes at `offset` in the input. The result is
   * marked as such; the boot verdict stays what OpenHCL would do.
   */
  anyway?: { offset: bigint; length: bigint };
  /** Whose boot rules judge the input (the boot check). Default: the current release. */
  release?: OpenhclRelease;
}

/**
 * Plain-data copy of the options a user forced (undefined ones left out), e.g.
 * for a link. The release is left out: it picks how the input is judged, not
 * how it is read, and a link's options say how to read it.
 */
export function forcedOptions(options: OpenOptions): OpenOptions {
  const out: OpenOptions = {};
  if (options.as) out.as = options.as;
  if (options.baseGpa !== undefined) out.baseGpa = options.baseGpa;
  if (options.anyway) out.anyway = { ...options.anyway };
  return out;
}
