// Fields several operations share, made by small factories so each is written once.
import { OUTPUT_TYPES } from '@move-ugc/sdk';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export function idField(noun: 'File' | 'Job' | 'Take' | 'Volume', prefix: string): INodeProperties {
  return {
    displayName: `${noun} ID`,
    name: `${noun.toLowerCase()}Id`,
    type: 'string',
    required: true,
    default: '',
    placeholder: `${prefix}-…`,
    description: `The ID of the ${noun.toLowerCase()}, as Move returned it`,
  };
}

export function returnAllAndLimit(): INodeProperties[] {
  return [
    {
      displayName: 'Return All',
      name: 'returnAll',
      type: 'boolean',
      default: false,
      description: 'Whether to return all results or only up to a given limit',
    },
    {
      displayName: 'Limit',
      name: 'limit',
      type: 'number',
      typeOptions: { minValue: 1 },
      default: 50,
      description: 'Max number of results to return',
      displayOptions: { show: { returnAll: [false] } },
    },
  ];
}

export const sortDirectionField: INodeProperties = {
  displayName: 'Sort Direction',
  name: 'sortDirection',
  type: 'options',
  options: [
    { name: 'Newest First', value: 'DESC' },
    { name: 'Oldest First', value: 'ASC' },
  ],
  default: 'DESC',
  description: 'Order by creation time',
};

export const nameField: INodeProperties = {
  displayName: 'Name',
  name: 'name',
  type: 'string',
  default: '',
  description: 'A name to recognise it by in Move',
};

export const metadataField: INodeProperties = {
  displayName: 'Metadata',
  name: 'metadata',
  type: 'json',
  default: '{}',
  description: 'A JSON object stored with it, e.g. {"project": "trailer", "shot": 12}',
};

const OUTPUT_LABELS: Record<(typeof OUTPUT_TYPES)[number], string> = {
  ALL_BLEND: 'BLEND per Actor (Zip)',
  ALL_BVH: 'BVH per Actor (Zip)',
  ALL_C3D: 'C3D per Actor (Zip)',
  ALL_FBX: 'FBX per Actor (Zip)',
  ALL_GLB: 'GLB per Actor (Zip)',
  ALL_USDC: 'USDC per Actor (Zip)',
  ALL_USDZ: 'USDZ per Actor (Zip)',
  MAIN_BLEND: 'BLEND',
  MAIN_FBX: 'FBX',
  MAIN_GLB: 'GLB',
  MAIN_USDC: 'USDC',
  MAIN_USDZ: 'USDZ',
  MOTION_DATA: 'Motion Data (JSON Zip)',
  RENDER_OVERLAY_VIDEO: 'Render Overlay Video (MP4)',
  RENDER_VIDEO: 'Render Video (MP4)',
  SYNC_DATA: 'Sync Data (PKL)',
};

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export const outputsField: INodeProperties = {
  displayName: 'Outputs',
  name: 'outputs',
  type: 'multiOptions',
  options: OUTPUT_TYPES.map((value) => ({ name: OUTPUT_LABELS[value], value })).sort(byName),
  default: [],
  description:
    "Files to make. Leave empty for Move's defaults: render video, FBX, USDC, USDZ, BLEND, motion data and (single camera) the overlay video.",
};

export const processingOptionsField: INodeProperties = {
  displayName: 'Processing Options',
  name: 'processingOptions',
  type: 'collection',
  placeholder: 'Add option',
  default: {},
  options: [
    {
      displayName: 'Floor Plane',
      name: 'floorPlane',
      type: 'boolean',
      default: false,
      description: 'Whether to solve for the floor plane',
    },
    {
      displayName: 'Mocap Model',
      name: 'mocapModel',
      type: 'options',
      options: [
        { name: 'M1 (Multi-Camera)', value: 'M1' },
        { name: 'M2 (Multi-Camera)', value: 'M2' },
        { name: 'S1 (Single Camera)', value: 'S1' },
        { name: 'S2 (Single Camera)', value: 'S2' },
      ],
      default: 'S2',
      description: "Move's motion model: S1 or S2 for one camera, M1 or M2 for several",
    },
    {
      displayName: 'Track Ball',
      name: 'trackBall',
      type: 'boolean',
      default: false,
      description: 'Whether to track a ball',
    },
    {
      displayName: 'Track Fingers',
      name: 'trackFingers',
      type: 'boolean',
      default: false,
      description: 'Whether to track finger movement',
    },
    {
      displayName: 'Track Jersey Numbers',
      name: 'trackJerseyNumbers',
      type: 'boolean',
      default: false,
      description: 'Whether to read jersey numbers to tell actors apart',
    },
  ],
};

export const clipFields: INodeProperties[] = [
  {
    displayName: 'Clip End (Seconds)',
    name: 'clipEnd',
    type: 'number',
    typeOptions: { minValue: 0, numberPrecision: 3 },
    default: 0,
    description: 'Process the video up to this time; set together with Clip Start',
  },
  {
    displayName: 'Clip Start (Seconds)',
    name: 'clipStart',
    type: 'number',
    typeOptions: { minValue: 0, numberPrecision: 3 },
    default: 0,
    description: 'Process the video from this time; set together with Clip End',
  },
];

export const pollIntervalField: INodeProperties = {
  displayName: 'Poll Interval (Seconds)',
  name: 'pollInterval',
  type: 'number',
  typeOptions: { minValue: 0 },
  default: 0,
  description: 'How often to ask Move for the progress; 0 starts at 2 seconds and grows to 30 for long jobs',
};

export const maxWaitField: INodeProperties = {
  displayName: 'Max Wait (Minutes)',
  name: 'maxWait',
  type: 'number',
  typeOptions: { minValue: 1 },
  default: 120,
  description: 'Stop waiting after this long (the job goes on at Move and can be collected later)',
};

export const downloadOutputsField: INodeProperties = {
  displayName: 'Download Outputs',
  name: 'downloadOutputs',
  type: 'boolean',
  default: true,
  description:
    'Whether to download each output as binary data. Off returns each output with a downloadUrl instead: a link that works without a key for about an hour, so treat it like a password.',
};

export const idempotencyKeyField: INodeProperties = {
  displayName: 'Idempotency Key',
  name: 'idempotencyKey',
  type: 'string',
  default: '',
  placeholder: 'shoot-0612-take-3',
  description:
    'Any text naming this piece of work, such as the source file name. A later run with the same key (an n8n retry, another worker) reuses the job it made instead of paying for a new one, unless that job failed.',
};
