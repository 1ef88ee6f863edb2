// The import of the anyproc package and one call that runs `true` with its output collected, awaited, as a
// user writes it (a non-zero exit rejects, so the script fails).
import { runProcess } from "anyproc";

await runProcess(["true"]);
