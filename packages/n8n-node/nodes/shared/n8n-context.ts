// The n8n contexts the Move UGC nodes run in: an execution, a trigger's webhook hooks, a delivery,
// a parameter's option list.
import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

export type MoveContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/** The execution's cancel signal, where the context has one (executions only). */
export function cancelSignal(context: MoveContext): AbortSignal | undefined {
  return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}
