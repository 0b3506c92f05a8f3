import { sortedGetMany } from '../get-many';

export const { fields, execute } = sortedGetMany((session, params) =>
  session.ugc.takes.list(params, { signal: session.signal }),
);
