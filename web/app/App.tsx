import { useEffect } from 'react';
import { enumLabel } from '../lib/analysis/vtlTypes.ts';
import { DEFAULT_SAMPLE, fetchSample } from './samples.ts';
import { useAppStore } from './store/index.ts';

export function App() {
  const current = useAppStore((s) => s.current);
  const openBlob = useAppStore((s) => s.openBlob);

  useEffect(() => {
    void fetchSample(DEFAULT_SAMPLE).then((blob) => openBlob(blob, DEFAULT_SAMPLE.file));
  }, [openBlob]);

  return (
    <main className="p-4 font-sans">
      <h1 className="text-xl font-semibold">ohcl-topology</h1>
      <label className="block my-2">
        <span className="sr-only">Open file</span>
        <input type="file" aria-label="Open file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void openBlob(f, f.name); }} />
      </label>
      {current && (
        <section>
          <p>{current.name} · {current.doc.kind} · {current.doc.size} bytes · {current.doc.bytesRead} bytes read</p>
          <p data-testid="boot-check" data-outcome={current.doc.bootCheck.outcome}>{current.doc.bootCheck.reason}</p>
          {current.doc.error && <p data-testid="error-banner">{current.doc.error.message}</p>}
          <table>
            <tbody>
              {current.doc.decoded?.partition_memory.map((e, i) => (
                <tr key={i} data-testid="entry-row" data-start={`0x${e.range.start.toString(16)}`} data-end={`0x${e.range.end.toString(16)}`} data-vtl-type={enumLabel(e.vtl_type)} data-vnode={e.vnode}>
                  <td>0x{e.range.start.toString(16)}</td>
                  <td>0x{e.range.end.toString(16)}</td>
                  <td>{enumLabel(e.vtl_type)}</td>
                  <td>{e.vnode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
