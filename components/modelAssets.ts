// Model, scoring code and environment registered from local files, through the workspace's default
// storage (what SDK v1 `Model.register` / `Environment.from_conda_specification` / the deployment's
// source_directory did). Every version is keyed by a short hash of the content, so unchanged inputs
// register nothing new and changed inputs register a new version (a replacement: the new version is
// created, deployments move to it, then the old one is deleted). Asset IDs never come here: they
// pass through untouched (see `isAssetId`). WorkspaceAssets (below) is the workspace's registry:
// the same content is uploaded and registered once, whichever endpoints and versions use it.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ml from "@pulumi/azure-native/machinelearningservices";
import * as storage from "@pulumi/azure-native/storage";

/** `azureml:name:version`, `azureml:name@latest`, `azureml://registries/...`, or a full ARM ID. */
export function isAssetId(ref: string): boolean {
    return /^azureml:/.test(ref) || /^\/subscriptions\//i.test(ref);
}

/**
 * Undefined unless `ref` is a label shorthand (`azureml:<name>@<label>`): the CLI and SDK resolve
 * labels client-side; ARM takes an asset ID with a version, so a label would fail the deployment PUT.
 */
export function assetRefProblem(ref: string): string | undefined {
    const m = /^azureml:([^:@/]+)@([^:@/]+)$/.exec(ref);
    return m ? `"${ref}": ARM does not resolve labels (@${m[2]}); name a version, e.g. azureml:${m[1]}:1, or a local path registered by content hash` : undefined;
}

export type AssetKind = "models" | "environments" | "codes";
const SHORT_ASSET_ID = /^azureml:([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)$/;

/**
 * The ARM ID of a workspace asset. ARM documents `codeConfiguration.codeId` as an ARM resource ID
 * (the `azureml:<name>:<version>` shorthand is resolved client-side by the CLI/SDK), so with the
 * workspace's ARM ID the shorthand becomes `<workspaceId>/<kind>/<name>/versions/<version>`.
 * Everything else (ARM IDs, `azureml://...` registry IDs, `@label` references, or no workspaceId)
 * passes through untouched.
 */
export function assetArmId(ref: string, kind: AssetKind, workspaceId?: pulumi.Input<string>): pulumi.Input<string> {
    const m = SHORT_ASSET_ID.exec(ref);
    if (!m || workspaceId === undefined) return ref;
    return pulumi.interpolate`${workspaceId}/${kind}/${m[1]}/versions/${m[2]}`;
}

const SKIPPED = new Set(["__pycache__", "node_modules"]);

/** Files under `root` (or `root` itself if it is a file), as sorted '/'-separated relative paths. Dot files and caches are skipped. */
export function listFiles(root: string): string[] {
    if (fs.statSync(root).isFile()) return [path.basename(root)];
    const out: string[] = [];
    const walk = (dir: string, rel: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
            const r = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory()) walk(path.join(dir, entry.name), r);
            else if (entry.isFile()) out.push(r);
        }
    };
    walk(root, "");
    return out.sort();
}

export const HASH_LENGTH = 12;

/** Short hash of the relative paths and contents of `root` (file or folder): the asset version. */
export function contentHash(root: string): string {
    const isFile = fs.statSync(root).isFile();
    const h = crypto.createHash("sha256");
    for (const rel of listFiles(root)) {
        const file = isFile ? root : path.join(root, ...rel.split("/"));
        h.update(rel).update("\0").update(crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex")).update("\n");
    }
    return h.digest("hex").slice(0, HASH_LENGTH);
}

/** Short hash of an environment's image and conda file text. */
export function environmentHash(image: string, conda: string | undefined): string {
    return crypto.createHash("sha256").update(image).update("\0").update(conda ?? "").digest("hex").slice(0, HASH_LENGTH);
}

/** The workspace's default storage (its `workspaceblobstore` datastore). */
export interface AssetStorage {
    storageAccountName: pulumi.Input<string>;
    /** Resource group of the storage account. */
    storageResourceGroupName: pulumi.Input<string>;
    /** The blob container behind the datastore (azureml-blobstore-<guid> for workspaceblobstore). */
    containerName: pulumi.Input<string>;
    /** Datastore name used in model URIs; default `workspaceblobstore`. */
    datastoreName?: string;
}

export interface ModelAssetsArgs {
    workspaceName: pulumi.Input<string>;
    resourceGroupName: pulumi.Input<string>;
    storage: AssetStorage;
    /** A model file or folder. */
    model?: { name: string; path: string; description?: string };
    /** The scoring script folder. */
    code?: { name: string; path: string };
    /** A base image plus an optional conda file. */
    environment?: { name: string; image: string; condaFile?: string };
}

export class ModelAssets extends pulumi.ComponentResource {
    /** ARM IDs of the registered versions (undefined when not asked for). */
    readonly modelId?: pulumi.Output<string>;
    readonly codeId?: pulumi.Output<string>;
    readonly environmentId?: pulumi.Output<string>;
    /** The content-hash versions, known at preview. */
    readonly versions: { model?: string; code?: string; environment?: string } = {};

    constructor(name: string, args: ModelAssetsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:ModelAssets", name, {}, opts);
        const ws = { workspaceName: args.workspaceName, resourceGroupName: args.resourceGroupName };
        const datastore = args.storage.datastoreName ?? "workspaceblobstore";

        if (args.model) {
            const m = args.model;
            const version = (this.versions.model = contentHash(m.path));
            const prefix = `aksml/models/${m.name}/${version}`;
            const blobs = this.upload(`${name}-model`, m.path, prefix, args.storage);
            const single = fs.statSync(m.path).isFile();
            this.modelId = new ml.ModelVersion(`${name}-model`, {
                ...ws,
                name: m.name,
                version,
                properties: {
                    modelType: "custom_model",
                    modelUri: `azureml://datastores/${datastore}/paths/${prefix}${single ? `/${path.basename(m.path)}` : "/"}`,
                    description: m.description,
                    tags: { contentHash: version },
                },
            }, { parent: this, dependsOn: blobs }).id;
        }

        if (args.code) {
            const c = args.code;
            const version = (this.versions.code = contentHash(c.path));
            const prefix = `aksml/code/${c.name}/${version}`;
            const blobs = this.upload(`${name}-code`, c.path, prefix, args.storage);
            this.codeId = new ml.CodeVersion(`${name}-code`, {
                ...ws,
                name: c.name,
                version,
                properties: {
                    codeUri: pulumi.interpolate`https://${args.storage.storageAccountName}.blob.core.windows.net/${args.storage.containerName}/${prefix}`,
                    tags: { contentHash: version },
                },
            }, { parent: this, dependsOn: blobs }).id;
        }

        if (args.environment) {
            const e = args.environment;
            const conda = e.condaFile === undefined ? undefined : fs.readFileSync(e.condaFile, "utf8");
            const version = (this.versions.environment = environmentHash(e.image, conda));
            this.environmentId = new ml.EnvironmentVersion(`${name}-env`, {
                ...ws,
                name: e.name,
                version,
                properties: { image: e.image, condaFile: conda, osType: "Linux", tags: { contentHash: version } },
            }, { parent: this }).id;
        }

        const outputs = { modelId: this.modelId, codeId: this.codeId, environmentId: this.environmentId };
        this.registerOutputs(Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined)));
    }

    /** One Blob per file under `<prefix>/<relative path>`; logical names follow the relative path. */
    private upload(name: string, root: string, prefix: string, target: AssetStorage): storage.Blob[] {
        const isFile = fs.statSync(root).isFile();
        return listFiles(root).map((rel) => new storage.Blob(`${name}-${rel}`, {
            accountName: target.storageAccountName,
            resourceGroupName: target.storageResourceGroupName,
            containerName: target.containerName,
            blobName: `${prefix}/${rel}`,
            type: "Block",
            source: new pulumi.asset.FileAsset(isFile ? root : path.join(root, ...rel.split("/"))),
        }, { parent: this }));
    }
}

/**
 * The workspace's default storage, read from its `workspaceblobstore` datastore (account, container
 * and the account's resource group, defaulting to the workspace's). An invoke: pass it only when some
 * version names local files (see `usesLocalFiles` in modelEndpoint.ts).
 */
export function workspaceBlobStore(
    ws: { workspaceName: pulumi.Input<string>; resourceGroupName: pulumi.Input<string> },
    opts?: pulumi.InvokeOutputOptions,
): AssetStorage {
    const props = ml.getDatastoreOutput({ name: "workspaceblobstore", ...ws }, opts).properties
        .apply((p) => p as { accountName?: string; containerName?: string; resourceGroup?: string });
    return {
        storageAccountName: props.apply((p) => p.accountName ?? ""),
        storageResourceGroupName: pulumi.all([props, ws.resourceGroupName]).apply(([p, rg]) => p.resourceGroup ?? rg),
        containerName: props.apply((p) => p.containerName ?? ""),
        datastoreName: "workspaceblobstore",
    };
}

/** What a ModelEndpoint needs to turn local files into asset IDs. */
export interface AssetRegistry {
    model(path: string): pulumi.Output<string>;
    code(path: string): pulumi.Output<string>;
    environment(image: string, condaFile?: string): pulumi.Output<string>;
}

/** An asset name from a path: its last two segments (file extension dropped), in the characters Azure ML allows. */
export function assetName(p: string): string {
    const abs = path.resolve(p);
    const last = fs.statSync(abs).isFile() ? path.parse(abs).name : path.basename(abs);
    const base = `${path.basename(path.dirname(abs))}-${last}`;
    return base.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 200) || "asset";
}

export interface WorkspaceAssetsArgs {
    workspaceName: pulumi.Input<string>;
    resourceGroupName: pulumi.Input<string>;
    storage: AssetStorage;
}

/**
 * The workspace's content-addressed registry: one ModelAssets child per distinct content (keyed by
 * kind and content hash, logical name `<name>-<kind>-<hash>`), created the first time a version asks
 * for it; later asks, from any endpoint or version, get the same asset ID. The asset's name comes from
 * the first path that carried the content; its version is the hash.
 */
export class WorkspaceAssets extends pulumi.ComponentResource implements AssetRegistry {
    private readonly made = new Map<string, pulumi.Output<string>>();

    constructor(private readonly name: string, private readonly args: WorkspaceAssetsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:WorkspaceAssets", name, {}, opts);
        this.registerOutputs({});
    }

    /** Distinct registrations so far (kind-hash). */
    get keys(): string[] {
        return [...this.made.keys()];
    }

    model(p: string): pulumi.Output<string> {
        return this.once(`model-${contentHash(p)}`, (n) => new ModelAssets(n, this.base({ model: { name: assetName(p), path: p } }), { parent: this }).modelId!);
    }

    code(p: string): pulumi.Output<string> {
        return this.once(`code-${contentHash(p)}`, (n) => new ModelAssets(n, this.base({ code: { name: assetName(p), path: p } }), { parent: this }).codeId!);
    }

    environment(image: string, condaFile?: string): pulumi.Output<string> {
        const conda = condaFile === undefined ? undefined : fs.readFileSync(condaFile, "utf8");
        return this.once(`env-${environmentHash(image, conda)}`,
            (n) => new ModelAssets(n, this.base({ environment: { name: "aksml-environment", image, condaFile } }), { parent: this }).environmentId!);
    }

    private base(more: Partial<ModelAssetsArgs>): ModelAssetsArgs {
        return { workspaceName: this.args.workspaceName, resourceGroupName: this.args.resourceGroupName, storage: this.args.storage, ...more };
    }

    private once(key: string, make: (logicalName: string) => pulumi.Output<string>): pulumi.Output<string> {
        let id = this.made.get(key);
        if (id === undefined) this.made.set(key, (id = make(`${this.name}-${key}`)));
        return id;
    }
}
