// What n8n and its users see before anything runs: the node, trigger and credential descriptions.
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { MoveUgcApi } from '../credentials/MoveUgcApi.credentials';
import { RESOURCES } from '../nodes/MoveUgc/resources';
import { MoveUgcTrigger } from '../nodes/MoveUgcTrigger/MoveUgcTrigger.node';
import { node } from './helpers/run-node';

describe('Move UGC credential', () => {
  const credential = new MoveUgcApi();

  it('keeps the key secret, sends it raw, and tests it with the client query', () => {
    const apiKey = credential.properties.find((p) => p.name === 'apiKey')!;
    expect(apiKey.typeOptions?.password).toBe(true);
    expect(credential.properties.find((p) => p.name === 'endpoint')!.default).toBe('https://api.move.ai/ugc/graphql');
    expect(credential.authenticate).toEqual({
      type: 'generic',
      properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
    });
    expect(credential.test.request).toMatchObject({
      method: 'POST',
      url: '={{$credentials.endpoint}}',
      body: { query: 'query { client { id name } }' },
    });
  });
});

describe('Move UGC node', () => {
  const { description } = node;

  it('is usable as an AI tool and offers every resource and operation', () => {
    expect(description.usableAsTool).toBe(true);
    const menu = Object.fromEntries(RESOURCES.map((r) => [r.name, r.operations.map((o) => o.name)]));
    expect(menu).toEqual({
      Video: ['Process'],
      Job: ['Create', 'Download Outputs', 'Get', 'Get Many', 'Update', 'Wait'],
      Take: ['Create', 'Get', 'Get Many', 'Update'],
      File: ['Create Share Code', 'Get', 'Upload'],
      Volume: ['Create', 'Get', 'Get Many'],
      Rig: ['Get Many'],
      Lens: ['Get Many'],
      Webhook: ['Set Endpoint'],
      Client: ['Get', 'Update'],
    });
  });

  it('shows each field for its own resource and operation only', () => {
    const fields = description.properties.filter((p) => p.name !== 'resource' && p.name !== 'operation');
    for (const field of fields) {
      expect(field.displayOptions?.show?.resource, field.name).toHaveLength(1);
      expect(field.displayOptions?.show?.operation, field.name).toHaveLength(1);
    }
  });

  it('lists options alphabetically, as n8n does', () => {
    const unsorted = (properties: INodeProperties[]): string[] =>
      properties.flatMap((p) => {
        const names = (p.options ?? []).map((o) => ('name' in o ? String(o.name) : ''));
        const nested = (p.options ?? []).flatMap((o) => ('values' in o ? unsorted(o.values as INodeProperties[]) : []));
        const ownOrder =
          p.type === 'options' || p.type === 'multiOptions' ? names.join() !== [...names].sort().join() : false;
        return [...(ownOrder ? [p.name] : []), ...nested];
      });
    expect(unsorted(description.properties)).toEqual([]);
  });
});

describe('Move UGC Trigger', () => {
  const { description } = new MoveUgcTrigger();

  it('is a webhook trigger for job completions and failures', () => {
    expect(description.group).toEqual(['trigger']);
    expect(description.webhooks).toEqual([
      { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
    ]);
    expect(description.properties.find((p) => p.name === 'events')!.default).toEqual([
      'ugc.job.state.completed',
      'ugc.job.state.failed',
    ]);
  });
});
