// Runs a policy pack exactly as the engine does and talks to it over the analyzer gRPC protocol.
//
// The engine starts `node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-address> <pack-dir>`
// with the pack directory as working directory (@pulumi/policy reads ./package.json for the version),
// and reads the port the pack's gRPC server prints as the first line of stdout. The runner drops the
// engine address (logging goes to PULUMI_NODEJS_ENGINE, which we leave unset, so the pack logs to
// stderr): no Engine service is needed.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as rpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Recorded } from "./recorder";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"]; // proto enum order

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn: string;
    description: string;
}

export interface PolicySummary {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: Record<string, unknown>;
    severity: number;
    remediationSteps: string;
    url: string;
}

export interface PackInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicySummary[];
}

/** A resource as the engine sends it: wire-form properties (unknown sentinels, secret wrappers). */
export interface AnalyzerResource {
    type: string;
    name: string;
    urn: string;
    properties: Record<string, any>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    ignoreChanges?: string[];
    aliases?: string[];
    additionalSecretOutputs?: string[];
    deleteBeforeReplace?: boolean;
    /** Provider reference "urn::id" (only its URN is sent; provider props are not recorded). */
    provider?: string;
}

/**
 * Policy config as in --policy-pack-config: a level, or { enforcementLevel?, ...properties }, per policy
 * name. A missing level means the policy's default (as the engine reconciles it); the engine's "all"
 * key is not expanded here (tools/preview reconciles it before calling configure).
 */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface Pack {
    info(): Promise<PackInfo>;
    configure(config: PackConfig): Promise<void>;
    analyze(resource: AnalyzerResource): Promise<Diagnostic[]>;
    analyzeStack(resources: AnalyzerResource[]): Promise<Diagnostic[]>;
    /** What the engine does in a preview: Analyze each resource (URN filled in), then AnalyzeStack. */
    analyzeAll(resources: AnalyzerResource[]): Promise<Diagnostic[]>;
    /** Remediated properties per policy (policies at the `remediate` level only). */
    remediate(resource: AnalyzerResource): Promise<{ policyName: string; properties?: Record<string, any>; diagnostic: string }[]>;
    close(): Promise<void>;
}

export interface StartOptions {
    /** Milliseconds to wait for the port (default 60000). */
    timeoutMs?: number;
    /** Where node_modules/@pulumi/pulumi lives (default: this repository). */
    pulumiDir?: string;
}

const ROOT = path.resolve(__dirname, "..", "..");

/** Packs still running: killed when this process exits, so an interrupted run leaves no server behind. */
const running = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
    running.add(child);
    child.once("exit", () => running.delete(child));
    if (!exitHook) {
        exitHook = true;
        process.once("exit", () => running.forEach((c) => c.kill("SIGKILL")));
    }
}

/**
 * `work` on every item with up to `limit` calls in flight; the results in the items' order. The
 * engine analyzes one resource at a time (pkg/resource/deploy/deployment_executor.go handles one
 * RegisterResourceEvent at a time; step_generator.go analyzeAll runs inline), but a pack's answer
 * depends only on the request and its config (pulumi-policy sdk/nodejs/policy/server.ts
 * makeAnalyzeRpcFun: each call collects its own diagnostics; only Configure writes the config), so
 * several calls in flight give the same answers while the pack and this process work at once.
 */
export async function inFlight<T, R>(items: readonly T[], work: (item: T) => Promise<R>, limit = 8): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}

/** Starts the pack in `packDir` (its package.json `main` is loaded) and connects to it. */
export async function startPack(packDir: string, opts: StartOptions = {}): Promise<Pack> {
    const runner = path.join(opts.pulumiDir ?? path.join(ROOT, "node_modules", "@pulumi", "pulumi"), "cmd", "run-policy-pack");
    const cwd = path.resolve(packDir);
    // Without PULUMI_NODEJS_ENGINE the pack logs to stderr (kept for error messages), as documented above.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_NODEJS_")));
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    track(child);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    let port: number;
    try {
        port = await readPort(child, opts.timeoutMs ?? 60000, () => stderr);
    } catch (e) {
        child.kill("SIGKILL");
        throw e;
    }
    const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    const call = <Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req) =>
        new Promise<Res>((resolve, reject) => method.call(client, req, (err, res) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(res))));

    const pack: Pack = {
        async info() {
            const res = await call<Empty, pb.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
            return {
                name: res.getName(),
                version: res.getVersion(),
                supportsConfig: res.getSupportsconfig(),
                policies: res.getPoliciesList().map((p) => ({
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
                    severity: p.getSeverity(),
                    remediationSteps: p.getRemediationSteps(),
                    url: p.getUrl(),
                })),
            };
        },
        async configure(config) {
            // Like the engine, send every configured policy with a level: its default when none is given
            // (the pack reads a missing level as advisory, the proto default).
            const defaults = new Map((await pack.info()).policies.map((p) => [p.name, p.enforcementLevel]));
            const req = new pb.ConfigureAnalyzerRequest();
            for (const [name, value] of Object.entries(config)) {
                const pc = new pb.PolicyConfig();
                const { enforcementLevel, ...props } = typeof value === "string" ? { enforcementLevel: value } : value;
                pc.setEnforcementlevel(LEVELS.indexOf(enforcementLevel ?? defaults.get(name) ?? "advisory"));
                pc.setProperties(Struct.fromJavaScript(props as any));
                req.getPolicyconfigMap().set(name, pc);
            }
            await call(client.configure, req);
        },
        async analyze(resource) {
            const res = await call<pb.AnalyzeRequest, pb.AnalyzeResponse>(client.analyze, toRequest(resource));
            return diagnostics(res);
        },
        async analyzeStack(resources) {
            const req = new pb.AnalyzeStackRequest();
            req.setResourcesList(resources.map(toStackResource));
            return diagnostics(await call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>(client.analyzeStack, req));
        },
        async remediate(resource) {
            const res = await call<pb.AnalyzeRequest, pb.RemediateResponse>(client.remediate, toRequest(resource, true));
            return res.getRemediationsList().map((r) => ({
                policyName: r.getPolicyname(),
                properties: r.getProperties()?.toJavaScript() as Record<string, any> | undefined,
                diagnostic: r.getDiagnostic(),
            }));
        },
        async analyzeAll(resources) {
            const per = await inFlight(resources, async (r) => (await pack.analyze(r)).map((d) => ({ ...d, urn: d.urn || r.urn })));
            return [...per.flat(), ...(await pack.analyzeStack(resources))];
        },
        close: () => close(child, client),
    };
    return pack;
}

function readPort(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        const fail = (why: string) => {
            clearTimeout(timer);
            reject(new Error(`policy pack did not start: ${why}\n${stderr()}`));
        };
        const timer = setTimeout(() => fail(`no port on stdout after ${timeoutMs} ms`), timeoutMs);
        child.stdout!.on("data", (d) => {
            out += d;
            const line = out.split("\n")[0];
            if (out.includes("\n") && /^\d+$/.test(line.trim())) {
                clearTimeout(timer);
                resolve(Number(line.trim()));
            } else if (out.includes("\n")) fail(`unexpected stdout ${JSON.stringify(out)}`);
        });
        child.once("exit", (code) => fail(`exited with code ${code}`));
    });
}

function close(child: ChildProcess, client: grpc.Client): Promise<void> {
    client.close();
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
            clearTimeout(timer);
            resolve();
        });
        child.kill("SIGTERM");
    });
}

function options(r: AnalyzerResource): pb.AnalyzerResourceOptions {
    const o = new pb.AnalyzerResourceOptions();
    o.setProtect(r.protect ?? false);
    o.setIgnorechangesList(r.ignoreChanges ?? []);
    o.setAliasesList(r.aliases ?? []);
    o.setAdditionalsecretoutputsList(r.additionalSecretOutputs ?? []);
    o.setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts());
    if (r.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplace(r.deleteBeforeReplace);
        o.setDeletebeforereplacedefined(true);
    }
    if (r.parent) o.setParent(r.parent);
    return o;
}

function provider(r: AnalyzerResource): pb.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const urn = r.provider.split("::").slice(0, -1).join("::") || r.provider;
    const p = new pb.AnalyzerProviderResource();
    p.setUrn(urn);
    p.setType(urn.split("::")[2] ?? "");
    p.setName(urn.split("::")[3] ?? "");
    p.setProperties(new Struct());
    return p;
}

/**
 * Internal top-level keys ("__createBeforeDelete", "__meta": resource.IsInternalPropertyKey) are not
 * sent to Analyze or AnalyzeStack, but are to Remediate (pulumi/pulumi v3.248.0
 * sdk/go/common/resource/plugin/analyzer_plugin.go: MarshalOptions SkipInternalKeys).
 */
function withoutInternalKeys(props: Record<string, any>): Record<string, any> {
    return Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")));
}

/** The fields an AnalyzeRequest and a stack's AnalyzerResource share. */
function fill<M extends pb.AnalyzeRequest | pb.AnalyzerResource>(m: M, r: AnalyzerResource, skipInternal = true): M {
    m.setType(r.type);
    m.setName(r.name);
    m.setUrn(r.urn);
    m.setProperties(Struct.fromJavaScript(definedOnly(skipInternal ? withoutInternalKeys(r.properties) : r.properties)));
    m.setOptions(options(r));
    const p = provider(r);
    if (p) m.setProvider(p);
    return m;
}

/** The Analyze request the engine sends for one resource (Remediate's keeps the internal keys). */
export function toRequest(r: AnalyzerResource, remediate = false): pb.AnalyzeRequest {
    return fill(new pb.AnalyzeRequest(), r, !remediate);
}

/** One resource of an AnalyzeStack request, as the engine sends it. */
export function toStackResource(r: AnalyzerResource): pb.AnalyzerResource {
    const res = fill(new pb.AnalyzerResource(), r);
    res.setParent(r.parent ?? "");
    res.setDependenciesList(r.dependencies ?? []);
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (urns.length === 0) continue; // analyzer_plugin.go AnalyzeStack: "Skip properties that have no dependencies."
        const deps = new pb.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        res.getPropertydependenciesMap().set(k, deps);
    }
    return res;
}

/** Drops undefined object members (absent on the wire; Struct cannot carry them). */
function definedOnly(v: any): any {
    if (Array.isArray(v)) return v.map(definedOnly);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, definedOnly(x)]));
}

function diagnostics(res: pb.AnalyzeResponse): Diagnostic[] {
    return res.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        message: d.getMessage(),
        urn: d.getUrn(),
        description: d.getDescription(),
    }));
}

/** The recorder's registration as the engine sends it: custom resources with their wire-form inputs. */
export function toAnalyzerResource(rec: Recorded): AnalyzerResource {
    return {
        type: rec.type,
        name: rec.name,
        urn: rec.urn,
        properties: rec.raw,
        parent: rec.parent || undefined,
        dependencies: rec.dependencies,
        propertyDependencies: rec.propertyDependencies,
        protect: rec.protect,
        ignoreChanges: rec.ignoreChanges,
        // step_generator.go sends the state's aliases (new.GetAliases()): the old URNs it was found
        // under, none on a stack with no state, which is every emulated run.
        aliases: [],
        additionalSecretOutputs: rec.additionalSecretOutputs,
        // goal.DeleteBeforeReplace: a pointer, set when the program gave the option (false included).
        deleteBeforeReplace: rec.deleteBeforeReplaceDefined ? rec.deleteBeforeReplace : rec.deleteBeforeReplace || undefined,
        provider: rec.provider || undefined,
    };
}

/** "can't run ... during preview" advisories: a policy that read an unknown value. */
export const isCantRun = (d: Diagnostic) => /^can't run (policy|remediation) '/.test(d.message);
