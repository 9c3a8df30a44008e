import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { deliveryHeaders, isCleartextRemote, MAX_RETRY_DELAY_MS, outcomeOf, retryDelayMs, signature, standardSignature } from './delivery-policy';

describe('portal delivery policy', () => {
  it('delivers on 2xx, retries network errors, timeouts, 408, 429 and 5xx, fails other 4xx at once', () => {
    expect(outcomeOf({ status: 204 }, 1, 10)).toEqual({ kind: 'delivered' });
    for (const status of [408, 429, 500, 503]) expect(outcomeOf({ status }, 1, 10)).toEqual({ kind: 'retry', error: `HTTP ${status}` });
    expect(outcomeOf({ error: 'timeout' }, 3, 10)).toEqual({ kind: 'retry', error: 'timeout' });
    for (const status of [400, 401, 404, 410, 422]) expect(outcomeOf({ status }, 1, 10).kind).toBe('failed');
    expect(outcomeOf({ status: 302 }, 1, 10).kind).toBe('failed');
  });

  it('gives up after the last allowed attempt', () => {
    expect(outcomeOf({ status: 503 }, 9, 10).kind).toBe('retry');
    expect(outcomeOf({ status: 503 }, 10, 10)).toEqual({ kind: 'failed', error: 'HTTP 503 (after 10 attempts)' });
  });

  it('doubles the ceiling of the jittered delay from the base, capped at 5 minutes', () => {
    const top = () => 0.999999;
    expect(retryDelayMs(1, 1000, top)).toBe(999);
    expect(retryDelayMs(2, 1000, top)).toBe(1999);
    expect(retryDelayMs(4, 1000, top)).toBe(7999);
    expect(retryDelayMs(30, 1000, top)).toBe(MAX_RETRY_DELAY_MS - 1);
    expect(retryDelayMs(500, 1000, top)).toBe(MAX_RETRY_DELAY_MS - 1);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(0);
    const draws = Array.from({ length: 200 }, () => retryDelayMs(3, 1000));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(4000);
  });

  it('signs the exact body with HMAC-SHA256', () => {
    const body = '{"portalCode":"000.00.51.H55-200512-0001","comment":"Đã tiếp nhận"}';
    expect(signature(body, 's3cret')).toBe(`sha256=${createHmac('sha256', 's3cret').update(Buffer.from(body, 'utf8')).digest('hex')}`);
    expect(signature(body, 's3cret')).not.toBe(signature(`${body} `, 's3cret'));
  });

  it('signs id, timestamp and body the Standard Webhooks way, next to X-Signature', () => {
    const body = '{"messageId":"m-1","sequence":2}';
    const secret = 'k'.repeat(32);
    const at = new Date('2026-11-28T03:00:00.900Z');
    const headers = deliveryHeaders('m-1', body, secret, at);
    expect(headers).toMatchObject({ 'X-Message-Id': 'm-1', 'webhook-id': 'm-1', 'webhook-timestamp': '1795834800', 'X-Signature': signature(body, secret) });
    const mac = createHmac('sha256', secret).update(`m-1.1795834800.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${mac}`);
    // Any change of id, time or body changes the signature.
    expect(standardSignature('m-2', 1795834800, body, secret)).not.toBe(headers['webhook-signature']);
    expect(standardSignature('m-1', 1795834801, body, secret)).not.toBe(headers['webhook-signature']);
    expect(standardSignature('m-1', 1795834800, `${body} `, secret)).not.toBe(headers['webhook-signature']);
  });

  it('is verified by the Standard Webhooks reference library, given the secret in base64', () => {
    const secret = 'portal-webhook-secret-of-32-bytes-or-more';
    const body = '{"messageId":"m-1","sequence":3,"portalCode":"000.00.51.H55-200512-0001","comment":"Đã tiếp nhận"}';
    const headers = deliveryHeaders('m-1', body, secret, new Date());
    const receiver = new Webhook(Buffer.from(secret).toString('base64'));
    expect(receiver.verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => receiver.verify(body.replace('"sequence":3', '"sequence":2'), headers)).toThrow(/No matching signature/);
    const stale = deliveryHeaders('m-1', body, secret, new Date(Date.now() - 10 * 60_000));
    expect(() => receiver.verify(body, stale)).toThrow(/too old/i);
  });

  it('calls plain HTTP to another machine cleartext, and loopback or HTTPS not', () => {
    for (const url of ['http://portal.gov.vn/status', 'http://10.0.0.5:8080/x', 'http://127.example.com/x', 'http://[2001:db8::1]/x']) {
      expect(isCleartextRemote(url)).toBe(true);
    }
    for (const url of ['https://portal.gov.vn/status', 'http://localhost:3001/x', 'http://127.0.0.1:9/x', 'http://127.1.2.3/x', 'http://[::1]:80/x', 'http://portal.localhost/x']) {
      expect(isCleartextRemote(url)).toBe(false);
    }
  });
});
