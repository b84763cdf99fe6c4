// The azure-native functions this program calls (components/*.ts, infra/*.ts), answered offline in the
// shapes ARM returns (camelCase, as azure-native's invokeResponseToOutputs hands them to the SDK;
// shapes from node_modules/@pulumi/azure-native 3.28.0: getDatastore.d.ts, getWorkspace.d.ts,
// listManagedClusterUserCredentials.d.ts, listOnlineEndpointKeys.d.ts, types/output.d.ts):
// - authorization:getClientConfig: the same subscription and tenant as tools/lib/stackRun.ts mockCall
//   (provider.go Invoke answers it from the credential, never from ARM);
// - containerservice:listManagedClusterUserCredentials / listManagedClusterAdminCredentials: one
//   kubeconfig each ("clusterUser" in kubelogin exec format when `format: "exec"`, else Azure AD
//   legacy; "clusterAdmin" with a client certificate), base64 as ARM sends it, its server the cluster's
//   fqdn as azureOutputs.ts builds it (dnsPrefix taken as the cluster name: an invoke sees its
//   arguments only);
// - machinelearningservices:getDatastore: an AzureBlob datastore whose container is
//   azureml-blobstore-<workspace GUID>; its accountName is derived from the workspace (not the account
//   this program created: an invoke cannot see the stack);
// - machinelearningservices:listOnlineEndpointKeys: primary and secondary key;
// - machinelearningservices:getWorkspace: the workspace as ARM returns it, its dependencies named after it.
// Credentials (kubeconfigs, keys) are returned as secrets, so that they stay secret wherever they go.
// Every other function fails with a message naming it (provider.go: "Invoke type %s not found").
import { guid, hex, secret, Props } from "./wire";

export interface InvokeContext {
    subscriptionId: string;
    tenantId: string;
    clientId: string;
    objectId: string;
    location: string;
}

const API_VERSION = { containerservice: "2025-09-01", machinelearningservices: "2025-12-01" };
/** The Azure Kubernetes Service AAD server application (kubelogin --server-id). */
const AKS_AAD_SERVER = "6dae42f8-4368-4678-94ff-3960e28e3630";

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const rgId = (c: InvokeContext, rg: string) => `/subscriptions/${c.subscriptionId}/resourceGroups/${rg}`;
const workspaceId = (c: InvokeContext, a: Props) => `${rgId(c, str(a.resourceGroupName))}/providers/Microsoft.MachineLearningServices/workspaces/${str(a.workspaceName)}`;
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

function kubeconfig(c: InvokeContext, a: Props, role: "clusterUser" | "clusterAdmin"): string {
    const rg = str(a.resourceGroupName);
    const name = str(a.resourceName);
    const id = `${rgId(c, rg)}/providers/Microsoft.ContainerService/managedClusters/${name}`;
    const server = str(a.serverFqdn) || `${name}-${hex(id, 8)}.hcp.${c.location}.azmk8s.io`;
    const user = `${role}_${rg}_${name}`;
    const userEntry = role === "clusterAdmin"
        ? [
            "    client-certificate-data: " + b64(`stand-in client certificate ${hex(`${id}|cert`, 16)}`),
            "    client-key-data: " + b64(`stand-in client key ${hex(`${id}|key`, 16)}`),
            "    token: " + hex(`${id}|token`, 64),
        ]
        : a.format === "exec"
            ? [
                "    exec:",
                "      apiVersion: client.authentication.k8s.io/v1beta1",
                "      args:",
                "      - get-token",
                "      - --login",
                "      - devicecode",
                "      - --server-id",
                `      - ${AKS_AAD_SERVER}`,
                "      - --tenant-id",
                `      - ${c.tenantId}`,
                "      command: kubelogin",
                "      env: null",
                "      provideClusterInfo: false",
            ]
            : ["    auth-provider:", "      name: azure", "      config:", `        apiserver-id: ${AKS_AAD_SERVER}`, `        tenant-id: ${c.tenantId}`];
    return [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        `    certificate-authority-data: ${b64(`stand-in cluster CA ${hex(`${id}|ca`, 16)}`)}`,
        `    server: https://${server}:443`,
        `  name: ${name}`,
        "contexts:",
        "- context:",
        `    cluster: ${name}`,
        `    user: ${user}`,
        `  name: ${name}${role === "clusterAdmin" ? "-admin" : ""}`,
        `current-context: ${name}${role === "clusterAdmin" ? "-admin" : ""}`,
        "kind: Config",
        "preferences: {}",
        "users:",
        `- name: ${user}`,
        "  user:",
        ...userEntry,
        "",
    ].join("\n");
}

const credentials = (role: "clusterUser" | "clusterAdmin") => (c: InvokeContext, a: Props): Props => ({
    kubeconfigs: [{ name: role, value: secret(b64(kubeconfig(c, a, role))) }],
});

const FUNCTIONS: Record<string, (c: InvokeContext, a: Props) => Props> = {
    "authorization:getClientConfig": (c) => ({ clientId: c.clientId, objectId: c.objectId, subscriptionId: c.subscriptionId, tenantId: c.tenantId }),
    "containerservice:listManagedClusterUserCredentials": credentials("clusterUser"),
    "containerservice:listManagedClusterAdminCredentials": credentials("clusterAdmin"),
    "machinelearningservices:getDatastore": (c, a) => {
        const ws = workspaceId(c, a);
        return {
            id: `${ws}/datastores/${str(a.name)}`,
            name: str(a.name),
            type: "Microsoft.MachineLearningServices/workspaces/datastores",
            properties: {
                datastoreType: "AzureBlob",
                accountName: `st${hex(ws, 22)}`,
                containerName: `azureml-blobstore-${guid(`${ws}|workspace`)}`,
                endpoint: "core.windows.net",
                protocol: "https",
                credentials: { credentialsType: "None" },
                isDefault: str(a.name) === "workspaceblobstore",
                resourceGroup: str(a.resourceGroupName),
                subscriptionId: c.subscriptionId,
                serviceDataAccessAuthIdentity: "WorkspaceSystemAssignedIdentity",
                tags: {},
            },
            azureApiVersion: API_VERSION.machinelearningservices,
        };
    },
    "machinelearningservices:listOnlineEndpointKeys": (c, a) => {
        const ep = `${workspaceId(c, a)}/onlineEndpoints/${str(a.endpointName)}`;
        return {
            primaryKey: secret(Buffer.from(hex(`${ep}|primary`, 48), "hex").toString("base64")),
            secondaryKey: secret(Buffer.from(hex(`${ep}|secondary`, 48), "hex").toString("base64")),
        };
    },
    "machinelearningservices:getWorkspace": (c, a) => {
        const ws = workspaceId(c, a);
        const name = str(a.workspaceName);
        const dep = (ns: string, kind: string, n: string) => `${rgId(c, str(a.resourceGroupName))}/providers/${ns}/${kind}/${n}`;
        const short = name.replace(/[^a-z0-9]/gi, "").toLowerCase().slice(0, 14);
        return {
            id: ws,
            name,
            type: "Microsoft.MachineLearningServices/workspaces",
            location: c.location,
            kind: "Default",
            friendlyName: name,
            identity: { type: "SystemAssigned", principalId: guid(`${ws}|principal`), tenantId: c.tenantId },
            sku: { name: "Basic", tier: "Basic" },
            storageAccount: dep("Microsoft.Storage", "storageAccounts", `st${short}${hex(ws, 8)}`),
            keyVault: dep("Microsoft.KeyVault", "vaults", `kv-${short}-${hex(ws, 6)}`),
            applicationInsights: dep("Microsoft.Insights", "components", `appi-${name}`),
            containerRegistry: dep("Microsoft.ContainerRegistry", "registries", `cr${short}${hex(ws, 8)}`),
            workspaceId: guid(`${ws}|workspace`),
            discoveryUrl: `https://${c.location}.api.azureml.ms/discovery`,
            mlFlowTrackingUri: `azureml://${c.location}.api.azureml.ms/mlflow/v1.0${ws}`,
            publicNetworkAccess: "Enabled",
            provisioningState: "Succeeded",
            privateLinkCount: 0,
            storageHnsEnabled: false,
            tenantId: c.tenantId,
            serviceProvisionedResourceGroup: `azureml-rg-${name}_${guid(`${ws}|rg`)}`,
            notebookInfo: {},
            privateEndpointConnections: [],
            azureApiVersion: API_VERSION.machinelearningservices,
        };
    },
};

/** The functions answered, by full token. */
export const AZURE_FUNCTIONS = Object.keys(FUNCTIONS).map((k) => `azure-native:${k}`);

export function azureInvoke(tok: string, args: Props, c: InvokeContext): Props {
    const fn = FUNCTIONS[tok.replace(/^azure-native:/, "")];
    if (!fn) throw new Error(`azure-native stand-in: function ${tok} is not implemented (tools/standins/azureInvokes.ts answers ${AZURE_FUNCTIONS.join(", ")})`);
    return fn(c, args);
}
