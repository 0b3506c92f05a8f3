// `expand` turns optional sub-selections on (`@include(if: $withOutputs)` in the documents), so the
// document never changes at run time, and the result type gains exactly the fields asked for.
import { MoveValidationError } from './errors';

/** `T` without its expandable fields, plus the chosen ones made present. */
export type Expanded<T, All extends keyof T, Chosen extends All> = Omit<T, All> & Required<Pick<T, Chosen>>;

type IncludeVariable<K extends string> = `with${Capitalize<K>}`;
export type ExpandVariables<K extends string> = { [P in K as IncludeVariable<P>]?: boolean };

export function expandVariables<K extends string>(
  allowed: readonly K[],
  expand: readonly K[] | undefined,
  operation: string,
): ExpandVariables<K> {
  const vars: Record<string, boolean> = {};
  for (const key of expand ?? []) {
    if (!allowed.includes(key)) {
      throw new MoveValidationError(
        `${operation} cannot expand "${String(key)}"; choose from: ${allowed.join(', ')}.`,
        'expand',
      );
    }
    vars[`with${key.charAt(0).toUpperCase()}${key.slice(1)}`] = true;
  }
  return vars as ExpandVariables<K>;
}
