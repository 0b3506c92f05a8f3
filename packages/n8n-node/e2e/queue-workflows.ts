// The workflows of the queue-mode suite, as n8n exports them. Each video is its own execution: a
// POST to a production webhook (served by the webhook process) names the file, a worker reads it,
// runs Video → Process with an Idempotency Key made from the file name and the settings, and writes
// the FBX next to it.
import { CREDENTIAL, workflow } from './workflows';

export const QUEUE_WORKFLOW_IDS = {
  fanOut: 'moveQueueFanOut1',
  load: 'moveQueueLoad001',
  trigger: 'moveQueueTrigger',
};

export const QUEUE_TRIGGER_WEBHOOK_ID = '0c7e0d6e-4b59-4f0e-8d43-2a4f4f0e9b11';
export const FAN_OUT_PATH = 'move-ugc-video';
export const LOAD_PATH = 'move-ugc-load';

/** The settings of a job, as they go into the Idempotency Key: another setting is another job. */
export function idempotencyKey(fileName: string, outputs: string[]): string {
  return `${fileName}|${outputs.join(',')}`;
}

function processVideo(id: string, name: string, path: string, webhookId: string, outputs: string[], outDir: string) {
  return workflow(id, name, [
    {
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      webhookId,
      parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
    },
    {
      name: 'Read video',
      type: 'n8n-nodes-base.readWriteFile',
      parameters: { fileSelector: '={{ $json.body.path }}', options: {} },
    },
    {
      name: 'Move UGC',
      type: 'n8n-nodes-move-ugc.moveUgc',
      credentials: { moveUgcApi: CREDENTIAL },
      parameters: {
        resource: 'video',
        operation: 'process',
        outputs,
        options: {
          // The same expression as idempotencyKey() above.
          idempotencyKey: `={{ $binary.data.fileName + '|${outputs.join(',')}' }}`,
          pollInterval: 1,
        },
      },
    },
    {
      name: 'Write FBX',
      type: 'n8n-nodes-base.readWriteFile',
      parameters: {
        operation: 'write',
        fileName: `=${outDir}/{{ $binary.fbx.fileName }}`,
        dataPropertyName: 'fbx',
        options: {},
      },
    },
  ]);
}

export function queueWorkflows(outDir: string) {
  return [
    processVideo(
      QUEUE_WORKFLOW_IDS.fanOut,
      'Move UGC queue e2e: process a video',
      FAN_OUT_PATH,
      '5d3f7f0e-1c1b-4a8e-9a0c-1f1f6b1e2a01',
      ['MAIN_FBX', 'RENDER_VIDEO'],
      outDir,
    ),
    processVideo(
      QUEUE_WORKFLOW_IDS.load,
      'Move UGC queue e2e: load',
      LOAD_PATH,
      '5d3f7f0e-1c1b-4a8e-9a0c-1f1f6b1e2a02',
      ['MAIN_FBX'],
      outDir,
    ),
    workflow(QUEUE_WORKFLOW_IDS.trigger, 'Move UGC queue e2e: trigger', [
      {
        name: 'Move UGC Trigger',
        type: 'n8n-nodes-move-ugc.moveUgcTrigger',
        webhookId: QUEUE_TRIGGER_WEBHOOK_ID,
        parameters: { events: ['ugc.job.state.completed'], options: { downloadOutputs: true } },
        credentials: { moveUgcApi: CREDENTIAL },
      },
      {
        name: 'Write FBX',
        type: 'n8n-nodes-base.readWriteFile',
        parameters: {
          operation: 'write',
          fileName: `=${outDir}/trigger-{{ $json.jobId }}.fbx`,
          dataPropertyName: 'fbx',
          options: {},
        },
      },
    ]),
  ];
}
