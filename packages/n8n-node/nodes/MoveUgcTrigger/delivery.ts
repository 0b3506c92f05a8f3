// One webhook delivery from Move: verified against the raw body with the trigger's secrets (Svix
// scheme, constant-time, 5-minute tolerance), filtered by the selected events, and turned into the
// item that starts the workflow, with the job's outputs as binary data when asked for.
import { downloadJobOutputs } from '@move-ugc/core';
import { MoveWebhookError, type MoveWebhookEvent, verifyWebhook } from '@move-ugc/sdk';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { binaryOutputs } from '../shared/binary-output';
import { toNodeError } from '../shared/errors';
import { publicJson } from '../shared/public-json';
import { runResult } from '../shared/run-result';
import { openSession, workflowOptions } from '../shared/session';
import { JOB_COMPLETED, normalizedEvent } from '../shared/webhook-events';
import { registeredSecrets } from './endpoint-registration';

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const request = this.getRequestObject();
  // n8n keeps the exact bytes it received; a signature only holds over those.
  if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();

  let event: MoveWebhookEvent;
  try {
    const secrets = registeredSecrets(this.getWorkflowStaticData('node'));
    if (secrets.length === 0) {
      throw new MoveWebhookError(
        'This trigger has no signing secret yet: deactivate and activate the workflow so it registers with Move again.',
        'bad-secret',
      );
    }
    event = await verifyWebhook(request.rawBody ?? '', request.headers, secrets);
  } catch (error) {
    const reason = error instanceof MoveWebhookError ? error.reason : 'invalid';
    this.logger.warn(
      `Move UGC Trigger refused a delivery (${reason}): ${error instanceof Error ? error.message : String(error)}`,
    );
    this.getResponseObject().status(401).json({ error: 'The delivery failed signature verification.', reason });
    return { noWebhookResponse: true };
  }

  const eventName = normalizedEvent(event.eventName);
  const wanted = this.getNodeParameter('events', []) as string[];
  if (!wanted.includes(eventName)) {
    return { webhookResponse: { received: true, ignored: `${event.eventName} is not one of the trigger's events` } };
  }

  const json = eventJson(event, eventName);
  const options = this.getNodeParameter('options', {}) as IDataObject;
  if (eventName !== JOB_COMPLETED || options.downloadOutputs !== true) return { workflowData: [[{ json }]] };

  // Downloads can take longer than Move waits for an answer (it would retry): answer first.
  this.getResponseObject().status(200).json({ received: true });
  try {
    const session = await openSession(this);
    const outputs = binaryOutputs(this, session.transfer);
    const finished = await downloadJobOutputs(event.jobId, {
      ...workflowOptions(session),
      sink: outputs.sink,
      outputBaseName: event.jobId,
    });
    return {
      noWebhookResponse: true,
      workflowData: [[{ json: { ...json, ...runResult(finished, outputs.propertyOf) }, binary: outputs.binary }]],
    };
  } catch (error) {
    // The delivery is acknowledged, so the workflow still starts: with the reason instead of files.
    const message = toNodeError(this.getNode(), error).message;
    this.logger.warn(`Move UGC Trigger could not download the outputs of ${event.jobId}: ${message}`);
    return { noWebhookResponse: true, workflowData: [[{ json: { ...json, downloadError: message } }]] };
  }
}

function eventJson(event: MoveWebhookEvent, eventName: string): IDataObject {
  return publicJson({
    event: eventName,
    state: eventName === JOB_COMPLETED ? 'FINISHED' : 'FAILED',
    jobId: event.jobId,
    takeId: event.takeId,
    jobCreated: event.jobCreated,
    jobMetadata: event.jobMetadata,
    clientId: event.clientId,
    // The same for every retry of one delivery: use it to skip duplicates.
    deliveryId: event.id,
    timestamp: event.timestamp,
  });
}
