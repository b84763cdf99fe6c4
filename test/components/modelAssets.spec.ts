import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { contentHash, environmentHash, isAssetId, listFiles, ModelAssets, ModelAssetsArgs, workspaceBlobStore } from "../../components/modelAssets";
import { record } from "../../tools/lib/recorder";

const MODEL_DIR = "examples/churn/model";
const CODE_DIR = "examples/churn/score";
const CONDA = "examples/churn/conda.yaml";
const T = {
    component: "aks-ml:index:ModelAssets",
    blob: "azure-native:storage:Blob",
    model: "azure-native:machinelearningservices:ModelVersion",
    code: "azure-native:machinelearningservices:CodeVersion",
    env: "azure-native:machinelearningservices:EnvironmentVersion",
};

const storageArgs = { storageAccountName: "stmlw", storageResourceGroupName: "rg-data", containerName: "azureml-blobstore-1234" };

function args(more: Partial<ModelAssetsArgs> = {}): ModelAssetsArgs {
    return {
        workspaceName: "mlw",
        resourceGroupName: "rg-ml",
        storage: storageArgs,
        model: { name: "churn", path: MODEL_DIR, description: "churn model" },
        code: { name: "churn-score", path: CODE_DIR },
        environment: { name: "churn-env", image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", condaFile: CONDA },
        ...more,
    };
}

const copies: string[] = [];
after(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of `src` in a temporary folder, removed after the spec. */
function copyToTemp(src: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-assets-"));
    copies.push(dir);
    fs.cpSync(src, dir, { recursive: true });
    return dir;
}

describe("modelAssets: pure helpers", () => {
    it("isAssetId: azureml references and ARM IDs pass through, paths do not", () => {
        for (const id of ["azureml:churn:3", "azureml:churn@latest", "azureml://registries/azureml/environments/sklearn-1.5/versions/1",
            "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/models/churn/versions/3"]) {
            assert.strictEqual(isAssetId(id), true, id);
        }
        for (const p of ["models/churn", "./score", "azureml", "C:/models/x", "subscriptions/x"]) assert.strictEqual(isAssetId(p), false, p);
    });

    it("listFiles: sorted relative paths, dot folders skipped; a file lists itself", () => {
        assert.deepStrictEqual(listFiles(MODEL_DIR), ["meta/params.json", "model.pkl"]);
        assert.deepStrictEqual(listFiles(`${MODEL_DIR}/model.pkl`), ["model.pkl"]);
    });

    it("contentHash: stable for the same content, changes with content or names, ignores skipped files", () => {
        const h = contentHash(MODEL_DIR);
        assert.match(h, /^[0-9a-f]{12}$/);
        const copy = copyToTemp(MODEL_DIR);
        assert.strictEqual(contentHash(copy), h, "same files elsewhere: same version");
        fs.mkdirSync(path.join(copy, "__pycache__"));
        fs.writeFileSync(path.join(copy, "__pycache__", "x.pyc"), "cache");
        fs.writeFileSync(path.join(copy, ".amlignore"), "x");
        assert.strictEqual(contentHash(copy), h, "caches and dot files do not count");
        fs.renameSync(path.join(copy, "model.pkl"), path.join(copy, "model2.pkl"));
        const renamed = contentHash(copy);
        assert.notStrictEqual(renamed, h, "a renamed file is a new version");
        fs.writeFileSync(path.join(copy, "model2.pkl"), "retrained weights\n");
        assert.notStrictEqual(contentHash(copy), renamed, "new content is a new version");
    });

    it("environmentHash depends on the image and the conda text", () => {
        const a = environmentHash("img:1", "deps");
        assert.strictEqual(environmentHash("img:1", "deps"), a);
        assert.notStrictEqual(environmentHash("img:2", "deps"), a);
        assert.notStrictEqual(environmentHash("img:1", "deps2"), a);
        assert.notStrictEqual(environmentHash("img:1", undefined), a);
    });
});

describe("ModelAssets component", () => {
    for (const preview of [true, false]) {
        describe(preview ? "preview" : "update", () => {
            it("uploads each file as a blob keyed by content hash, then registers versions named by the hash", async () => {
                const run = await record(() => {
                    const a = new ModelAssets("churn-blue", args());
                    return { modelId: a.modelId, codeId: a.codeId, environmentId: a.environmentId, versions: a.versions };
                }, { preview });
                const comp = run.get(T.component, "churn-blue");
                const h = contentHash(MODEL_DIR);
                const hc = contentHash(CODE_DIR);

                const blobs = run.all(T.blob);
                assert.deepStrictEqual(blobs.map((b) => b.inputs.blobName).sort(), [
                    `aksml/code/churn-score/${hc}/score.py`,
                    `aksml/models/churn/${h}/meta/params.json`,
                    `aksml/models/churn/${h}/model.pkl`,
                ]);
                for (const b of blobs) {
                    assert.strictEqual(b.parent, comp.urn);
                    assert.strictEqual(b.inputs.accountName, "stmlw");
                    assert.strictEqual(b.inputs.resourceGroupName, "rg-data");
                    assert.strictEqual(b.inputs.containerName, "azureml-blobstore-1234");
                    assert.strictEqual(b.inputs.type, "Block");
                }
                const pkl = run.get(T.blob, "churn-blue-model-model.pkl");
                assert.strictEqual(pkl.inputs.source.path, path.join(MODEL_DIR, "model.pkl"), "the file itself is the blob's source");

                const model = run.get(T.model, "churn-blue-model");
                assert.strictEqual(model.parent, comp.urn);
                assert.deepStrictEqual(
                    { name: model.inputs.name, version: model.inputs.version, ws: model.inputs.workspaceName, rg: model.inputs.resourceGroupName },
                    { name: "churn", version: h, ws: "mlw", rg: "rg-ml" });
                assert.deepStrictEqual(model.inputs.properties, {
                    modelType: "custom_model",
                    modelUri: `azureml://datastores/workspaceblobstore/paths/aksml/models/churn/${h}/`,
                    description: "churn model",
                    tags: { contentHash: h },
                    isAnonymous: false, // the SDK's own defaults
                    isArchived: false,
                });
                const modelBlobs = blobs.filter((b) => b.name.startsWith("churn-blue-model-")).map((b) => b.urn).sort();
                assert.strictEqual(modelBlobs.length, 2);
                assert.deepStrictEqual([...model.dependencies].sort(), modelBlobs, "registered only after its files are uploaded");

                const code = run.get(T.code, "churn-blue-code");
                assert.strictEqual(code.inputs.version, hc);
                assert.strictEqual(code.inputs.properties.codeUri,
                    `https://stmlw.blob.core.windows.net/azureml-blobstore-1234/aksml/code/churn-score/${hc}`);
                assert.deepStrictEqual(code.dependencies, [run.get(T.blob, "churn-blue-code-score.py").urn]);

                const env = run.get(T.env, "churn-blue-env");
                const conda = fs.readFileSync(CONDA, "utf8");
                assert.strictEqual(env.inputs.version, environmentHash("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", conda));
                assert.deepStrictEqual(env.inputs.properties, {
                    image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", condaFile: conda, osType: "Linux",
                    tags: { contentHash: env.inputs.version }, autoRebuild: "Disabled", isAnonymous: false, isArchived: false,
                });

                assert.deepStrictEqual(run.result.versions, { model: h, code: hc, environment: env.inputs.version });
                if (!preview) {
                    const ids = await new Promise<string[]>((resolve) =>
                        pulumi.all([run.result.modelId!, run.result.codeId!, run.result.environmentId!]).apply(resolve));
                    assert.ok(ids.every((id) => id.startsWith("/subscriptions/")), `ARM IDs: ${ids}`);
                }
            });
        });
    }

    it("a single model file is addressed directly; no environment or code means no such resources", async () => {
        const run = await record(() => void new ModelAssets("one", args({
            model: { name: "churn", path: `${MODEL_DIR}/model.pkl` }, code: undefined, environment: undefined,
        })), { preview: true });
        const h = contentHash(`${MODEL_DIR}/model.pkl`);
        assert.strictEqual(run.get(T.model).inputs.properties.modelUri, `azureml://datastores/workspaceblobstore/paths/aksml/models/churn/${h}/model.pkl`);
        assert.deepStrictEqual(run.all(T.blob).map((b) => b.inputs.blobName), [`aksml/models/churn/${h}/model.pkl`]);
        assert.strictEqual(run.all(T.code).length, 0);
        assert.strictEqual(run.all(T.env).length, 0);
    });

    it("unchanged files register the same version; changed files a new one (same logical name: a replacement)", async () => {
        const dir = copyToTemp(MODEL_DIR);
        const once = async () => (await record(() => void new ModelAssets("m", args({ model: { name: "churn", path: dir }, code: undefined, environment: undefined })),
            { preview: true })).get(T.model, "m-model").inputs.version;
        const v1 = await once();
        assert.strictEqual(await once(), v1);
        fs.writeFileSync(path.join(dir, "model.pkl"), "retrained\n");
        const v2 = await once();
        assert.notStrictEqual(v2, v1);
        assert.strictEqual(v2, contentHash(dir));
    });

    it("a custom datastore name shows in the model URI", async () => {
        const run = await record(() => void new ModelAssets("ds", args({ storage: { ...storageArgs, datastoreName: "models" }, code: undefined, environment: undefined })),
            { preview: true });
        assert.match(run.get(T.model).inputs.properties.modelUri, /^azureml:\/\/datastores\/models\/paths\/aksml\/models\/churn\//);
    });

    it("workspaceBlobStore: account, container and resource group come from the workspaceblobstore datastore", async () => {
        const calls: Record<string, any>[] = [];
        const call = (token: string, a: Record<string, any>) => {
            if (token !== "azure-native:machinelearningservices:getDatastore") return undefined;
            calls.push(a);
            return { id: "ds", name: "workspaceblobstore", properties: { datastoreType: "AzureBlob", accountName: "stmlwabc", containerName: "azureml-blobstore-guid" } };
        };
        const run = await record(() => void new ModelAssets("wb", args({
            storage: workspaceBlobStore({ workspaceName: "mlw", resourceGroupName: "rg-ml" }), code: undefined, environment: undefined,
        })), { preview: false, call });
        assert.deepStrictEqual(calls, [{ name: "workspaceblobstore", workspaceName: "mlw", resourceGroupName: "rg-ml" }]);
        const blob = run.get(T.blob, "wb-model-model.pkl");
        assert.deepStrictEqual([blob.inputs.accountName, blob.inputs.containerName, blob.inputs.resourceGroupName],
            ["stmlwabc", "azureml-blobstore-guid", "rg-ml"], "the storage resource group defaults to the workspace's");
    });
});
