// POST to `url` every 5 s until one fails (no answer, or an error status), then call `onStopped`
// once. fetch's rejection is caught: a stopped server must not put errors on the console.

const PERIOD_MS = 5000;

/** Pings `url` every 5 s until one fails; `onStopped` runs once then. */
export function pingForever(url: string, onStopped: () => void): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const ping = () => {
    fetch(url, { method: 'POST', cache: 'no-store' }).then(
      (response) => {
        if (!response.ok) stop();
      },
      () => stop(),
    );
  };
  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    onStopped();
  };
  timer = setInterval(ping, PERIOD_MS);
  ping();
}
