// The azure-native stand-in: the resource provider protocol as pulumi-azure-native 3.28.0 answers it
// (provider/pkg/provider/provider.go: Configure, Check, Diff, Create, Read, Update, Delete, Invoke;
// diff.go; provider/pkg/convert PreviewOutputs), with no Azure behind it.
//
// Per method:
// - Configure: refuses an engine that does not send old inputs (provider.go, as azure-native v3 does);
//   reads azure-native:location (the default location).
// - Check: the inputs as given (nulls dropped) plus the defaults provider.go applyDefaults adds:
//   auto-naming of the last path parameter when unset (resources.go AutoName: "<urn name><8 hex>",
//   a UUID, or the URN name; the old name kept on update; __createBeforeDelete: true for the random
//   kinds, as getDefaultName marks them), `location` from the old inputs or azure-native:location
//   where the body has one (never for template deployments: AutoLocationDisabled), and
//   azureApiVersion. Where azure-native takes the randomness from the engine's random seed, this
//   hashes the URN and the other inputs, so the same program gives the same names run after run.
// - Diff: old inputs against new inputs, leaf by leaf (diff.go), location case- and space-insensitive,
//   resourceGroupName case-insensitive, ManagedCluster sku Basic/Base and Paid/Standard equal
//   (applyAzureSpecificDiff); replacements from tools/diff/providerReplace.ts (path parameters and
//   ForceNew, the same answer the offline preview gives); deleteBeforeReplace from
//   providerDeleteBeforeReplace, given the program's inputs (an auto-named parameter is not the
//   program's: the __createBeforeDelete flag says so).
// - Create: preview=true gives the outputs a preview can know, as PreviewOutputs does: each output
//   property the inputs set is copied, every other output (and every read-only output below) is
//   unknown, and no ID. Otherwise: the ARM ID (azureTypes.ts path templates, the subscription of
//   getClientConfig) and the outputs (the inputs the SDK lists as outputs, secrets kept, plus
//   name, type, azureApiVersion and azureOutputs.ts's read-only values).
// - Update: preview=true as Create's preview, with the old name and location (provider.go keeps
//   those stable); otherwise the new inputs' outputs merged over the old outputs' read-only values.
// - Read: the state it is given (a refresh changes nothing); for a resource known only by its ID
//   (Resource.get), the path parameters parsed from the ID as inputs and name/type/location as outputs.
// - Delete: succeeds. Invoke: azureInvokes.ts.
//
// Limits (what azure-native does that this does not): no ARM call at all, so no validation of
// the body against the REST specs (types, enums, required properties, patterns), no server-side
// defaults in the outputs, no keyed-array diffs (x-ms-identifiers), no default values of added
// properties ignored in Diff, no ForceNew from x-ms-mutability (providerReplace.ts's limit), no
// location lookup of the resource group (azure-native GETs it when azure-native:location is unset),
// no refresh of drift, no sub-resource maintenance, no custom resources beyond storage:Blob's ID and
// outputs; outputs only as azureOutputs.ts lists them; a resource read by ID alone has no body
// (ManagedCluster.get of an existing cluster has no agentPoolProfiles). Types outside the path table
// get a placeholder ID (/subscriptions/<sub>/resourceGroups/<rg>/providers/azure-native.<module>/<Type>/<name>).
import * as crypto from "crypto";
import * as fs from "fs";
import { providerDeleteBeforeReplace, providerReplaces } from "../diff/providerReplace";
import { azureInvoke, InvokeContext } from "./azureInvokes";
import { readOnlyOutputs } from "./azureOutputs";
import { ARM_PATHS, armType, autoNameKind, azureNativeVersion, fillTemplate, parseId, sdkResource, shortType } from "./azureTypes";
import { CheckRequest, ConfigureRequest, DiffRequest, DiffResult, Provider, ResourceRequest } from "./server";
import { canonical, diffValues, guid, hex, isObject, mergeInto, Props, topKey, UNKNOWN, unknownLeaves, unwrap } from "./wire";

/** The identity getClientConfig reports; subscription and tenant as tools/lib/stackRun.ts mockCall. */
export const CLIENT = {
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    tenantId: "11111111-1111-1111-1111-111111111111",
    clientId: "22222222-2222-2222-2222-222222222222",
    objectId: "33333333-3333-3333-3333-333333333333",
};

const CREATE_BEFORE_DELETE = "__createBeforeDelete";
const DEPLOYMENT = "resources:Deployment"; // resources.go AutoLocationDisabled: template deployments

/** The path template of `type`, or the placeholder of a type this stand-in does not know. */
function template(type: string): string {
    const known = ARM_PATHS[shortType(type)];
    if (known) return known;
    const [mod, name] = shortType(type).split(":");
    return `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/azure-native.${mod}/${name}/{${`${name.charAt(0).toLowerCase()}${name.slice(1)}Name`}}`;
}

const normalizedLocation = (s: string) => s.toLowerCase().replace(/ /g, "");
const SKU_ALIASES: Record<string, string> = { Basic: "Base", Paid: "Standard" };
const skuKey = (v: any) => `${SKU_ALIASES[v?.name] ?? v?.name}|${SKU_ALIASES[v?.tier] ?? v?.tier}`;

/** diff.go applyAzureSpecificDiff: top-level pairs that are equal to ARM though they differ. */
function azureSame(key: string, o: any, n: any): boolean {
    const [a, b] = [unwrap(o), unwrap(n)];
    if (key === "location" && typeof a === "string" && typeof b === "string") return normalizedLocation(a) === normalizedLocation(b);
    if (key === "resourceGroupName" && typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
    if (key === "sku" && isObject(a) && isObject(b) && Object.keys(a).length === 2 && Object.keys(b).length === 2) {
        return typeof a.name === "string" && typeof a.tier === "string" && skuKey(a) === skuKey(b);
    }
    return false;
}

/** The MD5 of an asset's content, base64, when the stand-in can read it (a file asset's path, relative to the program's folder, or a text asset). */
function assetMd5(source: any): string | undefined {
    try {
        const bytes = typeof source?.text === "string" ? Buffer.from(source.text) : typeof source?.path === "string" ? fs.readFileSync(source.path) : undefined;
        return bytes && crypto.createHash("md5").update(bytes).digest("base64");
    } catch {
        return undefined;
    }
}

/** storage:Blob's outputs (custom_storage_azidentity.go azblobToPulumiProperties; its ID is the blob's URL). */
function blobOutputs(b: Props, id: string | undefined): Props {
    const md5 = assetMd5(b.source);
    return {
        url: id ?? UNKNOWN,
        type: b.type ?? "Block",
        contentType: b.contentType ?? "application/octet-stream",
        metadata: b.metadata ?? {},
        ...(md5 ? { contentMd5: md5 } : {}),
        ...(id ? { resourceGroupName: b.resourceGroupName, accountName: b.accountName, containerName: b.containerName, blobName: b.blobName } : {}),
    };
}

export class AzureNative implements Provider {
    readonly name = "azure-native";
    readonly version = azureNativeVersion();
    location = "";

    configure(req: ConfigureRequest): void {
        // provider.go Configure: https://github.com/pulumi/pulumi-azure-native/issues/2686
        if (!req.sendsOldInputs || !req.sendsOldInputsToDelete) throw new Error("Azure Native provider requires Pulumi CLI v3.74.0 or later");
        this.location = req.variables["azure-native:config:location"] ?? "";
    }

    check(req: CheckRequest): { inputs: Props } {
        const news: Props = { ...req.news };
        const tpl = template(req.type);
        const auto = autoNameKind(tpl);
        if (news[auto.param] === undefined) {
            const named = this.defaultName(req, auto.param, auto.kind);
            if (named) {
                news[auto.param] = named.value;
                if (named.random) news[CREATE_BEFORE_DELETE] = true;
            }
        }
        const sdk = sdkResource(req.type);
        if (news.location === undefined && sdk?.hasLocation && shortType(req.type) !== DEPLOYMENT) {
            if (req.olds.location !== undefined) news.location = req.olds.location;
            else if (this.location) news.location = this.location;
            else if (news.resourceGroupName === UNKNOWN) news.location = UNKNOWN;
        }
        if (news.azureApiVersion === undefined && sdk?.apiVersion) news.azureApiVersion = sdk.apiVersion;
        return { inputs: news };
    }

    /** provider.go getDefaultName, randomness from a hash of the URN and the other inputs instead of the engine's seed. */
    private defaultName(req: CheckRequest, param: string, kind: "random" | "uuid" | "copy"): { value: string; random: boolean } | undefined {
        if (req.olds[param] !== undefined) return { value: req.olds[param], random: req.olds[CREATE_BEFORE_DELETE] === true };
        const a = req.autonaming;
        if (a?.mode === "disable") return undefined;
        if (a?.mode === "enforce" || (a?.mode === "propose" && kind !== "uuid")) return { value: a.proposedName, random: true };
        const seed = `${req.urn}|${canonical(req.news)}`;
        if (kind === "uuid") return { value: guid(seed), random: true };
        if (kind === "random") return { value: `${req.name}${hex(seed, 8)}`, random: true };
        return { value: req.name, random: false };
    }

    diff(req: DiffRequest): DiffResult {
        const olds = req.oldInputs ?? req.olds;
        const changes = diffValues(olds, req.news, azureSame);
        if (changes.length === 0) return { changes: "none", replaces: [], diffs: [], detailedDiff: {}, deleteBeforeReplace: false };
        const replaces = providerReplaces(req.type, changes.map((c) => c.path));
        const detailedDiff: DiffResult["detailedDiff"] = {};
        for (const c of changes) detailedDiff[c.path] = `${c.kind.toUpperCase()}${replaces.includes(c.path) ? "_REPLACE" : ""}` as DiffResult["detailedDiff"][string];
        // The program's inputs: the auto-named (random) parameter is the provider's.
        const programInputs = unwrap(req.news);
        if (req.news[CREATE_BEFORE_DELETE] === true) delete programInputs[autoNameKind(template(req.type)).param];
        return {
            changes: "some",
            replaces,
            diffs: [...new Set(changes.map((c) => topKey(c.path)))],
            detailedDiff,
            deleteBeforeReplace: replaces.length > 0 && providerDeleteBeforeReplace(req.type, programInputs),
        };
    }

    /** The ARM ID of a resource from its inputs; undefined while a path parameter is unknown. */
    armId(type: string, inputs: Props): string | undefined {
        const plain = unwrap(inputs);
        const id = fillTemplate(template(type), { ...plain, subscriptionId: CLIENT.subscriptionId });
        if (id && shortType(type) === "storage:Blob") return `https://${plain.accountName}.blob.core.windows.net/${plain.containerName}/${plain.blobName}`;
        return id;
    }

    /**
     * The outputs of a resource with `inputs`: in `up` (an ID), the inputs the SDK lists as outputs
     * with name, type, azureApiVersion and the read-only values; in a preview (no ID), the same inputs
     * and every other output unknown (convert PreviewOutputs: an input `name` is copied too).
     */
    private outputs(type: string, inputs: Props, id: string | undefined): Props {
        const short = shortType(type);
        const sdk = sdkResource(type);
        const tpl = template(type);
        const blob = short === "storage:Blob";
        const plain = unwrap(inputs);
        const out: Props = {};
        for (const k of sdk?.outputs ?? Object.keys(inputs)) {
            if (inputs[k] !== undefined) out[k] = inputs[k];
            else if (id === undefined) out[k] = UNKNOWN;
        }
        const armName = id === undefined ? UNKNOWN : blob ? plain.blobName : id.split("/").pop();
        const readOnly = readOnlyOutputs({ type: short, inputs: plain, id: id ?? "", name: String(armName), location: this.location, ...CLIENT });
        if (blob) Object.assign(readOnly, blobOutputs(plain, id));
        if (id === undefined) return mergeInto(out, unknownLeaves(readOnly), false);
        const computed: Props = {
            ...(!sdk || sdk.outputs.has("name") ? { name: armName } : {}),
            ...(sdk?.outputs.has("type") && !blob ? { type: armType(tpl) } : {}),
            ...(sdk?.apiVersion ? { azureApiVersion: sdk.apiVersion } : {}),
        };
        return mergeInto(out, { ...computed, ...readOnly });
    }

    create(req: ResourceRequest): { id: string; properties: Props } {
        if (req.preview) return { id: "", properties: this.outputs(req.type, req.properties, undefined) };
        const id = this.armId(req.type, req.properties);
        if (!id) throw new Error(`azure-native stand-in: ${req.urn}: a path parameter of ${template(req.type)} is missing`);
        return { id, properties: this.outputs(req.type, req.properties, id) };
    }

    update(req: ResourceRequest): { properties: Props } {
        if (req.preview) {
            const out = this.outputs(req.type, req.properties, undefined);
            for (const k of ["name", "location"]) if (req.olds[k] !== undefined) out[k] = req.olds[k];
            return { properties: out };
        }
        const fresh = this.outputs(req.type, req.properties, req.id || this.armId(req.type, req.properties));
        const oldInputs = req.oldInputs ?? {};
        const kept = Object.fromEntries(Object.entries(req.olds).filter(([k]) => !(k in fresh) && !(k in oldInputs) && !(k in req.properties)));
        return { properties: { ...kept, ...fresh } };
    }

    read(req: ResourceRequest): { id: string; properties: Props; inputs: Props } {
        if (Object.keys(req.properties).length > 0) return { id: req.id, properties: req.properties, inputs: req.oldInputs ?? req.properties };
        const tpl = template(req.type);
        const params = parseId(tpl, req.id);
        if (!params) throw new Error(`azure-native stand-in: ${req.urn}: ID ${req.id} does not match ${tpl}`);
        const { subscriptionId: _sub, ...inputs } = params;
        const sdk = sdkResource(req.type);
        const properties: Props = { name: req.id.split("/").pop(), type: armType(tpl), ...(sdk?.hasLocation && this.location ? { location: this.location } : {}) };
        if (sdk?.apiVersion) properties.azureApiVersion = sdk.apiVersion;
        return { id: req.id, properties, inputs };
    }

    delete(): void {
        // Nothing to delete.
    }

    invoke(tok: string, args: Props): Props {
        const ctx: InvokeContext = { ...CLIENT, location: this.location || "westeurope" };
        return azureInvoke(tok, unwrap(args), ctx);
    }
}
