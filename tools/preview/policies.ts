// The policy step of the offline preview, in the engine's order: compile and start the pack,
// GetAnalyzerInfo, Configure (schema defaults, then the --policy-pack-config file, "all" first),
// Remediate then Analyze every registered resource, AnalyzeStack over all of them.
// The gRPC client is tools/lib/analyzer.ts, shared with the tests; this file adapts its results.
import { createHash } from "crypto";
import { cacheRoot } from "../pulumi/install";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Diagnostic, EnforcementLevel, inFlight, Pack, PackConfig, PackInfo, startPack, toAnalyzerResource } from "../lib/analyzer";
import { Recorded } from "../lib/recorder";
import { ROOT } from "../lib/stackConfig";

export type Level = EnforcementLevel;

export interface Finding {
    policy: string;
    level: Level;
    /** What was found (the SDK prefixes the policy's description; that is in `description`). */
    message: string;
    description?: string;
    /** The resource the finding is about (stack policies may name one, or none). */
    urn?: string;
    /** Analyze (one resource) or AnalyzeStack. */
    scope: "resource" | "stack";
}

export interface PolicyReport {
    pack: { name: string; version: string };
    /** Policies that run (not disabled), with their effective level. */
    policies: { name: string; level: Level }[];
    findings: Finding[];
    /** Resources whose inputs a `remediate` policy rewrote before analysis. */
    remediations: { policy: string; urn: string }[];
    /** The policy config used: the --policy-pack-config file (as given) or none, and every policy's effective config. */
    config?: PolicyConfigUsed;
}

export interface PolicyConfigUsed {
    /** The --policy-pack-config file as the user gave it; undefined: the pack's own defaults. */
    file?: string;
    /** Per policy (disabled ones included): its enforcement level, where that level came from, its settings. */
    policies: { name: string; level: Level; from: "pack" | "all" | "config"; settings: Record<string, unknown> }[];
}

/** Where each policy's level comes from, in the engine's order: the pack, then "all", then the policy's own entry. */
export function configUsed(info: PackInfo, given: PackConfig, effective: ReturnType<typeof reconcile>, file?: string): PolicyConfigUsed {
    const levelIn = (v: PackConfig[string] | undefined) => (typeof v === "string" ? v : v?.enforcementLevel);
    return {
        file,
        policies: info.policies.map((p) => {
            const { enforcementLevel, ...settings } = effective[p.name];
            const from = levelIn(given[p.name]) !== undefined ? "config" : levelIn(given.all) !== undefined ? "all" : "pack";
            return { name: p.name, level: enforcementLevel, from, settings };
        }),
    };
}

/** A mistake in the --policy-pack-config file: exit 2, like bad config. */
export class PolicyConfigError extends Error {}

/** A pack that cannot be built or started: exit 3. */
export class PackError extends Error {}

/** The SDK sends "<description>\n<message>"; keep them apart. */
function split(d: Diagnostic): { message: string; description: string } {
    const prefix = `${d.description}\n`;
    return { message: d.description && d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message, description: d.description };
}

const level = (d: Diagnostic): Level => (d.enforcementLevel === "remediate" ? "mandatory" : d.enforcementLevel);

export function countLevel(report: PolicyReport, level: Level): number {
    return report.findings.filter((f) => f.level === level).length;
}

const LEVELS: Level[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Reads a --policy-pack-config file (JSON): `{ "<policy>|all": level | { enforcementLevel?, ...properties } }`. */
export function readPackConfig(file: string): PackConfig {
    const name = path.basename(file);
    if (!fs.existsSync(file)) throw new PolicyConfigError(`${name}: no such file`);
    const text = fs.readFileSync(file, "utf8");
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (e) {
        const pos = /at position (\d+)/.exec((e as Error).message);
        const before = pos ? text.slice(0, Number(pos[1])).split("\n") : undefined;
        const where = before ? `:${before.length}:${before[before.length - 1].length + 1}` : "";
        throw new PolicyConfigError(`${name}${where}: malformed JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, "")}`);
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) throw new PolicyConfigError(`${name}: expected a JSON object of policy names`);
    for (const [policy, value] of Object.entries(data)) {
        const level = typeof value === "string" ? value : value?.enforcementLevel;
        const shapeOk = typeof value === "string" || (value !== null && typeof value === "object" && !Array.isArray(value));
        if (!shapeOk || (level !== undefined && !LEVELS.includes(level))) {
            throw new PolicyConfigError(`${name}: ${policy}: expected an enforcement level (${LEVELS.join(", ")}) or an object of settings, got ${JSON.stringify(value)}`);
        }
    }
    return data as PackConfig;
}

/** The engine's reconciliation: schema defaults and the policies' own levels, then "all", then each policy. */
export function reconcile(info: PackInfo, given: PackConfig, file = "policy pack config"): Record<string, { enforcementLevel: Level } & Record<string, unknown>> {
    const unknown = Object.keys(given).filter((k) => k !== "all" && !info.policies.some((p) => p.name === k));
    if (unknown.length > 0) {
        throw new PolicyConfigError(`${file}: unknown policy "${unknown[0]}"; the pack ${info.name} has: ${info.policies.map((p) => p.name).join(", ")}`);
    }
    const all = given.all === undefined ? undefined : typeof given.all === "string" ? given.all : given.all.enforcementLevel;
    const out: Record<string, { enforcementLevel: Level } & Record<string, unknown>> = {};
    for (const p of info.policies) {
        const defaults: Record<string, unknown> = {};
        const props = (p.configSchema ?? {}) as Record<string, { default?: unknown }>;
        for (const [k, schema] of Object.entries(props)) if (schema && schema.default !== undefined) defaults[k] = schema.default;
        const mine = given[p.name];
        const { enforcementLevel, ...settings } = typeof mine === "string" ? { enforcementLevel: mine } : mine ?? {};
        for (const k of Object.keys(settings)) {
            if (!(k in props)) throw new PolicyConfigError(`${file}: ${p.name}.${k}: unknown setting; ${p.name} has: ${Object.keys(props).join(", ") || "no settings"}`);
        }
        out[p.name] = { ...defaults, ...settings, enforcementLevel: enforcementLevel ?? all ?? p.enforcementLevel };
    }
    return out;
}

/**
 * Compiles the pack to its `main`, as `npm run build:policy` (incremental: about 2.5 s when nothing
 * changed). Not TypeScript's build mode (`tsc -b`, 0.4 s when up to date): it decides by modification
 * times (typescript/lib/typescript.js getUpToDateStatusWorker), so a source saved while a compile runs,
 * or restored with an old time, is never rebuilt and the preview would run a stale policy/bin;
 * `--incremental` compares each file's content hash. Asynchronous: the program runs meanwhile, and
 * the resource monitor, which lives in this process's event loop, keeps answering it.
 */
/**
 * Whether the compiled pack is current, decided as `--incremental` decides, by content: tsc's
 * build-info (the tsconfig's `tsBuildInfoFile`) holds the SHA-256 of every source it compiled
 * (fileInfos[i].version, of fileNames[i]); the pack is current when its TypeScript files (bin and
 * node_modules left out) are exactly those, with those hashes, and the last compile was clean and
 * complete under the TypeScript installed (tsc writes the build-info even when it reports errors,
 * with their diagnostics or files still to check or emit: such a pack compiles, and fails, again).
 * Modification times are not trusted (see above). Saves the start of TypeScript (about 2 s) when
 * nothing changed; a pack without a build-info file in its config is always compiled.
 */
const TS_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "typescript", "package.json"), "utf8")).version;
const UNCLEAN = ["errors", "semanticDiagnosticsPerFile", "emitDiagnosticsPerFile", "affectedFilesPendingEmit", "checkPending", "pendingEmit"];

/** The pack's build-info file (its tsconfig's `tsBuildInfoFile`), or undefined; throws when tsconfig.json cannot be read. */
function buildInfoFile(packDir: string): string | undefined {
    const file = JSON.parse(fs.readFileSync(path.join(packDir, "tsconfig.json"), "utf8"))?.compilerOptions?.tsBuildInfoFile;
    return typeof file === "string" ? path.resolve(packDir, file) : undefined;
}

export function packUpToDate(packDir: string): boolean {
    try {
        const file = buildInfoFile(packDir);
        if (!file) return false;
        const b = JSON.parse(fs.readFileSync(file, "utf8"));
        if (UNCLEAN.some((k) => b[k] !== undefined) || b.version !== TS_VERSION) return false;
        const root = path.resolve(packDir) + path.sep;
        const compiled = new Map<string, string>();
        (b.fileNames as string[]).forEach((name, i) => {
            const abs = path.resolve(path.dirname(file), name);
            const info = b.fileInfos[i];
            if (abs.startsWith(root) && !abs.slice(root.length).split(path.sep).includes("node_modules")) compiled.set(abs, typeof info === "string" ? info : info?.version);
        });
        const sources: string[] = [];
        const walk = (dir: string) => {
            for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
                const f = path.join(dir, e.name);
                if (e.isDirectory()) {
                    if (!["bin", "node_modules", ".git"].includes(e.name)) walk(f);
                } else if (e.name.endsWith(".ts")) sources.push(f);
            }
        };
        walk(packDir);
        return sources.length === compiled.size &&
            sources.every((f) => compiled.get(path.resolve(f)) === createHash("sha256").update(fs.readFileSync(f, "utf8")).digest("hex"));
    } catch {
        return false; // unreadable, or a tsconfig.json with comments: tsc decides
    }
}

export function buildPack(packDir: string): Promise<void> {
    if (!fs.existsSync(path.join(packDir, "tsconfig.json"))) return Promise.resolve(); // a JavaScript pack
    if (packUpToDate(packDir)) return Promise.resolve();
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [tsc, "-p", path.join(packDir, "tsconfig.json")], (e, stdout) => {
            if (!e) return resolve();
            const first = String(stdout ?? "").split("\n").find((l) => l.trim()) ?? e.message;
            reject(new PackError(`the policy pack in ${path.relative(process.cwd(), packDir) || "."} does not compile: ${first.trim()}`));
        });
    });
}

export interface PolicyOptions {
    packDir: string;
    configFile?: string;
    progress?: (msg: string) => void;
    /** Compiles and starts the pack (default: buildPack, then startPack). The pack is closed after the run. */
    launch?: (packDir: string) => Promise<Pack>;
}

/** Compiles the pack, then starts it as the engine does. */
async function launchPack(packDir: string): Promise<Pack> {
    await buildPack(packDir);
    return startPack(packDir);
}

/** A pack being started (compiled, launched, configured), to start while the program runs. */
export interface StartedPack {
    pack: Pack;
    info: PackInfo;
    config: ReturnType<typeof reconcile>;
    /** The config as the file gave it (before defaults). */
    given: PackConfig;
}

/** Reads the pack config (refused at once when malformed), then compiles, starts and configures the pack. */
export function startPolicies(opts: PolicyOptions): Promise<StartedPack> {
    const given = opts.configFile ? readPackConfig(opts.configFile) : {};
    if (!fs.existsSync(path.join(opts.packDir, "package.json"))) throw new PolicyConfigError(`${opts.packDir}: not a policy pack (no package.json)`);
    return (async () => {
        opts.progress?.("starting the policy pack");
        const pack = await (opts.launch ?? launchPack)(opts.packDir).catch((e: Error) => {
            if (e instanceof PackError) throw e; // it did not compile
            throw new PackError(`the policy pack did not start: ${e.message.split("\n").find((l) => l.trim() && !/^policy pack did not start/.test(l)) ?? e.message.split("\n")[0]}`);
        });
        try {
            const info = await pack.info();
            const config = reconcile(info, given, opts.configFile ? path.basename(opts.configFile) : undefined);
            if (info.supportsConfig) await pack.configure(config);
            return { pack, info, config, given };
        } catch (e) {
            await pack.close();
            throw e;
        }
    })();
}

/** What the report needs of a pack without running it: its metadata and the config reconciled with it. */
export type PackMetadata = Omit<StartedPack, "pack">;

/**
 * The identity of a compiled pack's build: its folder and the SHA-256 of its build-info file, which
 * holds the hash of every source compiled (see packUpToDate). Undefined: no build-info.
 */
function buildKey(packDir: string): string | undefined {
    try {
        const file = buildInfoFile(packDir);
        return file && JSON.stringify([fs.realpathSync(packDir), createHash("sha256").update(fs.readFileSync(file)).digest("hex")]);
    } catch {
        return undefined;
    }
}

const metadataFile = (packDir: string) =>
    path.join(cacheRoot(), "pack-info", `${createHash("sha256").update(fs.realpathSync(packDir)).digest("hex").slice(0, 16)}.json`);

/**
 * The pack's GetAnalyzerInfo for a run of the real CLI (which starts the pack itself, for its own
 * requests): remembered per build of the pack (buildKey) under the cache folder, so that a preview
 * starts no second pack process beside the CLI's when the pack did not change; else the pack is
 * started, asked, and closed. The config is reconciled with it as when the pack runs here.
 */
export async function packMetadata(opts: PolicyOptions): Promise<PackMetadata> {
    const given = opts.configFile ? readPackConfig(opts.configFile) : {};
    const key = buildKey(opts.packDir);
    if (key) {
        try {
            const cached = JSON.parse(fs.readFileSync(metadataFile(opts.packDir), "utf8"));
            if (cached?.key === key && cached.info) {
                const info = cached.info as PackInfo;
                return { info, config: reconcile(info, given, opts.configFile ? path.basename(opts.configFile) : undefined), given };
            }
        } catch {
            // not remembered yet
        }
    }
    const started = await startPolicies(opts);
    await started.pack.close();
    if (key) {
        try {
            fs.mkdirSync(path.dirname(metadataFile(opts.packDir)), { recursive: true });
            fs.writeFileSync(metadataFile(opts.packDir), JSON.stringify({ key, info: started.info }));
        } catch {
            // a read-only cache: asked again next time
        }
    }
    return { info: started.info, config: started.config, given: started.given };
}

/** What AnalyzeStack receives of a resource: its state's outputs where the run has them (engine runs). */
export function stackProperties(rec: Recorded, analyzed: Record<string, any>): Record<string, any> {
    if (rec.custom) return rec.state ?? analyzed;
    return rec.outputs ?? analyzed;
}

export async function runPolicies(records: Recorded[], opts: PolicyOptions, started: Promise<StartedPack> = startPolicies(opts)): Promise<PolicyReport> {
    const { pack, info, config, given } = await started;
    try {
        const analyzed = await inFlight(records, async (rec) => {
            let res = toAnalyzerResource(rec);
            const found: Finding[] = [];
            const fixed: PolicyReport["remediations"] = [];
            if (rec.read) return { res, found, fixed }; // reads are not analyzed
            opts.progress?.(`analyzing ${rec.name}`);
            // The engine: remediations first, then analysis of the remediated inputs.
            for (const r of await pack.remediate(res)) {
                if (r.diagnostic) found.push({ policy: r.policyName, level: "advisory", message: r.diagnostic, urn: rec.urn, scope: "resource" });
                else if (r.properties) {
                    res = { ...res, properties: r.properties };
                    fixed.push({ policy: r.policyName, urn: rec.urn });
                }
            }
            for (const d of await pack.analyze(res)) {
                // As the engine: a violation that survives remediation is mandatory; the URN is the analyzed resource's.
                found.push({ policy: d.policyName, level: level(d), ...split(d), urn: rec.urn, scope: "resource" });
            }
            return { res, found, fixed };
        });
        // In the records' order, as one call at a time would give them.
        const findings = analyzed.flatMap((a) => a.found);
        const remediations = analyzed.flatMap((a) => a.fixed);
        // step_generator.go AnalyzeResources: AnalyzeStack gets each resource's outputs (a component's
        // registered outputs), "to verify the final stack", not the inputs Analyze got.
        const resources = analyzed.map((a, i) => ({ ...a.res, properties: stackProperties(records[i], a.res.properties) }));
        opts.progress?.("analyzing the stack");
        // step_generator.go AnalyzeResources: a finding names the resource it gives when that is in the
        // stack, else the root stack.
        const stackUrn = records.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent)?.urn;
        const inStack = new Set(records.map((r) => r.urn));
        for (const d of await pack.analyzeStack(resources)) {
            findings.push({ policy: d.policyName, level: level(d), ...split(d), urn: (inStack.has(d.urn) ? d.urn : stackUrn) || undefined, scope: "stack" });
        }
        const order = (l: Level) => ["mandatory", "remediate", "advisory", "disabled"].indexOf(l);
        findings.sort((a, b) => order(a.level) - order(b.level));
        return {
            pack: { name: info.name, version: info.version },
            policies: info.policies.map((p) => ({ name: p.name, level: config[p.name].enforcementLevel })).filter((p) => p.level !== "disabled"),
            findings,
            remediations,
            config: configUsed(info, given, config, opts.configFile && path.relative(process.cwd(), opts.configFile)),
        };
    } finally {
        await pack.close();
    }
}
