// `cli link FILE`: the share link the app's "Copy link" makes for FILE opened
// with the default view, so a script or a CI job can post it.
import { openDocument, type OpenOptions } from '../lib/document/openDocument.ts';
import { encodeLink } from '../lib/share/link.ts';
import { partsOfDocument } from '../lib/share/parts.ts';
import { DEFAULT_VIEW } from '../lib/share/types.ts';
import { withFileSource } from './fileSource.ts';

export const DEFAULT_BASE_URL = 'http://localhost:5173/';

/** The full link: `baseUrl` (its own fragment dropped) + `#` + the fragment. Throws a DecodeError past the size cap. */
export async function linkForFile(file: string, options: OpenOptions, baseUrl = DEFAULT_BASE_URL): Promise<string> {
  const doc = await withFileSource(file, (source) => openDocument(source, options));
  return `${baseUrl.replace(/#.*$/, '')}#${encodeLink(partsOfDocument(doc, file, options), DEFAULT_VIEW)}`;
}
