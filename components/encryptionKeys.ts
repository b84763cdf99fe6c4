// EncryptionKeys: customer-managed keys in a Key Vault of their own (RBAC, soft delete and purge
// protection, which disk encryption sets and Azure ML require), for
// - a disk encryption set for the cluster's OS and data disks (learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys;
//   the set's identity gets "Key Vault Crypto Service Encryption User" on the vault), and
// - the workspace's customer-managed key (learn.microsoft.com/azure/machine-learning/concept-customer-managed-keys),
//   read through a user-assigned identity that holds the same role before the workspace exists
//   (WorkspaceArgs.encryption.identity.userAssignedIdentity in azure-native 3.28.0).
// Keys are created through ARM (Microsoft.KeyVault/vaults/keys), so the vault's firewall may deny the
// data plane; trusted Azure services (disk encryption, Azure ML) pass it.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";

/** Built-in role "Key Vault Crypto Service Encryption User" (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
export const CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

export interface EncryptionKeysArgs {
    resourceGroupName: pulumi.Input<string>;
    location: pulumi.Input<string>;
    /** Key Vault name (3-24 characters, globally unique). */
    vaultName: pulumi.Input<string>;
    diskEncryptionSet: boolean;
    workspaceKey: boolean;
    tenantId?: pulumi.Input<string>;
    tags: Record<string, string>;
    protect?: boolean;
}

export class EncryptionKeys extends pulumi.ComponentResource {
    readonly diskEncryptionSetId?: pulumi.Output<string>;
    /** For WorkspaceArgs.encryption. */
    readonly workspaceEncryption?: { vaultId: pulumi.Output<string>; keyUri: pulumi.Output<string>; identityId: pulumi.Output<string> };

    constructor(name: string, args: EncryptionKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aks-ml:index:EncryptionKeys", name, {}, opts);
        const stateful = { parent: this, protect: args.protect };
        const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };
        const client = authorization.getClientConfigOutput({ parent: this });
        const vault = new keyvault.Vault(`${name}-kv`, {
            ...common,
            vaultName: args.vaultName,
            properties: {
                tenantId: args.tenantId ?? client.tenantId,
                sku: { family: "A", name: "premium" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: 90,
                enablePurgeProtection: true,
                networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
            },
        }, stateful);
        const role = pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${CRYPTO_SERVICE_ENCRYPTION_USER}`;
        const grant = (child: string, principalId: pulumi.Input<string>) => new authorization.RoleAssignment(`${name}-${child}`, {
            scope: vault.id, roleDefinitionId: role, principalId, principalType: "ServicePrincipal",
        }, { parent: this });
        const key = (child: string, keyName: string) => new keyvault.Key(`${name}-${child}`, {
            resourceGroupName: args.resourceGroupName, vaultName: vault.name, keyName,
            properties: { kty: "RSA", keySize: 3072, keyOps: ["wrapKey", "unwrapKey"] },
        }, stateful);

        if (args.diskEncryptionSet) {
            const diskKey = key("disk-key", "aks-disks");
            const des = new compute.DiskEncryptionSet(`${name}-des`, {
                ...common,
                identity: { type: "SystemAssigned" },
                encryptionType: "EncryptionAtRestWithCustomerKey",
                activeKey: { keyUrl: diskKey.keyUriWithVersion, sourceVault: { id: vault.id } },
                rotationToLatestKeyVersionEnabled: true,
            }, stateful);
            const access = grant("des-access", des.identity.apply((i) => i?.principalId ?? ""));
            // The cluster may only use the set once its identity can read the key.
            this.diskEncryptionSetId = pulumi.all([des.id, access.id]).apply(([id]) => id);
        }
        if (args.workspaceKey) {
            const wsKey = key("ws-key", "ml-workspace");
            const identity = new managedidentity.UserAssignedIdentity(`${name}-ws-id`, { ...common }, { parent: this });
            const access = grant("ws-access", identity.principalId);
            this.workspaceEncryption = {
                vaultId: vault.id,
                keyUri: wsKey.keyUriWithVersion,
                identityId: pulumi.all([identity.id, access.id]).apply(([id]) => id),
            };
        }
        this.registerOutputs({ diskEncryptionSetId: this.diskEncryptionSetId });
    }
}
