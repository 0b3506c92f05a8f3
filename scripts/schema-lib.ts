// Shared by schema:pull and schema:check: load an introspection result from a file or a live
// endpoint, and print a schema without descriptions so two sources compare by structure alone.
import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  type GraphQLSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  visit,
} from 'graphql';

export const DEFAULT_ENDPOINT = 'https://api.move.ai/ugc/graphql';

export async function loadIntrospection(source: string): Promise<GraphQLSchema> {
  if (/^https?:\/\//.test(source)) return buildClientSchema(await fetchIntrospection(source));
  const raw = JSON.parse(readFileSync(source, 'utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
  return buildClientSchema(raw.data ?? raw);
}

async function fetchIntrospection(endpoint: string): Promise<IntrospectionQuery> {
  const apiKey = process.env.MOVE_API_KEY;
  if (!apiKey) throw new Error('Set MOVE_API_KEY to introspect a live endpoint.');
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: apiKey },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  if (!res.ok) throw new Error(`Introspection of ${endpoint} failed with HTTP ${res.status}.`);
  const body = (await res.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] };
  if (!body.data) throw new Error(`Introspection returned no data: ${body.errors?.[0]?.message ?? 'unknown error'}`);
  return body.data;
}

/** SDL with every description removed, types sorted: equal text means an equal schema. */
export function printStructure(schema: GraphQLSchema): string {
  const doc = visit(parse(printSchema(lexicographicSortSchema(schema))), {
    enter(node) {
      if ('description' in node && node.description) return { ...node, description: undefined };
      return undefined;
    },
  });
  return `${print(doc)}\n`;
}
