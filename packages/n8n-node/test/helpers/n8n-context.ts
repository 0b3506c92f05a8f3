// Mocked n8n contexts for the nodes: an execution (IExecuteFunctions), a trigger's webhook hooks
// (IHookFunctions) and a delivery (IWebhookFunctions), with parameters resolved against the node's
// own description (defaults and displayOptions), an in-memory binary store that streams like n8n's
// filesystem mode, and the HTTP helpers of n8n-http.ts.

import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { registerSecret } from '@move-ugc/mock/test-utils';
import {
  type IBinaryData,
  type IDataObject,
  type IExecuteFunctions,
  type IHookFunctions,
  type INode,
  type INodeExecutionData,
  type INodeProperties,
  type IWebhookFunctions,
  NodeOperationError,
} from 'n8n-workflow';
import { type HttpStandIns, httpStandIns } from './n8n-http';
import { DEFAULT_API_KEY } from './simulator';

/** The credential a context hands the node; its key, right or wrong, must never be printed. */
function credentialOf(options: { credential?: { apiKey: string; endpoint?: string } }) {
  const credential = { endpoint: SIM_ENDPOINT, apiKey: DEFAULT_API_KEY, ...options.credential };
  registerSecret(credential.apiKey);
  return credential;
}

export interface BinaryStore {
  files: Map<string, { bytes: Buffer; fileName?: string; mimeType?: string }>;
  /** How each prepareBinaryData call received its data. */
  prepared: { fileName?: string; kind: 'buffer' | 'stream' }[];
  streamsOpened: number;
  buffersRead: number;
}

export interface ContextOptions {
  properties: INodeProperties[];
  parameters: Record<string, unknown>;
  items?: INodeExecutionData[];
  credential?: { apiKey: string; endpoint?: string };
  continueOnFail?: boolean;
  signal?: AbortSignal;
  store?: BinaryStore;
}

export function binaryStore(): BinaryStore {
  return { files: new Map(), prepared: [], streamsOpened: 0, buffersRead: 0 };
}

export const SIM_ENDPOINT = 'https://mock.move-ugc.test/graphql';

/** An input item holding `bytes` as binary `data`: in the store (with an id) or inline (base64). */
export function binaryItem(
  store: BinaryStore,
  bytes: Buffer,
  options: { fileName?: string; inline?: boolean; property?: string } = {},
): INodeExecutionData {
  const fileName = options.fileName ?? 'clip.mp4';
  const binary: IBinaryData = {
    fileName,
    mimeType: 'video/mp4',
    fileSize: `${Math.ceil(bytes.length / 1024)} kB`,
    data: '',
  };
  if (options.inline) {
    binary.data = bytes.toString('base64');
  } else {
    const id = `filesystem-v2:${randomUUID()}`;
    store.files.set(id, { bytes, fileName, mimeType: 'video/mp4' });
    Object.assign(binary, { id, data: 'filesystem-v2', bytes: bytes.length });
  }
  return { json: { fileName }, binary: { [options.property ?? 'data']: binary } };
}

/** One input item with `bytes` as binary `data`, and the store holding it: spread into runNode(). */
export function videoInput(bytes: Buffer, options: { fileName?: string; inline?: boolean } = {}) {
  const store = binaryStore();
  return { store, items: [binaryItem(store, bytes, options)] };
}

function parameterLookup(properties: INodeProperties[], parameters: Record<string, unknown>) {
  const parameterValue = (name: string, depth = 0): unknown => {
    if (name in parameters) return parameters[name];
    if (depth > 5) return undefined;
    const shown = properties.find(
      (property) =>
        property.name === name &&
        Object.entries(property.displayOptions?.show ?? {}).every(([key, values]) =>
          (values as unknown[]).includes(parameterValue(key, depth + 1)),
        ),
    );
    return shown?.default;
  };
  return parameterValue;
}

const NODE: INode = {
  id: 'node-1',
  name: 'Move UGC',
  type: 'n8n-nodes-move-ugc.moveUgc',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

function binaryHelpers(store: BinaryStore, items: INodeExecutionData[]) {
  const find = (itemIndex: number, property: string): IBinaryData => {
    const binary = items[itemIndex]?.binary?.[property];
    if (!binary) {
      throw new NodeOperationError(
        NODE,
        `This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`,
      );
    }
    return binary;
  };
  return {
    assertBinaryData: (itemIndex: number, property: string) => find(itemIndex, property),
    async getBinaryDataBuffer(itemIndex: number, property: string) {
      store.buffersRead += 1;
      const binary = find(itemIndex, property);
      return binary.id ? store.files.get(binary.id)!.bytes : Buffer.from(binary.data, 'base64');
    },
    async getBinaryStream(id: string) {
      store.streamsOpened += 1;
      const { bytes } = store.files.get(id)!;
      return Readable.from(
        (function* () {
          for (let offset = 0; offset < bytes.length; offset += 16 * 1024)
            yield bytes.subarray(offset, offset + 16 * 1024);
        })(),
      );
    },
    async getBinaryMetadata(id: string) {
      const file = store.files.get(id)!;
      return { fileName: file.fileName, mimeType: file.mimeType, fileSize: file.bytes.length };
    },
    async prepareBinaryData(data: Buffer | Readable, fileName?: string, mimeType?: string): Promise<IBinaryData> {
      store.prepared.push({ fileName, kind: Buffer.isBuffer(data) ? 'buffer' : 'stream' });
      const chunks: Buffer[] = [];
      if (Buffer.isBuffer(data)) chunks.push(data);
      else for await (const chunk of data) chunks.push(Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      const id = `filesystem-v2:${randomUUID()}`;
      store.files.set(id, { bytes, fileName, mimeType });
      return {
        id,
        data: 'filesystem-v2',
        fileName,
        mimeType: mimeType ?? 'application/octet-stream',
        bytes: bytes.length,
        fileSize: `${bytes.length} B`,
      };
    },
  };
}

export interface ExecuteHarness {
  context: IExecuteFunctions;
  http: HttpStandIns;
  store: BinaryStore;
}

export function executeContext(options: ContextOptions): ExecuteHarness {
  const credential = credentialOf(options);
  const store = options.store ?? binaryStore();
  const items = options.items ?? [{ json: {} }];
  const http = httpStandIns(() => credential, options.signal);
  const parameterValue = parameterLookup(options.properties, options.parameters);
  const context = {
    getNode: () => NODE,
    getInputData: () => items,
    getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => parameterValue(name) ?? fallback,
    continueOnFail: () => options.continueOnFail ?? false,
    getCredentials: async () => credential,
    getExecutionCancelSignal: () => options.signal,
    logger: { warn() {}, info() {}, debug() {}, error() {} },
    helpers: {
      httpRequest: http.httpRequest,
      httpRequestWithAuthentication: http.httpRequestWithAuthentication,
      ...binaryHelpers(store, items),
    },
  };
  return { context: context as unknown as IExecuteFunctions, http, store };
}

export interface HookHarness {
  context: IHookFunctions;
  staticData: IDataObject;
  http: HttpStandIns;
}

export function hookContext(options: {
  properties: INodeProperties[];
  parameters: Record<string, unknown>;
  webhookUrl: string;
  staticData?: IDataObject;
  credential?: { apiKey: string; endpoint?: string };
}): HookHarness {
  const credential = credentialOf(options);
  const staticData = options.staticData ?? {};
  const http = httpStandIns(() => credential);
  const parameterValue = parameterLookup(options.properties, options.parameters);
  const context = {
    getNode: () => ({ ...NODE, name: 'Move UGC Trigger', type: 'n8n-nodes-move-ugc.moveUgcTrigger' }),
    getWorkflow: () => ({ id: 'wf-1', name: 'Mocap inbox', active: true }),
    getNodeParameter: (name: string, fallback?: unknown) => parameterValue(name) ?? fallback,
    getNodeWebhookUrl: () => options.webhookUrl,
    getWorkflowStaticData: () => staticData,
    getCredentials: async () => credential,
    helpers: { httpRequest: http.httpRequest, httpRequestWithAuthentication: http.httpRequestWithAuthentication },
  };
  return { context: context as unknown as IHookFunctions, staticData, http };
}

export interface WebhookHarness {
  context: IWebhookFunctions;
  response: { status?: number; body?: unknown };
  warnings: string[];
  store: BinaryStore;
}

export function webhookContext(options: {
  properties: INodeProperties[];
  parameters: Record<string, unknown>;
  staticData: IDataObject;
  body: string;
  headers: Record<string, string>;
  credential?: { apiKey: string; endpoint?: string };
}): WebhookHarness {
  const credential = credentialOf(options);
  const store = binaryStore();
  const http = httpStandIns(() => credential);
  const parameterValue = parameterLookup(options.properties, options.parameters);
  const response: WebhookHarness['response'] = {};
  const warnings: string[] = [];
  const res = {
    status(code: number) {
      response.status = code;
      return res;
    },
    json(body: unknown) {
      response.body = body;
      return res;
    },
  };
  // n8n has parsed the JSON body by now; rawBody keeps the bytes as they arrived.
  const request = { headers: options.headers, body: JSON.parse(options.body), rawBody: Buffer.from(options.body) };
  const context = {
    getNode: () => ({ ...NODE, name: 'Move UGC Trigger', type: 'n8n-nodes-move-ugc.moveUgcTrigger' }),
    getNodeParameter: (name: string, fallback?: unknown) => parameterValue(name) ?? fallback,
    getWorkflowStaticData: () => options.staticData,
    getRequestObject: () => request,
    getResponseObject: () => res,
    getCredentials: async () => credential,
    logger: { warn: (message: string) => warnings.push(message), info() {}, debug() {}, error() {} },
    helpers: {
      httpRequest: http.httpRequest,
      httpRequestWithAuthentication: http.httpRequestWithAuthentication,
      ...binaryHelpers(store, []),
    },
  };
  return { context: context as unknown as IWebhookFunctions, response, warnings, store };
}
