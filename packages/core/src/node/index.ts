// @move-ugc/core/node: the pieces that need Node (files, a directory sink, the on-disk journal, the
// undici transfer agent). The main entry stays platform-neutral for n8n and browsers.
export { type DirectorySinkOptions, directorySink } from './directory-sink';
export { fileDigest } from './file-digest';
export { defaultJournalDir, fileJournal, MoveJournalError } from './file-journal';
export { FILE_READ_CHUNK, FileBody, fileSource } from './file-source';
export { leanWasm } from './lean-wasm';
export { errorCode, nodeSleep } from './runtime';
export { type UndiciTransferAgent, type UndiciTransferOptions, undiciTransfer } from './undici-transfer';
export { checkWritableDir, fileSystemError } from './writable-dir';
