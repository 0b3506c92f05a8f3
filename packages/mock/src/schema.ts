import { buildSchema, GraphQLError, type GraphQLSchema, isScalarType, Kind, type ValueNode } from 'graphql';
// The repository's schema.graphql, embedded at build time so the published package is standalone.
import schemaText from '../../../schema.graphql';

const MAX_ECHO = 60;

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}...` : text;
}

/** AWSJSON travels as a string holding JSON, both ways: anything else is rejected, as AppSync does. */
export function parseAwsJson(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(`Unable to parse ${describe(value)} as valid JSON: AWSJSON values must be JSON strings.`);
  }
  try {
    JSON.parse(value);
  } catch {
    throw new GraphQLError(`Unable to parse ${describe(value)} as valid JSON.`);
  }
  return value;
}

function parseAwsJsonLiteral(node: ValueNode): string {
  if (node.kind !== Kind.STRING) throw new GraphQLError('AWSJSON literals must be strings holding JSON.');
  return parseAwsJson(node.value);
}

function serializeAwsJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

let cached: GraphQLSchema | undefined;

export function getSchema(): GraphQLSchema {
  if (cached) return cached;
  const schema = buildSchema(schemaText);
  const awsJson = schema.getType('AWSJSON');
  if (isScalarType(awsJson)) {
    Object.assign(awsJson, {
      parseValue: parseAwsJson,
      parseLiteral: parseAwsJsonLiteral,
      serialize: serializeAwsJson,
    });
  }
  cached = schema;
  return schema;
}
