/** Every group of conformance cases, by the name it appears under in the matrix. */
import type { Context } from "../_context.js";
import { commandCases } from "./command.js";

/** Group name → the function registering its cases. */
export const groups: Record<string, (ctx: Context) => void> = {
  command: commandCases,
};
