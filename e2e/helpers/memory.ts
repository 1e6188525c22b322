// The tab's memory as CDP reports it: the page's JS heap after a GC, and its decode worker's.
import type { Page } from '@playwright/test';

/** JSHeapUsedSize of the page (CDP Performance.getMetrics) after a full GC, in bytes. */
export async function pageHeapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
  } finally {
    await cdp.detach();
  }
}

/** Used JS heap of the page's decode worker (Runtime.getHeapUsage on its CDP target), or null if none is found. */
export async function workerHeapUsed(page: Page): Promise<number | null> {
  const browser = page.context().browser();
  if (!browser) return null;
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'worker');
    if (!worker) return null;
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    const reply = new Promise<number>((resolve) => {
      session.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
        if (message.id === 1 && message.result) resolve(message.result.usedSize);
      });
    });
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    return await reply;
  } finally {
    await session.detach();
  }
}
