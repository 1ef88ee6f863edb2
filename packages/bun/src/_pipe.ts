/**
 * A real pipe for `stderr: "stdout"`. Bun.spawn takes a file descriptor number for any stdio slot but has
 * no API that makes a pipe, so `pipe2(2)` is called from libc through bun:ffi (Linux, glibc or musl). The
 * write end goes into the child as fd 1 and fd 2 (one file description, so the order of writes is kept);
 * the read end is read with Bun's own non-blocking file reader and closed by us, since Bun never closes
 * a descriptor it did not open.
 * https://bun.com/docs/runtime/ffi
 */
import type * as BunFfi from "bun:ffi";
import { closeSync } from "node:fs";
import { constants } from "node:os";
import { linuxOnlyPaths } from "@anyproc/channel";

/** The two ends of a pipe, both close-on-exec. */
export interface Pipe {
  readonly readFd: number;
  readonly writeFd: number;
}

/** `O_CLOEXEC` on Linux (x86-64 and arm64). */
const O_CLOEXEC = 0o2000000;

type Libc = { pipe2(fds: Int32Array, flags: number): number; errno(): number };

let libc: Libc | null | undefined;

/** True when {@link openPipe} can make a pipe on this platform. */
export function pipeAvailable(): boolean {
  libc ??= loadLibc();
  return libc !== null;
}

/** Makes a close-on-exec pipe; throws an error with the errno name as `code` when the kernel refuses. */
export function openPipe(): Pipe {
  libc ??= loadLibc();
  if (libc === null) throw new Error("pipe2() is not available on this platform");
  const fds = new Int32Array(2);
  if (libc.pipe2(fds, O_CLOEXEC) !== 0) {
    const errno = libc.errno();
    const code = Object.entries(constants.errno).find(([, n]) => n === errno)?.[0] ?? "EUNKNOWN";
    throw Object.assign(new Error(`${code}: cannot create a pipe for stderr: "stdout"`), { code, errno: -errno, syscall: "pipe2" });
  }
  return { readFd: fds[0] as number, writeFd: fds[1] as number };
}

/** Closes `fd`, ignoring errors (it may already be closed). */
export function closeFd(fd: number): void {
  try {
    closeSync(fd);
  } catch {}
}

/**
 * The read end of a pipe as a web stream. The descriptor is closed once the stream ends, errors or is
 * cancelled.
 */
export function pipeReadable(fd: number): ReadableStream<Uint8Array> {
  const reader = Bun.file(fd).stream().getReader();
  let open = true;
  const close = () => {
    if (open) {
      open = false;
      closeFd(fd);
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            close();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          close();
          controller.error(error);
        }
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => {});
        close();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Loads `pipe2` and `__errno_location` from the C library, or null when there is none we know of. bun:ffi
 * is fetched with `process.getBuiltinModule` so that bundlers leave it alone and nothing loads before use.
 */
function loadLibc(): Libc | null {
  if (!linuxOnlyPaths()) return null;
  const ffi = process.getBuiltinModule?.("bun:ffi") as typeof BunFfi | undefined;
  if (!ffi) return null;
  const { dlopen, read } = ffi;
  const arch = process.arch === "x64" ? "x86_64" : process.arch === "arm64" ? "aarch64" : process.arch;
  for (const name of ["libc.so.6", `libc.musl-${arch}.so.1`]) {
    try {
      const { symbols } = dlopen(name, {
        pipe2: { args: ["ptr", "i32"], returns: "i32" },
        __errno_location: { args: [], returns: "ptr" },
      });
      return {
        pipe2: (fds, flags) => symbols.pipe2(fds, flags),
        errno: () => {
          const at = symbols.__errno_location();
          return at === null ? 0 : read.i32(at, 0);
        },
      };
    } catch {}
  }
  return null;
}
