export declare const packageDir: string;
export declare const distFile: string;
/** The bundle's text, as `node scripts/build.mjs` writes it to dist/index.js. */
export declare function bundle(): Promise<string>;
