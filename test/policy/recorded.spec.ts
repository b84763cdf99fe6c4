// A program recorded under the recording monitor, converted with toAnalyzerResource: secrets arrive
// in wire form and are unwrapped by the pack, unknown outputs and property dependencies reach it.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as kubernetesconfiguration from "@pulumi/azure-native/kubernetesconfiguration";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { toAnalyzerResource } from "../../tools/lib/analyzer";
import { isSecret, record } from "../../tools/lib/recorder";
import { assertOne, usePack } from "./helpers";

function program(vmSize: string) {
    const cluster = new containerservice.ManagedCluster("aks", {
        resourceGroupName: "rg", dnsPrefix: "aks",
        agentPoolProfiles: [{ name: "system", mode: "System", vmSize, count: 3 }],
    });
    new kubernetesconfiguration.Extension("azureml", {
        resourceGroupName: "rg", clusterRp: "Microsoft.ContainerService", clusterResourceName: "managedClusters",
        clusterName: cluster.name, extensionType: "Microsoft.AzureML.Kubernetes",
        configurationSettings: { clusterPurpose: "FastProd", enableInference: "True" },
    });
    new machinelearningservices.OnlineEndpoint("endpoint", {
        resourceGroupName: "rg", workspaceName: "mlw", kind: "Kubernetes",
        properties: { authMode: pulumi.secret("AADToken") as pulumi.Input<string>, traffic: {} },
    });
}

describe("policy pack: a recorded program through toAnalyzerResource", () => {
    const pack = usePack();

    it("preview: the extension joins its cluster through property dependencies; a secret authMode is still checked", async () => {
        const run = await record(() => program("Standard_D2s_v5"), { preview: true });
        // The SDK applies defaults to the whole bag, so all of `properties` travels as one secret.
        assert.ok(isSecret(run.get("azure-native:machinelearningservices:OnlineEndpoint").raw.properties), "sent as a secret");
        const ds = await pack().analyzeAll(run.records.map(toAnalyzerResource));
        assertOne(ds, "purpose-capacity", "mandatory", 'ManagedCluster "aks", purpose FastProd (clusterPurpose on Extension "azureml"): FastProd needs at least 12 vCPUs, got 6');
        assertOne(ds, "endpoint-auth", "mandatory", 'properties.authMode is "AADToken"; use one of Key, AMLToken');
    });

    it("preview: a large enough cluster passes purpose-capacity", async () => {
        const run = await record(() => program("Standard_D4s_v5"), { preview: true });
        const ds = await pack().analyzeAll(run.records.map(toAnalyzerResource));
        assert.deepStrictEqual(ds.filter((d) => d.policyName === "purpose-capacity").map((d) => d.message), []);
    });
});
