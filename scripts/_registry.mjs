/**
 * A throwaway npm registry on 127.0.0.1 that serves packed tarballs, so that a package manager (Deno's npm
 * resolver in check-install.mjs) installs the packages exactly as it would from npmjs.org: it fetches each
 * package document, picks the version, downloads the tarball and checks its integrity. Nothing else is served:
 * a request for any other package is a 404, so nothing can come from the real registry.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { basename } from "node:path";

/**
 * Starts the registry serving `tarballs`.
 * @param {string[]} tarballs paths of `.tgz` files made by `pnpm pack`
 * @returns {Promise<{ url: string, requests: string[], close(): Promise<void> }>} its base URL (ending in "/"),
 *   the paths requested so far, and how to stop it
 */
export async function startRegistry(tarballs) {
  const packages = new Map();
  const files = new Map();
  for (const tarball of tarballs) {
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
    const bytes = readFileSync(tarball);
    const file = basename(tarball);
    files.set(file, bytes);
    const dist = {
      file,
      shasum: createHash("sha1").update(bytes).digest("hex"),
      integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
    };
    packages.set(manifest.name, { manifest, dist });
  }
  const requests = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://registry").pathname);
    requests.push(path);
    const tarball = path.startsWith("/-/") ? files.get(path.slice(3)) : undefined;
    if (tarball) {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": tarball.length });
      response.end(tarball);
      return;
    }
    const entry = packages.get(path.slice(1));
    if (!entry) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "not found" }));
      return;
    }
    const { manifest, dist } = entry;
    const base = `http://${request.headers.host}/-/`;
    const document = {
      name: manifest.name,
      "dist-tags": { latest: manifest.version },
      versions: {
        [manifest.version]: {
          ...manifest,
          dist: { tarball: `${base}${dist.file}`, shasum: dist.shasum, integrity: dist.integrity },
        },
      },
    };
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(document));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
