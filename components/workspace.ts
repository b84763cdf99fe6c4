// Workspace: the Azure ML workspace that models are registered in and clusters are attached to.
// Either references an existing workspace (name + resource group; read, never managed) or creates one
// with what a workspace requires: storage account, key vault, Application Insights (workspace-based,
// on a Log Analytics workspace) and container registry, with globally unique names (workspaceNames.ts).
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as storage from "@pulumi/azure-native/storage";
import { SUFFIX_LENGTH, WORKSPACE_NAME_PATTERN, WORKSPACE_NAME_RULE, keyVaultName, registryName, storageAccountName } from "./workspaceNames";

export type PublicNetworkAccess = "Enabled" | "Disabled";
export type RegistrySku = "Basic" | "Standard" | "Premium";

export type WorkspaceSpec =
    | { mode: "existing"; name: string; resourceGroup: string }
    | {
          mode: "create";
          name: string;
          /**
           * Applied to the workspace, storage, key vault and registry. Disabled is only usable with private
           * endpoints + private DNS for all four, reachable from the cluster's VNet (the extension calls the
           * workspace, nodes pull from the registry, model pods read storage) and from where Pulumi runs
           * (model uploads). The program builds them (privateNetwork.ts, privateEndpoints.ts) for a created cluster.
           */
          publicNetworkAccess: PublicNetworkAccess;
          /** Premium is required when publicNetworkAccess is Disabled (private endpoints). */
          registrySku: RegistrySku;
          logRetentionDays: number;
          tags: Record<string, string>;
          /** Encrypt workspace data with a customer-managed key (created by the program, encryptionKeys.ts). */
          customerManagedKey?: boolean;
      };

export interface WorkspaceArgs {
    workspace: WorkspaceSpec;
    /** Resource group for a created workspace (an existing one names its own). */
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    /** Key vault tenant; default: the tenant Pulumi runs as. */
    tenantId?: pulumi.Input<string>;
    /** Protect the stateful resources (workspace, storage, key vault, registry, logs) from deletion. */
    protect?: boolean;
    /** Customer-managed key of a created workspace (encryptionKeys.ts), set at creation only. */
    encryption?: { vaultId: pulumi.Input<string>; keyUri: pulumi.Input<string>; identityId: pulumi.Input<string> };
}

/** The Log Analytics workspace of a created workspace. */
export function logAnalyticsName(workspaceName: string): string {
    return `log-${workspaceName}`;
}

/** Undefined when valid, else one sentence naming the problem (shared with infra/sections/workspace.ts). */
export function workspaceSpecProblem(spec: WorkspaceSpec): string | undefined {
    if (!WORKSPACE_NAME_PATTERN.test(spec.name)) return `workspace name "${spec.name}" must be ${WORKSPACE_NAME_RULE}`;
    if (spec.mode === "create" && spec.publicNetworkAccess === "Disabled" && spec.registrySku !== "Premium") {
        return `registrySku ${spec.registrySku} cannot serve a workspace without public network access; use Premium (private endpoints)`;
    }
    return undefined;
}

export class Workspace extends pulumi.ComponentResource {
    readonly workspaceName: pulumi.Output<string>;
    readonly workspaceId: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    /** Storage account of the workspace (model uploads). */
    readonly storageAccountName: pulumi.Output<string>;
    readonly location: pulumi.Output<string>;
    readonly managed: boolean;
    /** Of a created workspace: its Log Analytics workspace and the private-link targets (undefined for an existing one). */
    readonly logAnalyticsWorkspaceId?: pulumi.Output<string>;
    readonly logAnalytics?: pulumi.Resource;
    readonly storageAccountId?: pulumi.Output<string>;
    readonly keyVaultId?: pulumi.Output<string>;
    readonly registryId?: pulumi.Output<string>;

    constructor(name: string, args: WorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:Workspace", name, {}, opts);
        const spec = args.workspace;
        const problem = workspaceSpecProblem(spec);
        if (problem) throw new pulumi.ResourceError(problem, this);
        this.managed = spec.mode === "create";

        if (spec.mode === "existing") {
            // Read, never managed: Pulumi neither updates nor deletes an existing workspace.
            const ws = machinelearningservices.getWorkspaceOutput({ resourceGroupName: spec.resourceGroup, workspaceName: spec.name }, { parent: this });
            this.workspaceName = pulumi.output(spec.name);
            this.resourceGroupName = pulumi.output(spec.resourceGroup);
            this.workspaceId = ws.id;
            this.location = ws.apply((w) => w.location ?? "");
            this.storageAccountName = ws.apply((w) => (w.storageAccount ?? "").split("/").pop() ?? "");
        } else {
            const stateful = { parent: this, protect: args.protect };
            const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: spec.tags };
            const suffix = new random.RandomString(`${name}-suffix`, { length: SUFFIX_LENGTH, upper: false, special: false }, stateful).result;
            const pna = spec.publicNetworkAccess;

            const accountName = suffix.apply((s) => storageAccountName(spec.name, s));
            const account = new storage.StorageAccount(`${name}-st`, {
                ...common,
                accountName,
                kind: "StorageV2",
                sku: { name: "Standard_LRS" },
                allowBlobPublicAccess: false,
                minimumTlsVersion: "TLS1_2",
                enableHttpsTrafficOnly: true,
                publicNetworkAccess: pna,
                networkRuleSet: { defaultAction: pna === "Enabled" ? "Allow" : "Deny", bypass: "AzureServices" },
            }, stateful);

            const vault = new keyvault.Vault(`${name}-kv`, {
                ...common,
                vaultName: suffix.apply((s) => keyVaultName(spec.name, s)),
                properties: {
                    tenantId: args.tenantId ?? authorization.getClientConfigOutput({ parent: this }).tenantId,
                    sku: { family: "A", name: "standard" },
                    enableRbacAuthorization: true,
                    enableSoftDelete: true,
                    softDeleteRetentionInDays: 90,
                    enablePurgeProtection: true,
                    publicNetworkAccess: pna,
                    networkAcls: { defaultAction: pna === "Enabled" ? "Allow" : "Deny", bypass: "AzureServices" },
                },
            }, stateful);

            const logs = new operationalinsights.Workspace(`${name}-log`, {
                ...common,
                workspaceName: logAnalyticsName(spec.name),
                sku: { name: "PerGB2018" },
                retentionInDays: spec.logRetentionDays,
            }, stateful);

            const insights = new applicationinsights.Component(`${name}-appi`, {
                ...common,
                resourceName: `appi-${spec.name}`,
                kind: "web",
                applicationType: "web",
                ingestionMode: "LogAnalytics",
                workspaceResourceId: logs.id,
            }, stateful);

            const registry = new containerregistry.Registry(`${name}-cr`, {
                ...common,
                registryName: suffix.apply((s) => registryName(spec.name, s)),
                sku: { name: spec.registrySku },
                adminUserEnabled: false,
                publicNetworkAccess: pna,
            }, stateful);

            const cmk = args.encryption;
            const ws = new machinelearningservices.Workspace(`${name}-mlw`, {
                ...common,
                workspaceName: spec.name,
                friendlyName: spec.name,
                identity: cmk ? { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [cmk.identityId] } : { type: "SystemAssigned" },
                encryption: cmk ? { status: "Enabled", identity: { userAssignedIdentity: cmk.identityId }, keyVaultProperties: { keyVaultArmId: cmk.vaultId, keyIdentifier: cmk.keyUri } } : undefined,
                sku: { name: "Basic", tier: "Basic" },
                storageAccount: account.id,
                keyVault: vault.id,
                applicationInsights: insights.id,
                containerRegistry: registry.id,
                publicNetworkAccess: pna,
            }, stateful);

            // Names derived from the ids: whoever uses them waits for the resources to exist.
            this.workspaceName = ws.id.apply(() => spec.name);
            this.resourceGroupName = pulumi.output(args.resourceGroupName);
            this.workspaceId = ws.id;
            this.location = pulumi.output(args.location);
            this.storageAccountName = pulumi.all([account.id, accountName]).apply(([, n]) => n);
            this.logAnalyticsWorkspaceId = logs.id;
            this.logAnalytics = logs;
            this.storageAccountId = account.id;
            this.keyVaultId = vault.id;
            this.registryId = registry.id;
        }

        this.registerOutputs({
            workspaceName: this.workspaceName,
            workspaceId: this.workspaceId,
            resourceGroupName: this.resourceGroupName,
            storageAccountName: this.storageAccountName,
            location: this.location,
        });
    }
}
