import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowBundle } from '@fireflow/protocol';
import { HttpError } from '../http/errors.ts';
import { acceptDelivery, type AcceptContext } from './accept.ts';
import { hookPath, webhookNodes } from './mock-endpoints.ts';

const MAX_BODY_BYTES = 1 << 20;

export interface HookReceiver {
  url: string;
  close(): Promise<void>;
}

/**
 * `fireflow run` has no server, so it listens on a loopback port of its own for the built-in mock's deliveries to
 * this one flow's webhook nodes, and handles them exactly as the server's hook route does.
 */
export async function startHookReceiver(
  flowId: string,
  bundle: FlowBundle,
  secrets: ReadonlyMap<string, string>,
  ctx: AcceptContext,
): Promise<HookReceiver> {
  const nodes = new Map(webhookNodes(bundle.flow).map((node) => [hookPath(flowId, node.id), node]));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const node = req.method === 'POST' ? nodes.get(req.url ?? '') : undefined;
      const secret = node ? secrets.get(`${flowId}/${node.id}`) : undefined;
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!node || secret === undefined || size > MAX_BODY_BYTES) return reply(404, { error: { code: 'NOT_FOUND' } });
      const signature = req.headers['stripe-signature'];
      acceptDelivery(
        {
          flowId,
          bundle,
          node,
          payload: Buffer.concat(chunks),
          signature: Array.isArray(signature) ? signature[0] : signature,
          secret,
        },
        ctx,
      ).then(
        (answer) => reply(200, answer),
        (error: unknown) => {
          if (error instanceof HttpError)
            return reply(error.status, { error: { code: error.code, message: error.message } });
          ctx.logger.error('webhook delivery failed', error);
          reply(500, { error: { code: 'INTERNAL' } });
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
