/**
 * Validation of runPipeline's and openPipeline's stages and options: each stage becomes a {@link Plan} as
 * runProcess's command would, with the pipeline's options under its own. Nothing here spawns.
 */
import { formatCommand } from "./_format.js";
import { COMMON, checkKeys, type Plan, type Policy, planCommon, RUN_ONLY, type RunSettings, runSettings, stdio } from "./_options.js";
import type { OpenPipelineOptions, RunPipelineOptions, StageOptions } from "./pipeline-types.js";
import { describeValue } from "./signals.js";
import type { CommonOptions } from "./types.js";

/** A validated pipeline: a plan per stage (stdin of the first and stdout of the last as asked, pipes between). */
export interface PipelinePlan {
  readonly stages: readonly Plan[];
  /** The policy of the whole pipeline (every stage's is the same). */
  readonly policy: Policy;
  /** The pipeline as a line, for messages: `yes | head -1`. */
  readonly text: string;
}

/** A validated runPipeline call. */
export interface RunPipelinePlan extends PipelinePlan, Omit<RunSettings, "stdin"> {}

/** `detached` is left out: a pipeline's stages are stopped together, which a detached stage is meant not to be. */
const PIPELINE_COMMON = COMMON.filter((key) => key !== "detached");
const RUN_KEYS = new Set([...PIPELINE_COMMON, ...RUN_ONLY]);
const OPEN_KEYS = new Set(PIPELINE_COMMON);
const STAGE_KEYS = new Set(["command", "cwd", "env", "stderr"]);

/** Validates the stages and options of runPipeline. */
export function planRunPipeline(stages: unknown, options: RunPipelineOptions | undefined, shell?: readonly string[]): RunPipelinePlan {
  const opts = checkKeys(options, RUN_KEYS, "runPipeline()", "run");
  const { stdin, ...settings } = runSettings(opts);
  return { ...planStages(stages, opts, stdin, shell, "runPipeline()"), ...settings };
}

/** Validates the stages and options of openPipeline. */
export function planOpenPipeline(stages: unknown, options: OpenPipelineOptions | undefined, shell?: readonly string[]): PipelinePlan {
  const opts = checkKeys(options, OPEN_KEYS, "openPipeline()", "open");
  return planStages(stages, opts, stdio(opts.stdin, "stdin", "pipe"), shell, "openPipeline()");
}

function planStages(
  stages: unknown,
  opts: CommonOptions,
  stdin: "pipe" | "inherit" | "ignore",
  shell: readonly string[] | undefined,
  where: string,
): PipelinePlan {
  if (!Array.isArray(stages) || stages.length === 0) {
    throw new TypeError(`The stages of ${where} must be a non-empty array of commands, got ${describeValue(stages)}`);
  }
  // The pipeline's own options first, with a stand-in command, so that an error there is not blamed on a stage.
  const { policy } = planCommon(["pipeline"], opts, stdin, shell);
  const last = stages.length - 1;
  const plans = stages.map((stage: unknown, index) => {
    const own = stageOptions(stage, index);
    const stageOpts = defined({
      ...opts,
      stdin: index === 0 ? (opts as { stdin?: unknown }).stdin : undefined,
      cwd: own.cwd ?? opts.cwd,
      env: mergeEnv(opts.env, own.env),
      stderr: own.stderr ?? opts.stderr,
      stdout: index === last ? opts.stdout : "pipe",
    }) as CommonOptions & { stdin?: unknown };
    try {
      return planCommon(own.command, stageOpts, index === 0 ? stdin : "pipe", shell);
    } catch (error) {
      throw atStage(error, index);
    }
  });
  const text = plans.map((plan) => (plan.shell ? (plan.args[plan.args.length - 1] as string) : formatCommand(plan.args))).join(" | ");
  return { stages: plans, policy, text };
}

/** A stage as {@link StageOptions}; an unknown key, or a value that is neither a command nor such an object, is a TypeError. */
function stageOptions(stage: unknown, index: number): StageOptions {
  if (typeof stage === "string" || Array.isArray(stage)) return { command: stage as StageOptions["command"] };
  if (stage === null || typeof stage !== "object") {
    throw new TypeError(
      `stages[${index}] must be a command (a string or an array of strings) or { command, cwd?, env?, stderr? }, got ${describeValue(stage)}`,
    );
  }
  for (const key of Object.keys(stage)) {
    if (!STAGE_KEYS.has(key)) {
      throw new TypeError(
        `Unknown option ${JSON.stringify(key)} in stages[${index}]: a stage takes command, cwd, env and stderr; set the others on the pipeline`,
      );
    }
  }
  if (!("command" in stage)) throw new TypeError(`stages[${index}] has no \`command\``);
  return stage as StageOptions;
}

/** A stage's `env` over the pipeline's; a value that is not an object is passed on as it is, to be reported. */
function mergeEnv(outer: unknown, inner: unknown): CommonOptions["env"] {
  if (inner === undefined) return outer as CommonOptions["env"];
  if (outer === undefined || !isObject(outer) || !isObject(inner)) return inner as CommonOptions["env"];
  return { ...outer, ...inner } as CommonOptions["env"];
}

/** `options` without the keys whose value is undefined: an option that is not given, not one given as undefined. */
function defined(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `error` with the stage it is about named first; the same class, so a TypeError stays a TypeError. */
function atStage(error: unknown, index: number): unknown {
  if (!(error instanceof TypeError || error instanceof RangeError)) return error;
  const Kind = error instanceof RangeError ? RangeError : TypeError;
  return new Kind(`stages[${index}]: ${error.message}`);
}
