// A throwaway npm registry on localhost, in memory: just enough of the protocol for `npm publish`,
// `pnpm publish`, `npm info` and `npm install` to work against it, so the release and install tests run
// the real commands without touching the public registry.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Version {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  dist: { tarball: string; shasum: string; integrity: string };
  [field: string]: unknown;
}

interface Packument {
  name: string;
  "dist-tags": Record<string, string>;
  versions: Record<string, Version>;
}

export interface LocalRegistry {
  /** The registry's address, with a trailing slash, as npm's `registry` setting wants it. */
  url: string;
  /** The auth token line for an .npmrc (npm refuses to publish without one). */
  npmrcAuthLine: string;
  /** Each package's published versions, in the order they arrived. */
  published(): Map<string, string[]>;
  /** The manifest of a published version, as the registry serves it to installers. */
  manifest(name: string, version: string): Version | undefined;
  /** Makes a tarball installable, as if it had been published (the install test packs, then serves). */
  add(manifest: Record<string, unknown> & { name: string; version: string }, tarball: Buffer): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startRegistry(): Promise<LocalRegistry> {
  const packuments = new Map<string, Packument>();
  const tarballs = new Map<string, Buffer>();
  const order = new Map<string, string[]>();
  let base = "";

  const add = (manifest: Record<string, unknown> & { name: string; version: string }, tarball: Buffer): void => {
    const file = `${manifest.name.replace("/", "-").replace("@", "")}-${manifest.version}.tgz`;
    tarballs.set(file, tarball);
    const doc = packuments.get(manifest.name) ?? { name: manifest.name, "dist-tags": {}, versions: {} };
    if (doc.versions[manifest.version]) throw new Error(`${manifest.name}@${manifest.version} is already published`);
    doc.versions[manifest.version] = {
      ...manifest,
      dist: {
        tarball: `${base}-/${file}`,
        shasum: createHash("sha1").update(tarball).digest("hex"),
        integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
      },
    };
    doc["dist-tags"].latest = manifest.version;
    packuments.set(manifest.name, doc);
    order.set(manifest.name, [...(order.get(manifest.name) ?? []), manifest.version]);
  };

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", base).pathname.slice(1));
    if (req.method === "GET" && path.startsWith("-/")) {
      const tarball = tarballs.get(path.slice(2));
      if (!tarball) return send(res, 404, { error: "not found" });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return res.end(tarball);
    }
    if (req.method === "GET") {
      const doc = packuments.get(path);
      return doc ? send(res, 200, doc) : send(res, 404, { error: "not found" });
    }
    if (req.method === "PUT") {
      // `npm publish` sends the packument of the new version with the tarball as a base64 attachment.
      readBody(req).then(
        (body) => {
          const doc = JSON.parse(body.toString("utf8")) as {
            versions: Record<string, Record<string, unknown> & { name: string; version: string }>;
            _attachments: Record<string, { data: string }>;
          };
          const [manifest] = Object.values(doc.versions);
          const [attachment] = Object.values(doc._attachments);
          if (!manifest || !attachment) return send(res, 400, { error: "no version or no tarball" });
          try {
            add(manifest, Buffer.from(attachment.data, "base64"));
          } catch (e) {
            return send(res, 409, { error: (e as Error).message });
          }
          send(res, 201, { ok: true });
        },
        (e: unknown) => send(res, 500, { error: String(e) }),
      );
      return;
    }
    send(res, 405, { error: "method not allowed" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    npmrcAuthLine: `//127.0.0.1:${port}/:_authToken=local-test-token`,
    published: () => new Map(order),
    manifest: (name, version) => packuments.get(name)?.versions[version],
    add,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
