// The workflows and credentials the end-to-end tests import into n8n, as n8n exports them.

export const CREDENTIAL = { id: 'moveSimCredOk01', name: 'Move simulator' };
export const WRONG_KEY_CREDENTIAL = { id: 'moveSimCredBad1', name: 'Move simulator, wrong key' };

export const WORKFLOW_IDS = {
  process: 'moveE2eProcess1',
  wrongKeyContinue: 'moveE2eBadKey01',
  wrongKeyStop: 'moveE2eBadKey02',
  trigger: 'moveE2eTrigger1',
  fileUpload: 'moveE2eUpload01',
  volumeCreate: 'moveE2eVolume01',
  downloadOutputs: 'moveE2eOutputs1',
};

/** What the workflows that start from earlier work need: Move's ids, made before the import. */
export interface Prepared {
  /** Two uploaded calibration videos, for Volume → Create. */
  calibrationFileIds: [string, string];
  /** A job with a MAIN_FBX output, for Job → Download Outputs. */
  jobId: string;
}

export const TRIGGER_WEBHOOK_ID = '6a1f3c52-2d6e-4f41-9a53-6b0d1f6d7e21';

export function credentials(endpoint: string, apiKey: string) {
  return [
    { ...CREDENTIAL, type: 'moveUgcApi', data: { apiKey, endpoint } },
    { ...WRONG_KEY_CREDENTIAL, type: 'moveUgcApi', data: { apiKey: 'wrong_key_wrong_key', endpoint } },
  ];
}

export type Node = Record<string, unknown> & { name: string };

/** A workflow of these nodes, each feeding the next. */
export function workflow(id: string, name: string, nodes: Node[]) {
  const connections: Record<string, unknown> = {};
  for (let i = 0; i + 1 < nodes.length; i++) {
    connections[nodes[i]!.name] = { main: [[{ node: nodes[i + 1]!.name, type: 'main', index: 0 }]] };
  }
  return {
    id,
    name,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: nodes.map((node, index) => ({ id: `${id}-${index}`, typeVersion: 1, position: [index * 220, 0], ...node })),
    connections,
  };
}

const start: Node = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };
const readVideo = (path: string): Node => ({
  name: 'Read video',
  type: 'n8n-nodes-base.readWriteFile',
  parameters: { fileSelector: path, options: {} },
});
const writeFile = (property: string, fileName: string): Node => ({
  name: `Write ${property}`,
  type: 'n8n-nodes-base.readWriteFile',
  parameters: { operation: 'write', fileName, dataPropertyName: property, options: {} },
});
const moveUgc = (
  parameters: Record<string, unknown>,
  credential = CREDENTIAL,
  extra: Record<string, unknown> = {},
): Node => ({
  name: 'Move UGC',
  type: 'n8n-nodes-move-ugc.moveUgc',
  parameters,
  credentials: { moveUgcApi: credential },
  ...extra,
});

export function workflows(videoPath: string, outDir: string, prepared: Prepared) {
  return [
    workflow(WORKFLOW_IDS.process, 'Move UGC e2e: process a video', [
      start,
      readVideo(videoPath),
      moveUgc({
        resource: 'video',
        operation: 'process',
        outputs: ['MAIN_FBX', 'RENDER_VIDEO'],
        options: { pollInterval: 1 },
      }),
      writeFile('fbx', `=${outDir}/{{ $binary.fbx.fileName }}`),
    ]),
    workflow(WORKFLOW_IDS.wrongKeyContinue, 'Move UGC e2e: wrong key, continue on fail', [
      start,
      readVideo(videoPath),
      moveUgc({ resource: 'video', operation: 'process' }, WRONG_KEY_CREDENTIAL, { onError: 'continueRegularOutput' }),
    ]),
    workflow(WORKFLOW_IDS.wrongKeyStop, 'Move UGC e2e: wrong key, stop', [
      start,
      moveUgc({ resource: 'client', operation: 'get' }, WRONG_KEY_CREDENTIAL),
    ]),
    workflow(WORKFLOW_IDS.fileUpload, 'Move UGC e2e: upload a file', [
      start,
      readVideo(videoPath),
      moveUgc({ resource: 'file', operation: 'upload', binaryPropertyName: 'data', fileKind: 'video' }),
    ]),
    workflow(WORKFLOW_IDS.volumeCreate, 'Move UGC e2e: create a volume', [
      start,
      moveUgc({
        resource: 'volume',
        operation: 'create',
        cameras: {
          camera: prepared.calibrationFileIds.map((fileId, index) => ({
            deviceLabel: `cam-${index + 1}`,
            fileId,
            format: 'MP4',
            lens: 'goprohero10-fhd',
          })),
        },
        humanHeight: 1.8,
        areaType: 'NORMAL',
        syncMethod: 'clap',
        clapStart: 0,
        clapEnd: 2,
        additionalFields: {},
      }),
    ]),
    workflow(WORKFLOW_IDS.downloadOutputs, 'Move UGC e2e: download a job’s outputs', [
      start,
      moveUgc({
        resource: 'job',
        operation: 'downloadOutputs',
        jobId: prepared.jobId,
        options: { fileName: 'earlier', pollInterval: 1 },
      }),
      writeFile('fbx', `=${outDir}/{{ $binary.fbx.fileName }}`),
    ]),
    workflow(WORKFLOW_IDS.trigger, 'Move UGC e2e: trigger', [
      {
        name: 'Move UGC Trigger',
        type: 'n8n-nodes-move-ugc.moveUgcTrigger',
        webhookId: TRIGGER_WEBHOOK_ID,
        parameters: { events: ['ugc.job.state.completed'], options: { downloadOutputs: true } },
        credentials: { moveUgcApi: CREDENTIAL },
      },
      writeFile('fbx', `=${outDir}/trigger-{{ $json.jobId }}.fbx`),
    ]),
  ];
}
