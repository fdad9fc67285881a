import net from "node:net";

/**
 * A TCP proxy on a loopback port that forwards every connection to `target`. `cut()` makes the
 * port go dark the way a crashed server or a broken network does: open connections are reset and
 * the listening socket is closed (new connections are refused). `restore()` listens again on the
 * same port, so clients configured with the proxy's address simply reconnect.
 */
export interface TcpProxy {
  port: number;
  /** Connections accepted so far (a cut does not reset it). */
  readonly connections: number;
  readonly isCut: boolean;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let connections = 0;
  let cut = false;

  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", destroyBoth);
    upstream.on("error", destroyBoth);
    client.on("close", destroyBoth);
    upstream.on("close", destroyBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      // server.close waits for open connections: reset them so it completes at once.
      for (const socket of [...open]) socket.resetAndDestroy();
      open.clear();
    });

  await listen(0);
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    get connections() {
      return connections;
    },
    get isCut() {
      return cut;
    },
    async cut() {
      cut = true;
      await stopListening();
    },
    async restore() {
      cut = false;
      await listen(port);
    },
    async close() {
      await stopListening();
    },
  };
}
