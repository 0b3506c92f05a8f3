import type { RequestOptions } from '../core/transport';
import { ListCameraSettingsDocument, ListRigsDocument } from '../generated/graphql';
import type { CameraSettings, Rig } from '../types';
import { Resource } from './resource';

/** Rigs a multi-camera job can be retargeted to. */
export class RigsResource extends Resource {
  async list(options?: RequestOptions): Promise<Rig[]> {
    const data = await this.transport.request(ListRigsDocument, {}, { ...options, nullable: true });
    return (data.listRigs?.items ?? []).filter((rig): rig is Rig => rig !== null);
  }
}

/** Camera lenses Move knows, for the `cameraSettings.lens` of multi-camera sources. */
export class CameraSettingsResource extends Resource {
  async list(options?: RequestOptions): Promise<CameraSettings[]> {
    const data = await this.transport.request(ListCameraSettingsDocument, {}, { ...options, nullable: true });
    return (data.listCameraSettings?.items ?? []).filter((lens): lens is CameraSettings => lens !== null);
  }
}
