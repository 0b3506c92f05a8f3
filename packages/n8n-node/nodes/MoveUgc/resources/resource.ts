// A resource is a small table of operations; the node's properties (the Operation menu and each
// operation's fields, shown only for it) are generated from these tables. Each operation lives in a
// module of its own exporting `fields` and `execute`, spread into its resource's table.
import {
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeProperties,
  type INodePropertyOptions,
  updateDisplayOptions,
} from 'n8n-workflow';
import type { MoveSession } from '../../shared/session';

/** Runs one operation for one input item; the node adds `pairedItem` to what it returns. */
export type OperationExecute = (
  this: IExecuteFunctions,
  itemIndex: number,
  session: MoveSession,
) => Promise<INodeExecutionData[]>;

export interface Operation {
  value: string;
  name: string;
  /** Sentence case, shown in the node's action list (e.g. "Process a video"). */
  action: string;
  description: string;
  fields: INodeProperties[];
  execute: OperationExecute;
}

export interface Resource {
  value: string;
  name: string;
  /** The operation the menu opens on, when not the first. */
  defaultOperation?: string;
  operations: Operation[];
}

export function resourceOption({ value, name }: Resource): INodePropertyOptions {
  return { name, value };
}

export function resourceProperties(resource: Resource): INodeProperties[] {
  const defaultOperation = resource.defaultOperation ?? resource.operations[0]?.value ?? '';
  const operationMenu: INodeProperties = {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: [resource.value] } },
    options: resource.operations.map(({ value, name, action, description }) => ({ value, name, action, description })),
    default: defaultOperation,
  };
  return [
    operationMenu,
    ...resource.operations.flatMap((operation) =>
      updateDisplayOptions({ show: { resource: [resource.value], operation: [operation.value] } }, operation.fields),
    ),
  ];
}

export function findOperation(
  resources: readonly Resource[],
  resource: string,
  operation: string,
): Operation | undefined {
  return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
