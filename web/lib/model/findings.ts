// What the app concludes about a topology: the next boot's verdict and the
// findings an engineer should look at, each naming the entries it is about.
import type { OpenhclRelease } from './view.ts';
import type { EntryRef } from './entries.ts';

export type BootOutcome =
  | 'accepted'
  | 'first-boot'
  | 'panic'
  /** The input does not hold what the boot would read (an image cut short). */
  | 'unknown';

export interface BootCheck {
  outcome: BootOutcome;
  reason: string;
  /** The openhcl_boot step that decided, e.g. `assert!(protobuf_payload_len <= protobuf_region_len)`. */
  step: string;
  /** The OpenHCL release whose rules decided (releases.ts). */
  release: OpenhclRelease;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** The entries it is about (may be empty). */
  entries: EntryRef[];
}
