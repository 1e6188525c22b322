// Importer of a VTL2 image: the header page, then exactly the payload bytes
// the header points to (FORMAT.md §2), nothing else of the image.
import type { OpenhclRelease } from '../model/view.ts';
import { asDecodeError, type DecodeError } from '../format/errors.ts';
import type { CountingSource } from '../io/byteSource.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { persistedDocument } from './persistedDocument.ts';
import type { ReadPlan } from './readPlan.ts';

export async function importVtl2Image(source: CountingSource, plan: ReadPlan, release?: OpenhclRelease): Promise<TopologyDocument> {
  let failure: DecodeError | null = plan.error;
  let payload: { bytes: Uint8Array; offset: number } | null = null;
  const read = plan.reads[0];
  if (!failure && read) {
    try {
      payload = { bytes: await source.read(read.offset, read.length), offset: read.offset };
    } catch (err) {
      failure = asDecodeError(err, read.offset);
    }
  }
  return persistedDocument({
    kind: 'vtl2-image',
    detection: plan.detection,
    size: source.size,
    bytesRead: source.bytesRead,
    header: plan.header,
    payloadLocation: plan.payloadLocation,
    payload,
    failure,
    payloadUnreadable: plan.payloadUnreadable,
    decodedAnyway: plan.decodedAnyway,
    release,
  });
}
