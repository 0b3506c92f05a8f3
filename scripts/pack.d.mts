/** Packs the package in `dir` into `destination` with pnpm (workspace: ranges resolved); the tarball's path. */
export function packWorkspacePackage(dir: string, destination: string): Promise<string>;
/** Packs an installed package directory as it is, with npm; the tarball's path. */
export function packInstalledPackage(dir: string, destination: string): Promise<string>;
/** Makes an empty project at `appDir` and npm-installs the tarballs into it, offline. */
export function installTarballs(appDir: string, tarballs: string[]): Promise<void>;
