// Series 1, start-up: the program and the policy pack started the way the engine starts them.
//
// Program: by the engine's path (tools/engine): Pulumi.yaml and the stack's config by the CLI's rules,
// `@pulumi/pulumi/cmd/run` launched with the nodejs language host's arguments and environment, in the
// working directory that `main` implies, against the gRPC resource monitor (preview semantics). run.js
// registers ts-node with `transpileOnly` from PULUMI_NODEJS_TRANSPILE_ONLY, else the tsconfig.json it
// finds in that working directory (`compilerOptions.noCheck`, then its "ts-node" section), else type
// checking. The clock runs from spawn to the process's exit.
// Pack: `@pulumi/pulumi/cmd/run-policy-pack` (always ts-node with typeCheck: true), cwd = the pack;
// the clock stops when the pack prints its port.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { mergeProjectConfig, readStackConfig } from "../engine/config";
import { programLaunch } from "../engine/languageHost";
import { startMonitor } from "../engine/monitor";
import { loadProject, pwdMain } from "../engine/project";
import { ROOT, stackFile } from "../lib/stackConfig";
import { installedCli } from "../pulumi/install";
import { pulumiPreview } from "../pulumi/run";
import { mockCall, mockOutputs } from "../lib/stackRun";
import { interleave, measureNode, Sample, writeScript } from "./measure";
import { median, pairedRatio, Row } from "./report";

export type ProgramMode = "typecheck" | "transpile" | "compiled";

/**
 * How the Pulumi CLI starts this program: Pulumi.yaml runtime.options.typescript false -> compiled;
 * else run.js's rule on the tsconfig.json in the program's working directory (none: type checking):
 * compilerOptions.noCheck, else the "ts-node" section's transpileOnly, else type checking.
 */
export function programModeOf(pulumiYaml: any, tsconfig: any): ProgramMode {
    if (pulumiYaml?.runtime?.options?.typescript === false) return "compiled";
    const noCheck = tsconfig?.compilerOptions?.noCheck;
    if (noCheck !== undefined) return noCheck ? "transpile" : "typecheck";
    const tsNode = tsconfig?.["ts-node"] ?? {};
    return tsNode.transpileOnly === true && tsNode.typeCheck !== true ? "transpile" : "typecheck";
}

export function cliProgramMode(root = ROOT): ProgramMode {
    const project = loadProject(root);
    const file = path.join(pwdMain(project).pwd, "tsconfig.json");
    const tsconfig = fs.existsSync(file) ? ts.parseConfigFileTextToJson("tsconfig.json", fs.readFileSync(file, "utf8")).config : undefined;
    return programModeOf({ runtime: project.runtime }, tsconfig);
}

/** How the engine starts the pack: the runner type-checks a .ts package main, else runs compiled JS. */
export function cliPackMode(root = ROOT): PackMode {
    const main = JSON.parse(fs.readFileSync(path.join(root, "policy/package.json"), "utf8")).main ?? "index.js";
    return /\.ts$/.test(main) ? "typecheck" : "compiled";
}

/**
 * Starts the stack's program once in `mode` by the engine's path. `compiled` runs bin/infra/index.js
 * (npm run build) with typescript off, as a package.json `main` pointing there would.
 */
export async function startProgram(mode: ProgramMode, stack: string, shipped = cliProgramMode()): Promise<Sample & { resources: number }> {
    const project = loadProject(ROOT);
    if (mode === "compiled") project.runtime = { ...project.runtime, options: { ...project.runtime.options, typescript: false } };
    const config = mergeProjectConfig(stack, project, readStackConfig(project, stackFile(stack)));
    const monitor = await startMonitor({ project: project.name, stack, preview: true, outputs: mockOutputs, call: mockCall });
    try {
        const launch = programLaunch(project, { stack, config, monitor: monitor.address, engine: monitor.address, preview: true });
        if (mode === "compiled") launch.args[launch.args.length - 1] = "bin/infra/index.js";
        const s = await measureNode(launch.args, {
            cwd: launch.pwd,
            env: {
                ...launch.env,
                // "false" forces type checking over tsconfig's "ts-node" section; the shipped mode runs with
                // no variable (as `pulumi preview` does), so the measure also proves the config applies.
                PULUMI_NODEJS_TRANSPILE_ONLY: mode === "compiled" || mode === shipped ? undefined : mode === "typecheck" ? "false" : "true",
                TS_NODE_TRANSPILE_ONLY: undefined,
                TS_NODE_TYPE_CHECK: undefined,
            },
        });
        const resources = monitor.records.length;
        const failed = monitor.logs.find((l) => l.severity === "error");
        if (failed || !(resources > 1)) throw new Error(`the ${stack} program registered ${resources} resources by the engine's path (${mode}): not a real start-up\n${failed?.message ?? s.stderr}`);
        return { ...s, resources };
    } finally {
        await monitor.close();
    }
}

export type PackMode = "typecheck" | "compiled" | "no-typescript";

// What the runner would cost if it honoured `typescript: false` for packs (pulumi/pulumi#4830):
// `typescript` and `ts-node` resolve to stubs, so neither is loaded for a compiled pack.
const NO_TYPESCRIPT = `// generated by tools/bench: the policy-pack runner without TypeScript (stubs for typescript, ts-node)
const Module = require("module");
const load = Module._load;
const stub = { version: "5.9.3", VERSION: "10.9.2", register() {}, parseConfigFileTextToJson: () => ({ config: {} }) };
Module._load = function (request) {
    return request === "typescript" || request === "ts-node" ? stub : load.apply(this, arguments);
};
`;

/** Starts the pack as the engine does; `typecheck` points the runner at index.ts, `compiled` at the package main. */
export function startPack(mode: PackMode): Promise<Sample> {
    const runner = path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-policy-pack");
    const preload = mode === "no-typescript" ? ["-r", writeScript("no-typescript.js", NO_TYPESCRIPT)] : [];
    return measureNode([...preload, runner, "127.0.0.1:0", mode === "typecheck" ? "index.ts" : "."], {
        cwd: path.join(ROOT, "policy"),
        until: /^\d+\s*$/m,
        env: { TS_NODE_TRANSPILE_ONLY: undefined, TS_NODE_TYPE_CHECK: undefined },
    });
}

/**
 * The program under the real CLI and its nodejs language host (npm run -s setup:pulumi): the time of
 * `pulumi preview --json` without a policy pack, in a throwaway workspace (its set-up not counted).
 */
async function startUnderCli(stack: string): Promise<Sample & { resources: number }> {
    const install = installedCli();
    if (!install) throw new Error("the real CLI is not installed");
    const run = await pulumiPreview({ install, root: ROOT, stack });
    return { ms: run.previewMs, rssMb: NaN, stdout: "", stderr: run.stderr, resources: run.records.length };
}

/** Program and pack, each way, interleaved. A pack's peak RSS is taken when it has printed its port. */
export async function startupSeries(runs: number, stack: string, opts: { typecheck: boolean }): Promise<Row[]> {
    const fns: Record<string, () => Promise<Sample>> = {
        "program transpile": () => startProgram("transpile", stack),
        "program compiled": () => startProgram("compiled", stack),
        "pack compiled": () => startPack("compiled"),
        "pack no-typescript": () => startPack("no-typescript"),
    };
    if (opts.typecheck) {
        fns["program typecheck"] = () => startProgram("typecheck", stack);
        fns["pack typecheck"] = () => startPack("typecheck");
    }
    if (installedCli()) fns["program pulumi"] = () => startUnderCli(stack);
    const s = await interleave(runs, fns);
    const ms = (k: string) => s[k].map((x) => x.ms);
    const [progShipped, packShipped] = [cliProgramMode(), cliPackMode()];
    const mark = (yes: boolean) => (yes ? " (shipped: what `pulumi preview` runs)" : "");
    const row = (k: string, name: string, note?: string): Row[] => (s[k] ? [
        { section: "start-up", name: `${name}: time`, value: median(ms(k)), unit: "ms", runs, samples: ms(k), note },
        { section: "start-up", name: `${name}: peak RSS`, value: median(s[k].map((x) => x.rssMb)), unit: "MB", runs, samples: s[k].map((x) => x.rssMb) },
    ] : []);
    // The budget applies to the way that ships; other ratios are shown for comparison.
    const ratio = (a: string, b: string, name: string, shipped: boolean): Row[] => (s[a] && s[b] ? [
        { section: "start-up", name: `${name}${shipped ? " (shipped)" : ""}`, value: pairedRatio(ms(a), ms(b)), unit: "x", runs, budget: shipped ? { text: ">= 4x", min: 4 } : undefined },
    ] : []);
    const resources = (s["program transpile"][0] as Sample & { resources?: number }).resources;
    return [
        ...row("program typecheck", `program (${stack}), ts-node type check${mark(progShipped === "typecheck")}`, `${resources} resources registered`),
        ...row("program transpile", `program (${stack}), ts-node transpile-only${mark(progShipped === "transpile")}`, "tsconfig.json \"ts-node\": { transpileOnly: true } (or PULUMI_NODEJS_TRANSPILE_ONLY=true)"),
        ...row("program compiled", `program (${stack}), compiled JS (bin/infra)${mark(progShipped === "compiled")}`, "npm run build; Pulumi.yaml runtime.options.typescript: false, package.json main: bin/infra/index.js"),
        ...(s["program pulumi"] ? [{ section: "start-up", name: `program (${stack}) under the real CLI and language host (pulumi preview --json, no pack): time`, value: median(ms("program pulumi")), unit: "ms", runs, samples: ms("program pulumi"), note: `${(s["program pulumi"][0] as Sample & { resources?: number }).resources} resources; the engine, the host, the stand-in providers included` }] : []),
        ...(s["program pulumi"] ? ratio("program pulumi", "program transpile", "program: under the real CLI / by the emulated engine's path", false) : []),
        ...ratio("program typecheck", "program transpile", "program: type check / transpile-only", progShipped === "transpile"),
        ...ratio("program typecheck", "program compiled", "program: type check / compiled", progShipped === "compiled"),
        ...row("pack typecheck", `policy pack from index.ts, ts-node type check${mark(packShipped === "typecheck")}`, "the runner forces typeCheck: true for .ts"),
        ...row("pack compiled", `policy pack from bin/index.js${mark(packShipped === "compiled")}`, "the runner still loads TypeScript and ts-node"),
        ...ratio("pack typecheck", "pack compiled", "pack: type check / compiled", packShipped === "compiled"),
        ...row("pack no-typescript", "policy pack from bin/index.js, runner without TypeScript", "not possible today: pulumi/pulumi#4830"),
        ...ratio("pack typecheck", "pack no-typescript", "pack: type check / runner without TypeScript", false),
    ];
}
