// The page `move-ugc view` serves: reads job.json, shows the capture in 3D beside its render video
// on one clock, the job's facts and its outputs. Hooks for browser tests: the element ids below and
// window.__viewer (see README.md).

import './style.css';
import { startAlive } from './alive.ts';
import type { ViewerHooks } from './contract.ts';
import { formatBytes, formatDate, formatTime } from './format.ts';
import { fetchJob, type ViewerJob } from './job.ts';
import type { Viewer3D } from './scene.ts';

declare global {
  interface Window {
    __viewer: ViewerHooks;
  }
}

const DEFAULT_FPS = 30;
/** How long to wait for the video's metadata before the page counts as ready without it. */
const VIDEO_WAIT_MS = 5000;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
}

const ui = {
  title: byId<HTMLHeadingElement>('title'),
  subtitle: byId<HTMLParagraphElement>('subtitle'),
  status: byId<HTMLParagraphElement>('status'),
  views: byId<HTMLDivElement>('views'),
  viewport: byId<HTMLDivElement>('viewport'),
  loading: byId<HTMLParagraphElement>('loading'),
  hint: byId<HTMLDivElement>('hint'),
  hintText: byId<HTMLParagraphElement>('hint-text'),
  play: byId<HTMLButtonElement>('play'),
  prev: byId<HTMLButtonElement>('prev'),
  next: byId<HTMLButtonElement>('next'),
  scrubber: byId<HTMLInputElement>('scrubber'),
  time: byId<HTMLOutputElement>('time'),
  speed: byId<HTMLSelectElement>('speed'),
  loop: byId<HTMLInputElement>('loop'),
  skeleton: byId<HTMLInputElement>('skeleton'),
  facts: byId<HTMLElement>('facts'),
};

// ---- The clock: one time for the model and the video ------------------------------------------

let viewer: Viewer3D | null = null;
let video: HTMLVideoElement | null = null;
let time = 0;
let duration = 0;
let fps = DEFAULT_FPS;
let playing = false;
let scrubbing = false;
let resumeAfterScrub = false;
let error: string | null = null;

const frames = () => Math.round(duration * fps);
const frameOf = (t: number) => Math.min(frames(), Math.max(0, Math.round(t * fps)));
const speed = () => Number(ui.speed.value) || 1;

/** The video can show `t`: loaded, not failed, and long enough. */
function videoCovers(t: number): boolean {
  return (
    video !== null &&
    video.error === null &&
    video.readyState >= HTMLMediaElement.HAVE_METADATA &&
    t < video.duration - 0.001
  );
}

let playPending = false;
function playVideo(): void {
  if (!video || !videoCovers(time) || playPending) return;
  video.playbackRate = speed();
  playPending = true;
  video
    .play()
    .catch((reason: unknown) => {
      // Refused without a user gesture: wait for the play button rather than drift apart.
      if (reason instanceof DOMException && reason.name === 'NotAllowedError') pause();
    })
    .finally(() => {
      playPending = false;
    });
}

function seekVideo(t: number): void {
  if (!video || video.readyState < HTMLMediaElement.HAVE_METADATA) return;
  const target = Math.min(t, video.duration);
  if (Math.abs(video.currentTime - target) > 1e-4) video.currentTime = target;
}

function play(): void {
  if (duration <= 0) return;
  if (time >= duration - 1e-6) time = 0;
  playing = true;
  seekVideo(time);
  playVideo();
  updateControls();
}

function pause(): void {
  playing = false;
  video?.pause();
  // Rest on a whole frame, the video with it.
  time = frameOf(time) / fps;
  seekVideo(time);
  updateControls();
}

function seek(t: number): void {
  time = Math.min(Math.max(t, 0), duration);
  seekVideo(time);
  if (playing && video?.paused) playVideo();
}

function step(frames: number): void {
  if (playing) pause();
  seek((frameOf(time) + frames) / fps);
}

/** Moves the clock on by `dt` seconds of wall time while playing. */
function advance(dt: number): void {
  if (scrubbing) return;
  let next: number;
  if (video && videoCovers(time) && !video.ended) {
    if (!video.paused && !video.seeking) {
      next = video.currentTime; // the video leads, the model follows
    } else {
      next = time; // a seek or play() is on its way: wait for the video
      if (video.paused && !video.seeking) playVideo();
    }
  } else {
    next = time + dt * speed(); // no video, or past its end
  }
  if (next >= duration) {
    if (ui.loop.checked) {
      next = duration > 0 ? next % duration : 0;
      seekVideo(next);
      playVideo();
    } else {
      time = duration;
      pause();
      return;
    }
  }
  time = next;
}

// ---- Drawing -----------------------------------------------------------------------------------

let lastReadout = '';
function updateReadout(): void {
  const readout = formatTime(time, frameOf(time), frames());
  if (readout !== lastReadout) {
    lastReadout = readout;
    ui.time.value = readout;
  }
  if (!scrubbing) ui.scrubber.value = String(time);
}

function updateControls(): void {
  ui.play.textContent = playing ? 'Pause' : 'Play';
  ui.play.setAttribute('aria-pressed', String(playing));
  ui.play.dataset.playing = String(playing);
}

let lastNow = performance.now();
function loop(now: number): void {
  const dt = Math.min(0.25, Math.max(0, (now - lastNow) / 1000));
  lastNow = now;
  if (playing) advance(dt);
  if (viewer) {
    viewer.setTime(time);
    viewer.render();
  }
  updateReadout();
  requestAnimationFrame(loop);
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

// ---- Panels ------------------------------------------------------------------------------------

function showHint(message: string, isError = false): void {
  ui.hintText.textContent = message;
  ui.hint.hidden = false;
  ui.hint.classList.toggle('error', isError);
  ui.views.classList.add('has-hint');
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function renderFacts(job: ViewerJob): void {
  const list = element('dl', { className: 'facts-list' });
  const fact = (label: string, value: string | null, className = '') => {
    if (value === null) return;
    list.append(element('dt', {}, label), element('dd', { className }, value));
  };
  if (job.job) {
    fact('Job', job.job.id, 'mono');
    fact('State', job.job.state);
    fact('Take', job.job.takeId, 'mono');
    fact('Created', job.job.created === null ? null : formatDate(job.job.created));
    fact('Name', job.job.name);
  }
  fact(job.source === 'folder' ? 'Folder' : 'Saved in', job.folder || null, 'mono');
  if (!list.hasChildNodes()) list.append(element('dt', {}, 'Job'), element('dd', {}, 'unknown'));

  const outputs = element('ul', { className: 'outputs' });
  for (const output of job.outputs) {
    const link = element('a', { href: output.url, download: output.fileName, className: 'file' }, output.fileName);
    const meta = [output.format?.toUpperCase(), formatBytes(output.bytes)].filter(Boolean).join(' · ');
    outputs.append(element('li', {}, link, element('span', { className: 'meta' }, meta)));
  }
  if (job.outputs.length === 0) outputs.append(element('li', { className: 'empty' }, 'No outputs downloaded.'));

  ui.facts.replaceChildren(
    element('h2', { id: 'facts-title' }, job.source === 'folder' ? 'Folder' : 'Job'),
    list,
    element('h2', {}, `Outputs (${job.outputs.length})`),
    outputs,
  );

  const title = job.job?.name ?? job.job?.id ?? (job.folder || 'Move UGC capture');
  ui.title.textContent = title;
  ui.subtitle.textContent = [job.job?.state, job.animation?.fileName].filter(Boolean).join(' · ');
  document.title = `${title} · Move UGC viewer`;
}

function addVideo(job: ViewerJob): HTMLVideoElement | null {
  if (!job.video) return null;
  const media = element('video', {
    id: 'video',
    src: job.video.url,
    muted: true,
    playsInline: true,
    preload: 'auto',
    loop: false,
  });
  media.setAttribute('aria-label', `Render video: ${job.video.fileName}`);
  media.disablePictureInPicture = true;
  // Played from outside our controls (keyboard, context menu): follow it.
  media.addEventListener('play', () => {
    if (!playing && duration > 0) {
      playing = true;
      updateControls();
    }
  });
  media.addEventListener('pause', () => {
    if (playing && !media.ended && !media.seeking && media.currentTime < media.duration - 0.05) pause();
  });
  const pane = element(
    'figure',
    { className: 'pane video-pane' },
    media,
    element('figcaption', {}, job.video.fileName),
  );
  ui.views.append(pane);
  ui.views.classList.add('has-video');
  return media;
}

function videoMetadata(media: HTMLVideoElement): Promise<void> {
  if (media.readyState >= HTMLMediaElement.HAVE_METADATA || media.error) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    media.addEventListener('loadedmetadata', done, { once: true });
    media.addEventListener('error', done, { once: true });
    setTimeout(done, VIDEO_WAIT_MS);
  });
}

// ---- Wiring ------------------------------------------------------------------------------------

function enableControls(): void {
  const timeline = duration > 0;
  ui.play.disabled = !timeline;
  ui.prev.disabled = !timeline;
  ui.next.disabled = !timeline;
  ui.scrubber.disabled = !timeline;
  ui.speed.disabled = !timeline;
  ui.loop.disabled = !timeline;
  ui.skeleton.disabled = viewer === null;
  ui.scrubber.max = String(duration);
  ui.scrubber.step = String(1 / fps);
}

function wireControls(): void {
  ui.play.addEventListener('click', () => (playing ? pause() : play()));
  ui.prev.addEventListener('click', () => step(-1));
  ui.next.addEventListener('click', () => step(1));
  ui.scrubber.addEventListener('pointerdown', () => {
    if (scrubbing) return;
    scrubbing = true;
    resumeAfterScrub = playing;
    if (playing) video?.pause();
  });
  const endScrub = () => {
    if (!scrubbing) return;
    scrubbing = false;
    if (resumeAfterScrub) playVideo();
  };
  ui.scrubber.addEventListener('pointerup', endScrub);
  ui.scrubber.addEventListener('pointercancel', endScrub);
  ui.scrubber.addEventListener('change', endScrub);
  ui.scrubber.addEventListener('input', () => seek(frameOf(Number(ui.scrubber.value)) / fps));
  ui.speed.addEventListener('change', () => {
    if (video) video.playbackRate = speed();
  });
  ui.skeleton.addEventListener('change', () => viewer?.setSkeleton(ui.skeleton.checked));
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.altKey || event.ctrlKey || event.metaKey || ui.play.disabled) return;
    if (target?.closest('input, select, textarea, button, a')) return;
    if (event.key === ' ' || event.key === 'k') playing ? pause() : play();
    else if (event.key === 'ArrowLeft' || event.key === ',') step(-1);
    else if (event.key === 'ArrowRight' || event.key === '.') step(1);
    else return;
    event.preventDefault();
  });
}

async function start(): Promise<void> {
  startAlive(() => {
    ui.status.textContent = 'The viewer server has stopped: downloads and seeking may fail.';
    ui.status.hidden = false;
  });
  wireControls();
  updateControls();

  let job: ViewerJob;
  try {
    job = await fetchJob();
  } catch (reason) {
    error = `Could not read job.json: ${reason instanceof Error ? reason.message : String(reason)}`;
    ui.loading.hidden = true;
    showHint(error, true);
    return;
  }
  renderFacts(job);
  video = addVideo(job);

  if (job.animation) {
    try {
      const { createViewer3D } = await import('./scene.ts');
      viewer = await createViewer3D(ui.viewport, job.animation);
      duration = viewer.duration;
      fps = viewer.fps;
    } catch (reason) {
      const detail = reason instanceof Error ? reason.message : String(reason);
      error = `Could not show ${job.animation.fileName}: ${detail}`;
      showHint(error, true);
    }
  } else {
    showHint(job.hint ?? 'This job has no GLB or FBX output to show in 3D.');
  }
  ui.loading.hidden = true;

  if (video) await videoMetadata(video);
  if (duration <= 0 && video && videoCovers(0)) duration = video.duration;
  enableControls();
  requestAnimationFrame(loop);
  if (viewer) viewer.render(true);
  await nextFrame();
  await nextFrame();
  if (!window.matchMedia('(prefers-reduced-motion: reduce)').matches) play();
}

let resolveReady: () => void = () => {};
window.__viewer = {
  ready: new Promise<void>((resolve) => {
    resolveReady = resolve;
  }),
  state: () => ({
    time,
    duration,
    playing,
    frame: frameOf(time),
    frames: frames(),
    fps,
    speed: speed(),
    loop: ui.loop.checked,
    hasAnimation: viewer !== null,
    hasVideo: video !== null,
    error,
  }),
};

start()
  .catch((reason: unknown) => {
    error = reason instanceof Error ? reason.message : String(reason);
    showHint(error, true);
  })
  .finally(resolveReady);
