// What a share link carries. Defined here structurally (the app's ViewState
// has the same shape) so web/lib never imports app code.

export type SharedPanel = 'entries' | 'numa' | 'header' | 'diagnostics';
export type SharedTheme = 'light' | 'dark';

export interface SharedView {
  /** The visible GPA window, end exclusive; null = the whole topology. */
  window: { start: bigint; end: bigint } | null;
  selection: { table: 'memory' | 'mmio'; index: number } | null;
  /** `null` in a list filter means "all". */
  filters: { vtlTypes: number[] | null; vnodes: number[] | null; igvmTypes: number[] | null; address: string };
  panel: SharedPanel;
  theme: SharedTheme;
}

/**
 * Just the bytes an input needs to re-open as it was, and nothing else of it:
 * for a VTL2 image its 32 header bytes and the payload they point to (at the
 * offset it had), for a saved-state blob the payload alone.
 */
export interface SharedParts {
  /** The file name shown in the app (shortened when long). */
  name: string;
  /** The 32 header bytes of an image; null for a saved-state blob. */
  header: Uint8Array | null;
  /** Offset of `payload` in the input (0 for a saved-state blob). */
  payloadOffset: number;
  /** The payload bytes that were decoded (empty when none were read). */
  payload: Uint8Array;
  /** Size in bytes of the original input (an image's other bytes are not carried: they read as zeros). */
  size: number;
  /** The options the user forced, if any. */
  options: { as?: 'image' | 'saved-state'; baseGpa?: bigint };
}

export const DEFAULT_VIEW: SharedView = {
  window: null,
  selection: null,
  filters: { vtlTypes: null, vnodes: null, igvmTypes: null, address: '' },
  panel: 'entries',
  theme: 'light',
};
