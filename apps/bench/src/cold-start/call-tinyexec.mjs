// The import of the tinyexec package and one call that runs `true` with its output collected, awaited, as a
// user writes it; `x` resolves even when the command fails, so the script checks the exit code.
import { x } from "tinyexec";

const { exitCode } = await x("true");
if (exitCode !== 0) throw new Error(`true: exit ${exitCode}`);
