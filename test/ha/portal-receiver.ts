import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  messageId: string;
  portalCode: string;
  sequence: number;
}

/** A portal that acknowledges every message and remembers each delivery, repeats included, in arrival order. */
export async function startPortal(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const body = JSON.parse(raw) as Delivery;
      deliveries.push({ messageId: body.messageId, portalCode: body.portalCode, sequence: body.sequence });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/portal`, deliveries, close: () => new Promise((ok) => server.close(() => ok())) };
}
