// Lints what n8n actually loads, the bundled dist/**/*.js and package.json, the way n8n's community
// package scanner checks a published tarball: the n8n Cloud rule set (restricted globals such as
// setTimeout, process and globalThis; imports other than n8n-workflow; console) plus the package
// rules. Bundling pulls @move-ugc/core and @move-ugc/sdk in, so this is where their code is checked.
//   node scripts/scan-dist.mjs        (after `pnpm build`)
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { ESLint } from 'eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, 'dist'))) {
  console.error('scan-dist: no dist/ yet; run `pnpm build` first.');
  process.exit(2);
}

const files = [
  'package.json',
  ...readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => join('dist', file)),
];

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  allowInlineConfig: false,
  overrideConfig: [
    n8nCommunityNodesPlugin.configs.recommended,
    { rules: { 'no-console': 'error' } },
    { plugins: { 'n8n-nodes-base': n8nNodesBase } },
    { files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
    { files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
    { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' } },
  ],
});

const results = await eslint.lintFiles(files);
const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
const output = await (await eslint.loadFormatter('stylish')).format(results);
if (output) console.log(output);
console.log(`scan-dist: ${files.length} files, ${errors} error${errors === 1 ? '' : 's'}.`);
process.exit(errors > 0 ? 1 : 0);
