// The offline preview's work, for the command line (tools/preview.ts) and for tests that run it in
// process: parse the arguments, run the CLI's checks, start the pack while the program runs by the
// engine's path, render. Everything it writes goes through `io`; it returns the exit code.
// Exit: 0 clean, 1 mandatory violation, 2 bad usage or config (the CLI's own refusals included),
// 3 program or pack failure. A user's mistake is one line on stderr, never a stack trace
// (AKSML_DEBUG=1 shows the trace and the program's own output).
import { requiredPlugins, withoutStandIn } from "../pulumi/plugins";
import * as fs from "fs";
import * as path from "path";
import { parseConfig, PROJECT, StackConfig } from "../../infra/config";
import { ConfigError } from "../../infra/sections/reader";
import { BaseRefError, resolveRef, runBase, withWorktree } from "../diff/base";
import { diffRecords, StackDiff } from "../diff/compute";
import { diffOfEngine } from "../diff/engineSteps";
import { ConfigTooLarge, EngineError, prepareRun, ProgramFailure, runProgram } from "../engine";
import type { Pack } from "../lib/analyzer";
import type { Recorded } from "../lib/recorder";
import { knownStacks, readStackFile, ROOT, stackFile, toRawConfig } from "../lib/stackConfig";
import { errorKeyPath, positionOf } from "../lib/yamlPosition";
import { CliInstall, installedCli } from "../pulumi/install";
import { pulumiPreview } from "../pulumi/run";
import { Args, answerUsage, parseArgs, UsageError, USAGE_HINT } from "./args";
import { ciRunUrl, oneLine, userPath } from "./io";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { buildTree, Preview, summarize } from "./model";
import { countLevel, PackError, PolicyConfigError, PolicyOptions, PolicyReport, runPolicies, startPolicies } from "./policies";
import { emulatedInfo, EngineInfo, previewWithPulumi, secureKeys } from "./pulumiEngine";
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
    /** The real CLI, when `npm run -s setup:pulumi` installed it (the default engine then). */
    findCli: () => CliInstall | undefined;
    pulumiPreview: typeof pulumiPreview;
}

export const ENGINE: PreviewDeps = { runProgram, runBase, findCli: () => installedCli(), pulumiPreview };

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
    const root = args.program === undefined ? ROOT : programRoot(args.program);
    const known = knownStacks(root);
    if (!STACK_NAME.test(args.stack) || (args.stackFile === undefined && !known.includes(args.stack))) {
        throw new UsageError(`unknown stack "${args.stack}"${args.program ? ` in ${args.program}` : ""}; known stacks: ${known.join(", ") || "none (no Pulumi.<stack>.yaml)"}`);
    }
    if (args.program !== undefined && args.base !== undefined) throw new UsageError("--base and --program: a diff runs on this project only");
    const file = args.stackFile ? userPath(args.stackFile) : stackFile(args.stack, root);
    const shown = args.stackFile ?? path.basename(file); // the file as the user named it
    const progress = (msg: string) => io.tty && io.err(`\r\x1b[K${msg}…`);
    const policyOptions: PolicyOptions = {
        packDir: args.policyPack === "policy" ? path.join(ROOT, "policy") : userPath(args.policyPack),
        configFile: args.policyPackConfig && userPath(args.policyPackConfig),
        progress,
        launch: deps.launchPack,
    };
    const install = args.engine === "emulated" ? undefined : deps.findCli();
    if (args.engine === "pulumi" && !install) {
        throw new UsageError("--engine pulumi: the Pulumi CLI is not installed here; run npm run -s setup:pulumi, or use --engine emulated");
    }
    const ran = install ? await withPulumi(args, root, file, shown, policyOptions, install, io, deps) : await emulated(args, root, file, shown, policyOptions, io, deps);
    // The program's own output and warnings, as the CLI would show them.
    io.err(ran.stderr);
    for (const l of ran.logs) if (l.severity === "warning") io.err(`warning: ${l.message}\n`);
    const offline = root === ROOT ? offlineConfig(args.stack, file) : undefined;
    const preview: Preview = {
        stack: args.stack,
        stackFile: path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file),
        engine: ran.engine,
        tree: buildTree(ran.records),
        summary: summarize(ran.records, offline?.cluster.mode === "create" ? offline.cluster.vmSizeVcpus : {}, offline?.endpoints),
        policy: ran.policy,
        ...(ran.diff ? { diff: { base: args.base!, ...ran.diff } } : {}),
    };
    if (io.tty) io.err("\r\x1b[K");
    const render = { text: renderText, markdown: renderMarkdown, json: renderJson }[args.format];
    io.out(render(preview, { policiesOnly: args.policiesOnly, fullText: args.fullText && path.basename(args.fullText), runUrl: ciRunUrl(io.env) }));
    if (args.fullText) fs.writeFileSync(userPath(args.fullText), renderText(preview));
    for (const e of preview.diff?.errors ?? []) io.err(`error: ${e}\n`); // as pulumi preview fails
    return countLevel(ran.policy, "mandatory") + countLevel(ran.policy, "remediate") + (preview.diff?.errors.length ?? 0) > 0 ? 1 : 0;
}

/** --program DIR: a Pulumi project with its dependencies installed (the program runs from its node_modules). */
function programRoot(dir: string): string {
    const root = userPath(dir);
    if (!fs.existsSync(path.join(root, "Pulumi.yaml")) && !fs.existsSync(path.join(root, "Pulumi.yml"))) {
        throw new UsageError(`--program ${dir}: no Pulumi.yaml there`);
    }
    if (!fs.existsSync(path.join(root, "node_modules", "@pulumi", "pulumi"))) {
        throw new UsageError(`--program ${dir}: its dependencies are not installed (no node_modules/@pulumi/pulumi): run npm ci (or npm install) there first`);
    }
    return root;
}

/** What either engine gives the renderers. */
interface Ran {
    records: Recorded[];
    logs: { severity: string; message: string }[];
    stderr: string;
    policy: PolicyReport;
    diff?: StackDiff;
    engine: EngineInfo;
}

/** A program failure as the preview reports it: its config refused (exit 2, located in the file), or a crash (3). */
function programFailed(e: unknown, file: string, shown: string, io: PreviewIo): never {
    if (e instanceof EngineError || e instanceof ConfigError) throw e; // the CLI's own refusal, or the stack file's
    if (!(e instanceof ProgramFailure)) throw e;
    if (io.env.AKSML_DEBUG) io.err(e.run.stderr + e.run.stdout);
    if (e.crashed) throw new ProgramError(`the program failed: ${oneLine(e)}`, 3);
    throw new ConfigError(located(shown, file, oneLine(e))); // its config was refused (RunError)
}

/** The emulated engine: the CLI's checks of the project and the stack's config, then the program while the pack starts. */
async function emulated(args: Args, root: string, file: string, shown: string, policyOptions: PolicyOptions, io: PreviewIo, deps: PreviewDeps): Promise<Ran> {
    const engineRun = { root, stack: args.stack, preview: true, configFile: file };
    const prepared = prepareRun(engineRun);
    if (args.base !== undefined) resolveRef(ROOT, args.base); // an unknown ref is refused before anything runs
    const started = startPolicies(policyOptions); // a malformed pack config is refused before anything starts
    started.catch(() => undefined); // reported where it is awaited
    policyOptions.progress?.("running the program");
    // --base: the base ref's program runs beside the working tree's (tools/diff/base.ts).
    const base = args.base === undefined ? undefined : deps.runBase(ROOT, args.base, args.stack).catch((e: unknown) => {
        if (e instanceof BaseRefError) throw e;
        throw new ProgramError(`the program of --base ${args.base} failed: ${oneLine(e)}`, 3);
    });
    base?.catch(() => undefined); // reported where it is awaited
    const run = await deps.runProgram(engineRun, prepared).catch((e: unknown) => programFailed(e, file, shown, io));
    // The engine analyzes the default providers it made, first (they register before their users).
    const policy = await runPolicies([...(run.defaultProviders ?? []), ...run.records], policyOptions, started);
    return {
        ...run,
        policy,
        ...(base ? { diff: diffRecords(await base, run.records) } : {}),
        engine: emulatedInfo(secureKeys(file), withoutStandIn(requiredPlugins(root))),
    };
}

/** The real CLI: `pulumi preview --json --policy-pack` (after the base's `pulumi up` with --base). */
async function withPulumi(args: Args, root: string, file: string, shown: string, policyOptions: PolicyOptions, install: CliInstall, io: PreviewIo, deps: PreviewDeps): Promise<Ran> {
    // Before launching: a config the language host could not pass (one environment string over the
    // kernel's limit) is refused here, as the emulated engine refuses it; the CLI's own checks are its own.
    try {
        prepareRun({ root, stack: args.stack, preview: true, configFile: file });
    } catch (e) {
        if (e instanceof ConfigTooLarge || !(e instanceof EngineError)) throw e;
    }
    if (args.base !== undefined) resolveRef(ROOT, args.base);
    const go = (base?: { root: string; stackFile: string }) => previewWithPulumi({ install, root, stack: args.stack, stackFile: file, policy: policyOptions, base, run: deps.pulumiPreview });
    const done = await (args.base === undefined ? go() : withWorktree(ROOT, args.base, (dir) => go({ root: dir, stackFile: path.join(dir, `Pulumi.${args.stack}.yaml`) })))
        .catch((e: unknown) => programFailed(e, file, shown, io));
    const { run, policy, engine } = done;
    return {
        records: run.records,
        logs: run.logs,
        stderr: run.stderr,
        policy,
        ...(run.base ? { diff: diffOfEngine(run.base.records, run.records, run.base.steps, run.logs) } : {}),
        engine,
    };
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
