// ClusterObjects: the Kubernetes objects this program needs inside the cluster (the InstanceType
// custom resources, the model namespace and its NetworkPolicy), delivered through Azure Resource
// Manager, never through the cluster's API server. Pulumi's runner (a GitHub-hosted runner in CI) is
// outside prod's authorized IP ranges, so it cannot reach the API server; ARM is reachable from
// anywhere and the same path serves dev (public API server), prod (authorized ranges) and private
// clusters alike.
//
// HOW. A deployment script (Microsoft.Resources/deploymentScripts, kind AzureCLI) runs in Azure under
// a user-assigned identity and calls `az aks command invoke` (the managed cluster's runCommand action,
// an ARM operation: the command runs in a pod inside the cluster) with the manifests attached as a
// file: `kubectl wait` for the InstanceType CRD that the AzureML extension installs, then
// `kubectl apply`. ARM completes the script's PUT only when the script has finished (or fails it with
// the script's exit code), so whatever depends on this component (the compute, every OnlineDeployment)
// starts after the objects exist. A change of the manifests changes the script's environment, which
// makes ARM run it again.
// Sources: azure-aks-docs articles/aks/access-private-cluster.md (command invoke: `--file`, the RBAC
// actions runcommand/action + commandResults/read, 60 s pod scheduling, 512 kB output); Azure
// deployment scripts (Microsoft.Resources/deploymentScripts REST API, learn.microsoft.com/rest/api/resources/
// deployment-scripts/create: kind AzureCLI, azCliVersion and retentionInterval required, "only
// user-assigned MSI is supported"; the az CLI container is signed in with that identity);
// the cluster uses Entra ID with Azure RBAC, so the in-cluster rights come from an Azure role
// ("Azure Kubernetes Service RBAC Cluster Admin", b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b: namespaces and
// InstanceTypes are cluster-scoped).
// Why not the alternatives: the Flux extension (fluxConfigurations) reconciles asynchronously, so ARM
// reports success before the objects exist and deployments could not depend on them; a runner inside
// the network is infrastructure this repository cannot create; a manual step would be forgotten.
// ARM deletes a deployment script resource after its retentionInterval (P1D): a later `pulumi up` with
// changed manifests PUTs it again (create-or-update), which runs it; unchanged manifests need no run.
// Deleting this component never deletes the objects in the cluster, so it is not protected.
// Removing an instance type from the config does not delete its custom resource (apply, not prune):
// delete it with `az aks command invoke ... "kubectl delete instancetype <name>"`.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import { CLUSTER_OBJECTS_ENV } from "../policy/lib/types";
import type { InstanceTypeSchema } from "./instanceTypes";

export const ROUTER_NAMESPACE = "azureml";
export const ROUTER_POD_LABELS: Readonly<Record<string, string>> = { azuremlappname: "azureml-fe" };
export const INSTANCE_TYPE_API = "amlarc.azureml.com/v1alpha1";
export const INSTANCE_TYPE_CRD = "instancetypes.amlarc.azureml.com";
/** Built-in role: Kubernetes data actions on the whole cluster through Azure RBAC. */
export const AKS_RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";
/** The two ARM actions that `az aks command invoke` needs (access-private-cluster.md, Prerequisites). */
export const RUN_COMMAND_ACTIONS = [
    "Microsoft.ContainerService/managedClusters/runcommand/action",
    "Microsoft.ContainerService/managedClusters/commandResults/read",
];
/** An az CLI version that deployment scripts offer (mcr.microsoft.com/azure-cli tags). */
export const AZ_CLI_VERSION = "2.61.0";
const MANAGED_BY = { "app.kubernetes.io/managed-by": "aks-ml-serving" };

export interface ClusterManifestsInput {
    instanceTypes: Record<string, InstanceTypeSchema>;
    /** The model namespace with its NetworkPolicy (attachment.manageNamespace). */
    namespace?: string;
}

/** The objects as one Kubernetes List (what `kubectl apply -f` takes), in apply order. */
export function clusterManifests(m: ClusterManifestsInput): { apiVersion: "v1"; kind: "List"; items: Record<string, any>[] } {
    const items: Record<string, any>[] = Object.entries(m.instanceTypes).map(([name, t]) => ({
        apiVersion: INSTANCE_TYPE_API,
        kind: "InstanceType",
        metadata: { name, labels: { ...MANAGED_BY } },
        spec: { ...(t.nodeSelector ? { nodeSelector: t.nodeSelector } : {}), resources: t.resources },
    }));
    if (m.namespace !== undefined) {
        items.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: m.namespace, labels: { ...MANAGED_BY, "aksml.io/role": "model-services" } } });
        // Ingress only from the AzureML inference router (azureml-fe pods in `azureml`; the label is
        // the one Azure ML's troubleshooting guide selects: -l azuremlappname=azureml-fe).
        items.push({
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "allow-from-inference-router", namespace: m.namespace, labels: { ...MANAGED_BY } },
            spec: {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{ from: [{
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ROUTER_NAMESPACE } },
                    podSelector: { matchLabels: { ...ROUTER_POD_LABELS } },
                }] }],
            },
        });
    }
    return { apiVersion: "v1", kind: "List", items };
}

/** The deployment script: retried while the role assignments propagate; fails with kubectl's exit code. */
export const APPLY_SCRIPT = [
    "set -eu",
    `printf '%s' "$${CLUSTER_OBJECTS_ENV}" > objects.json`,
    `cmd='kubectl wait --for condition=established --timeout=300s crd/${INSTANCE_TYPE_CRD} && kubectl apply -f objects.json'`,
    "code=1",
    "for attempt in 1 2 3 4 5 6 7 8 9 10; do",
    '  if out=$(az aks command invoke -g "$CLUSTER_RESOURCE_GROUP" -n "$CLUSTER_NAME" --command "$cmd" --file objects.json -o json); then',
    "    printf '%s' \"$out\" | jq -r '.logs'",
    "    code=$(printf '%s' \"$out\" | jq -r '.exitCode')",
    '    if [ "$code" = "0" ]; then exit 0; fi',
    "  fi",
    '  echo "attempt $attempt failed; retrying in 30 s"',
    "  sleep 30",
    "done",
    'exit "$code"',
].join("\n");

export interface ClusterObjectsArgs {
    /** Where the identity and the script live (the cluster's resource group). */
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    clusterId: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    clusterResourceGroup: pulumi.Input<string>;
    manifests: ReturnType<typeof clusterManifests>;
    /** What must exist first: the AzureML extension (it installs the InstanceType CRD). */
    after?: pulumi.Resource[];
}

export class ClusterObjects extends pulumi.ComponentResource {
    /** The deployment script whose completion means "the objects exist". */
    readonly script: resources.AzureCliScript;
    readonly manifestHash: string;

    constructor(name: string, args: ClusterObjectsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:ClusterObjects", name, {}, opts);
        const json = JSON.stringify(args.manifests);
        this.manifestHash = crypto.createHash("sha256").update(json).digest("hex").slice(0, 16);
        const identity = new managedidentity.UserAssignedIdentity(`${name}-id`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
        }, { parent: this });
        const principal = { principalId: identity.principalId, principalType: "ServicePrincipal" };
        // Least privilege for the ARM side: a custom role with exactly the run command actions.
        const rgScope = pulumi.output(args.clusterId).apply((id) => id.split("/").slice(0, 5).join("/"));
        const runCommandRole = new authorization.RoleDefinition(`${name}-runcmd-role`, {
            scope: rgScope,
            // Custom role names are unique in the tenant: the cluster's name plus a hash of its ARM ID.
            roleName: pulumi.all([args.clusterName, args.clusterId]).apply(([n, id]) =>
                `aks-ml-serving run command ${n} ${crypto.createHash("sha256").update(id.toLowerCase()).digest("hex").slice(0, 8)}`),
            description: "az aks command invoke on one cluster (delivers aks-ml-serving's in-cluster objects)",
            permissions: [{ actions: RUN_COMMAND_ACTIONS }],
            assignableScopes: [rgScope],
        }, { parent: this });
        const runCommand = new authorization.RoleAssignment(`${name}-runcmd`, {
            ...principal, scope: args.clusterId, roleDefinitionId: runCommandRole.id,
        }, { parent: this });
        const subscription = pulumi.output(args.clusterId).apply((id) => id.split("/")[2]);
        const k8sAdmin = new authorization.RoleAssignment(`${name}-k8s-admin`, {
            ...principal, scope: args.clusterId,
            roleDefinitionId: pulumi.interpolate`/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${AKS_RBAC_CLUSTER_ADMIN}`,
        }, { parent: this });

        this.script = new resources.AzureCliScript(`${name}-apply`, {
            kind: "AzureCLI",
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            azCliVersion: AZ_CLI_VERSION,
            scriptContent: APPLY_SCRIPT,
            environmentVariables: [
                { name: "CLUSTER_RESOURCE_GROUP", value: args.clusterResourceGroup },
                { name: "CLUSTER_NAME", value: args.clusterName },
                { name: CLUSTER_OBJECTS_ENV, value: json },
            ],
            // A new hash re-runs the script (ARM runs it again when forceUpdateTag changes).
            forceUpdateTag: this.manifestHash,
            timeout: "PT30M",
            retentionInterval: "P1D",
            cleanupPreference: "Always",
        }, { parent: this, dependsOn: [runCommand, k8sAdmin, ...(args.after ?? [])] });
        this.registerOutputs({ manifestHash: this.manifestHash });
    }
}
