// Verifies a status message from dvc-workflow (Standard Webhooks signature). Node 18 or later, no dependencies.
const { createHmac, timingSafeEqual } = require('node:crypto');

// How far the message's time may be from ours; older messages are refused as replays.
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks one delivery and returns its message, or throws.
 * @param {string} secret PORTAL_WEBHOOK_SECRET, exactly as configured on the service
 * @param {Record<string, string | string[] | undefined>} headers the request's headers, names in lower case (as Node gives them)
 * @param {string | Buffer} rawBody the body exactly as received, before any JSON parsing
 * @param {number} [nowSeconds] the current time in Unix seconds
 */
function verifyPortalWebhook(secret, headers, rawBody, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') {
    throw new Error('missing webhook-id, webhook-timestamp or webhook-signature');
  }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new Error('webhook-timestamp is outside the tolerance: a replayed or delayed message');
  }
  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest();
  // The header may list several space-separated signatures (e.g. while a secret is rotated); one valid is enough.
  const valid = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) throw new Error('webhook-signature does not match');
  const message = JSON.parse(body.toString('utf8'));
  if (message.messageId !== id) throw new Error('webhook-id does not match the message');
  return message;
}

module.exports = { verifyPortalWebhook };
