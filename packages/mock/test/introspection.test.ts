import { readFileSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { data, gql, useMswSimulator } from './helpers';

// Move's introspection (../shared/reference/move-ugc-introspection.json, May 2025) with its
// descriptions dropped: names, arguments, types, enums and directives, kept here so that a clone
// with nothing beside it runs these tests too. The last test proves it is still Move's.
const fixtureUrl = new URL('./fixtures/move-introspection.json', import.meta.url);
const reference = (JSON.parse(readFileSync(fixtureUrl, 'utf8')) as { data: IntrospectionQuery }).data.__schema;

const simulator = useMswSimulator();

type Json = unknown;

/** Without descriptions, keys sorted; named lists (types, fields, ...) keep their order. */
function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([key]) => key !== 'description');
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** A list of named things as a map, so that order (graphql-java's traversal order) is not compared. */
function byName(list: readonly { name: string }[]): Record<string, Json> {
  return Object.fromEntries(list.map((item) => [item.name, canonical(item)]));
}

async function introspect(endpoint: string, query = getIntrospectionQuery()) {
  return (await data<IntrospectionQuery>(endpoint, query)).__schema;
}

describe("the simulator's introspection is Move's", () => {
  it('answers the standard introspection query (as graphql-codegen and gql send it) as Move does, directives included', async () => {
    const sim = simulator();
    const answer = await introspect(sim.endpoint);
    expect(answer.queryType.name).toBe(reference.queryType.name);
    expect(answer.mutationType?.name).toBe(reference.mutationType?.name);
    expect(answer.subscriptionType).toBeNull();
    expect(Object.keys(byName(answer.types)).sort()).toEqual(Object.keys(byName(reference.types)).sort());
    expect(byName(answer.types)).toEqual(byName(reference.types));
    expect(byName(answer.directives)).toEqual(byName(reference.directives));
    // What graphql-core 3.2 (Move's Python SDK, gql) refused: @deprecated beyond its two locations.
    const deprecated = answer.directives.find((directive) => directive.name === 'deprecated');
    expect(deprecated?.locations).toEqual(['FIELD_DEFINITION', 'ENUM_VALUE']);
    expect(answer.directives.map((directive) => directive.name)).not.toContain('specifiedBy');
    expect(answer.directives.map((directive) => directive.name)).not.toContain('oneOf');
  });

  it('answers without descriptions too, and builds a client schema that validates what Move documents', async () => {
    const sim = simulator();
    const answer = await introspect(sim.endpoint, getIntrospectionQuery({ descriptions: false }));
    expect(answer.types.every((type) => !('description' in type))).toBe(true);
    const schema = buildClientSchema({ __schema: answer });
    const documents = [
      'mutation { createFile(type: "mp4") { id presignedUrl } }',
      'mutation($t: String!) { createSingleCamJob(takeId: $t, outputs: [], options: { mocapModel: S2 }) { id } }',
      'query($id: ID!) { getJob(jobId: $id) { id progress { state percentageComplete } outputs { format key file { id type presignedUrl } } } }',
      'query { getVolume(id: "volume-1") { ... on HumanVolume { id state } } }',
    ];
    for (const document of documents) expect(validate(schema, parse(document))).toEqual([]);
  });

  it('answers __type with the meta types of graphql-java, honouring includeDeprecated and __typename', async () => {
    const sim = simulator();
    const query = `query($name: String!, $directive: String!) {
      job: __type(name: $name) { __typename kind name fields { name } }
      directive: __type(name: $directive) { current: fields { name } all: fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      missing: __type(name: "NoSuchType") { name }
      __typename
    }`;
    type Named = { name: string };
    const answer = await data<{
      job: { __typename: string; kind: string; name: string; fields: Named[] };
      directive: { current: Named[]; all: (Named & { isDeprecated: boolean; deprecationReason: string | null })[] };
      missing: Named | null;
      __typename: string;
    }>(sim.endpoint, query, { name: 'Job', directive: '__Directive' });
    expect(answer.job.__typename).toBe('__Type');
    expect(answer.job.kind).toBe('OBJECT');
    expect(answer.job.fields.map((field) => field.name)).toContain('progress');
    expect(answer.__typename).toBe('Query');
    expect(answer.directive.current.map((field) => field.name)).toEqual(['name', 'description', 'locations', 'args']);
    expect(answer.directive.all.filter((field) => field.isDeprecated)).toEqual([
      { name: 'onOperation', isDeprecated: true, deprecationReason: 'Use `locations`.' },
      { name: 'onFragment', isDeprecated: true, deprecationReason: 'Use `locations`.' },
      { name: 'onField', isDeprecated: true, deprecationReason: 'Use `locations`.' },
    ]);
    expect(answer.missing).toBeNull();
  });

  it('resolves a named type reference fully, as graphql-java does, and answers the older directive flags', async () => {
    const sim = simulator();
    const query = `{
      __type(name: "Query") { fields { name type { name ofType { name fields { name } } } } }
      __schema { directives { name onOperation onFragment onField } }
    }`;
    const answer = await data<{
      __type: {
        fields: { name: string; type: { name: null; ofType: { name: string; fields: { name: string }[] } } }[];
      };
      __schema: { directives: { name: string; onOperation: boolean; onFragment: boolean; onField: boolean }[] };
    }>(sim.endpoint, query);
    const client = answer.__type.fields.find((field) => field.name === 'client');
    expect(client?.type.name).toBeNull();
    expect(client?.type.ofType.name).toBe('Client');
    expect(client?.type.ofType.fields.map((field) => field.name)).toContain('portal');
    const include = answer.__schema.directives.find((directive) => directive.name === 'include');
    expect(include).toEqual({ name: 'include', onOperation: false, onFragment: true, onField: true });
  });

  it('refuses meta fields graphql-java does not have, naming them as the client wrote them', async () => {
    const sim = simulator();
    const result = await gql(sim.endpoint, '{ __schema { directives { name isRepeatable } } }');
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(result.body.errors?.[0]?.message).toBe(
      'Validation error of type FieldUndefined: Cannot query field "isRepeatable" on type "__Directive".',
    );
  });

  it('needs the API key for introspection, as AppSync does', async () => {
    const sim = simulator();
    const result = await gql(sim.endpoint, getIntrospectionQuery(), {}, null);
    expect(result.status).toBe(401);
  });

  it.runIf(process.env.MOVE_SCHEMA_REFERENCE?.endsWith('.json'))(
    "keeps the fixture equal to Move's introspection (MOVE_SCHEMA_REFERENCE), descriptions aside",
    () => {
      const move = JSON.parse(readFileSync(process.env.MOVE_SCHEMA_REFERENCE as string, 'utf8')) as {
        data: IntrospectionQuery;
      };
      expect(canonical(move.data.__schema)).toEqual(canonical(reference));
    },
  );
});
