// `move-ugc view` in a real browser: Debian's chromium (software WebGL) driven by playwright-core,
// against the CLI run as a process on simulator jobs. The simulator's MAIN_GLB is a skinned, walking
// mannequin and its RENDER_VIDEO a real MP4, so the page has something to draw, move and play.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { sampleVideo } from '@move-ugc/mock';
import type { ViewerHooks } from '@move-ugc/viewer/contract';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, json, run, start, startSim, waitFor } from './helpers';

/** The page's hooks for tests, as the page declares them. */
declare global {
  interface Window {
    __viewer: ViewerHooks;
  }
}

const CHROMIUM = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!CHROMIUM && process.env.CI)
  throw new Error('CI must have chromium for the viewer tests (apt-get install chromium).');
const missing = CHROMIUM ? '' : ' (skipped: no chromium on PATH; `apt-get install chromium` runs them)';

let t: Env;
let browser: Browser;
const views: ReturnType<typeof start>[] = [];

interface Printed {
  url: string;
  folder: string;
  jobId: string | null;
}

/** A simulator job made from a sample clip with these outputs (not waited for). */
async function makeJob(name: string, outputs: string): Promise<string> {
  writeFileSync(join(t.dir, `${name}.mp4`), sampleVideo('MP4', 12_000 + name.length));
  const made = await run(['run', `${name}.mp4`, '--outputs', outputs, '--no-wait', '--json'], {
    env: t.env,
    cwd: t.dir,
  });
  expect(made.code, made.stderr).toBe(0);
  return json<{ jobId: string }>(made).jobId;
}

/** `move-ugc view <job-id> --no-open` as a process; resolves once it printed its address. */
async function view(jobId: string, extra: string[] = []): Promise<Printed> {
  const child = start(['view', jobId, '--no-open', '--json', '--poll-interval', '100ms', ...extra], {
    env: t.env,
    cwd: t.dir,
  });
  views.push(child);
  const [line] = await waitFor(() => child.output().stdout, /^\{.*\}\n/, 30_000);
  return JSON.parse(line) as Printed;
}

interface Visit {
  page: Page;
  errors: string[];
  requests: string[];
  responses: { url: string; status: number }[];
}

async function visit(url: string, viewport = { width: 1280, height: 720 }): Promise<Visit> {
  const page = await browser.newPage({ viewport });
  const visit: Visit = { page, errors: [], requests: [], responses: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') visit.errors.push(message.text());
  });
  page.on('pageerror', (error) => visit.errors.push(error.message));
  page.on('request', (request) => visit.requests.push(request.url()));
  page.on('response', (response) => visit.responses.push({ url: response.url(), status: response.status() }));
  await page.goto(url);
  await page.waitForFunction(() => window.__viewer !== undefined);
  await page.evaluate(() => window.__viewer.ready);
  return visit;
}

function state(page: Page) {
  return page.evaluate(() => window.__viewer.state());
}

async function frames(page: Page, n = 3): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((done) => {
        let left = count;
        const next = () => (--left <= 0 ? done() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    n,
  );
}

async function setPlaying(page: Page, playing: boolean): Promise<void> {
  if ((await state(page)).playing !== playing) await page.click('#play');
  await page.waitForFunction((want) => window.__viewer.state().playing === want, playing);
  await frames(page);
}

async function scrubTo(page: Page, seconds: number): Promise<void> {
  await page.evaluate((value) => {
    const scrubber = document.querySelector<HTMLInputElement>('#scrubber')!;
    scrubber.value = String(value);
    scrubber.dispatchEvent(new Event('input', { bubbles: true }));
    scrubber.dispatchEvent(new Event('change', { bubbles: true }));
  }, seconds);
  await frames(page, 4);
}

const shot = (page: Page) => page.locator('#viewport').screenshot();

describe.skipIf(!CHROMIUM)(`move-ugc view in a browser${missing}`, () => {
  let jobId: string;
  let printed: Printed;
  let page: Visit;

  beforeAll(async () => {
    t = await startSim();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    jobId = await makeJob('walk', 'MAIN_GLB,RENDER_VIDEO');
    printed = await view(jobId);
    page = await visit(printed.url);
  }, 120_000);

  afterAll(async () => {
    for (const child of views) child.child.kill('SIGTERM');
    await Promise.all(views.map((v) => v.done));
    await browser?.close();
    expectNoSecrets();
    await t?.close();
  });

  it('downloads only the viewable outputs into the cache folder, and prints where', () => {
    const folder = join(t.dir, '.cache', 'move-ugc', 'view', jobId);
    expect(printed).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{24}\/$/), folder, jobId });
    expect(readdirSync(folder).sort()).toEqual([`${jobId}.glb`, `${jobId}.mp4`]);
  });

  it('loads with no console error and asks nothing of any other host', async () => {
    expect(page.errors).toEqual([]);
    const origin = new URL(printed.url).origin;
    const elsewhere = page.requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    expect(elsewhere).toEqual([]);
    expect(page.requests).toContain(`${printed.url}job.json`);
    const s = await state(page.page);
    expect(s).toMatchObject({ hasAnimation: true, hasVideo: true, error: null });
    expect(s.duration).toBeGreaterThan(0.5);
    for (const id of ['viewport', 'play', 'scrubber', 'speed', 'loop', 'skeleton', 'time', 'video', 'facts', 'hint']) {
      expect(await page.page.locator(`#${id}`).count(), `#${id}`).toBe(1);
    }
    expect(await page.page.locator('#hint').isVisible()).toBe(false);
    expect(await page.page.locator('#facts').textContent()).toContain(jobId);
  });

  it('draws the figure over the background', async () => {
    await setPlaying(page.page, false);
    const image = decodePng(await shot(page.page));
    const background = modeColour(image);
    const differing = countPixels(
      image,
      (r, g, b) => Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 30,
    );
    // The mannequin covers about a tenth of the view (the floor grid's thin lines far less).
    expect(differing / (image.width * image.height)).toBeGreaterThan(0.03);
  });

  it('moves while playing and stands still when paused', async () => {
    await setPlaying(page.page, true);
    const a = await shot(page.page);
    await page.page.waitForTimeout(500);
    const b = await shot(page.page);
    expect(a.equals(b), 'two frames 0.5 s apart while playing').toBe(false);
    await setPlaying(page.page, false);
    const c = await shot(page.page);
    await page.page.waitForTimeout(500);
    const d = await shot(page.page);
    expect(c.equals(d), 'two frames 0.5 s apart while paused').toBe(true);
  });

  it('changes the pose when the scrubber moves', async () => {
    await setPlaying(page.page, false);
    const { duration } = await state(page.page);
    await scrubTo(page.page, 0);
    const first = await shot(page.page);
    // Not half-way: a walk of whole strides may stand at its half as at its start.
    await scrubTo(page.page, duration * 0.3);
    expect((await state(page.page)).time).toBeCloseTo(duration * 0.3, 1);
    expect(first.equals(await shot(page.page))).toBe(false);
    await scrubTo(page.page, 0);
    expect((await state(page.page)).time).toBeLessThan(0.05);
  });

  it('plays the video, and seeks it with a Range request answered 206', async () => {
    await setPlaying(page.page, true);
    const before = await page.page.evaluate(() => document.querySelector<HTMLVideoElement>('#video')!.currentTime);
    await page.page.waitForTimeout(400);
    const playing = await page.page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('#video')!;
      return { time: video.currentTime, paused: video.paused, error: video.error?.message ?? null };
    });
    expect(playing.error).toBeNull();
    expect(playing.paused).toBe(false);
    expect(playing.time).not.toBe(before);
    await setPlaying(page.page, false);
    const { duration } = await state(page.page);
    const target =
      Math.min(duration, await page.page.evaluate(() => document.querySelector<HTMLVideoElement>('#video')!.duration)) *
      0.6;
    await scrubTo(page.page, target);
    await page.page.waitForFunction((want) => {
      const video = document.querySelector<HTMLVideoElement>('#video')!;
      return !video.seeking && Math.abs(video.currentTime - want) < 0.1;
    }, target);
    const video = page.responses.filter((r) => r.url.endsWith(`files/${jobId}.mp4`));
    expect(video.map((r) => r.status)).toContain(206);
    expect(page.errors).toEqual([]);
  });

  it('shows the hint, not a blank page, for a job without GLB or FBX', async () => {
    const videoOnly = await makeJob('video-only', 'RENDER_VIDEO');
    const other = await view(videoOnly);
    const visited = await visit(other.url);
    try {
      expect(await visited.page.locator('#hint').isVisible()).toBe(true);
      expect(await visited.page.locator('#hint').textContent()).toContain('--outputs MAIN_GLB,RENDER_VIDEO');
      expect(await state(visited.page)).toMatchObject({ hasAnimation: false, hasVideo: true });
      expect(visited.errors).toEqual([]);
    } finally {
      await visited.page.close();
    }
  });

  it('resumes from the cache: a second view of the same job downloads nothing', async () => {
    const downloads = () => t.sim.requests.filter((r) => r.kind === 'download').length;
    const before = downloads();
    const again = await view(jobId);
    expect(again.folder).toBe(printed.folder);
    expect(downloads()).toBe(before);
  });

  it('`run --view` serves the run output folder with the job facts', async () => {
    writeFileSync(join(t.dir, 'shot.mp4'), sampleVideo('MP4', 13_000));
    const child = start(
      [
        'run',
        'shot.mp4',
        '--outputs',
        'MAIN_GLB,RENDER_VIDEO',
        '--poll-interval',
        '100ms',
        '-o',
        'shot-out',
        '--view',
        '--json',
      ],
      { env: t.env, cwd: t.dir },
    );
    views.push(child);
    const [line] = await waitFor(() => child.output().stdout, /^\{.*\}\n/, 30_000);
    const doc = JSON.parse(line) as Printed & { state: string; outputs: unknown[] };
    expect(doc).toMatchObject({
      state: 'FINISHED',
      folder: join(t.dir, 'shot-out'),
      jobId: expect.stringMatching(/^job-/),
    });
    expect(doc.outputs).toHaveLength(2);
    const served = (await (await fetch(`${doc.url}job.json`)).json()) as Record<string, unknown>;
    expect(served).toMatchObject({
      source: 'folder',
      folder: join(t.dir, 'shot-out'),
      job: { id: doc.jobId, state: 'FINISHED', takeId: expect.stringMatching(/^take-/) },
      animation: { fileName: 'shot.glb', kind: 'glb', url: 'files/shot.glb' },
      video: { fileName: 'shot.mp4', url: 'files/shot.mp4' },
      hint: null,
    });
  });

  it('measures the load of the simulator GLB: navigation start to __viewer.ready (median of 5)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const visited = await visit(printed.url);
      times.push(await visited.page.evaluate(() => window.__viewer.ready.then(() => performance.now())));
      await visited.page.close();
    }
    times.sort((a, b) => a - b);
    console.log(
      `view: page load to __viewer.ready, median of 5: ${times[2]!.toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(', ')})`,
    );
    expect(times[2]).toBeLessThan(15_000);
  });
});

// ---- Screenshots as pixels ----------------------------------------------------------------------

interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  pixels: Buffer;
}

/** A PNG as chromium writes them (8-bit RGB or RGBA, not interlaced). */
function decodePng(png: Buffer): Image {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      if (!channels) throw new Error(`PNG colour type ${body[9]}`);
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = previous[x]!;
      const c = x >= channels ? previous[x - channels]! : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      line[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      line.copy(out, (y * width + x) * 4, x * channels, x * channels + 3);
      out[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3]! : 255;
    }
    previous = line;
  }
  return { width, height, pixels: out };
}

/** The most common colour: the scene's background. */
function modeColour({ pixels }: Image): [number, number, number] {
  const counts = new Map<number, number>();
  for (let i = 0; i < pixels.length; i += 4) {
    const key = (pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [key] = [...counts].sort((x, y) => y[1] - x[1])[0]!;
  return [key >> 16, (key >> 8) & 0xff, key & 0xff];
}

function countPixels({ pixels }: Image, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (test(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!)) n++;
  return n;
}
