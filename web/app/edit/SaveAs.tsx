// Save as: the state as a saved-state .bin, a VTL2 image (layout editable) or
// a JSON document, written as OpenHCL writes them. A state the next boot would
// not take (or with error findings) is written only when the user says so, and
// its files are named "failing": negative tests need such files, nobody should
// take one for a good one.
// The image's layout starts from the opened image's own (as the Download menu
// and `cli encode` do); its fields read bare digits as hex, as every address
// field of the app. The layout is checked as it is typed, but the image is
// built only when asked for: a size of 0x40000000 must not allocate 1 GiB per
// keystroke.
import { useState } from 'react';
import { DEFAULT_BASE_GPA, DEFAULT_IMAGE_SIZE, DEFAULT_REGION_LEN, type ImageOptions } from '../../lib/format/encodeImage.ts';
import { DecodeError } from '../../lib/format/errors.ts';
import { imageExport, imageExportLayout, jsonExport, markedFailing, ownImageOptions, payloadExport, type ExportFile } from '../../lib/export/exports.ts';
import { hex, parseAddress } from '../../lib/model/text.ts';
import { downloadExport } from '../share/download.ts';
import { useAppStore, type OpenFile } from '../store/index.ts';
import { currentBootCheck } from '../store/selectors.ts';
import { Button, SectionTitle } from '../widgets/ui.tsx';

const input = 'h-7 w-32 rounded border border-zinc-300 bg-white px-1.5 font-mono text-[12px] dark:border-zinc-700 dark:bg-zinc-900';

export function SaveAs({ file }: { file: OpenFile }) {
  const { doc, name } = file;
  // Judged by the release picked in the boot-check card, as everything else on the page.
  const release = useAppStore((s) => s.view.release);
  const original = useAppStore((s) => s.editing?.original ?? null);
  const check = currentBootCheck({ current: file, view: { release } })!;
  const failing = check.outcome === 'panic' || doc.diagnostics.some((d) => d.severity === 'error');
  const [anyway, setAnyway] = useState(false);
  // An edited state opens without the image's header: the layout is the file's the session started from.
  const own = ownImageOptions(doc) ?? (original && ownImageOptions(original.doc));
  const [base, setBase] = useState(() => hex(own?.baseGpa ?? DEFAULT_BASE_GPA));
  const [regionLen, setRegionLen] = useState(() => hex(own?.regionLen ?? DEFAULT_REGION_LEN));
  const [size, setSize] = useState(() => hex(own?.imageSize ?? DEFAULT_IMAGE_SIZE));
  const [saveError, setSaveError] = useState<string | null>(null);

  const fields: [string, string][] = [
    ['base GPA', base],
    ['region', regionLen],
    ['size', size],
  ];
  const notHex = fields.filter(([, text]) => parseAddress(text) === null).map(([label]) => label);
  const options: ImageOptions | null = notHex.length > 0 ? null : { baseGpa: parseAddress(base)!, regionLen: parseAddress(regionLen)!, imageSize: parseAddress(size)! };
  const layout = options && imageExportLayout(doc, options);
  const problem = notHex.length > 0 ? `${notHex.join(', ')}: not a hex number (0x optional, at most 16 digits)` : layout instanceof DecodeError ? layout.message : saveError;
  const blocked = failing && !anyway;
  const save = (f: ExportFile | null) => f && downloadExport(failing ? markedFailing(f) : f);
  const saveImage = () => {
    const image = options && imageExport(doc, name, options);
    if (image instanceof DecodeError) setSaveError(image.message);
    else save(image);
  };
  const edited = (set: (text: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setSaveError(null);
  };
  return (
    <div className="grid gap-2" data-testid="save-as">
      <SectionTitle>Save as</SectionTitle>
      {failing && (
        <label className="flex items-start gap-2 text-amber-800 dark:text-amber-300">
          <input type="checkbox" checked={anyway} onChange={(e) => setAnyway(e.target.checked)} data-testid="write-failing" />
          <span>This state fails the checks above ({check.outcome === 'panic' ? 'the next boot would panic' : 'error findings'}). Write it anyway, for a negative test: its files are named “failing”.</span>
        </label>
      )}
      <div className="flex flex-wrap gap-2">
        <Button data-testid="save-bin" disabled={blocked} onClick={() => save(payloadExport(doc, name))}>
          Saved state .bin
        </Button>
        <Button data-testid="save-json" disabled={blocked} onClick={() => save(jsonExport(doc, name))}>
          JSON document
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          base GPA
          <input aria-label="Image base GPA" className={input} value={base} onChange={edited(setBase)} />
        </label>
        <label className="flex items-center gap-1">
          region
          <input aria-label="Protobuf region length" className={input} value={regionLen} onChange={edited(setRegionLen)} />
        </label>
        <label className="flex items-center gap-1">
          size
          <input aria-label="Image size" className={input} value={size} onChange={edited(setSize)} />
        </label>
        <Button data-testid="save-image" disabled={blocked || !layout || layout instanceof DecodeError} onClick={saveImage} title={problem ?? 'A VTL2 image: header page, protobuf region, zeros (hex; 0x optional)'}>
          VTL2 image
        </Button>
      </div>
      {problem && (
        <p className="text-red-700 dark:text-red-400" data-testid="save-image-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
