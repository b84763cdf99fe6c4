// The offline preview's work, for the command line (tools/preview.ts) and for tests that run it in
// process: parse the arguments, run the CLI's checks, start the pack while the program runs by the
// engine's path, render. Everything it writes goes through `io`; it returns the exit code.
// Exit: 0 clean, 1 mandatory violation, 2 bad usage or config (the CLI's own refusals included),
// 3 program or pack failure. A user's mistake is one line on stderr, never a stack trace
// (AKSML_DEBUG=1 shows the trace and the program's own output).
import * as fs from "fs";
import * as path from "path";
import { parseConfig, PROJECT, StackConfig } from "../../infra/config";
import { ConfigError } from "../../infra/sections/reader";
import { BaseRefError, resolveRef, runBase } from "../diff/base";
import { diffRecords } from "../diff/compute";
import { EngineError, prepareRun, ProgramFailure, runProgram } from "../engine";
import type { Pack } from "../lib/analyzer";
import { knownStacks, readStackFile, ROOT, stackFile, toRawConfig } from "../lib/stackConfig";
import { errorKeyPath, positionOf } from "../lib/yamlPosition";
import { answerUsage, parseArgs, UsageError, USAGE_HINT } from "./args";
import { ciRunUrl, oneLine, userPath } from "./io";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { buildTree, Preview, summarize } from "./model";
import { countLevel, PackError, PolicyConfigError, runPolicies, startPolicies } from "./policies";
import { renderText } from "./text";

const STACK_NAME = /^[\w.-]+$/;

/** Where the preview writes, and the environment it reads. */
export interface PreviewIo {
    out(text: string): void;
    err(text: string): void;
    /** stderr is a terminal: show progress, and clear it before the result. */
    tty: boolean;
    env: NodeJS.ProcessEnv;
}

/** What the preview runs: the engine's path by default (tests share runs and one pack). */
export interface PreviewDeps {
    runProgram: typeof runProgram;
    runBase: typeof runBase;
    /** Compiles and starts the pack; default: tools/preview/policies.ts. */
    launchPack?: (packDir: string) => Promise<Pack>;
}

export const ENGINE: PreviewDeps = { runProgram, runBase };

/** The program failed: 2 when it rejected its config (RunError, ResourceError), else 3. */
class ProgramError extends Error {
    constructor(message: string, readonly code: number) {
        super(message);
    }
}

/** A config error with the file:line:col of the value it names, where the file has it. */
function located(shown: string, file: string, message: string): string {
    const keyPath = errorKeyPath(message);
    const at = keyPath ? positionOf(file, PROJECT, keyPath) : undefined;
    return `${shown}${at ? `:${at.line}:${at.col}` : ""}: ${message}`;
}

/**
 * The stack's config parsed here too (the program parsed it in its own process), for what the
 * summary explains: declared VM sizes and the versions' traffic asks. Undefined if unreadable.
 */
function offlineConfig(stack: string, file: string): StackConfig | undefined {
    try {
        return parseConfig(toRawConfig(stack, readStackFile(file)));
    } catch {
        return undefined;
    }
}

async function main(argv: string[], io: PreviewIo, deps: PreviewDeps): Promise<number> {
    const answered = answerUsage(argv, io);
    if (answered !== undefined) return answered;
    const args = parseArgs(argv);
    const known = knownStacks();
    if (!STACK_NAME.test(args.stack) || (args.stackFile === undefined && !known.includes(args.stack))) {
        throw new UsageError(`unknown stack "${args.stack}"; known stacks: ${known.join(", ")}`);
    }
    const file = args.stackFile ? userPath(args.stackFile) : stackFile(args.stack);
    const shown = args.stackFile ?? path.basename(file); // the file as the user named it
    const progress = (msg: string) => io.tty && io.err(`\r\x1b[K${msg}…`);
    // The CLI's checks of the project and the stack's config come first; then the pack starts while
    // the program runs (a malformed pack config is refused before either starts).
    const engineRun = { root: ROOT, stack: args.stack, preview: true, configFile: file };
    const prepared = prepareRun(engineRun);
    if (args.base !== undefined) resolveRef(ROOT, args.base); // an unknown ref is refused before anything runs
    const policyOptions = {
        packDir: args.policyPack === "policy" ? path.join(ROOT, "policy") : userPath(args.policyPack),
        configFile: args.policyPackConfig && userPath(args.policyPackConfig),
        progress,
        launch: deps.launchPack,
    };
    const started = startPolicies(policyOptions);
    started.catch(() => undefined); // reported where it is awaited
    progress("running the program");
    // --base: the base ref's program runs beside the working tree's (tools/diff/base.ts).
    const base = args.base === undefined ? undefined : deps.runBase(ROOT, args.base, args.stack).catch((e: unknown) => {
        if (e instanceof BaseRefError) throw e;
        throw new ProgramError(`the program of --base ${args.base} failed: ${oneLine(e)}`, 3);
    });
    base?.catch(() => undefined); // reported where it is awaited
    const run = await deps.runProgram(engineRun, prepared).catch((e: unknown) => {
        if (e instanceof EngineError || e instanceof ConfigError) throw e; // the CLI's own refusal, or the stack file's
        if (!(e instanceof ProgramFailure)) throw e;
        if (io.env.AKSML_DEBUG) io.err(e.run.stderr + e.run.stdout);
        if (e.crashed) throw new ProgramError(`the program failed: ${oneLine(e)}`, 3);
        throw new ConfigError(located(shown, file, oneLine(e))); // its config was refused (RunError)
    });
    // The program's own output and warnings, as the CLI would show them.
    io.err(run.stderr);
    for (const l of run.logs) if (l.severity === "warning") io.err(`warning: ${l.message}\n`);
    const policy = await runPolicies(run.records, policyOptions, started);
    const offline = offlineConfig(args.stack, file);
    const preview: Preview = {
        stack: args.stack,
        stackFile: path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file),
        tree: buildTree(run.records),
        summary: summarize(run.records, offline?.cluster.mode === "create" ? offline.cluster.vmSizeVcpus : {}, offline?.endpoints),
        policy,
        ...(base ? { diff: { base: args.base!, ...diffRecords(await base, run.records) } } : {}),
    };
    if (io.tty) io.err("\r\x1b[K");
    const render = { text: renderText, markdown: renderMarkdown, json: renderJson }[args.format];
    io.out(render(preview, { policiesOnly: args.policiesOnly, fullText: args.fullText && path.basename(args.fullText), runUrl: ciRunUrl(io.env) }));
    if (args.fullText) fs.writeFileSync(userPath(args.fullText), renderText(preview));
    for (const e of preview.diff?.errors ?? []) io.err(`error: ${e}\n`); // as pulumi preview fails
    return countLevel(policy, "mandatory") + countLevel(policy, "remediate") + (preview.diff?.errors.length ?? 0) > 0 ? 1 : 0;
}

function exitCode(e: unknown): number {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof PolicyConfigError || e instanceof EngineError || e instanceof BaseRefError) return 2;
    if (e instanceof ProgramError) return e.code;
    if (e instanceof PackError) return 3;
    return 3; // a defect of this tool
}

/** The error as the user sees it: one line on stderr (the trace only with AKSML_DEBUG); returns the exit code. */
export function reportFailure(e: unknown, io: PreviewIo): number {
    if (io.tty) io.err("\r\x1b[K");
    io.err(`error: ${oneLine(e)}${e instanceof UsageError ? USAGE_HINT : ""}\n`);
    if (io.env.AKSML_DEBUG && e instanceof Error) io.err(`${e.stack}\n`);
    return exitCode(e);
}

/** Runs the preview for `argv`; resolves to its exit code (a failure is reported on `io.err`). */
export function preview(argv: string[], io: PreviewIo, deps: PreviewDeps = ENGINE): Promise<number> {
    return main(argv, io, deps).catch((e: unknown) => reportFailure(e, io));
}
