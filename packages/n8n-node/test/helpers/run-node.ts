// Runs the Move UGC node's execute() in a mocked context.
import type { INodeExecutionData } from 'n8n-workflow';
import { MoveUgc } from '../../nodes/MoveUgc/MoveUgc.node';
import { type ContextOptions, type ExecuteHarness, executeContext } from './n8n-context';

export const node = new MoveUgc();

export interface NodeRun extends ExecuteHarness {
  output: INodeExecutionData[];
}

export async function runNode(options: Omit<ContextOptions, 'properties'>): Promise<NodeRun> {
  const harness = executeContext({ ...options, properties: node.description.properties });
  const [output] = await node.execute.call(harness.context);
  return { ...harness, output: output ?? [] };
}

/** Every string anywhere in a value, for "no secret leaked" assertions. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [key, ...allStrings(item)]);
  return [];
}
