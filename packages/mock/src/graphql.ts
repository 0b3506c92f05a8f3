import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import type { Engine } from './engine';
import { ApiError } from './errors';
import { jsonResponse, type SimResponse } from './http';
import { isIntrospection, toMirrorDocument, unmirror } from './introspection';
import { rootResolvers } from './resolvers';
import { getMirror, getSchema } from './schema';
import type { ClientRecord } from './store';

// Executes one GraphQL request the way AppSync answers it:
// - a body that is not a JSON request: HTTP 400, errorType MalformedHttpRequestException;
// - syntax, validation and variable errors: HTTP 200, `data: null`, entries with `path: null`,
//   `locations` (with `sourceName: null`) and a graphql-java style message ("Validation error of
//   type FieldUndefined: ..."), without errorType, as AppSync sends them;
// - resolver errors: HTTP 200, partial data, entries with path, errorType, errorInfo and locations.

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
  document: DocumentNode | null;
  syntaxError: GraphQLError | null;
  /** The operation's name (given or from the document) and its root fields, for logs and faults. */
  name: string | null;
  fields: string[];
}

export const UNAUTHORIZED_BODY = {
  errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
};

function malformed(message: string): SimResponse {
  return jsonResponse(400, { errors: [{ errorType: 'MalformedHttpRequestException', message }] });
}

/** Reads the POST body; returns a 400 response when it is not a GraphQL request. */
export function parseGraphqlRequest(body: Buffer): GraphqlRequest | SimResponse {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return malformed('Unable to parse the request body as JSON.');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return malformed('The request body must be a JSON object.');
  const { query, variables, operationName } = json as Record<string, unknown>;
  if (typeof query !== 'string' || !query.trim()) return malformed('The request has no GraphQL query.');
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return malformed('variables must be a JSON object.');
  }
  if (operationName != null && typeof operationName !== 'string') return malformed('operationName must be a string.');
  const request: GraphqlRequest = {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: operationName ?? null,
    document: null,
    syntaxError: null,
    name: operationName ?? null,
    fields: [],
  };
  try {
    request.document = parse(query);
  } catch (error) {
    request.syntaxError = error as GraphQLError;
    return request;
  }
  const operation = getOperationAST(request.document, request.operationName);
  if (operation) {
    request.name = request.name ?? operation.name?.value ?? null;
    request.fields = operation.selectionSet.selections.flatMap((node) =>
      node.kind === Kind.FIELD ? [node.name.value] : [],
    );
  }
  return request;
}

/** graphql-java's names for the validation rules, which AppSync puts in its messages. */
const RULE_TYPES = new Map<string, string>([
  ['FieldsOnCorrectTypeRule', 'FieldUndefined'],
  ['KnownArgumentNamesRule', 'UnknownArgument'],
  ['ProvidedRequiredArgumentsRule', 'MissingFieldArgument'],
  ['KnownTypeNamesRule', 'UnknownType'],
  ['ScalarLeafsRule', 'SubSelectionRequired'],
  ['ValuesOfCorrectTypeRule', 'WrongType'],
  ['VariablesInAllowedPositionRule', 'VariableTypeMismatch'],
  ['NoUndefinedVariablesRule', 'UndefinedVariable'],
  ['NoUnusedVariablesRule', 'UnusedVariable'],
  ['KnownDirectivesRule', 'UnknownDirective'],
  ['KnownFragmentNamesRule', 'UndefinedFragment'],
  ['NoUnusedFragmentsRule', 'UnusedFragment'],
  ['PossibleFragmentSpreadsRule', 'InvalidFragmentType'],
  ['OverlappingFieldsCanBeMergedRule', 'FieldsConflict'],
  ['VariablesAreInputTypesRule', 'NonInputTypeOnVariable'],
  ['LoneAnonymousOperationRule', 'LoneAnonymousOperationViolation'],
]);

function locations(error: GraphQLError) {
  return (error.locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
}

function requestError(message: string, error: GraphQLError) {
  return { path: null, locations: locations(error), message };
}

/** Validation errors, each labelled with the rule that raised it (rules run one by one on failure only). */
function validationErrors(schema: GraphQLSchema, document: DocumentNode, rename: (text: string) => string): object[] {
  if (validate(schema, document, specifiedRules).length === 0) return [];
  return specifiedRules.flatMap((rule: ValidationRule) =>
    validate(schema, document, [rule]).map((error) => {
      const type = RULE_TYPES.get(rule.name) ?? rule.name.replace(/Rule$/, '');
      return requestError(`Validation error of type ${type}: ${rename(error.message)}`, error);
    }),
  );
}

const asIs = (text: string) => text;

/** What runs the request: the API's schema, or for `__schema`/`__type` the mirror of AppSync's introspection. */
function target(request: GraphqlRequest & { document: DocumentNode }) {
  if (!isIntrospection(request.fields)) {
    return { schema: getSchema(), document: request.document, rootValue: rootResolvers, rename: asIs };
  }
  const mirror = getMirror();
  return {
    schema: mirror.schema,
    document: toMirrorDocument(request.document),
    fieldResolver: mirror.fieldResolver,
    rename: unmirror,
  };
}

function formatFieldError(error: GraphQLError): object {
  const original = error.originalError;
  const where = { path: error.path ?? null, data: null };
  const at = (error.locations ?? []).map(({ line, column }) => ({ line, column }));
  if (original instanceof ApiError) {
    return { ...where, errorType: original.errorType, errorInfo: null, locations: at, message: original.message };
  }
  if (original) {
    return { ...where, errorType: 'InternalFailure', errorInfo: null, locations: at, message: original.message };
  }
  return { ...where, locations: at, message: error.message };
}

export async function executeGraphql(
  engine: Engine,
  client: ClientRecord,
  request: GraphqlRequest,
  now: number,
): Promise<SimResponse> {
  if (!request.document) {
    const error = request.syntaxError as GraphQLError;
    return jsonResponse(200, { data: null, errors: [requestError(`Invalid Syntax : ${error.message}`, error)] });
  }
  const { rename, ...run } = target({ ...request, document: request.document });
  const invalid = validationErrors(run.schema, run.document, rename);
  if (invalid.length > 0) return jsonResponse(200, { data: null, errors: invalid });
  const result: ExecutionResult = await execute({
    ...run,
    contextValue: { engine, client, now },
    variableValues: request.variables,
    operationName: request.operationName,
  });
  if (!('data' in result) || result.data === undefined) {
    // Variable coercion or operation selection failed: nothing ran.
    return jsonResponse(200, {
      data: null,
      errors: (result.errors ?? []).map((error) => requestError(rename(error.message), error)),
    });
  }
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.map(formatFieldError);
  return jsonResponse(200, body);
}

export function unauthorized(): SimResponse {
  return jsonResponse(401, UNAUTHORIZED_BODY);
}
