// @move-ugc/core/internal: helpers the faces of this repository share that are not part of the
// workflow a user of @move-ugc/core calls. No stability promise: they change with the faces.

export { toAsyncIterable } from './ports/sources';
export { safeName } from './steps/outputs';
export { normalizeState } from './steps/wait';
export { editDistance } from './validate';
