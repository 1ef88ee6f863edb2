/**
 * Pipes between the stages of a pipeline on Deno, POSIX only. `Deno.Command` cannot give a child a descriptor,
 * so two stages are joined by a FIFO that each child opens itself, and the bytes pass from one child to the next
 * without Deno reading them:
 *
 * 1. A preflight `/bin/sh` with the stage's cwd and environment resolves the command as a direct spawn would
 *    (the {@link RESOLVE} script of `_merge-stderr.ts`), so that a missing or non-executable command is a spawn
 *    error and never an exit code of a shell; for a stage whose stdout is a link it also makes the FIFO
 *    (`mkfifo -m 600`, found with `command -p`, in this process's private 0700 folder).
 * 2. The stage runs as `/bin/sh -c LINKED`, which opens its stdin FIFO, then its stdout FIFO, applies
 *    `stderr: "stdout"` with `2>&1`, and `exec`s the resolved command: pid, exit status and signals are the
 *    command's own. Opening a FIFO waits for its other end; every stage opens its stdin before its stdout, so
 *    the opens pair off along the pipeline and none waits for a stage after it.
 * 3. A link is closed (core does so once either of its stages has exited) as @anyproc/channel's `FifoPlace`
 *    lets go of a FIFO: a child still waiting in its open is let through, one that had not reached it finds no
 *    FIFO. A reader then reads from `/dev/null`, and a writer ends itself with SIGPIPE: what a shell's pipe
 *    gives the reader of a writer that has gone, and the writer of a reader that has gone.
 *
 * Links need run access to `/bin/sh` and read and write access to the temporary folder; without them (and on
 * Windows) the adapter offers none and core copies a pipeline's bytes from one child to the next.
 */
import { type FifoPlace, folderBase, newFifoPlace } from "@anyproc/channel";
import type { SpawnRequest, StdoutLink } from "@anyproc/core";
import { Deno, type DenoCommandOptions, granted } from "./_deno-api.ts";
import { RESOLVE, resolveArgs, SHELL, verdictError } from "./_merge-stderr.ts";

/** Whether this Deno may join stages with FIFOs (see the module comment); asked once per pipeline. */
export function linksAvailable(): boolean {
  if (Deno.build.os === "windows") return false;
  const base = folderBase();
  return granted({ name: "run", command: SHELL }) && granted({ name: "read", path: base }) && granted({ name: "write", path: base });
}

/** The resolved command (`$f` printed) after making the stdout FIFO `$1` when it is not empty. */
const PREFLIGHT = `${RESOLVE}[ -z "$1" ] || command -p mkfifo -m 600 "$1" || exit 125
printf %s "$f"`;

/** Opens stdin from FIFO `$1` and stdout to FIFO `$2` (each when not empty), merges stderr when `$3` is 1, execs the rest. */
const LINKED = `i=$1 o=$2 m=$3
shift 3
[ -z "$i" ] || { command exec <"$i"; } 2>/dev/null || exec </dev/null
[ -z "$o" ] || { command exec >"$o"; } 2>/dev/null || { kill -s PIPE $$; exit 141; }
[ "$m" != 1 ] || exec 2>&1
exec "$@"`;

/** The FIFOs this adapter made for links, by the link core holds. */
const fifos = new WeakMap<StdoutLink, FifoPlace>();

/** The FIFO of an open link of this adapter; a clear error for anything else. */
export function linkedFifo(link: StdoutLink): string {
  const place = fifos.get(link);
  if (!place) throw new TypeError("`stdinLink` is not an open link of the Deno adapter: pass the `link` of a child it spawned");
  return place.path;
}

/** A new link: its FIFO is made by the preflight of the stage that writes to it. */
export function newLink(): { readonly link: StdoutLink; readonly path: string } {
  const place = newFifoPlace();
  const link: StdoutLink = {
    close() {
      fifos.delete(link);
      place.release();
    },
  };
  fifos.set(link, place);
  return { link, path: place.path };
}

/**
 * Resolves `request.file` in the child's cwd and environment and, with `fifo`, makes that FIFO; resolves with
 * the command's absolute path, rejects with the spawn error a direct spawn would give (or with what `spawn`
 * of the preflight threw, for the caller to word).
 */
export async function preflight(
  request: SpawnRequest,
  env: Pick<DenoCommandOptions, "env" | "clearEnv">,
  lookupPath: string | undefined,
  fifo: string,
): Promise<string> {
  const options: DenoCommandOptions = {
    args: ["-c", PREFLIGHT, "anyproc", ...resolveArgs(request.file, lookupPath), fifo],
    ...env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    detached: false,
  };
  if (request.cwd !== undefined) options.cwd = request.cwd;
  const { code, stdout, stderr } = await new Deno.Command(SHELL, options).output();
  const decoder = new TextDecoder();
  if (code === 0) return decoder.decode(stdout);
  throw verdictError(decoder.decode(stderr), request.file);
}

/** The shell's arguments for running `file args` (resolved) between the FIFOs `stdin` and `stdout` ("" for none). */
export function linkedArgs(stdin: string, stdout: string, merge: boolean, file: string, args: readonly string[]): string[] {
  return ["-c", LINKED, "anyproc", stdin, stdout, merge ? "1" : "", file, ...args];
}
