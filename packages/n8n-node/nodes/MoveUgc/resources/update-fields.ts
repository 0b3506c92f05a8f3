// The Update Fields collection of Job, Take and Client → Update.
import { type Metadata, MoveValidationError } from '@move-ugc/sdk';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { collectionParameter, jsonObject } from './parameters';

export function updateFieldsProperty(options: INodeProperties[]): INodeProperties {
  return {
    displayName: 'Update Fields',
    name: 'updateFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options,
  };
}

export interface Changes {
  name?: string;
  metadata?: Metadata;
}

/** What to change; at least one field, and metadata replaces the stored object as a whole. */
export function readChanges(context: IExecuteFunctions, itemIndex: number): Changes {
  const fields = collectionParameter(context, 'updateFields', itemIndex);
  const changes: Changes = {};
  if (typeof fields.name === 'string' && fields.name.trim() !== '') changes.name = fields.name.trim();
  if (fields.metadata !== undefined) changes.metadata = jsonObject(fields.metadata, 'metadata', true);
  if (changes.name === undefined && changes.metadata === undefined) {
    throw new MoveValidationError('Nothing to update: add a field under Update Fields.', 'updateFields');
  }
  return changes;
}
