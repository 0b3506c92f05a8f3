// The entry the runner executes (bundled into dist/index.js): everything happens in run().
import { leanWasm } from '@move-ugc/core/node';
import { run } from './main';

leanWasm();
await run();
