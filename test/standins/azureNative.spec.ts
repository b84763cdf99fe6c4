// The azure-native stand-in over gRPC (in process), method by method, as the engine calls it.
import * as assert from "assert";
import { azureNativePathParams } from "../../tools/diff/providerReplace";
import { AzureNative, CLIENT } from "../../tools/standins/azureNative";
import { ARM_PATHS, autoNameKind, parseId, templateParams } from "../../tools/standins/azureTypes";
import { mockCall } from "../../tools/lib/stackRun";
import { SECRET_SIG, SIG, UNKNOWN } from "../../tools/standins/wire";
import { start, StandinClient, urn } from "./client";

const secret = (value: any) => ({ [SIG]: SECRET_SIG, value });
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const RG = `${SUB}/resourceGroups/rg-aksml-dev`;
const MC = "azure-native:containerservice:ManagedCluster";
const EP = "azure-native:machinelearningservices:OnlineEndpoint";
const UAI = "azure-native:managedidentity:UserAssignedIdentity";
const RA = "azure-native:authorization:RoleAssignment";
const mcUrn = urn(MC, "aksml-dev-cluster-aks", "aks-ml:index:AksCluster");
const epUrn = urn(EP, "aksml-dev-ep-churn-dev-endpoint");
const uaiUrn = urn(UAI, "aksml-dev-attach-objects-id");
const cluster = { resourceGroupName: "rg-aksml-dev", resourceName: "aksml-dev", dnsPrefix: "aksml-dev", location: "westeurope", sku: { name: "Base", tier: "Free" }, azureApiVersion: "2025-09-01" };
const endpoint = {
    resourceGroupName: "rg-aksml-dev", workspaceName: "mlw-aksml-dev", endpointName: "churn-dev", location: "westeurope", kind: "Kubernetes",
    identity: { type: "SystemAssigned" }, properties: { authMode: "Key", traffic: {} }, azureApiVersion: "2025-12-01",
};

describe("stand-ins: azure-native", () => {
    let client: StandinClient;
    let stop: () => void;
    before(async () => {
        ({ client, stop } = await start(new AzureNative()));
        await client.configure({ "azure-native:config:location": "westeurope" });
    });
    after(() => stop());

    describe("plugin and configuration", () => {
        it("reports the locked version of @pulumi/azure-native", async () => {
            assert.strictEqual(await client.version(), "3.28.0");
        });

        it("Configure declares secrets, resources, preview and autonaming support", async () => {
            const res = await client.configure({ "azure-native:config:location": "westeurope" });
            assert.deepStrictEqual(
                [res.getAcceptsecrets(), res.getAcceptresources(), res.getSupportspreview(), res.getSupportsAutonamingConfiguration(), res.getAcceptoutputs()],
                [true, true, true, true, false],
            );
        });

        it("Configure refuses an engine that sends no old inputs, as azure-native v3 does", async () => {
            const other = await start(new AzureNative());
            try {
                await assert.rejects(other.client.configure({}, { sendsOldInputs: false }), /requires Pulumi CLI v3\.74\.0 or later/);
            } finally {
                other.stop();
            }
        });

        it("Handshake is unimplemented (the engine falls back to Configure); CheckConfig echoes, DiffConfig is unknown", async () => {
            const pb = await import("@pulumi/pulumi/proto/provider_pb");
            const { Struct } = await import("google-protobuf/google/protobuf/struct_pb");
            await assert.rejects(client.call("handshake", new pb.ProviderHandshakeRequest()), (e: any) => e.code === 12);
            const checked = await client.call<any, any>("checkConfig", new pb.CheckRequest().setNews(Struct.fromJavaScript({ location: "westeurope" })));
            assert.deepStrictEqual(checked.getInputs().toJavaScript(), { location: "westeurope" });
            const diffed = await client.call<any, any>("diffConfig", new pb.DiffRequest());
            assert.strictEqual(diffed.getChanges(), 0);
        });
    });

    describe("Check", () => {
        it("adds the configured location and the API version, keeps given values and secrets", async () => {
            const { inputs, failures } = await client.check(mcUrn, { resourceGroupName: "rg-aksml-dev", resourceName: "aksml-dev", tags: { k: secret("v") } });
            assert.deepStrictEqual(failures, []);
            assert.deepStrictEqual(inputs, { resourceGroupName: "rg-aksml-dev", resourceName: "aksml-dev", tags: { k: secret("v") }, location: "westeurope", azureApiVersion: "2025-09-01" });
        });

        it("keeps the old location on update and adds none to a template deployment", async () => {
            const { inputs } = await client.check(mcUrn, { resourceGroupName: "rg", resourceName: "c" }, { location: "northeurope" });
            assert.strictEqual(inputs.location, "northeurope");
            const dep = await client.check(urn("azure-native:resources:Deployment", "traffic"), { resourceGroupName: "rg", deploymentName: "d", properties: { mode: "Incremental" } });
            assert.strictEqual(dep.inputs.location, undefined);
        });

        it("auto-names an unset last path parameter: URN name + 8 hex, flagged create-before-delete, the same every run", async () => {
            const news = { resourceGroupName: "rg-aksml-dev", location: "westeurope" };
            const a = await client.check(uaiUrn, news);
            const b = await client.check(uaiUrn, news);
            // The 8 hex are SHA-256 of the URN and the other inputs: pinned, so that a change of the derivation shows.
            assert.strictEqual(a.inputs.resourceName, "aksml-dev-attach-objects-idbecc5290");
            assert.deepStrictEqual(b.inputs, a.inputs);
            assert.strictEqual(a.inputs.__createBeforeDelete, true);
            // The old name is kept on update (provider.go getDefaultName).
            const kept = await client.check(uaiUrn, news, { resourceName: "old-name", __createBeforeDelete: true });
            assert.strictEqual(kept.inputs.resourceName, "old-name");
        });

        it("auto-names a role assignment with a UUID and honours the engine's enforced name", async () => {
            const { inputs } = await client.check(urn(RA, "grant"), { scope: RG, principalId: "p", roleDefinitionId: "r" });
            assert.match(inputs.roleAssignmentName, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            const enforced = await client.check(uaiUrn, { resourceGroupName: "rg" }, {}, { name: "exact-name", mode: 1 });
            assert.strictEqual(enforced.inputs.resourceName, "exact-name");
            const disabled = await client.check(uaiUrn, { resourceGroupName: "rg" }, {}, { name: "x", mode: 2 });
            assert.strictEqual(disabled.inputs.resourceName, undefined);
        });

        it("auto-names a child resource by copying the URN name, without the create-before-delete flag", async () => {
            const { inputs } = await client.check(urn("azure-native:network:Subnet", "nodes"), { resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefix: "10.0.0.0/20" });
            assert.strictEqual(inputs.subnetName, "nodes");
            assert.strictEqual(inputs.__createBeforeDelete, undefined);
        });
    });

    describe("Diff", () => {
        it("is DIFF_NONE for equal inputs, whatever the secret wrappers and location spelling", async () => {
            const d = await client.diff(mcUrn, { ...cluster, tags: { owner: "a" } }, { ...cluster, location: "West Europe", tags: secret({ owner: "a" }) });
            assert.deepStrictEqual(d, { changes: "none", replaces: [], diffs: [], detailed: {}, deleteBeforeReplace: false });
        });

        it("replaces on a ForceNew body property (dnsPrefix), updates the rest, deletes before replacing a named resource", async () => {
            const d = await client.diff(mcUrn, cluster, { ...cluster, dnsPrefix: "other", kubernetesVersion: "1.36" });
            assert.deepStrictEqual(d, {
                changes: "some", replaces: ["dnsPrefix"], diffs: ["dnsPrefix", "kubernetesVersion"],
                detailed: { dnsPrefix: "UPDATE_REPLACE", kubernetesVersion: "ADD" }, deleteBeforeReplace: true,
            });
        });

        it("replaces on a path parameter and on a nested ForceNew property", async () => {
            const d = await client.diff(mcUrn, { ...cluster, networkProfile: { serviceCidr: "10.0.0.0/16" } }, { ...cluster, resourceGroupName: "rg-other", networkProfile: { serviceCidr: "10.1.0.0/16" } });
            assert.deepStrictEqual(d.replaces, ["networkProfile.serviceCidr", "resourceGroupName"]);
            assert.deepStrictEqual(d.detailed, { "networkProfile.serviceCidr": "UPDATE_REPLACE", resourceGroupName: "UPDATE_REPLACE" });
        });

        it("treats an unknown new value as a change, and a plain tag change as an in-place update", async () => {
            const d = await client.diff(epUrn, endpoint, { ...endpoint, tags: { a: "b" }, properties: { ...endpoint.properties, compute: UNKNOWN } });
            assert.deepStrictEqual(d, { changes: "some", replaces: [], diffs: ["properties", "tags"], detailed: { "properties.compute": "ADD", tags: "ADD" }, deleteBeforeReplace: false });
            const e = await client.diff(epUrn, { ...endpoint, properties: { ...endpoint.properties, compute: "/c1" } }, { ...endpoint, properties: { ...endpoint.properties, compute: UNKNOWN } });
            assert.deepStrictEqual(e.detailed, { "properties.compute": "UPDATE" });
        });

        it("creates a randomly auto-named resource's replacement before deleting the old one", async () => {
            const olds = { resourceGroupName: "rg", resourceName: "id1234abcd", location: "westeurope", __createBeforeDelete: true };
            const d = await client.diff(uaiUrn, olds, { ...olds, resourceGroupName: "rg2" });
            assert.deepStrictEqual([d.replaces, d.deleteBeforeReplace], [["resourceGroupName"], false]);
        });

        it("quotes map keys that are no identifiers in detailed-diff paths", async () => {
            const ext = urn("azure-native:kubernetesconfiguration:Extension", "azureml");
            const base = { resourceGroupName: "rg", clusterRp: "Microsoft.ContainerService", clusterResourceName: "managedClusters", clusterName: "c", extensionName: "azureml" };
            const d = await client.diff(ext, { ...base, configurationSettings: { "a.b": "1" } }, { ...base, configurationSettings: { "a.b": "2" } });
            assert.deepStrictEqual(d.detailed, { 'configurationSettings["a.b"]': "UPDATE" });
        });
    });

    describe("Create, Update, Read, Delete", () => {
        it("a preview leaves the outputs it cannot know unknown and gives no ID", async () => {
            const { id, properties } = await client.create(epUrn, { ...endpoint, tags: { k: secret("v") } }, true);
            assert.strictEqual(id, "");
            assert.deepStrictEqual(properties, {
                azureApiVersion: "2025-12-01", kind: "Kubernetes", location: "westeurope", tags: { k: secret("v") },
                identity: { type: "SystemAssigned", principalId: UNKNOWN, tenantId: UNKNOWN },
                properties: { authMode: "Key", traffic: {}, scoringUri: UNKNOWN, swaggerUri: UNKNOWN, provisioningState: UNKNOWN },
                name: UNKNOWN, sku: UNKNOWN, systemData: UNKNOWN, type: UNKNOWN,
            });
        });

        it("an update gives the ARM ID and the outputs the program reads, secrets kept, the same bytes every time", async () => {
            const a = await client.create(epUrn, { ...endpoint, tags: { k: secret("v") } }, false);
            const b = await client.create(epUrn, { ...endpoint, tags: { k: secret("v") } }, false);
            assert.deepStrictEqual(a, b);
            assert.strictEqual(a.id, `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-aksml-dev/onlineEndpoints/churn-dev`);
            const host = "https://churn-dev.westeurope.inference.ml.azure.com";
            assert.deepStrictEqual(a.properties.properties, { authMode: "Key", traffic: {}, scoringUri: `${host}/score`, swaggerUri: `${host}/swagger.json`, provisioningState: "Succeeded" });
            assert.deepStrictEqual([a.properties.name, a.properties.type, a.properties.tags], ["churn-dev", "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", { k: secret("v") }]);
            assert.strictEqual(a.properties.endpointName, undefined, "path parameters are no outputs");
        });

        it("the cluster's ID, name and FQDN; the kubeconfig's server is that FQDN", async () => {
            const { id, properties } = await client.create(mcUrn, cluster, false);
            assert.strictEqual(id, `${RG}/providers/Microsoft.ContainerService/managedClusters/aksml-dev`);
            assert.match(properties.fqdn, /^aksml-dev-[0-9a-f]{8}\.hcp\.westeurope\.azmk8s\.io$/);
            assert.deepStrictEqual([properties.name, properties.location, properties.nodeResourceGroup], ["aksml-dev", "westeurope", "MC_rg-aksml-dev_aksml-dev_westeurope"]);
            const creds = await client.invoke("azure-native:containerservice:listManagedClusterUserCredentials", { resourceGroupName: "rg-aksml-dev", resourceName: "aksml-dev", format: "exec" });
            const kubeconfig = Buffer.from(creds.kubeconfigs[0].value.value, "base64").toString("utf8");
            assert.ok(kubeconfig.includes(`    server: https://${properties.fqdn}:443\n`), kubeconfig);
            assert.ok(kubeconfig.includes("      command: kubelogin\n"));
        });

        it("identity, key and blob outputs: principalId, keyUriWithVersion, the blob's URL as its ID", async () => {
            const uai = await client.create(uaiUrn, { resourceGroupName: "rg-aksml-dev", resourceName: "id1", location: "westeurope" }, false);
            assert.match(uai.properties.principalId, /^[0-9a-f-]{36}$/);
            assert.strictEqual(uai.properties.tenantId, CLIENT.tenantId);
            const key = await client.create(urn("azure-native:keyvault:Key", "k"), { resourceGroupName: "rg", vaultName: "kv1", keyName: "disk", properties: { kty: "RSA" } }, false);
            assert.match(key.properties.keyUriWithVersion, /^https:\/\/kv1\.vault\.azure\.net\/keys\/disk\/[0-9a-f]{32}$/);
            const blob = await client.create(urn("azure-native:storage:Blob", "b"), { resourceGroupName: "rg", accountName: "st1", containerName: "c", blobName: "a/b.txt", type: "Block" }, false);
            assert.strictEqual(blob.id, "https://st1.blob.core.windows.net/c/a/b.txt");
            assert.deepStrictEqual([blob.properties.url, blob.properties.name, blob.properties.contentType], [blob.id, "a/b.txt", "application/octet-stream"]);
        });

        it("Update: a preview keeps the old name and location; an update merges the new inputs over the old read-only outputs", async () => {
            const created = await client.create(epUrn, endpoint, false);
            const news = { ...endpoint, tags: { a: "b" } };
            const preview = await client.update(epUrn, created.id, created.properties, news, endpoint, true);
            assert.deepStrictEqual([preview.name, preview.location, preview.tags, preview.properties.scoringUri], ["churn-dev", "westeurope", { a: "b" }, UNKNOWN]);
            const updated = await client.update(epUrn, created.id, { ...created.properties, extra: "kept" }, news, endpoint, false);
            assert.deepStrictEqual(updated, { ...created.properties, tags: { a: "b" }, extra: "kept" });
        });

        it("Read returns the state it is given, or what an ID alone says", async () => {
            const created = await client.create(mcUrn, cluster, false);
            const again = await client.read(mcUrn, created.id, created.properties, cluster);
            assert.deepStrictEqual(again, { id: created.id, properties: created.properties, inputs: cluster });
            const byId = await client.read(mcUrn, created.id);
            assert.deepStrictEqual(byId.inputs, { resourceGroupName: "rg-aksml-dev", resourceName: "aksml-dev" });
            assert.deepStrictEqual(byId.properties, { name: "aksml-dev", type: "Microsoft.ContainerService/managedClusters", location: "westeurope", azureApiVersion: "2025-09-01" });
            await client.delete(mcUrn, created.id, created.properties);
        });
    });

    describe("Invoke", () => {
        it("getClientConfig: the subscription and tenant of the in-process mocks", async () => {
            const c = await client.invoke("azure-native:authorization:getClientConfig");
            const mock = mockCall("azure-native:authorization:getClientConfig")!;
            assert.deepStrictEqual([c.subscriptionId, c.tenantId], [mock.subscriptionId, mock.tenantId]);
            assert.deepStrictEqual(c, CLIENT);
        });

        it("credentials and keys are secrets; the admin kubeconfig carries a client certificate", async () => {
            const admin = await client.invoke("azure-native:containerservice:listManagedClusterAdminCredentials", { resourceGroupName: "rg", resourceName: "c" });
            assert.strictEqual(admin.kubeconfigs[0].name, "clusterAdmin");
            assert.strictEqual(admin.kubeconfigs[0].value[SIG], SECRET_SIG);
            assert.match(Buffer.from(admin.kubeconfigs[0].value.value, "base64").toString(), /client-certificate-data: /);
            const keys = await client.invoke("azure-native:machinelearningservices:listOnlineEndpointKeys", { resourceGroupName: "rg", workspaceName: "w", endpointName: "e" });
            assert.deepStrictEqual([keys.primaryKey[SIG], keys.secondaryKey[SIG]], [SECRET_SIG, SECRET_SIG]);
            assert.notStrictEqual(keys.primaryKey.value, keys.secondaryKey.value);
        });

        it("getDatastore: the workspace's default blob store in ARM's shape; getWorkspace: the workspace", async () => {
            const ds = await client.invoke("azure-native:machinelearningservices:getDatastore", { name: "workspaceblobstore", resourceGroupName: "rg-aksml-dev", workspaceName: "mlw-aksml-dev" });
            assert.strictEqual(ds.id, `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-aksml-dev/datastores/workspaceblobstore`);
            assert.deepStrictEqual([ds.properties.datastoreType, ds.properties.isDefault, ds.properties.resourceGroup], ["AzureBlob", true, "rg-aksml-dev"]);
            assert.match(ds.properties.accountName, /^st[0-9a-f]{22}$/);
            assert.match(ds.properties.containerName, /^azureml-blobstore-[0-9a-f-]{36}$/);
            const ws = await client.invoke("azure-native:machinelearningservices:getWorkspace", { resourceGroupName: "rg-aksml-dev", workspaceName: "mlw-aksml-dev" });
            assert.deepStrictEqual([ws.id, ws.location], [`${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-aksml-dev`, "westeurope"]);
            assert.match(ws.storageAccount, /^\/subscriptions\/.*\/providers\/Microsoft\.Storage\/storageAccounts\/st/);
        });

        it("any other function fails with a message naming it", async () => {
            await assert.rejects(client.invoke("azure-native:storage:listStorageAccountKeys", { accountName: "a" }), /azure-native stand-in: function azure-native:storage:listStorageAccountKeys is not implemented/);
        });
    });

    describe("ARM path templates", () => {
        it("name exactly the path parameters the installed SDK's getters take", () => {
            for (const [type, tpl] of Object.entries(ARM_PATHS)) {
                const sdk = azureNativePathParams(`azure-native:${type}`);
                if (sdk === undefined) continue; // storage:Blob, a custom resource without a getter
                // getRoleAssignment also takes a tenantId query parameter, which is no part of the path.
                assert.deepStrictEqual(templateParams(tpl).sort(), sdk.filter((p) => !(type === "authorization:RoleAssignment" && p === "tenantId")).sort(), type);
            }
        });

        it("auto-naming kinds follow resources.go AutoName", () => {
            assert.deepStrictEqual(autoNameKind(ARM_PATHS["resources:ResourceGroup"]), { param: "resourceGroupName", kind: "random" });
            assert.deepStrictEqual(autoNameKind(ARM_PATHS["network:Subnet"]), { param: "subnetName", kind: "copy" });
            assert.deepStrictEqual(autoNameKind(ARM_PATHS["authorization:RoleDefinition"]), { param: "roleDefinitionId", kind: "uuid" });
            assert.deepStrictEqual(autoNameKind(ARM_PATHS["machinelearningservices:OnlineEndpoint"]), { param: "endpointName", kind: "random" });
        });

        it("an ID parses back into its parameters, a scope included", () => {
            const id = `${RG}/providers/Microsoft.ContainerService/managedClusters/c/providers/Microsoft.Authorization/roleAssignments/x`;
            assert.deepStrictEqual(parseId(ARM_PATHS["authorization:RoleAssignment"], id), { scope: `${RG}/providers/Microsoft.ContainerService/managedClusters/c`, roleAssignmentName: "x" });
            assert.strictEqual(parseId(ARM_PATHS["network:Subnet"], `${RG}/providers/Microsoft.Network/virtualNetworks/v`), undefined);
        });
    });
});
