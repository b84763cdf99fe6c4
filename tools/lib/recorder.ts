// A recording mock monitor: runs a Pulumi program under the SDK's own MockMonitor and records every
// registration (type, name, URN, parent, inputs as the engine receives them, dependencies, property
// dependencies, options). Used by the tests and by the offline preview.
//
// Preview mode follows `pulumi preview` on a new stack: a new resource's outputs are unknown (its
// state echoes only its inputs, its id is empty). Update mode returns inputs plus mock outputs.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface Recorded {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string;
    /** Inputs in the engine's wire form: unknowns are UNKNOWN, secrets are {SECRET_SIG: ..., value}. */
    raw: Record<string, any>;
    /** Inputs with secrets unwrapped (unknowns stay UNKNOWN). */
    inputs: Record<string, any>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider: string;
    protect: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    deleteBeforeReplace: boolean;
    /** The program set `deleteBeforeReplace` (else the provider's Diff decides). */
    deleteBeforeReplaceDefined?: boolean;
    retainOnDelete: boolean;
    deletedWith: string;
    aliases: string[];
    additionalSecretOutputs: string[];
    importId: string;
    /** True for a resource read (`Resource.get`): referenced, never managed. */
    read?: boolean;
    /** Outputs registered by a component (registerOutputs), wire form. */
    outputs?: Record<string, any>;
    /**
     * A custom resource's outputs as the engine holds them (the provider's Create; in a preview,
     * unknowns for what it cannot know), wire form: what AnalyzeStack receives. Absent under the
     * in-process mocks.
     */
    state?: Record<string, any>;
}

export type OutputsHook = (r: Recorded) => Record<string, any>;
export type CallHook = (token: string, args: Record<string, any>) => Record<string, any> | undefined;

export function isSecret(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as any)[SECRET_SIG] === SECRET_VALUE_SIG;
}

/** Strips the secret wrappers of a wire-form value. */
export function unwrap(v: any): any {
    if (isSecret(v)) return unwrap(v.value);
    if (Array.isArray(v)) return v.map(unwrap);
    if (v !== null && typeof v === "object") {
        const o: Record<string, any> = {};
        for (const [k, x] of Object.entries(v)) o[k] = unwrap(x);
        return o;
    }
    return v;
}

/** True when a wire-form value is or contains an unknown. */
export function containsUnknown(v: any): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/** Aliases the program declared: the provider's own API-version type aliases are left out. */
function userAliases(list: any[]): string[] {
    return list
        .map((a) => a.getUrn() || JSON.stringify(a.getSpec()?.toObject() ?? {}))
        .filter((s) => !/"type":"[^"]*\/v\d{8}[^"]*"/.test(s));
}

/** A RegisterResourceRequest as recorded (the request classes are the same in-process and over gRPC). */
export function recordRegistration(req: any): Recorded {
    const raw = req.getObject()?.toJavaScript() ?? {};
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((v: any, k: string) => {
        propertyDependencies[k] = v.getUrnsList();
    });
    return {
        urn: "",
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent(),
        raw,
        inputs: unwrap(raw),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        provider: req.getProvider(),
        protect: req.getProtect(),
        ignoreChanges: req.getIgnorechangesList(),
        replaceOnChanges: req.getReplaceonchangesList(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
        retainOnDelete: req.getRetainondelete(),
        deletedWith: req.getDeletedwith(),
        aliases: userAliases(req.getAliasesList()),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        importId: req.getImportid(),
    };
}

/** A ReadResourceRequest (`Resource.get`) as recorded: referenced, never managed. */
export function recordRead(req: any): Recorded {
    const raw = req.getProperties()?.toJavaScript() ?? {};
    return {
        urn: "", type: req.getType(), name: req.getName(), custom: true, parent: req.getParent(), raw, inputs: unwrap(raw),
        dependencies: req.getDependenciesList(), propertyDependencies: {}, provider: req.getProvider(), protect: false,
        ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, retainOnDelete: false, deletedWith: "",
        aliases: [], additionalSecretOutputs: req.getAdditionalsecretoutputsList(), importId: req.getId(), read: true,
    };
}

class RecordingMonitor extends MockMonitor {
    readonly records: Recorded[] = [];

    constructor(mocks: pulumi.runtime.Mocks) {
        super(mocks);
    }

    async registerResource(req: any, callback: (err: any, resp: any) => void): Promise<void> {
        const rec = recordRegistration(req);
        this.records.push(rec);
        await super.registerResource(req, (err: any, resp: any) => {
            if (resp) rec.urn = resp.getUrn();
            callback(err, resp);
        });
    }

    async readResource(req: any, callback: (err: any, resp: any) => void): Promise<void> {
        const rec = recordRead(req);
        this.records.push(rec);
        await super.readResource(req, (err: any, resp: any) => {
            if (resp) rec.urn = resp.getUrn();
            callback(err, resp);
        });
    }

    registerResourceOutputs(req: any, callback: (err: any, resp: any) => void): void {
        const rec = this.records.find((r) => r.urn === req.getUrn());
        if (rec) rec.outputs = req.getOutputs()?.toJavaScript() ?? {};
        super.registerResourceOutputs(req, callback);
    }
}

export interface RunOptions {
    preview: boolean;
    project?: string;
    stack?: string;
    /** Mock outputs per resource in update mode (beyond id and name). */
    outputs?: OutputsHook;
    /** Mock results of provider functions (invokes). */
    call?: CallHook;
}

export interface RunResult<T> {
    records: Recorded[];
    /** The value the program returned (its stack outputs). */
    result: T;
    /** Find one record by type and logical name; throws if missing. */
    get(type: string, name?: string): Recorded;
    all(type: string): Recorded[];
    byUrn(urn: string): Recorded | undefined;
}

/** azure-native names a resource by `<type>Name` (resourceGroupName, workspaceName...) or resourceName. */
const NAME_KEYS: Record<string, string> = {
    OnlineEndpoint: "endpointName", OnlineDeployment: "deploymentName", StorageAccount: "accountName",
    Vault: "vaultName", Registry: "registryName", Extension: "extensionName", Component: "resourceName",
};

/** The ARM name a resource gets: its name input, or the logical name (azure-native auto-names). */
export function armName(type: string, inputs: Record<string, any>, logical: string): string {
    const short = type.split(":")[2] ?? "";
    const keys = [NAME_KEYS[short], `${short.charAt(0).toLowerCase()}${short.slice(1)}Name`, "resourceName", "name"];
    for (const k of keys) if (k && typeof inputs[k] === "string" && inputs[k] !== UNKNOWN) return inputs[k];
    return logical;
}

/** A plausible ARM ID for a created resource (update mode). */
export function fakeId(r: Recorded): string {
    const rg = typeof r.inputs.resourceGroupName === "string" ? r.inputs.resourceGroupName : "rg";
    const name = armName(r.type, r.inputs, r.name);
    const provider = r.type.split(":")[1] ?? "mock";
    return `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Mock.${provider}/${r.type.split(":")[2]}/${name}`;
}

/**
 * A program's return value as its stack outputs: a plain object's defined members (the stack
 * program's exports); a component or resource that a test returns for its own use is no output.
 * The SDK warns about each top-level undefined output (runtime/stack.ts, massage).
 */
function stackOutputs(result: unknown): Record<string, unknown> {
    if (result === null || typeof result !== "object" || pulumi.Resource.isInstance(result) || Array.isArray(result)) return {};
    return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
}

let running: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` under the recording monitor. Runs are serialised: the SDK's runtime is global.
 * Errors thrown by the program (or by a resource registration) reject the returned promise.
 */
export function record<T>(program: () => T | Promise<T>, opts: RunOptions): Promise<RunResult<T>> {
    const next = running.then(() => runOnce(program, opts));
    running = next.catch(() => undefined);
    return next;
}

async function runOnce<T>(program: () => T | Promise<T>, opts: RunOptions): Promise<RunResult<T>> {
    // eslint-disable-next-line prefer-const -- assigned below: the mocks it closes over are its constructor's argument
    let monitor!: RecordingMonitor;
    const mocks: pulumi.runtime.Mocks = {
        newResource(args) {
            const rec = monitor.records.filter((r) => r.type === args.type && r.name === args.name).pop();
            const state: Record<string, any> = { ...args.inputs };
            if (opts.preview && !args.id) return { id: undefined, state };
            if (rec) {
                Object.assign(state, { name: armName(args.type, args.inputs, args.name) }, opts.outputs?.(rec) ?? {});
                return { id: args.id || fakeId(rec), state };
            }
            return { id: args.id || `${args.name}-id`, state };
        },
        call(args) {
            return opts.call?.(args.token, args.inputs) ?? {};
        },
    };
    monitor = new RecordingMonitor(mocks);
    settings.setMockOptions(monitor, opts.project ?? "aks-ml-serving", opts.stack ?? "test", opts.preview);
    const store = (state as any).getStore(); // @internal in the SDK, as setMocks uses it
    Object.assign(store, {
        supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false,
        supportsDeletedWith: true, supportsAliasSpecs: true, supportsTransforms: false,
    });

    // An error thrown inside an apply surfaces as an unhandled rejection while registrations wait on
    // it forever: fail the run with it instead of hanging.
    let onReject!: (e: unknown) => void;
    const failed = new Promise<never>((_, reject) => (onReject = reject));
    process.on("unhandledRejection", onReject);
    // Registration failures are logged through pulumi.log.error (the CLI then fails the run): collect them.
    const logged: string[] = [];
    const logModule = pulumi.log as { error: typeof pulumi.log.error };
    const originalError = logModule.error;
    logModule.error = (msg, ...rest) => {
        logged.push(msg);
        return originalError(msg, ...rest);
    };
    let result!: T;
    try {
        await Promise.race([
            (async () => {
                await pulumi.runtime.runInPulumiStack(async () => {
                    result = await program();
                    return stackOutputs(result);
                });
                await (settings as any).waitForRPCs(); // @internal in the SDK: drains pending registrations
                // Let rejections of failed serialisations surface as unhandled before we stop listening.
                for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
            })(),
            failed,
        ]);
    } finally {
        process.off("unhandledRejection", onReject);
        logModule.error = originalError;
        // One process runs many programs here: what a run left pending (a failed program's waits) is
        // that run's, not a leak of the test process. The SDK reports leftovers at exit
        // (runtime/debuggable.ts) and then sets exit code 1; each run drops its own (@internal API).
        (debuggable as unknown as { leakedPromises(): unknown }).leakedPromises();
    }
    if (logged.length > 0) throw new Error(logged[0]);

    const records = monitor.records;
    return {
        records,
        result,
        get(type, name) {
            const found = records.filter((r) => r.type === type && (name === undefined || r.name === name));
            if (found.length !== 1) {
                const names = records.filter((r) => r.type === type).map((r) => r.name).join(", ") || "none";
                throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length} (registered: ${names})`);
            }
            return found[0];
        },
        all: (type) => records.filter((r) => r.type === type),
        byUrn: (urn) => records.find((r) => r.urn === urn),
    };
}
