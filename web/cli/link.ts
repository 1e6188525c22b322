// `cli link FILE`: the share link the app's "Copy link" makes for FILE opened
// with the default view, so a script or a CI job can post it.
import { DecodeError } from '../lib/format/errors.ts';
import { openInput } from '../lib/import/index.ts';
import type { OpenOptions } from '../lib/import/options.ts';
import { DEFAULT_VIEW } from '../lib/model/view.ts';
import { encodeLink } from '../lib/share/link.ts';
import { partsOfDocument } from '../lib/share/parts.ts';
import { withFileSource } from './fileSource.ts';

export const DEFAULT_BASE_URL = 'http://localhost:5173/';

/** The full link: `baseUrl` (its own fragment dropped) + `#` + the fragment. Throws a DecodeError past the size cap. */
export async function linkForFile(file: string, options: OpenOptions, baseUrl = DEFAULT_BASE_URL): Promise<string> {
  const opened = await withFileSource(file, (source) => openInput(source, { name: file, options }));
  if (!opened.ok) throw new DecodeError(opened.error.code, opened.error.expected, opened.error.offset, opened.error.message);
  return `${baseUrl.replace(/#.*$/, '')}#${encodeLink(partsOfDocument(opened.doc, opened.name, options), DEFAULT_VIEW)}`;
}
