import {
  buildSchema,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery,
  type IntrospectionType,
  introspectionFromSchema,
  Kind,
  visit,
} from 'graphql';

// Move's API runs on AppSync, whose introspection comes from an older graphql-java: its meta types
// (`__Type` without `specifiedByURL`, `__Directive` with `onOperation`/`onFragment`/`onField`,
// seventeen directive locations) are not graphql-js's. Clients that build a schema from
// introspection (gql and graphql-core 3.2, which Move's Python SDK uses before every call) check
// what they get, so the simulator answers `__schema` and `__type` as AppSync does.
//
// graphql-js always answers meta fields with its own types, and names that begin with `__` are
// reserved. So an introspection operation runs against a mirror schema in which `__Type` is
// `MetaType` (and so on): the operation is renamed on the way in, and its answer is plain data taken
// from the simulator's own schema.

/** AppSync's meta types, written as the mirror's `Meta*` types (names, arguments and types only). */
const META_SDL = /* GraphQL */ `
  type MetaSchema {
    types: [MetaType!]!
    queryType: MetaType!
    mutationType: MetaType
    directives: [MetaDirective!]!
    subscriptionType: MetaType
  }
  type MetaType {
    kind: MetaTypeKind!
    name: String
    description: String
    fields(includeDeprecated: Boolean = false): [MetaField!]
    interfaces: [MetaType!]
    possibleTypes: [MetaType!]
    enumValues(includeDeprecated: Boolean = false): [MetaEnumValue!]
    inputFields: [MetaInputValue!]
    ofType: MetaType
  }
  enum MetaTypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
  type MetaField {
    name: String!
    description: String
    args: [MetaInputValue!]!
    type: MetaType!
    isDeprecated: Boolean!
    deprecationReason: String
  }
  type MetaInputValue {
    name: String!
    description: String
    type: MetaType!
    defaultValue: String
  }
  type MetaEnumValue {
    name: String!
    description: String
    isDeprecated: Boolean!
    deprecationReason: String
  }
  type MetaDirective {
    name: String
    description: String
    locations: [MetaDirectiveLocation!]
    args: [MetaInputValue!]!
    onOperation: Boolean @deprecated(reason: "Use \`locations\`.")
    onFragment: Boolean @deprecated(reason: "Use \`locations\`.")
    onField: Boolean @deprecated(reason: "Use \`locations\`.")
  }
  enum MetaDirectiveLocation {
    QUERY MUTATION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT SCHEMA SCALAR OBJECT
    FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
  }
`;

const META_OBJECTS = ['Schema', 'Type', 'Field', 'InputValue', 'EnumValue', 'Directive'];
const META_NAMES = [...META_OBJECTS, 'TypeKind', 'DirectiveLocation'];

/** The executable mirror: the meta types, a `_typename` standing in for `__typename`, and a root. */
const MIRROR_SDL = `${META_SDL}
  type Query { metaSchema: MetaSchema!  metaType(name: String!): MetaType  _typename: String! }
  ${META_OBJECTS.map((name) => `extend type Meta${name} { _typename: String! }`).join('\n')}
`;

const toMirror = new Map([
  ...META_NAMES.map((name): [string, string] => [`__${name}`, `Meta${name}`]),
  ['__schema', 'metaSchema'],
  ['__type', 'metaType'],
]);
const MIRROR_NAME =
  /\b(Meta(?:Schema|TypeKind|Type|Field|InputValue|EnumValue|DirectiveLocation|Directive)|metaSchema|metaType|_typename)\b/g;
const fromMirror = new Map([...[...toMirror].map(([real, mirror]): [string, string] => [mirror, real])]);
fromMirror.set('_typename', '__typename');

/** Names in a message about the mirror, put back as the client wrote them. */
export function unmirror(message: string): string {
  return message.replace(MIRROR_NAME, (name) => fromMirror.get(name) ?? name);
}

/** True when every root field of the operation is `__schema`, `__type` or `__typename`. */
export function isIntrospection(rootFields: string[]): boolean {
  return (
    rootFields.some((name) => name === '__schema' || name === '__type') &&
    rootFields.every((name) => name.startsWith('__'))
  );
}

/** The operation renamed for the mirror: meta fields and type conditions, `__typename` as `_typename`. */
export function toMirrorDocument(document: DocumentNode): DocumentNode {
  return visit(document, {
    Field(node) {
      const mirror = toMirror.get(node.name.value) ?? (node.name.value === '__typename' ? '_typename' : undefined);
      if (!mirror) return undefined;
      return {
        ...node,
        alias: node.alias ?? { kind: Kind.NAME, value: node.name.value },
        name: { ...node.name, value: mirror },
      };
    },
    NamedType(node) {
      const mirror = toMirror.get(node.name.value);
      return mirror ? { ...node, name: { ...node.name, value: mirror } } : undefined;
    },
  });
}

type Json = Record<string, unknown>;

export interface Mirror {
  schema: GraphQLSchema;
  fieldResolver: GraphQLFieldResolver<unknown, unknown>;
}

const OPERATION_LOCATIONS = ['QUERY', 'MUTATION', 'SUBSCRIPTION'];
const FRAGMENT_LOCATIONS = ['FRAGMENT_DEFINITION', 'FRAGMENT_SPREAD', 'INLINE_FRAGMENT'];

/**
 * AppSync's introspection of `schema`: its own types as graphql-java describes them (an interface
 * lists `interfaces: null`), the meta types above instead of graphql-js's, and its directives as
 * they are (the caller gives the schema AppSync's directives).
 */
export function introspectionOf(schema: GraphQLSchema): IntrospectionQuery['__schema'] {
  const own = introspectionFromSchema(schema).__schema;
  const meta = introspectionFromSchema(buildSchema(`${META_SDL} type Query { x: String }`)).__schema;
  const mirrored = meta.types.filter((type) => type.name.startsWith('Meta'));
  const types = [
    ...own.types.filter((type) => !type.name.startsWith('__')),
    ...(JSON.parse(unmirror(JSON.stringify(mirrored))) as IntrospectionType[]),
  ].map((type) => (type.kind === 'INTERFACE' ? { ...type, interfaces: null } : type)) as IntrospectionType[];
  // graphql-java still answers the flags that came before `locations`.
  const directives = own.directives.map((directive) => ({
    ...directive,
    onOperation: directive.locations.some((at) => OPERATION_LOCATIONS.includes(at)),
    onFragment: directive.locations.some((at) => FRAGMENT_LOCATIONS.includes(at)),
    onField: directive.locations.includes('FIELD' as never),
  }));
  return { ...own, types, directives };
}

/** The mirror schema with its data and resolvers, ready for graphql-js's `execute`. */
export function mirrorOf(schema: GraphQLSchema): Mirror {
  const data = introspectionOf(schema);
  const byName = new Map(data.types.map((type) => [type.name, type as unknown as Json]));
  // Type references in introspection data carry only kind, name and ofType: a named one is looked up.
  const full = (ref: Json): Json => (typeof ref.name === 'string' ? (byName.get(ref.name) ?? ref) : ref);
  const current = (list: unknown, args: Record<string, unknown>) =>
    Array.isArray(list) && !args.includeDeprecated ? list.filter((item: Json) => !item.isDeprecated) : list;

  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _context, info) => {
    const parent = info.parentType.name;
    if (info.fieldName === '_typename') return fromMirror.get(parent) ?? parent;
    if (parent === 'Query') return info.fieldName === 'metaSchema' ? data : (byName.get(args.name as string) ?? null);
    const value = (parent === 'MetaType' ? full(source as Json) : (source as Json))[info.fieldName];
    return info.fieldName === 'fields' || info.fieldName === 'enumValues' ? current(value, args) : (value ?? null);
  };
  return { schema: buildSchema(MIRROR_SDL), fieldResolver };
}
