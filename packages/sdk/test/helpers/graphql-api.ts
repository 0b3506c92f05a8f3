// A stand-in Move endpoint for transport-level tests: msw answers every POST by executing the
// document against schema.graphql with graphql-js, so an invalid document can never pass, and
// @include(if:) decides what comes back exactly as on the real server.
import { readFileSync } from 'node:fs';
import { registerSecret } from '@move-ugc/mock/test-utils';
import { buildSchema, graphql, parse, validate } from 'graphql';
import { HttpResponse, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const ENDPOINT = 'https://api.test.move.ai/ugc/graphql';
export const API_KEY = 'test_key_1234567890abcdef';
registerSecret(API_KEY);

const schema = buildSchema(readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'));

export interface Call {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Headers;
}

type Override = (call: Call) => Response | Promise<Response>;
type Root = Record<string, unknown>;

export interface GraphQLApi {
  server: SetupServer;
  calls: Call[];
  /** Resolvers for this test, by root field name (graphql-js root value). */
  root: Root;
  /** Answers the next requests with these raw responses, in order, before resolving normally. */
  queue(...overrides: Override[]): void;
  invalidDocuments: string[];
  /** Every operation name sent during this test file (not reset between tests). */
  seen: Set<string>;
}

/** Installs the endpoint for the current test file; state is reset after each test. */
export function useGraphQLApi(): GraphQLApi {
  const api: GraphQLApi = {
    server: undefined as unknown as SetupServer,
    calls: [],
    root: {},
    queue: (...overrides) => pending.push(...overrides),
    invalidDocuments: [],
    seen: new Set(),
  };
  const pending: Override[] = [];

  api.server = setupServer(
    http.post(ENDPOINT, async ({ request }) => {
      const body = (await request.json()) as {
        query: string;
        variables?: Record<string, unknown>;
        operationName: string;
      };
      const invalid = validate(schema, parse(body.query));
      if (invalid.length > 0)
        api.invalidDocuments.push(`${body.operationName}: ${invalid.map((e) => e.message).join('; ')}`);
      const call = { operationName: body.operationName, variables: body.variables ?? {}, headers: request.headers };
      api.calls.push(call);
      api.seen.add(body.operationName);
      const override = pending.shift();
      if (override) return override(call);
      if (request.headers.get('authorization') !== API_KEY) {
        return HttpResponse.json(
          { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] },
          { status: 401 },
        );
      }
      const result = await graphql({
        schema,
        source: body.query,
        variableValues: body.variables,
        operationName: body.operationName,
        rootValue: api.root,
      });
      // graphql-js puts a resolver's error type under `extensions`; AppSync puts it on the error.
      const errors = result.errors?.map((e) => ({ ...e.toJSON(), errorType: e.extensions?.errorType ?? null }));
      return HttpResponse.json(errors ? { data: result.data ?? null, errors } : { data: result.data });
    }),
  );

  beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    expect(api.invalidDocuments, 'every document the SDK sends is valid against schema.graphql').toEqual([]);
    api.calls.length = 0;
    pending.length = 0;
    api.root = {};
  });
  afterAll(() => api.server.close());
  return api;
}

/** A GraphQL error in AppSync's shape, as resolvers throw it. */
export class AppSyncError extends Error {
  readonly extensions: Record<string, unknown>;
  constructor(errorType: string, message: string) {
    super(message);
    this.extensions = { errorType };
  }
}
