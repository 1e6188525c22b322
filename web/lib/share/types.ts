// What a share link carries: an input's carried bytes and the whole view
// (web/lib/model/view.ts), nothing else.
import type { OpenOptions } from '../import/options.ts';
import type { InputParts } from '../io/inputParts.ts';

/**
 * Just the bytes an input needs to re-open as it was: for a VTL2 image its
 * 32 header bytes and the payload they point to (at the offset it had), for a
 * saved-state blob the payload alone.
 */
export interface SharedParts {
  /** The file name shown in the app (shortened when long). */
  name: string;
  input: InputParts;
  /** The options the user forced, or that keep the input's kind. */
  options: OpenOptions;
}
