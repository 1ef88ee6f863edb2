/** What every runtime entry of `anyproc` re-exports from @anyproc/core: types, errors and helpers. */
export type {
  Command,
  CommonOptions,
  CompletedProcess,
  ExitStatus,
  OpenOptions,
  Process,
  ProcessAdapter,
  RunOptions,
  RunResult,
  StderrMode,
  StdioMode,
} from "@anyproc/core";
export {
  BrokenPipeError,
  BrokenWorkerError,
  CalledProcessError,
  MaxBufferError,
  ProcessError,
  ProcessTimeoutError,
  SIGNALS,
  SpawnError,
  isSignal,
  lines,
  text,
  type Signal,
} from "@anyproc/core";
