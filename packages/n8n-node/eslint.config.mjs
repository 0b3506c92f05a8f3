// n8n's community-node lint, as `n8n-node lint` (@n8n/node-cli 0.48.3) and n8n's verification scanner
// configure it: the n8n Cloud ("strict") rule set of @n8n/eslint-plugin-community-nodes and the
// package, credential and node rules of eslint-plugin-n8n-nodes-base, over the TypeScript sources
// and package.json. (@n8n/node-cli itself is not a dependency: it brings ~600 packages, LangChain
// among them, into every install.) Formatting and general style are Biome's, at the repository root.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const cloud = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test', 'e2e', 'scripts', '*.config.ts', '*.config.mjs'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended, cloud],
    rules: { 'prefer-spread': 'off', 'no-console': 'error' },
  },
  { plugins: { 'n8n-nodes-base': n8nNodesBase } },
  {
    files: ['package.json'],
    extends: [cloud],
    rules: { ...n8nNodesBase.configs.community.rules },
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
  },
  {
    files: ['credentials/**/*.ts'],
    rules: {
      ...n8nNodesBase.configs.credentials.rules,
      'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
      'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
    },
  },
  {
    files: ['nodes/**/*.ts'],
    rules: {
      ...n8nNodesBase.configs.nodes.rules,
      'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
      'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
      'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
    },
  },
);
