// A small static HTTP server for the browser test: on 127.0.0.1 (random port), it serves the test page
// at "/" and, under "/<name>/", only the directories it is given (pnpm symlinks resolved), with the MIME
// types a browser needs (application/wasm for instantiateStreaming, text/javascript for module scripts).

import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";

const mimeTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
};

export interface StaticServer {
  /** "http://127.0.0.1:<port>" */
  origin: string;
  /** The requests answered with an error status ("404 /path"), for failure reports. */
  errors: string[];
  close(): Promise<void>;
}

/** Serves `page` at "/" and each `roots[name]` directory under "/<name>/". */
export async function startStaticServer(page: string, roots: Record<string, string>): Promise<StaticServer> {
  const realRoots = new Map(Object.entries(roots).map(([name, dir]) => [name, realpathSync(dir)]));
  const errors: string[] = [];

  /** The file a URL path names, or undefined when it is outside the served directories or missing. */
  const fileOf = (path: string): string | undefined => {
    if (path === "/") return page;
    const [, name = "", ...rest] = path.split("/");
    const root = realRoots.get(name);
    if (root === undefined || rest.includes("..")) return undefined;
    try {
      const file = realpathSync(join(root, ...rest));
      return file.startsWith(root + sep) && statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  };

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = req.method === "GET" ? fileOf(path) : undefined;
    if (file === undefined) {
      errors.push(`404 ${req.method} ${path}`);
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": mimeTypes[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
