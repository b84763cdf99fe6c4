// How the nodejs language host starts a program: the command line and environment it gives
// `@pulumi/pulumi/cmd/run`, and where.
//
// Mirrors pulumi/pulumi v3.248.0, sdk/nodejs/cmd/pulumi-language-nodejs/main.go:
// - parseOptions: runtime options `typescript` (default true), `tsconfig`, `nodeargs`.
// - Run/locateModule: the runner is the program's own node_modules/@pulumi/pulumi/cmd/run.
// - constructArguments: `node [nodeargs] <run> --monitor A --engine A [--organization O] --project P
//   --root-directory R --stack S --pwd <program dir> [--dry-run] --parallel N <entry point>`.
// - execRuntime: the parent's environment plus PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS,
//   PULUMI_NODEJS_TYPESCRIPT=true (typescript), PULUMI_NODEJS_TSCONFIG_PATH (tsconfig option).
// Not reproduced: the `--sync` pipes directory (only older SDKs' synchronous invokes use it), the
// monitor proxy between host and engine (it forwards calls unchanged), tracing and debugging.
// cmd/run then chdirs to --pwd and looks for tsconfig.json there (sdk/nodejs/cmd/run/run.ts).
import * as os from "os";
import { ConfigMap, configEnvironment } from "./config";
import { EngineError, Project, pwdMain } from "./project";

/**
 * The organization a local (file://, "DIY") backend gives every program: pkg/backend/diy/state.go
 * getTarget sets the target's Organization to "organization", and the host passes --organization.
 */
export const DIY_ORGANIZATION = "organization";

/** The CLI's default --parallel: 4 per CPU (pkg/cmd/pulumi/operations/up.go, defaultParallel). */
export const DEFAULT_PARALLEL = os.cpus().length * 4;

export interface Launch {
    command: string;
    args: string[];
    env: Record<string, string>;
    /** The working directory the program runs in (cmd/run chdirs to --pwd). */
    pwd: string;
}

export interface LaunchOptions {
    stack: string;
    config: ConfigMap;
    monitor: string;
    engine: string;
    preview: boolean;
    /** The environment the CLI was started with (default: this process's). */
    env?: NodeJS.ProcessEnv;
    /** --organization (the host omits it when empty); a local backend's is DIY_ORGANIZATION. */
    organization?: string;
}

interface NodeOptions { typescript: boolean; tsconfig?: string; nodeargs: string[] }

/** main.go parseOptions (quoting in nodeargs is not handled: none of ours uses it). */
function nodeOptions(options: Record<string, unknown>): NodeOptions {
    const typescript = options.typescript ?? true;
    if (typeof typescript !== "boolean") throw new EngineError("typescript option must be a boolean");
    if (options.tsconfig !== undefined && typeof options.tsconfig !== "string") throw new EngineError("tsconfigpath option must be a string");
    if (options.nodeargs !== undefined && typeof options.nodeargs !== "string") throw new EngineError("nodeargs option must be a string");
    return { typescript, tsconfig: options.tsconfig as string | undefined, nodeargs: ((options.nodeargs as string) ?? "").split(/\s+/).filter(Boolean) };
}

/** The process the language host starts for `project` on `stack`. */
export function programLaunch(project: Project, opts: LaunchOptions): Launch {
    if (project.runtime.name !== "nodejs") throw new EngineError(`unsupported runtime "${project.runtime.name}": the offline engine runs nodejs programs`);
    const options = nodeOptions(project.runtime.options);
    const { pwd, main } = pwdMain(project);
    const run = require.resolve("@pulumi/pulumi/cmd/run", { paths: [pwd, project.root] });
    const arg = (k: string, v: string | undefined) => (v ? [`--${k}`, v] : []);
    const args = [
        ...options.nodeargs,
        run, // locateModule: require.resolve("@pulumi/pulumi/cmd/run") from the program's folder
        ...arg("monitor", opts.monitor),
        ...arg("engine", opts.engine),
        ...arg("organization", opts.organization),
        ...arg("project", project.name),
        ...arg("root-directory", project.root),
        ...arg("stack", opts.stack),
        ...arg("pwd", pwd),
        ...(opts.preview ? ["--dry-run"] : []),
        ...arg("parallel", String(DEFAULT_PARALLEL)),
        main,
    ];
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.env ?? process.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, configEnvironment(opts.config));
    if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    return { command: process.execPath, args, env, pwd };
}
