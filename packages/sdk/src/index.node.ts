// The entry Node resolves (`node` export condition): the same client, with a timer that keeps the
// process alive while it waits between retries or polls.
import { setTimeout as delay } from 'node:timers/promises';
import { setDefaultSleep } from './core/runtime';

setDefaultSleep((ms, signal) => delay(ms, undefined, { signal }));

export * from './index';
