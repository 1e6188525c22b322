// What a user reads first about a document that failed, or that the next boot
// would not take: the cause, then its consequence. A header that breaks
// OpenHCL's own checks is the cause of whatever the payload then does (a
// payload_len one byte over its region reads past it and fails as a varint
// cut short), so the header comes first; the decode error follows.
import type { Diagnostic } from '../model/findings.ts';
import type { TopologyDocument } from '../model/topology.ts';

export interface Explanation {
  /** How serious: the input failed (`error`), or the next boot ignores it (`notice`). */
  tone: 'error' | 'notice';
  /** The cause, in one sentence. */
  headline: string;
  /** What followed from it (the decode error behind a header fault), or null. */
  consequence: string | null;
  /** The code and byte offset of what the banner points at. */
  code: string;
  offset: number | null;
}

/** Header findings that break OpenHCL's header checks (FORMAT.md §4). */
const HEADER_FAULTS = new Set(['header-payload-len', 'header-unaligned', 'header-region-wraps']);
/** Header states under which the next boot ignores the region. */
const HEADER_IGNORED = new Set(['header-magic-damaged', 'header-never-written', 'header-magic-legacy']);

export function explain(doc: TopologyDocument): Explanation | null {
  const fault = doc.diagnostics.find((d) => HEADER_FAULTS.has(d.code));
  const { error } = doc;
  if (error) {
    if (fault) return { tone: 'error', headline: `The header is inconsistent: ${sentence(fault)}`, consequence: `Then the payload does not decode either: ${error.message}`, code: error.code, offset: error.offset };
    return { tone: 'error', headline: error.message, consequence: null, code: error.code, offset: error.offset };
  }
  if (fault) return { tone: 'error', headline: `The header is inconsistent: ${sentence(fault)}`, consequence: null, code: fault.code, offset: null };
  const ignored = doc.diagnostics.find((d) => HEADER_IGNORED.has(d.code));
  if (ignored && doc.bootCheck.outcome === 'first-boot') {
    const anyway = doc.diagnostics.find((d) => d.code === 'decoded-anyway');
    return { tone: 'notice', headline: `${sentence(ignored)} The next OpenHCL boot would take the first-boot path.`, consequence: anyway ? anyway.message : null, code: ignored.code, offset: 0 };
  }
  return null;
}

function sentence(d: Diagnostic): string {
  return d.message.replace(/\s*The payload is not decoded.*$/, '').trim();
}
