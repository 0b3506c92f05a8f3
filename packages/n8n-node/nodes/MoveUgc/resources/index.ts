// Every resource of the Move UGC node, in menu order.
import { client } from './client';
import { file } from './file';
import { job } from './job';
import { lens } from './lens';
import type { Resource } from './resource';
import { rig } from './rig';
import { take } from './take';
import { video } from './video';
import { volume } from './volume';
import { webhook } from './webhook';

export const RESOURCES: readonly Resource[] = [video, job, take, file, volume, rig, lens, webhook, client];
