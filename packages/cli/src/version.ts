declare const __VERSION__: string;

/** Set from package.json at build time; `dev` when run from source. */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
