// Reading parameters into the shapes core and the SDK take. Mistakes surface as
// MoveValidationError naming the field, before anything is sent.
import { type ClipWindow, checkClipWindow, type WaitOptions } from '@move-ugc/core';
import { type Metadata, MoveValidationError, type OptionsInput } from '@move-ugc/sdk';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export function stringParameter(context: IExecuteFunctions, name: string, itemIndex: number): string {
  return String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

export function collectionParameter(context: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
  return (context.getNodeParameter(name, itemIndex, {}) ?? {}) as IDataObject;
}

/** A JSON object from a JSON field or an expression; undefined when empty unless `keepEmpty`. */
export function jsonObject(value: unknown, field: string, keepEmpty = false): Metadata | undefined {
  const parsed = typeof value === 'string' ? parseJson(value) : value;
  if (parsed === NOT_JSON) {
    throw new MoveValidationError(`${field} is not valid JSON. Write an object such as {"project": "trailer"}.`, field);
  }
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MoveValidationError(
      `${field} must be a JSON object such as {"project": "trailer"}, not ${Array.isArray(parsed) ? 'a list' : typeof parsed}.`,
      field,
    );
  }
  return keepEmpty || Object.keys(parsed).length > 0 ? (parsed as Metadata) : undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Clip Start / Clip End from a collection: both or neither. */
export function clipWindow(
  fields: IDataObject,
  names = { start: 'clipStart', end: 'clipEnd' },
  label = 'Clip',
): ClipWindow | undefined {
  const start = fields[names.start];
  const end = fields[names.end];
  if (start === undefined && end === undefined) return undefined;
  if (typeof start !== 'number' || typeof end !== 'number') {
    throw new MoveValidationError(`Set both ${label} Start and ${label} End (seconds), or neither.`, 'clipWindow');
  }
  return checkClipWindow({ startTime: start, endTime: end }, label);
}

export function processingOptions(context: IExecuteFunctions, itemIndex: number): OptionsInput | undefined {
  const chosen = collectionParameter(context, 'processingOptions', itemIndex);
  return Object.keys(chosen).length > 0 ? (chosen as OptionsInput) : undefined;
}

export function outputTypes(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
  const chosen = context.getNodeParameter('outputs', itemIndex, []) as string[];
  return chosen.length > 0 ? chosen : undefined;
}

/** Poll Interval (seconds, 0 = adaptive) and Max Wait (minutes) as core's wait settings. */
export function waitOptions(options: IDataObject): WaitOptions {
  const interval = Number(options.pollInterval ?? 0);
  const maxWait = Number(options.maxWait ?? 120);
  return {
    pollIntervalMs: interval > 0 ? interval * 1000 : undefined,
    timeoutMs: Math.max(1, maxWait) * 60_000,
  };
}
