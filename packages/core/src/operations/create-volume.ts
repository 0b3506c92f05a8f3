// Create a volume (the calibration of a multi-camera set-up) exactly once, from cameras given as
// files already on Move (file ids) or as videos to upload. Everything is checked before anything is
// uploaded or paid for: two or more cameras, their labels, their lenses against Move's catalogue.
import type { AreaType, Volume } from '@move-ugc/sdk';
import {
  type CameraFile,
  cameraIdentities,
  cameraSources,
  checkCameraFiles,
  checkCamerasWithMove,
} from '../steps/camera-files';
import { createContext, type WorkflowOptions } from '../steps/context';
import { intentKey } from '../steps/intent';
import { openRunJournal, type RunJournalOptions, withRunJournal } from '../steps/run-journal';
import { ensureVolume } from '../steps/volume';
import {
  type ClipWindow,
  checkAreaType,
  checkClipWindow,
  checkHumanHeight,
  checkMetadata,
  checkSync,
  checkText,
  type SyncInput,
} from '../validate';

/** One camera of the set-up: its calibration video as a file on Move, or as a video to upload. */
export type VolumeCamera = CameraFile;

export interface CreateVolumeInput {
  /** One calibration video per camera, two or more. */
  cameras: readonly VolumeCamera[];
  /** Height of the person in the calibration videos, in metres. */
  humanHeight: number;
  areaType?: AreaType;
  sync: SyncInput;
  clipWindow?: ClipWindow;
  name?: string;
  metadata?: Record<string, unknown>;
}

export interface CreateVolumeOptions extends WorkflowOptions, RunJournalOptions {}

export interface CreatedVolume {
  volume: Volume<'sources'>;
  /** The volume was made by an earlier call with the same request. */
  resumed: boolean;
}

export async function createVolume(input: CreateVolumeInput, options: CreateVolumeOptions): Promise<CreatedVolume> {
  const ctx = createContext(options);
  const cameras = await checkCameraFiles(input.cameras, 'cameras');
  const checked = {
    humanHeight: checkHumanHeight(input.humanHeight),
    areaType: checkAreaType(input.areaType),
    syncMethod: checkSync(input.sync),
    clipWindow: checkClipWindow(input.clipWindow),
    name: checkText(input.name, 'name', 256),
    metadata: checkMetadata(input.metadata),
  };
  const ready = await checkCamerasWithMove(ctx, cameras);

  const intent = await intentKey('volume', { ...checked, cameras: await cameraIdentities(cameras) });
  const journal = await openRunJournal(ctx, 'volume', intent, options);
  return withRunJournal(ctx, journal, async () => {
    // Once the volume exists its videos are not needed again: not even hashed to skip them.
    const sources = journal.record.volumeId ? [] : await cameraSources(ctx, journal, ready, 'volume');
    const { volumeId, resumed } = await ensureVolume(ctx, journal, { sources, ...checked });
    const volume = await ctx.ugc.volumes.retrieve(volumeId, { expand: ['sources'] }, { signal: ctx.signal });
    return { volume, resumed };
  });
}
