// The tab's memory as CDP reports it: the page's JS heap after a GC and its DOM,
// and its workers' heaps. The e2e tests and the benchmark (bench/browser.ts) read it here.
import type { CDPSession, Page } from '@playwright/test';

export interface PageMemory {
  /** JSHeapUsedSize and JSHeapTotalSize (CDP Performance.getMetrics) after a full GC, bytes. */
  heapUsed: number;
  heapTotal: number;
  /** DOM nodes alive (CDP Memory.getDOMCounters). */
  domNodes: number;
}

export async function pageMemory(page: Page): Promise<PageMemory> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)!.value;
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    return { heapUsed: metric('JSHeapUsedSize'), heapTotal: metric('JSHeapTotalSize'), domNodes: nodes };
  } finally {
    await cdp.detach();
  }
}

/**
 * Used JS heap of the page's workers (the decode worker), bytes, or null when it has
 * none: only this page's browser context's workers, each asked through its CDP target.
 */
export async function workerHeapUsed(page: Page, timeoutMs = 10_000): Promise<number | null> {
  const browser = page.context().browser();
  if (!browser) return null;
  const own = await page.context().newCDPSession(page);
  const context = await own.send('Target.getTargetInfo').finally(() => own.detach());
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'worker' && t.browserContextId === context.targetInfo.browserContextId);
    if (workers.length === 0) return null;
    let used = 0;
    for (const worker of workers) used += await heapUsedOf(session, worker.targetId, timeoutMs);
    return used;
  } finally {
    // Detaching the browser session ends the sessions attached through it.
    await session.detach();
  }
}

/** Runtime.getHeapUsage in a target: rejects on an error reply, or on no reply within `timeoutMs`. */
async function heapUsedOf(session: CDPSession, targetId: string, timeoutMs: number): Promise<number> {
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  let onMessage: (event: { sessionId: string; message: string }) => void = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reply = new Promise<number>((resolve, reject) => {
    onMessage = (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number }; error?: { message: string } };
      if (message.id !== 1) return;
      if (message.error) reject(new Error(`Runtime.getHeapUsage in worker ${targetId}: ${message.error.message}`));
      else resolve(message.result!.usedSize);
    };
    timer = setTimeout(() => reject(new Error(`Runtime.getHeapUsage in worker ${targetId}: no reply in ${timeoutMs} ms`)), timeoutMs);
  });
  session.on('Target.receivedMessageFromTarget', onMessage);
  try {
    // Together, so an error reply before the send returns is not an unhandled rejection.
    const [, used] = await Promise.all([session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) }), reply]);
    return used;
  } finally {
    clearTimeout(timer);
    session.off('Target.receivedMessageFromTarget', onMessage);
  }
}
