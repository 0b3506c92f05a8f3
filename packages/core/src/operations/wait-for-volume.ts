// Wait for a volume by id, on its own.
import type { Volume } from '@move-ugc/sdk';
import { createContext, type WorkflowOptions } from '../steps/context';
import { pollVolume } from '../steps/volume';
import type { WaitOptions } from '../steps/wait';

/** Waits for a volume by id, on its own (e.g. one made by an earlier run, before reusing it). */
export function waitForVolume(volumeId: string, options: WorkflowOptions & WaitOptions): Promise<Volume> {
  return pollVolume(createContext(options), volumeId, options);
}
