// Save as: the state as a saved-state .bin, a VTL2 image (layout editable) or
// a JSON document, written as OpenHCL writes them. A state the next boot would
// not take (or with error findings) is written only when the user says so, and
// its file names say "failing": negative tests need such files, nobody should
// take one for a good one.
import { useState } from 'react';
import { DEFAULT_BASE_GPA, DEFAULT_IMAGE_SIZE, DEFAULT_REGION_LEN } from '../../lib/format/encodeImage.ts';
import { DecodeError } from '../../lib/format/errors.ts';
import { imageExport, jsonExport, markedFailing, payloadExport, type ExportFile } from '../../lib/export/exports.ts';
import { hex, parseU64Literal } from '../../lib/model/text.ts';
import { downloadExport } from '../share/download.ts';
import { useAppStore, type OpenFile } from '../store/index.ts';
import { currentBootCheck } from '../store/selectors.ts';
import { Button, SectionTitle } from '../widgets/ui.tsx';

const input = 'h-7 w-32 rounded border border-zinc-300 bg-white px-1.5 font-mono text-[12px] dark:border-zinc-700 dark:bg-zinc-900';

export function SaveAs({ file }: { file: OpenFile }) {
  const { doc, name } = file;
  // Judged by the release picked in the boot-check card, as everything else on the page.
  const release = useAppStore((s) => s.view.release);
  const check = currentBootCheck({ current: file, view: { release } })!;
  const failing = check.outcome === 'panic' || doc.diagnostics.some((d) => d.severity === 'error');
  const [anyway, setAnyway] = useState(false);
  const [base, setBase] = useState(hex(DEFAULT_BASE_GPA));
  const [regionLen, setRegionLen] = useState(hex(DEFAULT_REGION_LEN));
  const [size, setSize] = useState(hex(DEFAULT_IMAGE_SIZE));
  const layout = { baseGpa: parseU64Literal(base), regionLen: parseU64Literal(regionLen), imageSize: parseU64Literal(size) };
  const layoutOk = layout.baseGpa !== null && layout.regionLen !== null && layout.imageSize !== null;
  const image = layoutOk ? imageExport(doc, name, { baseGpa: layout.baseGpa!, regionLen: layout.regionLen!, imageSize: layout.imageSize! }) : null;
  const blocked = failing && !anyway;
  const save = (f: ExportFile | null) => f && downloadExport(failing ? markedFailing(f) : f);
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
          <input aria-label="Image base GPA" className={input} value={base} onChange={(e) => setBase(e.target.value)} />
        </label>
        <label className="flex items-center gap-1">
          region
          <input aria-label="Protobuf region length" className={input} value={regionLen} onChange={(e) => setRegionLen(e.target.value)} />
        </label>
        <label className="flex items-center gap-1">
          size
          <input aria-label="Image size" className={input} value={size} onChange={(e) => setSize(e.target.value)} />
        </label>
        <Button data-testid="save-image" disabled={blocked || !image || image instanceof DecodeError} onClick={() => save(image instanceof DecodeError ? null : image)} title={image instanceof DecodeError ? image.message : 'A VTL2 image: header page, protobuf region, zeros'}>
          VTL2 image
        </Button>
      </div>
      {image instanceof DecodeError && <p className="text-red-700 dark:text-red-400">{image.message}</p>}
    </div>
  );
}
