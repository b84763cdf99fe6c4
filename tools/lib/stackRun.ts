// Runs the project's real program for a stack under the recording mock monitor: the same code path
// as `pulumi preview` (preview: true) or `pulumi up` (preview: false), with no cloud account.
import { parseConfig, StackConfig } from "../../infra/config";
import { deploy } from "../../infra/program";
import { record, Recorded, RunResult } from "./recorder";
import { readStackFile, stackFile, toRawConfig } from "./stackConfig";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n";

/** Mock outputs of Azure in update mode, for the outputs the program reads. */
export function mockOutputs(r: Recorded): Record<string, any> {
    switch (r.type) {
        case "random:index/randomString:RandomString":
            return { result: "k3x9q7w8m2p4z6v1".repeat(4).slice(0, r.inputs.length ?? 8) };
        case "azure-native:machinelearningservices:OnlineEndpoint": {
            const host = `https://${r.inputs.endpointName}.${r.inputs.location ?? "westeurope"}.inference.ml.azure.com`;
            return { properties: { ...r.inputs.properties, scoringUri: `${host}/score`, swaggerUri: `${host}/swagger.json` } };
        }
        default:
            return {};
    }
}

/** Mock results of provider functions. */
export function mockCall(token: string): Record<string, any> | undefined {
    switch (token) {
        case "azure-native:authorization:getClientConfig":
            return { subscriptionId: "00000000-0000-0000-0000-000000000000", tenantId: "11111111-1111-1111-1111-111111111111", clientId: "c", objectId: "o" };
        case "azure-native:containerservice:listManagedClusterAdminCredentials":
        case "azure-native:containerservice:listManagedClusterUserCredentials":
            return { kubeconfigs: [{ name: "clusterAdmin", value: Buffer.from(KUBECONFIG).toString("base64") }] };
        case "azure-native:machinelearningservices:getDatastore":
            return { properties: { datastoreType: "AzureBlob", accountName: "stmockws", containerName: "azureml-blobstore-0000", resourceGroup: undefined } };
        case "azure-native:machinelearningservices:listOnlineEndpointKeys":
            return { primaryKey: "mock-primary-key", secondaryKey: "mock-secondary-key" };
        default:
            return undefined;
    }
}

export function loadStack(stack: string, file = stackFile(stack)): StackConfig {
    return parseConfig(toRawConfig(stack, readStackFile(file)));
}

/** Records the program of `stack` (config from Pulumi.<stack>.yaml, or the given config). */
export function recordStack(stack: string, opts: { preview: boolean; config?: StackConfig }): Promise<RunResult<ReturnType<typeof deploy>>> {
    return record(() => deploy(opts.config ?? loadStack(stack)), {
        preview: opts.preview,
        stack,
        outputs: mockOutputs,
        call: mockCall,
    });
}
