// The offline preview run in process (tools/preview/main.ts), for the command lines the specs try:
// the same arguments, checks, rendering and exit codes as the command line, with the program run
// in process under the recording mocks (the project's stacks shared: test/helpers/stacks.ts) and the
// test run's one pack process (shared with the policy specs: previews run inside tests, one at a time).
// test/helpers/e2e.ts runs the preview end to end with the engine's deps.
import * as path from "path";
import { ConfigError } from "../../infra/sections/reader";
import type { EngineRun, EngineRunOptions } from "../../tools/engine";
import { ProgramFailure } from "../../tools/engine";
import { loadProject } from "../../tools/engine/project";
import type { Pack } from "../../tools/lib/analyzer";
import type { Recorded } from "../../tools/lib/recorder";
import { loadStack, recordStack } from "../../tools/lib/stackRun";
import { preview, PreviewDeps, PreviewIo } from "../../tools/preview/main";
import type { Exited } from "./background";
import { sharedPack } from "../policy/helpers";
import { stackRun } from "./stacks";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The program of `opts.stack` in process. A config the program refuses fails as it fails under the
 * engine: a ProgramFailure whose message is the one error the program logged (a RunError: not a crash).
 * tools/engine's own test runs that path for real (test/tools/engine.spec.ts).
 */
export async function programInProcess(opts: EngineRunOptions): Promise<EngineRun> {
    const file = opts.configFile ?? path.join(opts.root, `Pulumi.${opts.stack}.yaml`);
    let config;
    try {
        config = loadStack(opts.stack, file);
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        const logs = [{ severity: "error" as const, message: e.message, urn: "" }];
        throw new ProgramFailure(e.message, { records: [], logs, outputs: {}, stderr: "", stdout: "" }, 32);
    }
    const own = (opts.stack === "dev" || opts.stack === "prod") && path.resolve(file) === path.join(ROOT, `Pulumi.${opts.stack}.yaml`);
    const run = own ? await stackRun(opts.stack as "dev" | "prod", { preview: opts.preview }) : await recordStack(opts.stack, { preview: opts.preview, config });
    return { project: loadProject(opts.root), records: run.records, logs: [], outputs: {}, stderr: "", stdout: "" };
}

/** The shared pack, which a preview must not close. */
async function borrowPack(): Promise<Pack> {
    const pack = await sharedPack();
    return { ...pack, close: async () => undefined };
}

/** An io that keeps what the preview writes (not a terminal; AKSML_DEBUG off). */
export function capturingIo(): PreviewIo & { written(code: number): Exited } {
    let [stdout, stderr] = ["", ""];
    return {
        out: (t) => void (stdout += t),
        err: (t) => void (stderr += t),
        tty: false,
        env: { ...process.env, AKSML_DEBUG: "" },
        written: (code) => ({ code, stdout, stderr }),
    };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the preview in process with `argv`; resolves to what it wrote and its exit code. Runs one at a
 * time: the pack's config is the pack process's (pulumi-policy's Configure replaces it).
 */
export function previewInProcess(argv: string[], over: Partial<PreviewDeps> & { base?: Recorded[] } = {}): Promise<Exited> {
    const deps: PreviewDeps = {
        runProgram: programInProcess,
        runBase: async () => {
            if (!over.base) throw new Error("this test gives no base records");
            return over.base;
        },
        launchPack: borrowPack,
        findCli: () => undefined, // the emulated engine: npm test runs with Node.js alone
        pulumiPreview: () => Promise.reject(new Error("this test runs the emulated engine")),
        ...over,
    };
    const next = queue.then(async () => {
        const io = capturingIo();
        return io.written(await preview(argv, io, deps));
    });
    queue = next.catch(() => undefined);
    return next;
}
