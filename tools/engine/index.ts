// A program run by the engine's path, with no CLI and no cloud: load and validate Pulumi.yaml, read
// and merge the stack's config by the CLI's rules, serve the resource monitor and engine over gRPC,
// and start `@pulumi/pulumi/cmd/run` as the nodejs language host starts it. The steps live one per
// file beside this one, each naming the CLI source it mirrors.
import { spawn } from "child_process";
import * as path from "path";
import type { Recorded } from "../lib/recorder";
import { checkConfigSize, ConfigMap, mergeProjectConfig, readStackConfig } from "./config";
import { DIY_ORGANIZATION, programLaunch } from "./languageHost";
import { LogEntry, startMonitor } from "./monitor";
import { standInProviders } from "./providers";
import { loadProject, Project, pwdMain } from "./project";

export { ConfigTooLarge } from "./config";
export { EngineError } from "./project";

export interface EngineRunOptions {
    /** The project folder (holds Pulumi.yaml). */
    root: string;
    stack: string;
    /** true: `pulumi preview` (dry run); false: `pulumi up --yes` with mock provider outputs (a preview run, then the update). */
    preview: boolean;
    /** With preview false: `pulumi up --skip-preview`, the update run alone. */
    skipPreview?: boolean;
    /** The stack's config file (`pulumi --config-file`); default <root>/Pulumi.<stack>.yaml. */
    configFile?: string;
    /** Environment of the CLI (default: this process's). */
    env?: NodeJS.ProcessEnv;
}

export interface EngineRun {
    project: Project;
    records: Recorded[];
    /** The default providers the engine made (monitor.ts): analyzed by the pack like the records. */
    defaultProviders?: Recorded[];
    /** Diagnostics the program logged (the CLI prints them), in order. */
    logs: LogEntry[];
    /** The program's stack outputs (wire form). */
    outputs: Record<string, any>;
    /** What the program wrote to stderr and stdout (the CLI passes them through). */
    stderr: string;
    stdout: string;
}

/** The program ran and failed: `message` is what the CLI shows (the first error it logged). */
export class ProgramFailure extends Error {
    constructor(message: string, readonly run: Omit<EngineRun, "project">, readonly exitCode: number | null) {
        super(message);
    }
    /** sdk/nodejs/cmd/run/run.ts: an error that is not a RunError/ResourceError is logged as an unhandled exception. */
    get crashed(): boolean {
        return /^Running program '.*' failed with an unhandled exception:/.test(this.message) || this.run.logs.every((l) => l.severity !== "error");
    }
}

/**
 * What the CLI does before it starts the program: load the project, read and merge the stack's
 * config (a missing stack file is an empty config); and refuse a config too large to pass.
 */
export function prepareRun(opts: EngineRunOptions): { project: Project; config: ConfigMap } {
    const project = loadProject(opts.root);
    const file = opts.configFile ?? path.join(opts.root, `Pulumi.${opts.stack}.yaml`);
    const config = mergeProjectConfig(opts.stack, project, readStackConfig(project, file));
    checkConfigSize(config, file);
    return { project, config };
}

/**
 * Runs the stack's program by the engine's path, against a local backend. Throws EngineError where
 * the CLI stops before running it. `pulumi up` (preview false) runs the program twice, as
 * pkg/backend/apply.go PreviewThenPromptThenExecute does (pkg/backend/diy/backend.go Update calls
 * it): a preview (dry run) whose failure stops the update, then the update; the result is the
 * update's. skipPreview (`--skip-preview`) runs the update alone.
 */
export async function runProgram(opts: EngineRunOptions, prepared = prepareRun(opts)): Promise<EngineRun> {
    if (!opts.preview && !opts.skipPreview) await runOnce(opts, prepared, true);
    return runOnce(opts, prepared, opts.preview);
}

async function runOnce(opts: EngineRunOptions, prepared: { project: Project; config: ConfigMap }, preview: boolean): Promise<EngineRun> {
    const { project, config } = prepared;
    const monitor = await startMonitor({ project: project.name, stack: opts.stack, preview, providers: standInProviders(config), cwd: pwdMain(project).pwd });
    try {
        const launch = programLaunch(project, { stack: opts.stack, config, monitor: monitor.address, engine: monitor.address, preview, env: opts.env, organization: DIY_ORGANIZATION });
        const child = spawn(launch.command, launch.args, { cwd: launch.pwd, env: launch.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        const code = await new Promise<number | null>((resolve, reject) => {
            child.once("error", reject);
            child.once("close", (c) => resolve(c));
        });
        const run = { records: monitor.records, defaultProviders: monitor.defaultProviders, logs: monitor.logs, outputs: monitor.stackOutputs(), stderr, stdout };
        if (code !== 0) {
            // main.go execRuntime: exit 32 means the program already logged its error; else the CLI says
            // "Program exited with non-zero exit code: N".
            const logged = monitor.logs.find((l) => l.severity === "error")?.message;
            throw new ProgramFailure(logged ?? (stderr.trim() || `Program exited with non-zero exit code: ${code}`), run, code);
        }
        return { project, ...run };
    } finally {
        await monitor.close();
    }
}
