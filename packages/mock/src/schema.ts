import {
  buildSchema,
  DEFAULT_DEPRECATION_REASON,
  DirectiveLocation,
  GraphQLDirective,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSchema,
  GraphQLSkipDirective,
  GraphQLString,
  isScalarType,
  isSpecifiedDirective,
  Kind,
  type ValueNode,
} from 'graphql';
// The repository's schema.graphql, embedded at build time so the published package is standalone.
import schemaText from '../../../schema.graphql';
import { type Mirror, mirrorOf } from './introspection';

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

/** AppSync's `@deprecated`: on fields and enum values only (graphql-js adds arguments, input fields…). */
const appSyncDeprecated = new GraphQLDirective({
  name: 'deprecated',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE],
  args: { reason: { type: GraphQLString, defaultValue: DEFAULT_DEPRECATION_REASON } },
});

/**
 * schema.graphql with AppSync's directives: `@include`, `@skip`, its `@deprecated` and the `@aws_*`
 * and `@defer` that schema.graphql declares; none of graphql-js's `@specifiedBy` or `@oneOf`.
 */
function appSyncSchema(): GraphQLSchema {
  const config = buildSchema(schemaText).toConfig();
  const declared = config.directives.filter((directive) => !isSpecifiedDirective(directive));
  return new GraphQLSchema({
    ...config,
    directives: [GraphQLIncludeDirective, GraphQLSkipDirective, ...declared, appSyncDeprecated],
  });
}

let cached: GraphQLSchema | undefined;
let cachedMirror: Mirror | undefined;

export function getSchema(): GraphQLSchema {
  if (cached) return cached;
  const schema = appSyncSchema();
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

/** The mirror that answers introspection operations as AppSync does (see introspection.ts). */
export function getMirror(): Mirror {
  cachedMirror ??= mirrorOf(getSchema());
  return cachedMirror;
}
