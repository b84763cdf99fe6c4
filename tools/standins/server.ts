// The provider side of the Pulumi resource provider gRPC protocol (proto/pulumi/provider.proto,
// pulumi/pulumi v3.248.0), for the stand-in providers: decodes each request into wire-form JSON
// (wire.ts), calls the provider, encodes the answer. Built on the installed SDK's generated stubs
// (@pulumi/pulumi/proto/provider_grpc_pb) and @grpc/grpc-js, like the SDK's own provider server
// (@pulumi/pulumi/provider/server.js), which this follows for start-up: listen on 127.0.0.1:0 and print
// the port as the first line of stdout (the engine reads it: sdk/go/common/resource/plugin/plugin.go
// newPlugin), then serve until killed.
// What the engine accepts (sdk/go/common/resource/plugin/provider_plugin.go at v3.248.0):
// - Handshake: UNIMPLEMENTED makes the engine fall back to Configure (handshake(), "not supported"),
//   which is what azure-native does (it has no Handshake); so do these.
// - CheckConfig / DiffConfig: implemented as azure-native does (provider.go: CheckConfig returns the
//   news, DiffConfig answers DIFF_UNKNOWN, after which the engine compares the config itself).
// - Configure: answers acceptSecrets, acceptResources, supportsPreview (so that the engine calls
//   Create/Update with preview=true instead of echoing inputs) and, as azure-native does,
//   supportsAutonamingConfiguration.
// - GetSchema, Parameterize, Construct, Call, List, GetMapping(s): UNIMPLEMENTED (grpc-js answers so
//   for every method a service implementation leaves out); the engine calls none of them here.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as plugpb from "@pulumi/pulumi/proto/plugin_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { dropNulls, Props } from "./wire";

export interface ConfigureRequest {
    /** Provider config by full key ("azure-native:config:location"). */
    variables: Record<string, string>;
    args: Props;
    sendsOldInputs: boolean;
    sendsOldInputsToDelete: boolean;
}

export interface Autonaming {
    proposedName: string;
    mode: "propose" | "enforce" | "disable";
}

export interface CheckRequest {
    urn: string;
    type: string;
    name: string;
    olds: Props;
    news: Props;
    randomSeed: Buffer;
    autonaming?: Autonaming;
}

export interface CheckFailure {
    property: string;
    reason: string;
}

export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

export interface DiffRequest {
    id: string;
    urn: string;
    type: string;
    /** Old outputs (state). */
    olds: Props;
    news: Props;
    /** Old inputs; undefined when the engine sent none. */
    oldInputs?: Props;
    ignoreChanges: string[];
}

export interface DiffResult {
    changes: "none" | "some" | "unknown";
    replaces: string[];
    diffs: string[];
    detailedDiff: Record<string, DiffKind>;
    deleteBeforeReplace: boolean;
}

export interface ResourceRequest {
    urn: string;
    type: string;
    name: string;
    id: string;
    preview: boolean;
    /** Create: the inputs. Update: the new inputs. Read / Delete: the state. */
    properties: Props;
    /** Update: the old outputs. */
    olds: Props;
    /** Update / Delete / Read: the old inputs. */
    oldInputs?: Props;
}

export interface Provider {
    /** The package name in messages ("azure-native"). */
    readonly name: string;
    readonly version: string;
    configure(req: ConfigureRequest): void;
    check(req: CheckRequest): { inputs: Props; failures?: CheckFailure[] };
    diff(req: DiffRequest): DiffResult;
    create(req: ResourceRequest): { id: string; properties: Props };
    read(req: ResourceRequest): { id: string; properties: Props; inputs: Props };
    update(req: ResourceRequest): { properties: Props };
    delete(req: ResourceRequest): void;
    invoke(tok: string, args: Props, preview: boolean): Props;
}

const toJs = (s: Struct | undefined): Props => dropNulls(s?.toJavaScript() ?? {});
const toStruct = (v: Props): Struct => Struct.fromJavaScript(dropNulls(v));

/** The resource type of a URN: the last `$`-separated part of its type (`...$azure-native:storage:Blob::name`). */
export function urnType(urn: string): string {
    const parts = urn.split("::");
    return (parts[2] ?? "").split("$").pop() ?? "";
}

const urnName = (urn: string): string => urn.split("::").slice(3).join("::");

const AUTONAMING_MODES: Autonaming["mode"][] = ["propose", "enforce", "disable"]; // proto enum order
const DIFF_KINDS: Record<DiffKind, number> = { ADD: 0, ADD_REPLACE: 1, DELETE: 2, DELETE_REPLACE: 3, UPDATE: 4, UPDATE_REPLACE: 5 };
const CHANGES = { unknown: 0, none: 1, some: 2 } as const;

type Handler<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** A unary handler: a thrown error becomes an UNKNOWN status with its message (what the engine shows). */
function unary<Req, Res>(fn: (req: Req) => Res): Handler<Req, Res> {
    return (call, callback) => {
        try {
            callback(null, fn(call.request));
        } catch (e) {
            callback({ code: grpc.status.UNKNOWN, details: e instanceof Error ? e.message : String(e) } as grpc.ServiceError, null);
        }
    };
}

function resourceRequest(r: { getUrn(): string; getType(): string; getName(): string }, rest: Partial<ResourceRequest>): ResourceRequest {
    const urn = r.getUrn();
    return { urn, type: r.getType() || urnType(urn), name: r.getName() || urnName(urn), id: "", preview: false, properties: {}, olds: {}, ...rest };
}

/** The gRPC service implementation of `p`. */
export function service(p: Provider): grpc.UntypedServiceImplementation {
    return {
        getPluginInfo: unary<Empty, plugpb.PluginInfo>(() => new plugpb.PluginInfo().setVersion(p.version)),
        attach: unary<plugpb.PluginAttach, Empty>(() => new Empty()),
        cancel: unary<Empty, Empty>(() => new Empty()),
        checkConfig: unary<pb.CheckRequest, pb.CheckResponse>((r) => new pb.CheckResponse().setInputs(r.getNews())),
        diffConfig: unary<pb.DiffRequest, pb.DiffResponse>(() => new pb.DiffResponse().setChanges(CHANGES.unknown)),
        configure: unary<pb.ConfigureRequest, pb.ConfigureResponse>((r) => {
            const variables: Record<string, string> = {};
            r.getVariablesMap().forEach((v, k) => (variables[k] = v));
            p.configure({ variables, args: toJs(r.getArgs()), sendsOldInputs: r.getSendsOldInputs(), sendsOldInputsToDelete: r.getSendsOldInputsToDelete() });
            return new pb.ConfigureResponse().setAcceptsecrets(true).setAcceptresources(true).setSupportspreview(true).setSupportsAutonamingConfiguration(true);
        }),
        check: unary<pb.CheckRequest, pb.CheckResponse>((r) => {
            const a = r.getAutonaming();
            const urn = r.getUrn();
            const res = p.check({
                urn, type: r.getType() || urnType(urn), name: r.getName() || urnName(urn),
                olds: toJs(r.getOlds()), news: toJs(r.getNews()), randomSeed: Buffer.from(r.getRandomseed_asU8()),
                autonaming: a ? { proposedName: a.getProposedName(), mode: AUTONAMING_MODES[a.getMode()] } : undefined,
            });
            const out = new pb.CheckResponse().setInputs(toStruct(res.inputs));
            out.setFailuresList((res.failures ?? []).map((f) => new pb.CheckFailure().setProperty(f.property).setReason(f.reason)));
            return out;
        }),
        diff: unary<pb.DiffRequest, pb.DiffResponse>((r) => {
            const urn = r.getUrn();
            const d = p.diff({
                id: r.getId(), urn, type: r.getType() || urnType(urn), olds: toJs(r.getOlds()), news: toJs(r.getNews()),
                oldInputs: r.hasOldInputs() ? toJs(r.getOldInputs()) : undefined, ignoreChanges: r.getIgnorechangesList(),
            });
            const out = new pb.DiffResponse().setChanges(CHANGES[d.changes]).setReplacesList(d.replaces).setStablesList([])
                .setDiffsList(d.diffs).setDeletebeforereplace(d.deleteBeforeReplace).setHasdetaileddiff(true);
            const detailed = out.getDetaileddiffMap();
            for (const [k, kind] of Object.entries(d.detailedDiff)) detailed.set(k, new pb.PropertyDiff().setKind(DIFF_KINDS[kind]).setInputdiff(true));
            return out;
        }),
        create: unary<pb.CreateRequest, pb.CreateResponse>((r) => {
            const res = p.create(resourceRequest(r, { preview: r.getPreview(), properties: toJs(r.getProperties()) }));
            return new pb.CreateResponse().setId(res.id).setProperties(toStruct(res.properties));
        }),
        read: unary<pb.ReadRequest, pb.ReadResponse>((r) => {
            const res = p.read(resourceRequest(r, { id: r.getId(), properties: toJs(r.getProperties()), oldInputs: r.hasInputs() ? toJs(r.getInputs()) : undefined }));
            return new pb.ReadResponse().setId(res.id).setProperties(toStruct(res.properties)).setInputs(toStruct(res.inputs));
        }),
        update: unary<pb.UpdateRequest, pb.UpdateResponse>((r) => {
            const res = p.update(resourceRequest(r, {
                id: r.getId(), preview: r.getPreview(), properties: toJs(r.getNews()), olds: toJs(r.getOlds()),
                oldInputs: r.hasOldInputs() ? toJs(r.getOldInputs()) : undefined,
            }));
            return new pb.UpdateResponse().setProperties(toStruct(res.properties));
        }),
        delete: unary<pb.DeleteRequest, Empty>((r) => {
            p.delete(resourceRequest(r, { id: r.getId(), properties: toJs(r.getProperties()), oldInputs: r.hasOldInputs() ? toJs(r.getOldInputs()) : undefined }));
            return new Empty();
        }),
        invoke: unary<pb.InvokeRequest, pb.InvokeResponse>((r) => new pb.InvokeResponse().setReturn(toStruct(p.invoke(r.getTok(), toJs(r.getArgs()), r.getPreview())))),
    };
}

/** Serves `p` on 127.0.0.1 (an ephemeral port unless given); resolves with the server and its port. */
export function serve(p: Provider, port = 0): Promise<{ server: grpc.Server; port: number }> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(rpc.ResourceProviderService, service(p));
    return new Promise((resolve, reject) => {
        server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve({ server, port: bound })));
    });
}
