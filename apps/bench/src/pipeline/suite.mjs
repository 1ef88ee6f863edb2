// The pipeline suite: runPipeline against the same pipeline run by /bin/sh through the runtime's own spawn
// API and against the cookbook's openProcess + pipeTo recipe, and on Deno the ways of reading openProcess's
// stdout against Deno's BYOB reader, every measurement in a fresh process of node (this one and the newest
// Node line), bun or deno (`measure-one.mjs pipeline`), round-robin; its summaries, budget checks, tables and
// results/pipeline.{json,md} (results/pipeline-<scenarios>.* for a run of some scenarios only, see
// PIPELINE_SCENARIOS in scenarios.mjs), for shared/run-suite.mjs.
import process from "node:process";
import { MAX_FOREIGN_CPU, MAX_RETRIES } from "../shared/rounds.mjs";
import { runRecord } from "../shared/run-suite.mjs";
import { checkBudgets } from "./budgets.mjs";
import { PASSES } from "./measure-one.mjs";
import { pipelineArgv, pipelineVariants } from "./plan.mjs";
import { chosenScenarios, LINE, PIPELINE, SCENARIOS, SCENARIOS_VARIABLE, sizeOf } from "./scenarios.mjs";
import { markdownBody, sizeText, terminalReport } from "./tables.mjs";

/** The runtimes whose adapter passed pipes between stages (`links`) or did not, as text. */
const passing = (links, passes) =>
  Object.keys(links)
    .filter((runtime) => links[runtime] === passes)
    .join(", ") || "none";

/** Method notes for the report; `links[runtime]` is whether its adapter passed pipes between stages. */
export function methodNotes(runs, quick, links) {
  const passes = quick ? PASSES.quick : PASSES.full;
  const size = (scenario) => sizeText(sizeOf(scenario, quick));
  return [
    `Every figure is the median [min..max] over ${runs} separate runtime processes (\`measure-one.mjs pipeline <scenario>\`; node, bun, \`deno run -A\` and the newest Node line of the table of runtimes, beside the Node that runs the bench), run round-robin. Each process measures the subjects of one scenario side by side: a warm-up pass (every subject once, at the --quick size), then ${passes} pass(es), each running every subject once in turn (the order rotated per pass and per process); a run is timed from its start until it has its byte count, after a full GC; MB = 10^6 bytes. A ratio is the one each process measured (its median over the reference's median); the table gives the median [min..max] of those ratios over the processes, and the budgets use that median.`,
    `Pipeline (${size("pipeline")}): \`/bin/sh -c "${PIPELINE.script(sizeOf("pipeline", quick))}"\` through the runtime's own spawn API (\`child_process.spawn\`, \`Bun.spawn\`, \`Deno.Command\`; stdout and stderr captured), the reference: the shell's pipes, no JavaScript between the stages. runPipeline: \`runPipeline(${JSON.stringify(PIPELINE.stages(sizeOf("pipeline", quick)))})\` of the \`anyproc\` package with its defaults. Cookbook recipe: docs/cookbook.md#pipelines as written there: \`openProcess\` for head (stdin ignored) and cat, \`head.stdout.pipeTo(cat.stdin)\` awaited together with \`runProcess(["wc", "-c"], { input: cat.stdout })\`, every stage's status checked, both opened stages disposed. Each subject's result is checked to be the byte count.`,
    `Whether the adapter passes the pipe between stages at the file-descriptor level is read from the adapter of the measuring process (\`adapter.links\`): where it does (in this run: ${passing(links, true)}) the 1.5× budget against the cookbook recipe applies; where core copies the bytes between stages in JavaScript instead (packages/core/src/_copy.ts; in this run: ${passing(links, false)}), that figure is reported against the same budget, marked as not applying.`,
    `Deno readers: \`openProcess(cmd, { stdin: "ignore", stderr: "ignore" })\` of \`anyproc\`, its stdout read with \`getReader()\`, with \`for await\`, with \`lines()\` (counting each line's length plus its newline) and with \`text()\` (the string's length) of @anyproc/core, re-exported by \`anyproc\`; each against a BYOB reader reusing one 1 MiB buffer on \`new Deno.Command(cmd, { stdin: "null", stdout: "piped", stderr: "null" }).spawn().stdout\` reading the same command in the same process; beside them, for \`head -c\`, Deno's own default reader on the same \`Deno.Command\` stdout (no budget: what a reader whose chunks are its own costs on Deno). Default reader and \`for await\`: \`head -c ${size("zeros")} /dev/zero\`. \`lines()\`: \`/bin/sh -c "yes '<line>' | head -c ${sizeOf("lines", quick)}"\`, ${size("lines")} of ${LINE.length + 1}-byte ASCII lines (${(sizeOf("lines", quick) / (LINE.length + 1)).toLocaleString("en")} lines), the line being \`${LINE}\`. \`text()\`: the same source cut at ${size("text")}, since the whole output becomes one string and V8 caps a string below 2^29 characters.`,
    `Interference: each measurement reports the share of the CPUs' time that processes other than its own and its children (running, or exited and reaped) took meanwhile; one above ${MAX_FOREIGN_CPU * 100} % is repeated, at most ${MAX_RETRIES} times per bench run (none in a --quick run).`,
  ];
}

/** The pipeline suite, as shared/run-suite.mjs runs it. */
export const PIPELINE_SUITE = {
  /** "pipeline", or "pipeline-<scenario>-…" when {@link SCENARIOS_VARIABLE} chose some scenarios only. */
  get results() {
    const chosen = chosenScenarios();
    return chosen.length === Object.keys(SCENARIOS).length ? "pipeline" : ["pipeline", ...chosen].join("-");
  },
  title: "Pipeline benchmark",
  intro: (count, runs, quick) =>
    `pipeline bench${quick ? " (--quick)" : ""}: ${count} measurement processes × ${runs} runs, round-robin${process.env[SCENARIOS_VARIABLE] ? ` (${SCENARIOS_VARIABLE}: ${chosenScenarios().join(", ")})` : ""}`,
  plan: pipelineVariants,
  /** `values[runtime][scenario][key][metric]` gets each figure; `state.links[runtime]` whether its adapter passes pipes. */
  rounds: (quick, state) => {
    const links = (state.links = {});
    return {
      maxRetries: quick ? 0 : MAX_RETRIES, // a smoke run's single short passes are too coarse to judge
      argv: (variant, round) => pipelineArgv(variant, round, quick),
      name: (v) => `${v.runtime} ${v.scenario}`,
      record(values, variant, result) {
        links[variant.runtime] = result.links;
        for (const f of result.figures) {
          const list = ((((values[variant.runtime] ??= {})[variant.scenario] ??= {})[f.key] ??= {})[f.metric] ??= {
            value: [],
            foreignCpu: [],
          });
          list.value.push(f.value);
          list.foreignCpu.push(result.foreignCpu);
        }
        return result.failures;
      },
    };
  },
  describe(facts) {
    const { quick, runs, results, state } = facts;
    return {
      ...runRecord(facts),
      command: process.env[SCENARIOS_VARIABLE] ? `${SCENARIOS_VARIABLE}=${chosenScenarios().join(",")} ${facts.command}` : facts.command,
      method: { processes: runs, passes: quick ? PASSES.quick : PASSES.full, notes: methodNotes(runs, quick, state.links) },
      sizes: Object.fromEntries(Object.keys(SCENARIOS).map((s) => [s, sizeOf(s, quick)])),
      units: { tput: "MB/s", ratio: "× the scenario's reference, side by side", vsCookbook: "× the cookbook recipe, side by side" },
      links: state.links,
      results,
      checks: checkBudgets(results, state.links),
      failures: facts.failures,
    };
  },
  terminalReport,
  markdownBody,
};
