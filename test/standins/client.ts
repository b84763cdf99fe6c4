// A gRPC client of the stand-in providers, built from the installed SDK's stubs as the engine's
// client is built from the same proto: each call takes and returns wire-form JSON.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { serve, Provider } from "../../tools/standins/server";

type Props = Record<string, any>;
const js = (s: Struct | undefined): Props => s?.toJavaScript() ?? {};
const st = (v: Props): Struct => Struct.fromJavaScript(v);

export const KINDS = ["ADD", "ADD_REPLACE", "DELETE", "DELETE_REPLACE", "UPDATE", "UPDATE_REPLACE"];
export const CHANGES = ["unknown", "none", "some"];

export class StandinClient {
    readonly raw: rpc.ResourceProviderClient;

    constructor(port: number) {
        this.raw = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    }

    /** Calls a unary method; rejects with the gRPC error. */
    call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => (this.raw as any)[method](req, (err: grpc.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res))));
    }

    async version(): Promise<string> {
        return (await this.call<Empty, any>("getPluginInfo", new Empty())).getVersion();
    }

    async configure(variables: Record<string, string> = {}, opts = { sendsOldInputs: true }): Promise<pb.ConfigureResponse> {
        const req = new pb.ConfigureRequest().setAcceptsecrets(true).setAcceptresources(true)
            .setSendsOldInputs(opts.sendsOldInputs).setSendsOldInputsToDelete(opts.sendsOldInputs).setArgs(st({}));
        for (const [k, v] of Object.entries(variables)) req.getVariablesMap().set(k, v);
        return this.call("configure", req);
    }

    async check(urn: string, news: Props, olds: Props = {}, autonaming?: { name: string; mode: 0 | 1 | 2 }): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
        const req = new pb.CheckRequest().setUrn(urn).setNews(st(news)).setOlds(st(olds)).setRandomseed(new Uint8Array(32));
        if (autonaming) req.setAutonaming(new pb.CheckRequest.AutonamingOptions().setProposedName(autonaming.name).setMode(autonaming.mode));
        const res = await this.call<pb.CheckRequest, pb.CheckResponse>("check", req);
        return { inputs: js(res.getInputs()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    }

    async diff(urn: string, oldInputs: Props, news: Props, olds: Props = oldInputs): Promise<{ changes: string; replaces: string[]; diffs: string[]; detailed: Record<string, string>; deleteBeforeReplace: boolean }> {
        const req = new pb.DiffRequest().setId("id").setUrn(urn).setOlds(st(olds)).setOldInputs(st(oldInputs)).setNews(st(news));
        const res = await this.call<pb.DiffRequest, pb.DiffResponse>("diff", req);
        const detailed: Record<string, string> = {};
        res.getDetaileddiffMap().forEach((v, k) => (detailed[k] = KINDS[v.getKind()]));
        return { changes: CHANGES[res.getChanges()], replaces: res.getReplacesList(), diffs: res.getDiffsList(), detailed, deleteBeforeReplace: res.getDeletebeforereplace() };
    }

    async create(urn: string, properties: Props, preview: boolean): Promise<{ id: string; properties: Props }> {
        const res = await this.call<pb.CreateRequest, pb.CreateResponse>("create", new pb.CreateRequest().setUrn(urn).setProperties(st(properties)).setPreview(preview));
        return { id: res.getId(), properties: js(res.getProperties()) };
    }

    async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props, preview: boolean): Promise<Props> {
        const req = new pb.UpdateRequest().setUrn(urn).setId(id).setOlds(st(olds)).setNews(st(news)).setOldInputs(st(oldInputs)).setPreview(preview);
        return js((await this.call<pb.UpdateRequest, pb.UpdateResponse>("update", req)).getProperties());
    }

    async read(urn: string, id: string, properties: Props = {}, inputs?: Props): Promise<{ id: string; properties: Props; inputs: Props }> {
        const req = new pb.ReadRequest().setUrn(urn).setId(id).setProperties(st(properties));
        if (inputs) req.setInputs(st(inputs));
        const res = await this.call<pb.ReadRequest, pb.ReadResponse>("read", req);
        return { id: res.getId(), properties: js(res.getProperties()), inputs: js(res.getInputs()) };
    }

    async delete(urn: string, id: string, properties: Props): Promise<void> {
        await this.call("delete", new pb.DeleteRequest().setUrn(urn).setId(id).setProperties(st(properties)).setOldInputs(st({})));
    }

    async invoke(tok: string, args: Props = {}): Promise<Props> {
        return js((await this.call<pb.InvokeRequest, pb.InvokeResponse>("invoke", new pb.InvokeRequest().setTok(tok).setArgs(st(args)))).getReturn());
    }

    close(): void {
        this.raw.close();
    }
}

/** Serves `provider` in this process; `stop` closes client and server. */
export async function start(provider: Provider): Promise<{ client: StandinClient; stop: () => void }> {
    const { server, port } = await serve(provider);
    const client = new StandinClient(port);
    return { client, stop: () => (client.close(), server.forceShutdown()) };
}

/** The URN the engine gives a resource of `type` named `name` in stack dev (parent: the stack). */
export const urn = (type: string, name: string, parentType = ""): string => `urn:pulumi:dev::aks-ml-serving::${parentType ? `${parentType}$` : ""}${type}::${name}`;
