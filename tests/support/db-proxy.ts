// A TCP proxy in front of the test PostgreSQL, so a test can take the database
// away from a running app (every connection cut, new ones refused) and bring it
// back on the same address, as a network outage or a restart of the server does.
import net from "node:net";

export type DbProxy = { url: (databaseUrl: string) => string; stop: () => Promise<void>; start: () => Promise<void> };

/** Where `databaseUrl` connects: its Unix socket (?host=/dir) or host and port. */
function targetOf(databaseUrl: string): net.NetConnectOpts {
  const url = new URL(databaseUrl);
  const port = Number(url.port || 5432);
  const socketDir = url.searchParams.get("host");
  return socketDir ? { path: `${socketDir}/.s.PGSQL.${port}` } : { host: url.hostname, port };
}

export async function startDbProxy(databaseUrl: string, port: number): Promise<DbProxy> {
  const target = targetOf(databaseUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {});
          s.on("close", () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await start();
  return {
    url(u: string) {
      const url = new URL(u);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      url.searchParams.delete("host");
      return url.toString();
    },
    stop,
    start,
  };
}
