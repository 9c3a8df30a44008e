// Types for verify-portal-webhook.js, so TypeScript code (and the test that runs the snippet) can import it.
export interface PortalStatusMessage {
  messageId: string;
  sequence: number;
  portalCode: string;
  status: string;
  state: string;
  [field: string]: unknown;
}

export function verifyPortalWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string | Buffer,
  nowSeconds?: number,
): PortalStatusMessage;
