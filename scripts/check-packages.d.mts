/**
 * What `pnpm check:packages` requires of a published package beyond publint and attw: `files` lists
 * the tarball's paths (`package/...`), `license` is its `package/LICENSE` (undefined when absent).
 * Returns one message per problem; empty when the package is fine.
 */
export function manifestProblems(
  pkg: { name: string; manifest: Record<string, unknown> },
  files: string[],
  license: string | undefined,
): string[];
