// The benchmark: `npm run bench [-- --quick]`. Prints a markdown table (medians, ratios taken side
// by side in the same run, budgets with pass/miss) and writes every sample to .bench/results.json.
// Series: start-up (program and pack, as the engine starts them), offline preview vs floor, scale
// (synthetic endpoints), policy evaluation (AnalyzeStack), tsc --noEmit, the test suite. `--help`
// for the options.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BENCH_DIR, measureNode } from "./bench/measure";
import { renderTable, Row, summarize } from "./bench/report";
import { policySeries } from "./bench/policy";
import { previewSeries, scaleSeries, tscSeries } from "./bench/series";
import { startupSeries } from "./bench/startup";
import { testSeries } from "./bench/tests";
import { ROOT } from "./lib/stackConfig";

const SECTIONS = ["start-up", "preview", "scale", "policy", "tsc", "tests"] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `usage: npm run bench -- [--quick] [--runs N] [--only SECTION,...] [--out FILE] [--policy-pack DIR]

  --quick            a smaller series, under a minute (1 run of each child process, small sizes)
  --runs N           runs per figure (default 5; --quick: 1 for processes, 3 in-process)
  --only LIST        some of: ${SECTIONS.join(", ")}
  --out FILE         where the JSON goes (default .bench/results.json)
  --policy-pack DIR  the pack of the policy series (default policy; a built copy to compare a change)`;

class UsageError extends Error {}

interface Args {
    quick: boolean;
    runs?: number;
    only: Section[];
    out: string;
    policyPack: string;
    help: boolean;
}

function parseArgs(argv: string[]): Args {
    const args: Args = { quick: false, only: [...SECTIONS], out: path.join(BENCH_DIR, "results.json"), policyPack: path.join(ROOT, "policy"), help: false };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
            return v;
        };
        if (flag === "--quick") args.quick = true;
        else if (flag === "-h" || flag === "--help") args.help = true;
        else if (flag === "--runs") {
            const v = value();
            if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`--runs: expected a positive integer, got "${v}"`);
            args.runs = Number(v);
        } else if (flag === "--only") {
            const list = value().split(",");
            const bad = list.find((s) => !(SECTIONS as readonly string[]).includes(s));
            if (bad !== undefined) throw new UsageError(`--only: unknown section "${bad}"; sections: ${SECTIONS.join(", ")}`);
            args.only = list as Section[];
        } else if (flag === "--out") args.out = path.resolve(value());
        else if (flag === "--policy-pack") {
            args.policyPack = path.resolve(value());
            if (!fs.existsSync(path.join(args.policyPack, "PulumiPolicy.yaml"))) throw new UsageError(`--policy-pack: no PulumiPolicy.yaml in ${args.policyPack}`);
        }
        else throw new UsageError(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument "${flag}"`);
    }
    return args;
}

/**
 * Compiles the program (tsconfig.build.json, for the compiled start-up) and the pack (policy/bin: its
 * package main, which start-up, preview and policy run). Incremental; exit 2 (type errors) still emits.
 */
async function build(sections: Section[]): Promise<Row[]> {
    const tsc = path.join(ROOT, "node_modules/typescript/lib/tsc.js");
    const projects: [string, string][] = [];
    if (sections.includes("start-up")) projects.push(["program", "tsconfig.build.json"]);
    if (sections.some((s) => s === "start-up" || s === "preview" || s === "policy")) projects.push(["policy pack", "policy/tsconfig.json"]);
    const rows: Row[] = [];
    for (const [what, project] of projects) {
        const s = await measureNode([tsc, "-p", project], { okCodes: [0, 2] });
        const errors = s.stdout.split("\n").filter((l) => /error TS\d+/.test(l)).length;
        rows.push({ section: "build", name: `${what}: tsc -p ${project} (incremental)`, value: s.ms / 1000, unit: "s", runs: 1, note: errors ? `${errors} type errors (JS emitted anyway)` : undefined });
    }
    return rows;
}

function load(): string {
    return os.loadavg().map((x) => x.toFixed(2)).join(" ");
}

async function main(argv: string[]): Promise<void> {
    const args = parseArgs(argv);
    if (args.help) return void process.stdout.write(USAGE + "\n");
    process.chdir(ROOT);
    const procRuns = args.runs ?? (args.quick ? 1 : 5);
    const memRuns = args.runs ?? (args.quick ? 3 : 5);
    const started = new Date();
    const loadBefore = load();
    const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
    const series: Record<Section, () => Promise<Row[]>> = {
        "start-up": () => startupSeries(procRuns, "prod", { typecheck: true }),
        preview: () => previewSeries(procRuns, ["dev", "prod"]),
        scale: () => scaleSeries(memRuns, args.quick ? [1, 10] : [1, 10, 50]),
        policy: () => policySeries(memRuns, args.quick ? [1000] : [1000, 5000, 10000], args.policyPack),
        tsc: () => tscSeries(args.quick ? 1 : Math.min(procRuns, 3)),
        tests: () => testSeries(args.quick ? 1 : Math.min(procRuns, 3)),
    };
    log("build");
    const rows: Row[] = await build(args.only);
    const failed: string[] = [];
    for (const s of SECTIONS.filter((x) => args.only.includes(x))) {
        log(s);
        try {
            rows.push(...(await series[s]()));
        } catch (e) {
            failed.push(`${s}: ${e instanceof Error ? e.message : String(e)}`);
            log(`${s} failed: ${failed[failed.length - 1]}`);
        }
    }
    const header = `Measured ${started.toISOString()} on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), node ${process.version}, ` +
        `load average ${loadBefore} at start, ${load()} at end${args.quick ? ", --quick" : ""}.`;
    const failures = failed.map((f) => `- failed: ${f.split("\n")[0]}`);
    process.stdout.write(`${header}\n\n${renderTable(rows)}\n\n${[...summarize(rows).map((l) => `- ${l}`), ...failures].join("\n")}\n`);
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    fs.writeFileSync(args.out, JSON.stringify({ started: started.toISOString(), node: process.version, cpus: os.cpus().length, loadBefore, loadAfter: load(), quick: args.quick, rows, failed }, null, 2) + "\n");
    log(`wrote ${path.relative(process.cwd(), args.out)}`);
    if (failed.length > 0) throw new Error(`${failed.length} series failed: ${failed.map((f) => f.split(":")[0]).join(", ")}`);
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
        const msg = e instanceof Error ? e.message : String(e);
        process.stderr.write(`error: ${e instanceof UsageError ? `${msg} (see --help)` : msg}\n`);
        process.exit(e instanceof UsageError ? 2 : 1);
    },
);
