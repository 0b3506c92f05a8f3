// Proves schema.graphql describes the same API as an introspection result (file or endpoint):
// no breaking or dangerous change either way, and the same structure once descriptions are dropped.
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, findDangerousChanges, specifiedDirectives } from 'graphql';
import { loadIntrospection, printStructure } from './schema-lib.ts';

// The reference: the argument, else MOVE_SCHEMA_REFERENCE (CI sets it). A clone with neither (a
// newcomer's `npm test`) skips the comparison and says how to run it.
const source = process.argv[2] || process.env.MOVE_SCHEMA_REFERENCE;
if (!source) {
  console.log(
    'schema:check skipped: no introspection to compare schema.graphql with. Run `pnpm schema:check <introspection.json | https://endpoint/graphql>` or set MOVE_SCHEMA_REFERENCE.',
  );
  process.exit(0);
}

const local = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
const remote = await loadIntrospection(source);

// graphql-js adds its built-in directives (@specifiedBy, @oneOf, wider @deprecated) to any schema
// built from SDL; an older server's introspection lacks them. They are not part of the Move API.
const builtIns = specifiedDirectives.map((d) => d.name);
const aboutBuiltIn = (description: string) => builtIns.some((n) => new RegExp(`\\b${n}\\b`).test(description));

const problems: string[] = [];
for (const [label, from, to] of [
  ['schema.graphql -> introspection', local, remote],
  ['introspection -> schema.graphql', remote, local],
] as const) {
  for (const c of [...findBreakingChanges(from, to), ...findDangerousChanges(from, to)]) {
    if (c.type.startsWith('DIRECTIVE_') && aboutBuiltIn(c.description)) continue;
    problems.push(`${label}: ${c.type}: ${c.description}`);
  }
}

const a = printStructure(local).split('\n');
const b = printStructure(remote).split('\n');
const onlyLocal = a.filter((l) => !b.includes(l));
const onlyRemote = b.filter((l) => !a.includes(l));
for (const l of onlyLocal) problems.push(`only in schema.graphql: ${l.trim()}`);
for (const l of onlyRemote) problems.push(`only in introspection: ${l.trim()}`);
if (problems.length === 0 && a.join('\n') !== b.join('\n')) problems.push('same lines, different order');

if (problems.length > 0) {
  console.error(`schema.graphql differs from ${source}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`schema.graphql matches ${source}`);
