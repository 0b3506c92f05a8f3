// Dates and times as people read them; sizes as the CLI prints them (core's formatBytes).
export { formatBytes } from '@move-ugc/core';

/** An ISO date as a local date and time, or the text itself when it is not a date. */
export function formatDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "1.23 s · frame 37 / 60" */
export function formatTime(time: number, frame: number, frames: number): string {
  return `${time.toFixed(2)} s · frame ${frame} / ${frames}`;
}
