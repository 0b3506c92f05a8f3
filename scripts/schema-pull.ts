// Maintainers: rewrite schema.graphql from the live API's introspection (needs MOVE_API_KEY).
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_ENDPOINT, loadIntrospection, printStructure } from './schema-lib.ts';

const endpoint = process.argv[2] ?? process.env.MOVE_API_ENDPOINT ?? DEFAULT_ENDPOINT;
const target = new URL('../schema.graphql', import.meta.url);
const header = readFileSync(target, 'utf8').match(/^(#.*\n)+\n/)?.[0] ?? '';
writeFileSync(target, header + printStructure(await loadIntrospection(endpoint)));
console.log(`schema.graphql rewritten from ${endpoint}`);
