// A vitest setup file (`setupFiles: ['@move-ugc/mock/vitest-setup']`): fails any test file whose
// output, or the child output its tests recorded, holds an API key or a presigned query string.
import { afterAll } from 'vitest';
import { guardTestOutput } from './output-scan';

guardTestOutput(afterAll);
