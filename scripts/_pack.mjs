/**
 * What the packaging checks share: the published packages and how to pack one the way it is published
 * (`pnpm pack`, which rewrites `workspace:*` to the version). Used by check-packages.mjs, check-install.mjs and
 * check-conformance-example.mjs.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The published packages, by directory under packages/, dependencies before their dependents. */
export const PACKAGES = ["core", "channel", "node", "bun", "deno", "conformance", "anyproc"];

/**
 * The path of an executable installed in the root's node_modules/.bin.
 * @param {string} name
 * @returns {string}
 */
export const bin = (name) => join(root, "node_modules", ".bin", name);

/**
 * Packs packages/`dir` with `pnpm pack` into the empty folder `dest` (created if missing).
 * @param {string} dir a directory under packages/
 * @param {string} dest
 * @returns {{ pkg: Record<string, any>, pkgDir: string, tarball: string }} its package.json, folder and tarball path
 */
export function packPackage(dir, dest) {
  const pkgDir = join(root, "packages", dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  execFileSync(bin("pnpm"), ["pack", "--pack-destination", dest], { cwd: pkgDir, stdio: "pipe" });
  const tgz = readdirSync(dest).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error(`pnpm pack produced no tarball for ${pkg.name}`);
  return { pkg, pkgDir, tarball: join(dest, tgz) };
}
