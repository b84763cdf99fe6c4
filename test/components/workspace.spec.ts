import * as assert from "assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { Workspace, WorkspaceSpec } from "../../components/workspace";
import { KEY_VAULT_NAME, REGISTRY_NAME, STORAGE_NAME, keyVaultName, registryName, storageAccountName } from "../../components/workspaceNames";
import { record, Recorded, RunResult, UNKNOWN } from "../../tools/lib/recorder";

const T = {
    st: "azure-native:storage:StorageAccount",
    kv: "azure-native:keyvault:Vault",
    log: "azure-native:operationalinsights:Workspace",
    appi: "azure-native:applicationinsights:Component",
    cr: "azure-native:containerregistry:Registry",
    mlw: "azure-native:machinelearningservices:Workspace",
    rnd: "random:index/randomString:RandomString",
};
const CREATE: WorkspaceSpec = { mode: "create", name: "mlw-aksml-dev", publicNetworkAccess: "Enabled", registrySku: "Basic", logRetentionDays: 30, tags: { env: "dev" } };
const outputs = (r: Recorded) => (r.type === T.rnd ? { result: "q7w8e9r0" } : {});
const call = (token: string) => {
    if (token === "azure-native:authorization:getClientConfig") return { tenantId: "tenant-1", subscriptionId: "sub-1", clientId: "c", objectId: "o" };
    if (token === "azure-native:machinelearningservices:getWorkspace") {
        return { id: "/subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-old",
            name: "mlw-old", location: "northeurope", storageAccount: "/subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stold123" };
    }
    return undefined;
};

function program(spec: WorkspaceSpec, protect = false) {
    return () => {
        const ws = new Workspace("ws", { workspace: spec, resourceGroupName: "rg-ml", location: "westeurope", protect });
        return { name: ws.workspaceName, id: ws.workspaceId, st: ws.storageAccountName, location: ws.location, rg: ws.resourceGroupName };
    };
}

for (const preview of [true, false]) {
    describe(`Workspace (${preview ? "preview" : "update"})`, () => {
        it("creates storage, key vault, logs, insights, registry and the workspace with safe defaults", async () => {
            const run = await record(program(CREATE), { preview, outputs, call });
            const st = run.get(T.st).inputs;
            assert.strictEqual(st.allowBlobPublicAccess, false);
            assert.strictEqual(st.minimumTlsVersion, "TLS1_2");
            assert.strictEqual(st.enableHttpsTrafficOnly, true);
            assert.strictEqual(st.publicNetworkAccess, "Enabled");
            const kv = run.get(T.kv).inputs.properties;
            assert.strictEqual(kv.enableRbacAuthorization, true);
            assert.strictEqual(kv.enableSoftDelete, true);
            assert.strictEqual(kv.enablePurgeProtection, true);
            assert.strictEqual(kv.tenantId, "tenant-1");
            const appi = run.get(T.appi);
            assert.strictEqual(appi.inputs.ingestionMode, "LogAnalytics");
            assert.deepStrictEqual(appi.propertyDependencies.workspaceResourceId, [run.get(T.log).urn]);
            assert.strictEqual(run.get(T.cr).inputs.adminUserEnabled, false);
            const mlw = run.get(T.mlw);
            assert.deepStrictEqual(mlw.inputs.identity, { type: "SystemAssigned" });
            assert.strictEqual(mlw.inputs.workspaceName, "mlw-aksml-dev");
            for (const [key, type] of [["storageAccount", T.st], ["keyVault", T.kv], ["applicationInsights", T.appi], ["containerRegistry", T.cr]]) {
                assert.deepStrictEqual(mlw.propertyDependencies[key], [run.get(type).urn], `${key} wired from its resource`);
            }
            if (preview) {
                assert.strictEqual(st.accountName, UNKNOWN, "random suffix unknown at preview");
                assert.strictEqual(run.get("aks-ml:index:Workspace").outputs?.workspaceName, UNKNOWN, "name waits for the workspace");
            } else {
                assert.strictEqual(st.accountName, "stmlwaksmldevq7w8e9r0");
                assert.strictEqual(run.get(T.kv).inputs.vaultName, "kv-mlw-aksml-de-q7w8e9r0");
                assert.strictEqual(run.get(T.cr).inputs.registryName, "crmlwaksmldevq7w8e9r0");
                assert.strictEqual(run.get("aks-ml:index:Workspace").outputs?.storageAccountName, "stmlwaksmldevq7w8e9r0");
            }
            const component = run.get("aks-ml:index:Workspace");
            assert.deepStrictEqual(Object.keys(component.outputs ?? {}).sort(), ["location", "resourceGroupName", "storageAccountName", "workspaceId", "workspaceName"]);
        });

        it("protect: every stateful child protected only when asked", async () => {
            for (const protect of [true, false]) {
                const run: RunResult<unknown> = await record(program(CREATE, protect), { preview, outputs, call });
                for (const type of Object.values(T)) assert.strictEqual(run.get(type).protect, protect, `${type} protect=${protect}`);
            }
        });

        it("publicNetworkAccess Disabled reaches every service", async () => {
            const run = await record(program({ ...CREATE, publicNetworkAccess: "Disabled", registrySku: "Premium" }), { preview, outputs, call });
            assert.strictEqual(run.get(T.st).inputs.publicNetworkAccess, "Disabled");
            assert.strictEqual(run.get(T.st).inputs.networkRuleSet.defaultAction, "Deny");
            assert.strictEqual(run.get(T.kv).inputs.properties.publicNetworkAccess, "Disabled");
            assert.strictEqual(run.get(T.cr).inputs.publicNetworkAccess, "Disabled");
            assert.strictEqual(run.get(T.mlw).inputs.publicNetworkAccess, "Disabled");
        });

        it("existing workspace: read, nothing created", async () => {
            const run = await record(program({ mode: "existing", name: "mlw-old", resourceGroup: "rg-ml" }), { preview, outputs, call });
            assert.deepStrictEqual(run.records.map((r) => r.type).filter((t) => t !== "pulumi:pulumi:Stack"), ["aks-ml:index:Workspace"]);
            const out = await new Promise((resolve) => pulumi.all(run.result).apply(resolve));
            assert.deepStrictEqual(out, { name: "mlw-old", id: "/subscriptions/sub-1/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-old",
                st: "stold123", location: "northeurope", rg: "rg-ml" });
        });
    });
}

describe("Workspace rules (exact messages)", () => {
    const rejects = (spec: WorkspaceSpec, message: string) =>
        assert.rejects(record(program(spec), { preview: true, call }), (e: Error) => { assert.strictEqual(e.message, message); return true; });
    it("workspace name", () => rejects({ ...CREATE, name: "ab" },
        `workspace name "ab" must be 3 to 33 characters, letters, digits, '-' and '_', starting with a letter or digit`));
    it("private workspace needs a Premium registry", () => rejects({ ...CREATE, publicNetworkAccess: "Disabled", registrySku: "Basic" },
        "registrySku Basic cannot serve a workspace without public network access; use Premium (private endpoints)"));
});

describe("workspace dependent names", () => {
    it("respect each service's limits for any valid workspace name and suffix", () => {
        const wsName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/);
        const suffix = fc.stringMatching(/^[a-z0-9]{8}$/);
        fc.assert(fc.property(wsName, suffix, (n, s) => {
            assert.match(storageAccountName(n, s), STORAGE_NAME);
            assert.match(keyVaultName(n, s), KEY_VAULT_NAME);
            assert.match(registryName(n, s), REGISTRY_NAME);
            assert.ok(storageAccountName(n, s).endsWith(s) && keyVaultName(n, s).endsWith(`-${s}`) && registryName(n, s).endsWith(s));
        }));
    });
    it("key vault: no double or trailing '-' after cutting", () => {
        assert.strictEqual(keyVaultName("a--b__c-dddddddddddddddd", "12345678"), "kv-a-b-c-dddddd-12345678");
        assert.strictEqual(keyVaultName("abcdefghijk-x", "12345678"), "kv-abcdefghijk-12345678");
    });
});
