#!/usr/bin/env node
// Keeps docs/bad-input.md and the tests in step: every row's id (BI-nn) appears in exactly the
// test files the row names, and every BI id in a test is a row of the catalogue.
// Usage: node scripts/check-bad-input.mjs [catalogue.md]   (exit 1 with a list of mismatches)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const catalogue = resolve(process.argv[2] ?? join(root, 'docs', 'bad-input.md'));
const ID = /\bBI-\d{2,}\b/g;

/** Rows of the table: id -> test files named in its last column. */
function parseCatalogue(text) {
  const rows = new Map();
  const problems = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!/^\|\s*BI-/.test(line)) continue;
    const cells = line
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    const id = cells[0];
    const files = [...cells.at(-1).matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    if (!/^BI-\d{2,}$/.test(id)) problems.push(`line ${index + 1}: "${id}" is not an id like BI-07`);
    else if (rows.has(id)) problems.push(`line ${index + 1}: ${id} is a row twice`);
    else if (cells.length !== 6) problems.push(`line ${index + 1}: ${id} has ${cells.length} cells, not 6`);
    else if (files.length === 0) problems.push(`line ${index + 1}: ${id} names no test file`);
    else rows.set(id, new Set(files));
  }
  return { rows, problems };
}

/** Test files of every package: `*.test.ts` and `*.e2e.test.ts` outside node_modules and dist. */
function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(path));
    else if (/\.test\.[cm]?[jt]s$/.test(entry.name)) found.push(path);
  }
  return found;
}

function check(text, tests) {
  const { rows, problems } = parseCatalogue(text);
  const seen = new Map(); // id -> files it appears in
  for (const [file, source] of tests) {
    for (const [id] of source.matchAll(ID)) {
      if (!seen.has(id)) seen.set(id, new Set());
      seen.get(id).add(file);
    }
  }
  for (const [id, files] of rows) {
    const actual = seen.get(id) ?? new Set();
    for (const file of files)
      if (!actual.has(file)) problems.push(`${id}: the row names ${file}, but no test there carries ${id}`);
    for (const file of actual)
      if (!files.has(file)) problems.push(`${id}: ${file} carries ${id}, but the row does not name that file`);
  }
  for (const [id, files] of seen)
    if (!rows.has(id)) problems.push(`${id}: used in ${[...files].join(', ')}, but not a row of the catalogue`);
  return { rows: rows.size, problems };
}

const tests = ['packages', 'tests']
  .flatMap((folder) => testFiles(join(root, folder)))
  .map((path) => [relative(root, path), readFileSync(path, 'utf8')]);
const { rows, problems } = check(readFileSync(catalogue, 'utf8'), tests);
if (rows < 30) problems.push(`the catalogue has ${rows} rows; it should have at least 30`);
if (problems.length > 0) {
  console.error(`${relative(root, catalogue)} and the tests disagree:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`${relative(root, catalogue)}: ${rows} bad inputs, each proven by the tests it names.`);
