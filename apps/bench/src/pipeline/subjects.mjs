// The operations a pipeline-suite measurement can run, by the `op` names of scenarios.mjs: each takes the
// scenario's command (argv, stages or a /bin/sh script) and resolves to the bytes it moved, for the check.
import { cookbookPipeline, defaultReader, forAwait, linesOp, runPipelineOp, textOp } from "./anyproc-ops.mjs";
import { byobRead, nativeDefaultRead, shPipeline } from "./native.mjs";

/** Operation name → `(command) => Promise<bytes moved>`. */
export const OPS = {
  shPipeline,
  runPipeline: runPipelineOp,
  cookbookPipeline,
  byobRead,
  nativeDefaultRead,
  defaultReader,
  forAwait,
  lines: linesOp,
  text: textOp,
};
