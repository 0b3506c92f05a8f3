import {
  type IExecuteFunctions,
  type ILoadOptionsFunctions,
  type INodeExecutionData,
  type INodePropertyOptions,
  type INodeType,
  type INodeTypeDescription,
  NodeConnectionTypes,
  NodeOperationError,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../shared/credential';
import { toNodeError } from '../shared/errors';
import { type MoveSession, openSession } from '../shared/session';
import { RESOURCES } from './resources';
import { findOperation, resourceOption, resourceProperties } from './resources/resource';

export class MoveUgc implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Move UGC',
    name: 'moveUgc',
    icon: { light: 'file:moveUgc.svg', dark: 'file:moveUgc.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
    description: 'Turn videos of people into 3D animation with Move AI motion capture',
    defaults: { name: 'Move UGC' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: CREDENTIAL_TYPE, required: true }],
    properties: [
      {
        displayName: 'Resource',
        name: 'resource',
        type: 'options',
        noDataExpression: true,
        options: RESOURCES.map(resourceOption).sort((a, b) => a.name.localeCompare(b.name)),
        default: 'video',
      },
      ...RESOURCES.flatMap(resourceProperties),
    ],
  };

  methods = {
    loadOptions: {
      async getLenses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
        const session = await openSession(this);
        return (await session.ugc.cameraSettings.list()).map(({ lens }) => ({ name: lens, value: lens }));
      },
      async getRigs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
        const session = await openSession(this);
        return (await session.ugc.rigs.list()).map(({ name }) => ({ name, value: name }));
      },
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const resource = this.getNodeParameter('resource', 0) as string;
    const operation = this.getNodeParameter('operation', 0) as string;
    const run = findOperation(RESOURCES, resource, operation);
    if (!run) {
      throw new NodeOperationError(
        this.getNode(),
        `The operation "${operation}" of "${resource}" is not known to this version of the node.`,
      );
    }

    const items = this.getInputData();
    const returnData: INodeExecutionData[] = [];
    let session: Promise<MoveSession> | undefined;
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        // Opened on first use, inside the try: a bad credential fails each item the same way.
        session ??= openSession(this);
        const results = await run.execute.call(this, itemIndex, await session);
        for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
      } catch (error) {
        const nodeError = toNodeError(this.getNode(), error, itemIndex);
        if (this.continueOnFail()) {
          returnData.push({
            json: {
              error: nodeError.message,
              ...(nodeError.description ? { description: nodeError.description } : {}),
            },
            pairedItem: { item: itemIndex },
          });
          continue;
        }
        throw nodeError;
      }
    }
    return [returnData];
  }
}
