// Checks against Move's own catalogues (camera lenses, rigs): lookups only, made before anything is
// uploaded or paid for, so a typo fails with the nearest valid name.
import type { MoveUgc } from '@move-ugc/sdk';
import { checkCatalogName } from '../validate';

interface Api {
  ugc: MoveUgc;
  signal?: AbortSignal;
}

/** Each camera's lens is one Move knows; `field` names the camera in messages. */
export async function checkLenses({ ugc, signal }: Api, cameras: readonly { lens: string; field: string }[]) {
  if (cameras.length === 0) return;
  const known = (await ugc.cameraSettings.list({ signal })).map((setting) => setting.lens);
  for (const { lens, field } of cameras) {
    checkCatalogName(lens, known, field, 'camera lens', 'ugc.cameraSettings.list()');
  }
}

/** The rig, when one is given, is one Move knows. */
export async function checkRig({ ugc, signal }: Api, rig: string | undefined): Promise<void> {
  if (rig === undefined) return;
  const rigs = await ugc.rigs.list({ signal });
  checkCatalogName(
    rig,
    rigs.map((r) => r.name),
    'rig',
    'rig',
    'ugc.rigs.list()',
  );
}
