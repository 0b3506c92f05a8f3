// Debug logging is opt-in through the `logger` option. Entries carry operation names, timings and
// outcomes only: never variables, the API key or URLs with their query strings.

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
}
