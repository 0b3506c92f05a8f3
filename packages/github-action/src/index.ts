// The entry the runner executes (bundled into dist/index.js): everything happens in run().
import { run } from './main';

await run();
