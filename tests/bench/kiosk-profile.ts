// Where the kiosk page's time goes on a low-end kiosk (issue 26), under the same 4× CPU throttling as
// kiosk-throttled.ts: a DevTools trace of the first load of /kiosk (a fresh browser, nothing cached) and of
// ten touches on a category, summarised as the renderer main thread's top events by self time, plus the
// first load's requests (start → end). Not part of npm run bench: a tool to read, run with
// `npm run build && npx tsx tests/bench/kiosk-profile.ts`. The raw traces go to tests/artifacts/.
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { artifact } from '../helpers/browser.ts';
import { loadTestConfigDir } from '../helpers/server-process.ts';
import { throttledKiosk } from './kiosk-throttled.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

async function trace(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'v8',
      'blink',
      'loading',
      'blink.user_timing',
    ].join(','),
    transferMode: 'ReportEvents',
  });
  await work();
  const done = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** Self time per event name on the renderer's main thread (complete events nested by time). */
function summarise(events: TraceEvent[], top = 18): string[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['(no renderer main thread in the trace)'];
  const xs = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && (e.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; key: string }[] = [];
  const keyOf = (e: TraceEvent) => {
    const d = e.args?.data;
    const url = typeof d?.url === 'string' ? d.url.replace(/^.*\//, '') : '';
    const fn = typeof d?.functionName === 'string' ? d.functionName : '';
    return url || fn ? `${e.name} ${fn} ${url}`.replace(/\s+/g, ' ').trim() : e.name;
  };
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const key = keyOf(e);
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.key, (self.get(parent.key) ?? 0) - (e.dur ?? 0));
    self.set(key, (self.get(key) ?? 0) + (e.dur ?? 0));
    stack.push({ end: e.ts + (e.dur ?? 0), key });
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [
    `  main thread busy ${(total / 1000).toFixed(0)} ms; top by self time:`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `    ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`),
  ];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** A sampled CPU profile (Profiler.start/stop) of `work`: self time per function, top first. */
async function cpuProfile(cdp: CDPSession, work: () => Promise<void>, top = 25): Promise<string[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.entries()].filter(([k]) => !k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  return [
    `  CPU profile: ${(total / 1000).toFixed(0)} ms not idle; top by self time:`,
    ...[...self.entries()]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `    ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`),
  ];
}

/**
 * Marks inside the page over 30 touches (a fresh page, the same throttling): pointerdown, click, the POST's
 * headers, its answer parsed, WebSocket messages in between, the number in the document, its frame.
 * Printed as p50 / p95 of each mark's time after pointerdown.
 */
async function phases(context: import('playwright-core').BrowserContext, url: string): Promise<string> {
  const page = await context.newPage();
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await page.addInitScript(`(() => {
    const w = window;
    w.marks = [];
    const mark = (k) => {
      if (w.cur && w.cur[k] === undefined) w.cur[k] = performance.now() - w.cur.pointerdown;
    };
    document.addEventListener(
      'pointerdown',
      (e) => {
        if (e.target?.closest?.('button[data-category]')) {
          w.cur = { pointerdown: performance.now() };
          w.marks.push(w.cur);
        }
      },
      true,
    );
    document.addEventListener('click', () => mark('click'), true);
    const f = window.fetch;
    window.fetch = async (...args) => {
      const post = String(args[0]) === '/api/tickets';
      if (post) mark('post sent');
      const r = await f(...args);
      if (post) {
        mark('post headers');
        const json = r.json.bind(r);
        r.json = async () => {
          const v = await json();
          mark('post body');
          return v;
        };
      }
      return r;
    };
    const WS = window.WebSocket;
    window.WebSocket = class extends WS {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', (e) => {
          const type = String(JSON.parse(String(e.data)).type);
          if (w.cur && w.cur['number shown'] === undefined) {
            const k = \`ws \${type}\`;
            w.cur[k] = performance.now() - w.cur.pointerdown;
          }
        });
      }
    };
    new MutationObserver(() => {
      if (w.cur && w.cur['number in DOM'] === undefined && document.querySelector('[data-testid="ticket-number"]')) {
        mark('number in DOM');
        requestAnimationFrame(() => mark('number shown'));
      }
    }).observe(document, { childList: true, subtree: true });
  })()`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${url}/kiosk`, { waitUntil: 'load' });
  const categories = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];
  for (let i = 0; i < 30; i++) {
    const button = page.locator(`button[data-category="${categories[i % categories.length]}"]`);
    await button.waitFor({ timeout: 30_000 });
    await button.tap();
    await page.getByTestId('ticket-number').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(200);
    await page.getByRole('button', { name: '完成' }).tap();
  }
  const marks = await page.evaluate(() => (window as unknown as { marks: Record<string, number>[] }).marks);
  await page.close();
  const keys = [...new Set(marks.flatMap((m) => Object.keys(m)))].filter((k) => k !== 'pointerdown');
  const q = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  return [
    'in-page marks over 30 touches, ms after pointerdown (p50 / p95, how many touches had it):',
    ...keys
      .map((k) => ({ k, xs: marks.map((m) => m[k]).filter((v): v is number => v !== undefined) }))
      .sort((a, b) => q(a.xs, 50) - q(b.xs, 50))
      .map(
        ({ k, xs }) =>
          `    ${k.padEnd(24)} ${q(xs, 50).toFixed(0).padStart(5)} / ${q(xs, 95).toFixed(0).padStart(5)}  (${xs.length})`,
      ),
  ].join('\n');
}

async function main() {
  const kiosk = await throttledKiosk(loadTestConfigDir());
  const { server, context } = kiosk;
  try {
    const page = await context.newPage();
    const cdp = await kiosk.throttle(page);
    let coldCpu: string[] = [];
    const load = await trace(cdp, async () => {
      coldCpu = await cpuProfile(cdp, async () => {
        await page.goto(`${server.url}/kiosk`, { waitUntil: 'load' });
        await page.locator('button[data-category]').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(500);
      });
    });
    writeFileSync(artifact('kiosk-profile-load.json'), JSON.stringify({ traceEvents: load }));
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      nav: performance.getEntriesByType('navigation').map((n) => {
        const t = n as PerformanceNavigationTiming;
        return `html ${t.requestStart.toFixed(0)}→${t.responseEnd.toFixed(0)} dcl ${t.domContentLoadedEventEnd.toFixed(0)} load ${t.loadEventEnd.toFixed(0)}`;
      }),
      resources: performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return `${r.startTime.toFixed(0).padStart(5)}→${r.responseEnd.toFixed(0).padStart(5)} ms ${String(r.transferSize).padStart(7)} B ${r.name.replace(/^https?:\/\/[^/]+/, '')}`;
      }),
    }));
    console.log(`first load: first contentful paint ${timing.fcp.toFixed(0)} ms; ${timing.nav.join('')}`);
    for (const r of timing.resources) console.log(`    ${r}`);
    for (const l of summarise(load)) console.log(l);
    for (const l of coldCpu) console.log(l);

    const categories = ['consult', 'civil', 'labor', 'health', 'disabled', 'general'];
    const fresh = await context.newPage();
    const cdp2 = await kiosk.throttle(fresh);
    console.log('second load (cached), CPU profile:');
    for (const l of await cpuProfile(cdp2, async () => {
      await fresh.goto(`${server.url}/kiosk`, { waitUntil: 'load' });
      await fresh.locator('button[data-category]').first().waitFor({ timeout: 30_000 });
      await fresh.waitForTimeout(300);
    }))
      console.log(l);
    await fresh.close();
    console.log('ten touches → number (pointerdown to number only), CPU profile:');
    const touchProfile: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.locator('button[data-category]').first().waitFor();
      await page.waitForTimeout(300);
      const lines = await cpuProfile(cdp, async () => {
        await page.locator(`button[data-category="${categories[i % categories.length]}"]`).tap();
        await page.getByTestId('ticket-number').waitFor({ timeout: 30_000 });
      });
      if (i === 9) touchProfile.push(...lines);
      await page.waitForTimeout(300);
      await page.getByRole('button', { name: '完成' }).tap();
    }
    for (const l of touchProfile) console.log(l);
    console.log(await phases(context, server.url));
    const touches = await trace(cdp, async () => {
      for (let i = 0; i < 10; i++) {
        await page.locator(`button[data-category="${categories[i % categories.length]}"]`).tap();
        await page.getByTestId('ticket-number').waitFor({ timeout: 30_000 });
        await page.waitForTimeout(300);
        await page.getByRole('button', { name: '完成' }).tap();
        await page.locator('button[data-category]').first().waitFor();
        await page.waitForTimeout(300);
      }
    });
    writeFileSync(artifact('kiosk-profile-touches.json'), JSON.stringify({ traceEvents: touches }));
    console.log('ten touches → number → 完成:');
    for (const l of summarise(touches)) console.log(l);
  } finally {
    await kiosk.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
