/** Every group of conformance cases, by the name it appears under in the matrix. */
import type { Context } from "../_context.js";
import { batchFileCases } from "./batch-files.js";
import { cleanupCases } from "./cleanup.js";
import { commandCases } from "./command.js";
import { disposeCases } from "./dispose.js";
import { envCwdCases } from "./env-cwd.js";
import { errorCases } from "./errors.js";
import { exitCases } from "./exit.js";
import { faultCases } from "./faults.js";
import { inputCases } from "./input.js";
import { outputCases } from "./output.js";
import { pipelineCases } from "./pipeline.js";
import { processTreeCases } from "./process-tree.js";
import { propertyCases } from "./properties.js";
import { redirectCases } from "./redirect.js";
import { signalCases } from "./signals.js";
import { spawnErrorCases } from "./spawn-errors.js";
import { stdioCases } from "./stdio.js";
import { timeoutAbortCases } from "./timeout-abort.js";
import { toProcessCases } from "./to-process.js";
import { validationCases } from "./validation.js";

/** Group name → the function registering its cases. */
export const groups: Record<string, (ctx: Context) => void> = {
  command: commandCases,
  "exit status": exitCases,
  "spawn errors": spawnErrorCases,
  "batch files": batchFileCases,
  stdio: stdioCases,
  input: inputCases,
  output: outputCases,
  "env and cwd": envCwdCases,
  signals: signalCases,
  "timeout and abort": timeoutAbortCases,
  "process tree": processTreeCases,
  dispose: disposeCases,
  errors: errorCases,
  validation: validationCases,
  cleanup: cleanupCases,
  faults: faultCases,
  pipelines: pipelineCases,
  redirection: redirectCases,
  toProcess: toProcessCases,
  properties: propertyCases,
};
