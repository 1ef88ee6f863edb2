// The portable lanes: the conformance suite with anyproc's Linux-only paths turned off, as on macOS. Two
// things do it: the switch that makes anyproc take its portable paths (PORTABLE_VARIABLE), and, so that no Linux-only path can go unnoticed, tools/no-linux-only.c preloaded into every process of the
// lane: abstract Unix socket addresses and /proc are gone there, as on a Mac.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PORTABLE_VARIABLE } from "@anyproc/channel";
import { ROOT } from "./paths.mjs";

const SOURCE = join(ROOT, "test-matrix", "tools", "no-linux-only.c");
const LIBRARY = join(ROOT, "test-matrix", ".cache", "no-linux-only.so");

/** Builds the preload library with the C compiler if it is missing or older than its source; returns its path. */
export function noLinuxOnlyLibrary() {
  if (!existsSync(LIBRARY) || statSync(LIBRARY).mtimeMs < statSync(SOURCE).mtimeMs) {
    mkdirSync(join(LIBRARY, ".."), { recursive: true });
    execFileSync("cc", ["-shared", "-fPIC", "-O2", "-Wall", "-o", LIBRARY, SOURCE, "-ldl"], { stdio: "inherit" });
  }
  return LIBRARY;
}

/** The environment a portable lane adds: the switch on, and the library preloaded. */
export function portableEnv() {
  return { [PORTABLE_VARIABLE]: "1", LD_PRELOAD: noLinuxOnlyLibrary() };
}
