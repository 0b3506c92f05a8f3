// schema.graphql is embedded as text at build time (tsup's text loader, a vite transform in tests).
declare module '*.graphql' {
  const text: string;
  export default text;
}
