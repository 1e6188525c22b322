// The top bar's Share menu: the link of what is on screen (copied to the
// clipboard, or shown to copy by hand), and the exports as downloads.
import { useEffect, useState } from 'react';
import { DecodeError } from '../../lib/format/errors.ts';
import { csvExport, imageExport, imageExportLayout, jsonExport, payloadExport, stemOf, type ExportFile } from '../../lib/export/exports.ts';
import { filtersActive, type Theme } from '../../lib/model/view.ts';
import { MAP_CONTAINER_SELECTOR } from '../dom.ts';
import { useAppStore } from '../store/index.ts';
import { Popover } from '../widgets/Popover.tsx';
import { Button } from '../widgets/ui.tsx';
import { downloadBlob, downloadExport } from './download.ts';
import { fullFragment, linkIsLong, linkCodec, linkOf, viewOnlyFragment, type LinkCodec } from './linkState.ts';

/** What web/app/map/exportMap.ts provides (the map draws itself; this menu only saves it). */
interface MapExportModule {
  mapSvgMarkup(container: Element, theme: Theme): string;
  mapPngBlob(container: Element, theme: Theme, scale: number): Promise<Blob>;
}
// Loaded on first use; an empty record while the map module has no exporter.
const mapExporters = import.meta.glob<MapExportModule>('../map/exportMap.ts');
const loadMapExporter = Object.values(mapExporters)[0] ?? null;

export function ShareMenu() {
  const current = useAppStore((s) => s.current);
  if (!current) return null;
  return (
    <Popover label="Share" title="Copy a link to this view, or download it (nothing is uploaded)">
      {() => <ShareContent />}
    </Popover>
  );
}

function ShareContent() {
  const current = useAppStore((s) => s.current)!;
  // Re-render on any view change: the link follows what is on screen.
  const view = useAppStore((s) => s.view);
  const [status, setStatus] = useState<string | null>(null);
  const [wantFull, setWantFull] = useState(false);
  const [codec, setCodec] = useState<LinkCodec | null>(null);
  useEffect(() => {
    void linkCodec().then(setCodec);
  }, []);
  const { doc, name } = current;
  // A long link is a choice: the view-only link is offered first, the full one on request.
  const comparing = useAppStore((s) => s.comparing);
  const long = codec !== null && linkIsLong(codec, { current, view, comparing });
  const viewOnly = codec && long ? viewOnlyFragment(codec) : null;
  const fragment = codec === null ? null : viewOnly && !wantFull ? viewOnly : fullFragment(codec);
  const link = typeof fragment === 'string' ? linkOf(fragment) : null;

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setStatus(`Copied (${link.length.toLocaleString('en-US')} characters)`);
    } catch {
      setStatus('Could not reach the clipboard: select the link above and copy it.');
      const field = document.getElementById('share-link-field') as HTMLInputElement | null;
      field?.focus();
      field?.select();
    }
  };

  const saveMap = async (format: 'svg' | 'png') => {
    const container = document.querySelector(MAP_CONTAINER_SELECTOR);
    if (!loadMapExporter || !container) return;
    const exporter = await loadMapExporter();
    const file = `${stemOf(name)}.map.${format}`;
    if (format === 'svg') downloadBlob(new Blob([exporter.mapSvgMarkup(container, view.theme)], { type: 'image/svg+xml' }), file);
    else downloadBlob(await exporter.mapPngBlob(container, view.theme, 2), file);
  };

  // Each file is built on click: the menu re-renders on every view change, and an image can be 1 GiB.
  const exportButton = (id: string, label: string, unavailable: string | null, make: () => ExportFile | DecodeError | null) => (
    <Button data-testid={`download-${id}`} disabled={unavailable !== null} title={unavailable ?? `Save ${label}`} onClick={() => saveExport(make())}>
      {label}
    </Button>
  );
  const saveExport = (file: ExportFile | DecodeError | null) => {
    if (file instanceof DecodeError) setStatus(file.message);
    else if (file) downloadExport(file);
  };
  const noMap = !loadMapExporter ? 'The map exporter is not available in this build' : undefined;
  const noEntries = doc.decoded ? null : 'Nothing decoded: no entries';
  const noPayload = payloadExport(doc, name) ? null : 'No payload was read';
  const imageLayout = noPayload ? null : imageExportLayout(doc);
  const noImage = noPayload ?? (imageLayout instanceof DecodeError ? imageLayout.message : null);

  return (
    <div className="grid w-96 gap-3 text-[12px]" data-testid="share-menu">
      <section className="grid gap-1.5">
        <label htmlFor="share-link-field" className="font-semibold">
          Link to this view
        </label>
        {link ? (
          <>
            <div className="flex gap-1.5">
              <input
                id="share-link-field"
                data-testid="share-link"
                readOnly
                value={link}
                onFocus={(e) => e.currentTarget.select()}
                className="h-7 min-w-0 flex-1 rounded border border-zinc-300 bg-white px-1.5 font-mono text-[11px] dark:border-zinc-700 dark:bg-zinc-950"
              />
              <Button data-testid="copy-link" onClick={() => void copy()}>
                Copy link
              </Button>
            </div>
            <p className="text-zinc-500 dark:text-zinc-400" data-testid="share-status">
              {status ??
                (fragment === viewOnly
                  ? `This link carries the view only (${link.length.toLocaleString('en-US')} characters): it opens on the file it names, ${name}${comparing ? ` (compare it with ${comparing.b.name} again there)` : ''}. Send the file with it (Payload .bin below is enough).`
                  : `${doc.format.kind === 'device-tree' ? 'The tree travels in the link with its entropy seed zeroed' : 'Only the bytes the decoder read (header and payload) travel in the link'}, after the #, which browsers never send to a server. ${link.length.toLocaleString('en-US')} characters.`)}
            </p>
            {long && (
              <p className="text-amber-700 dark:text-amber-400" data-testid="long-link-note">
                The full link of {comparing ? `${name} and ${comparing.b.name}` : name} is over {codec!.LONG_LINK_CHARS.toLocaleString('en-US')} characters, which browsers, chat tools and trackers handle badly; the address bar carries the view only.{' '}
                {viewOnly && (
                  <button type="button" className="underline" data-testid="toggle-full-link" onClick={() => setWantFull(!wantFull)}>
                    {wantFull ? 'Use the view-only link' : 'Use the full link anyway'}
                  </button>
                )}
              </p>
            )}
          </>
        ) : (
          <p className="text-amber-700 dark:text-amber-400" data-testid="share-status">
            {fragment instanceof DecodeError ? fragment.message : codec === null ? 'Preparing the link…' : 'Nothing to share.'}
          </p>
        )}
      </section>
      <section className="grid gap-1.5">
        <span className="font-semibold">Download</span>
        <div className="flex flex-wrap gap-1.5">
          {exportButton('json', 'JSON', null, () => jsonExport(doc, name))}
          {exportButton('csv', 'CSV entries', noEntries, () => csvExport(doc, name))}
          {filtersActive(view.filters) && exportButton('csv-filtered', 'CSV filtered', noEntries, () => csvExport(doc, name, view.filters))}
          <Button data-testid="download-svg" disabled={!!noMap} title={noMap ?? 'The map as shown, legend included'} onClick={() => void saveMap('svg')}>
            Map SVG
          </Button>
          <Button data-testid="download-png" disabled={!!noMap} title={noMap ?? 'The map as shown, at twice the screen resolution'} onClick={() => void saveMap('png')}>
            Map PNG
          </Button>
          {exportButton('bin', doc.format.kind === 'device-tree' ? 'Implied .bin' : 'Payload .bin', noPayload, () => payloadExport(doc, name))}
          {exportButton('image', 'VTL2 image', noImage, () => imageExport(doc, name))}
        </div>
      </section>
    </div>
  );
}
