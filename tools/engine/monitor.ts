// The engine's side of a program run, served over gRPC: the ResourceMonitor and Engine services that
// `@pulumi/pulumi/cmd/run` connects to (--monitor, --engine). Every registration is recorded in the
// same shape as the in-process recorder (tools/lib/recorder.ts), so the preview, the pack and the
// tests read one format.
//
// Mirrors pulumi/pulumi v3.248.0:
// - proto/pulumi/resource.proto, engine.proto: the services (stubs installed under
//   node_modules/@pulumi/pulumi/proto).
// - pkg/resource/deploy/source_eval.go (resmon): SupportsFeature answers the same feature ids;
//   SignalAndWaitForShutdown lets the program finish; URNs from sdk/go/common/resource/urn/urn.go
//   New: the parent's qualified type prefixes the type ("Parent$Child"), except under the root Stack.
// - Preview semantics (`pulumi preview` of a new stack): a created resource's outputs are its inputs
//   and nothing more (the SDK treats missing outputs as unknown during a dry run), its ID is empty;
//   a default provider's ID is the unknown sentinel (pkg/resource/deploy/providers/registry.go,
//   Create with Preview). Reads (`Resource.get`) return state in both modes.
// - Engine.Log: diagnostics the CLI prints; an ERROR marks the run failed
//   (sdk/nodejs/cmd/run/run.ts logs a program's error through it, then exits with code 32).
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginepb from "@pulumi/pulumi/proto/engine_pb";
import * as provpb from "@pulumi/pulumi/proto/provider_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as respb from "@pulumi/pulumi/proto/resource_pb";
import { armName, CallHook, fakeId, OutputsHook, Recorded, recordRead, recordRegistration, unwrap, UNKNOWN } from "../lib/recorder";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Providers } from "./providers";

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";

/**
 * An asset as the engine holds it (pulumi/pulumi v3.248.0 sdk/go/common/resource/asset/asset.go:
 * Deserialize keeps the signature, hash, text, path and uri the SDK sent, nothing else; the
 * monitor unmarshals with ComputeAssetHashes, EnsureHashWithWD: the SHA-256 of the content, a path
 * read from the program's folder). Archives are left as sent (none in this program).
 */
export function engineAsset(v: any, wd: string): any {
    if (Array.isArray(v)) return v.map((x) => engineAsset(x, wd));
    if (v === null || typeof v !== "object") return v;
    if (v[SIG] === ASSET_SIG) {
        const out: Record<string, any> = { [SIG]: ASSET_SIG };
        let hash = typeof v.hash === "string" ? v.hash : undefined;
        if (!hash && typeof v.text === "string") hash = createHash("sha256").update(v.text).digest("hex");
        if (!hash && typeof v.path === "string") {
            try {
                hash = createHash("sha256").update(fs.readFileSync(path.resolve(wd, v.path))).digest("hex");
            } catch {
                // unreadable: the engine's error comes from the provider's use of it; left without a hash
            }
        }
        if (hash) out.hash = hash;
        for (const k of ["text", "path", "uri"]) if (typeof v[k] === "string" && v[k] !== "") out[k] = v[k];
        return out;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, engineAsset(x, wd)]));
}

/** source_eval.go supportsFeatureID: the ids this engine answers true. */
const FEATURES = new Set([
    "secrets", "resourceReferences", "outputValues", "aliasSpecs", "replacementTrigger", "deletedWith", "replaceWith",
    "transforms", "invokeTransforms", "parameterization", "resourceHooks", "errorHooks", "sendsOptionsToHooks",
]);
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

export interface MonitorOptions {
    project: string;
    stack: string;
    preview: boolean;
    /** Provider outputs per resource in update mode (beyond inputs, name and id). */
    outputs?: OutputsHook;
    /** Results of provider functions (invokes). */
    call?: CallHook;
    /** The program's working directory (asset paths are read from there); default: this process's. */
    cwd?: string;
    /**
     * The providers (tools/engine/providers.ts): custom resources then go through their Check and
     * Create (or Read), invokes through Invoke, as the real engine sends them; `outputs` and `call`
     * are not used. Without: inputs echoed, and the hooks.
     */
    providers?: Providers;
}

export interface Monitor {
    /** host:port of the ResourceMonitor and Engine services (one server serves both). */
    address: string;
    records: Recorded[];
    /**
     * The default providers the engine made for resources that name none (with `providers` only):
     * not in the program's registrations (the CLI's display hides them too), but analyzed like them.
     */
    defaultProviders: Recorded[];
    logs: LogEntry[];
    /** Outputs the root stack resource registered (the program's exports), wire form. */
    stackOutputs(): Record<string, any>;
    close(): Promise<void>;
}

/** urn.go New: "urn:pulumi:<stack>::<project>::<qualified type>::<name>". */
export function newUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn ? parentUrn.split("::")[2] : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** A protobuf Struct of a JS value; undefined members are left out, as the SDK's serializer does. */
const struct = (v: Record<string, any>) => Struct.fromJavaScript(JSON.parse(JSON.stringify(v)));

type Handler = (call: any, callback: grpc.sendUnaryData<any>) => void;

/** A handler that turns a thrown error into a gRPC error for the caller. */
function unary(fn: (req: any) => any): Handler {
    return (call, callback) => {
        Promise.resolve()
            .then(() => fn(call.request))
            .then((resp) => callback(null, resp), (e) => callback({ code: grpc.status.INTERNAL, details: String(e?.message ?? e) } as any, null));
    };
}

/** Starts the engine's services on a free loopback port. */
export async function startMonitor(opts: MonitorOptions): Promise<Monitor> {
    const records: Recorded[] = [];
    const logs: LogEntry[] = [];
    const byUrn = new Map<string, Recorded>();
    let rootUrn = "";

    /** The state the engine answers with (wire form) and the resource's ID. */
    const answer = (rec: Recorded): { id: string; state: Record<string, any> } => {
        if (!rec.custom) return { id: "", state: {} };
        const isProvider = rec.type.startsWith("pulumi:providers:");
        if (opts.preview && !rec.read && !rec.importId) return { id: isProvider ? UNKNOWN : "", state: { ...rec.raw } };
        const state = { ...rec.raw, ...(isProvider ? {} : { name: armName(rec.type, rec.inputs, rec.name) }), ...(opts.outputs?.(rec) ?? {}) };
        return { id: rec.importId || (isProvider ? `${rec.name}-00000000` : fakeId(rec)), state };
    };

    /**
     * A resource that names no provider gets its package's default one, registered first (pkg/resource/
     * deploy/providers/provider.go DefaultName: "default_<major>_<minor>_<patch>"; its inputs are the
     * package's config and its version; its ID is unknown in a preview).
     */
    const defaultProviders = new Map<string, Recorded>();
    const defaultProvider = (rec: Recorded, version: string): string => {
        const pkg = rec.type.split(":")[0];
        const v = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
        const name = v ? `default_${v[1]}_${v[2]}_${v[3]}` : "default";
        const type = `pulumi:providers:${pkg}`;
        const urn = newUrn(opts.stack, opts.project, "", type, name);
        if (!defaultProviders.has(urn)) {
            const raw: Record<string, any> = { ...opts.providers!.config(pkg), ...(v ? { version: version.replace(/^v/, "") } : {}) };
            defaultProviders.set(urn, {
                urn, type, name, custom: true, parent: "", raw, inputs: { ...raw }, state: { ...raw }, dependencies: [], propertyDependencies: {}, provider: "",
                protect: false, ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, retainOnDelete: false, deletedWith: "", aliases: [], additionalSecretOutputs: [], importId: "",
            });
        }
        return `${urn}::${opts.preview ? UNKNOWN : `${name}-00000000-0000-0000-0000-000000000000`}`;
    };

    /** step_generator.go: Check's inputs are the ones the engine keeps; then Create (preview or not) or Read. */
    const throughProvider = (rec: Recorded): { id: string; state: Record<string, any> } => {
        const p = opts.providers!.of(rec.type);
        const req = { urn: rec.urn, type: rec.type, name: rec.name, preview: opts.preview, olds: {} };
        if (rec.read) {
            const got = p.read({ ...req, id: rec.importId, properties: rec.raw });
            rec.state = got.properties;
            return { id: got.id, state: got.properties };
        }
        const checked = p.check({ ...req, news: engineAsset(rec.raw, opts.cwd ?? process.cwd()), randomSeed: Buffer.alloc(0) });
        if (checked.failures?.length) throw new Error(checked.failures.map((f) => `${rec.urn}: ${f.property ? `${f.property}: ` : ""}${f.reason}`).join("; "));
        rec.raw = checked.inputs;
        rec.inputs = unwrap(rec.raw);
        const made = p.create({ ...req, id: "", properties: rec.raw });
        rec.state = made.properties;
        return { id: made.id, state: made.properties };
    };

    const register = (rec: Recorded) => {
        rec.urn = newUrn(opts.stack, opts.project, rec.parent, rec.type, rec.name);
        if (byUrn.has(rec.urn)) throw new Error(`Duplicate resource URN '${rec.urn}'; try giving it a unique name`);
        records.push(rec);
        byUrn.set(rec.urn, rec);
        const viaProvider = opts.providers && rec.custom && !rec.type.startsWith("pulumi:providers:") && !(rec.importId && !rec.read);
        return viaProvider ? throughProvider(rec) : answer(rec);
    };

    const monitor = {
        supportsFeature: unary((req: respb.SupportsFeatureRequest) => new respb.SupportsFeatureResponse().setHassupport(FEATURES.has(req.getId()))),
        registerResource: unary((req: respb.RegisterResourceRequest) => {
            const rec = recordRegistration(req);
            if (opts.providers && rec.custom && !rec.provider && !rec.type.startsWith("pulumi:providers:")) {
                rec.provider = defaultProvider(rec, req.getVersion() || opts.providers.of(rec.type).version);
            }
            const { id, state } = register(rec);
            return new respb.RegisterResourceResponse().setUrn(rec.urn).setId(id).setObject(struct(state));
        }),
        readResource: unary((req: respb.ReadResourceRequest) => {
            const rec = recordRead(req);
            if (opts.providers && !rec.provider) rec.provider = defaultProvider(rec, req.getVersion() || opts.providers.of(rec.type).version);
            const { state } = register(rec);
            return new respb.ReadResourceResponse().setUrn(rec.urn).setProperties(struct(state));
        }),
        registerResourceOutputs: unary((req: respb.RegisterResourceOutputsRequest) => {
            const rec = byUrn.get(req.getUrn());
            const outputs = req.getOutputs()?.toJavaScript() ?? {};
            if (rec) rec.outputs = outputs;
            return new Empty();
        }),
        invoke: unary((req: respb.ResourceInvokeRequest) => {
            const raw = req.getArgs()?.toJavaScript() ?? {};
            const result = opts.providers ? opts.providers.of(req.getTok()).invoke(req.getTok(), raw, opts.preview) : opts.call?.(req.getTok(), unwrap(raw)) ?? {};
            return new provpb.InvokeResponse().setReturn(struct(result));
        }),
        registerPackage: unary(() => new respb.RegisterPackageResponse().setRef(`pkg-${records.length}`)),
        signalAndWaitForShutdown: unary(() => new Empty()),
    };
    const engine = {
        log: unary((req: enginepb.LogRequest) => {
            const severity = (["debug", "info", "warning", "error"] as const)[req.getSeverity()] ?? "info";
            // The CLI shows debug messages only with -v; they are not kept.
            if (severity !== "debug") logs.push({ severity, message: req.getMessage(), urn: req.getUrn() });
            return new Empty();
        }),
        getRootResource: unary(() => new enginepb.GetRootResourceResponse().setUrn(rootUrn)),
        setRootResource: unary((req: enginepb.SetRootResourceRequest) => {
            rootUrn = req.getUrn();
            return new enginepb.SetRootResourceResponse();
        }),
        requirePulumiVersion: unary(() => new enginepb.RequirePulumiVersionResponse()),
    };

    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    // Methods this engine does not serve answer UNIMPLEMENTED, as an older engine would.
    server.addService(resrpc.ResourceMonitorService, monitor as any);
    server.addService(enginerpc.EngineService, engine as any);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    return {
        address: `127.0.0.1:${port}`,
        records,
        get defaultProviders() {
            return [...defaultProviders.values()];
        },
        logs,
        stackOutputs: () => byUrn.get(rootUrn)?.outputs ?? {},
        close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    };
}
