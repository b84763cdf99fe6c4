// The offline preview: `npm run preview -- --stack dev`. Runs the stack's program under the
// recording mock monitor with preview semantics, then the policy pack as the engine does, and
// prints the resource tree, a summary and the policy results (text, markdown or json).
// Exit: 0 clean, 1 mandatory violation, 2 bad usage or config, 3 program or pack failure.
// A user's mistake is one line on stderr, never a stack trace (AKSML_DEBUG=1 shows the trace).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseConfig } from "../infra/config";
import { ConfigError } from "../infra/sections/reader";
import { knownStacks, readStackFile, ROOT, stackFile, toRawConfig } from "./lib/stackConfig";
import { recordStack } from "./lib/stackRun";
import { parseArgs, UsageError, USAGE } from "./preview/args";
import { captureStderr, ciRunUrl, progress, userPath } from "./preview/io";
import { renderJson } from "./preview/json";
import { renderMarkdown } from "./preview/markdown";
import { buildTree, Preview, summarize } from "./preview/model";
import { countLevel, PackError, PolicyConfigError, runPolicies } from "./preview/policies";
import { renderText } from "./preview/text";

const STACK_NAME = /^[\w.-]+$/;

/** The program failed: 2 when it rejected its config (RunError, ResourceError), else 3. */
class ProgramError extends Error {
    constructor(message: string, readonly code: number) {
        super(message);
    }
}

/** Where the run is: unhandled errors belong to the program's run (the recorder reports them) or are late. */
let state: "before" | "program" | "failed" | "after" = "before";

async function main(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    if (args.help) {
        process.stdout.write(USAGE + "\n");
        return 0;
    }
    const known = knownStacks();
    if (!STACK_NAME.test(args.stack) || (args.stackFile === undefined && !known.includes(args.stack))) {
        throw new UsageError(`unknown stack "${args.stack}"; known stacks: ${known.join(", ")}`);
    }
    const file = args.stackFile ? userPath(args.stackFile) : stackFile(args.stack);
    progress(`reading ${path.basename(file)}`);
    const raw = readStackFile(file); // errors name the file (and line for malformed YAML)
    let config;
    try {
        config = parseConfig(toRawConfig(args.stack, raw));
    } catch (e) {
        if (e instanceof ConfigError) throw new ConfigError(`${path.basename(file)}: ${e.message}`);
        throw e;
    }
    progress("running the program");
    state = "program";
    const said = captureStderr();
    const run = await recordStack(args.stack, { preview: true, config }).finally(said.stop).catch((e: unknown) => {
        state = "failed";
        if (process.env.AKSML_DEBUG) process.stderr.write(said.text());
        if (e instanceof ConfigError) throw new ConfigError(`${path.basename(file)}: ${e.message}`);
        const rejected = pulumi.RunError.isInstance(e) || pulumi.ResourceError.isInstance(e);
        throw new ProgramError(`the program ${rejected ? "rejected the config" : "failed"}: ${oneLine(e)}`, rejected ? 2 : 3);
    });
    state = "after";
    process.stderr.write(said.text()); // the program's own warnings, as the CLI would show them
    const policy = await runPolicies(run.records, {
        packDir: args.policyPack === "policy" ? path.join(ROOT, "policy") : userPath(args.policyPack),
        configFile: args.policyPackConfig && userPath(args.policyPackConfig),
        progress,
    });
    const preview: Preview = {
        stack: args.stack,
        stackFile: path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file),
        tree: buildTree(run.records),
        summary: summarize(run.records, config.cluster.mode === "create" ? config.cluster.vmSizeVcpus : {}, config.endpoints),
        policy,
    };
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    const render = { text: renderText, markdown: renderMarkdown, json: renderJson }[args.format];
    process.stdout.write(render(preview, { policiesOnly: args.policiesOnly, fullText: args.fullText && path.basename(args.fullText), runUrl: ciRunUrl(process.env) }));
    if (args.fullText) fs.writeFileSync(userPath(args.fullText), renderText(preview));
    return countLevel(policy, "mandatory") + countLevel(policy, "remediate") > 0 ? 1 : 0;
}

function oneLine(e: unknown): string {
    const msg = e instanceof Error ? e.message : String(e);
    return msg.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "unknown error";
}

function exitCode(e: unknown): number {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof PolicyConfigError) return 2;
    if (e instanceof ProgramError) return e.code;
    if (e instanceof PackError) return 3;
    return 3; // a defect of this tool
}

function finish(code: number): void {
    // Exit once stdout is flushed: nothing (the pack process, gRPC) may keep the process alive.
    process.stdout.write("", () => process.exit(code));
}

function fail(e: unknown): void {
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    process.stderr.write(`error: ${oneLine(e)}${e instanceof UsageError ? " (see --help)" : ""}\n`);
    if (process.env.AKSML_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    finish(exitCode(e));
}

// During the program's run the recorder collects unhandled errors and reports the first; the SDK's
// runtime may reject again after a program error. Keep those off the terminal (AKSML_DEBUG=1 shows
// them). Anywhere else an unhandled error is a defect: one line, exit 3, rather than a hang.
const unhandled = (e: unknown) => {
    if (state === "program" || state === "failed") {
        if (process.env.AKSML_DEBUG) process.stderr.write(`(collected) ${e instanceof Error ? e.stack : String(e)}\n`);
        return;
    }
    fail(e);
};
process.on("unhandledRejection", unhandled);
process.on("uncaughtException", unhandled);

main(process.argv.slice(2)).then(finish, fail);
