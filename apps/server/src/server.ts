import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.ts';

export interface ServerOptions extends AppOptions {
  port: number;
  /** How long in-flight requests get to finish at shutdown before their connections are cut (default 5 s). */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Graceful: stops accepting, lets running executions finish (the dispatcher's own bound), ends event streams,
   * waits for in-flight requests (bounded), then flushes the history. Closes the dispatcher, history and store.
   */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const fireflow = createApp(options);
  const server = http.createServer(fireflow.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const grace = options.shutdownGraceMs ?? 5_000;
  let closing: Promise<void> | null = null;

  async function shutdown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Runs finish while the feed still relays, so `?wait=1` callers and event streams see them settle.
    await bounded(options.dispatcher.close(), grace + 1_000);
    fireflow.close();
    // Keep-alive sockets go idle as their last responses finish; close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    server.closeIdleConnections();
    await bounded(stopped, grace);
    clearInterval(sweep);
    server.closeAllConnections();
    await options.runHistory.close();
    options.flowStore.close();
  }

  return {
    url: `http://${urlHost(options.host)}:${port}`,
    port,
    close: () => (closing ??= shutdown()),
  };
}
