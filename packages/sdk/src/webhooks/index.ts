// Verifies Move's webhook deliveries (sent through Svix) and turns them into typed events.
// Platform-neutral: Web Crypto and TextEncoder only, so it runs in Node, browsers, Deno, edge
// runtimes and n8n alike. Error messages never carry the secret or a signature.
//
// The public names only; the modules behind them are internal.
export type { MoveWebhookEvent, MoveWebhookEventName, MoveWebhookPayload } from './event';
export type { WebhookHeaders } from './headers';
export type { WebhookRawBody } from './raw-body';
export { generateWebhookSecret } from './secret';
export { type SignedWebhook, type SignWebhookOptions, signWebhook } from './sign';
export { type VerifyWebhookOptions, verifyWebhook } from './verify';
