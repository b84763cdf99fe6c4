// Composes the components from validated config. No config reading here: see infra/config.ts.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { AksCluster } from "../components/aksCluster";
import { TlsSettings, WorkspaceAttachment } from "../components/attachment";
import { workspaceBlobStore, WorkspaceAssets } from "../components/modelAssets";
import { ModelEndpoint, usesLocalFiles } from "../components/modelEndpoint";
import { Workspace } from "../components/workspace";
import { StackConfig } from "./config";
import { clusterHardening, foundation, monitoring, privateLinks } from "./security";

/**
 * The compute's ARM ID from known names, so that it is known at preview: azure-native fills the
 * endpoint's `properties` defaults in one apply, and one unknown member (an output ID) would make the
 * whole object unknown, leaving policies unable to read authMode. The endpoint still waits for the
 * compute (dependsOn). A suffixed compute name is only known once created: then use its output ID.
 */
function computeArmId(cfg: StackConfig, attachment: WorkspaceAttachment): pulumi.Output<string> {
    if (cfg.attachment.uniqueSuffix) return attachment.computeId;
    const rg = cfg.workspace.mode === "existing" ? cfg.workspace.resourceGroup : cfg.resourceGroup.name;
    const subscription = authorization.getClientConfigOutput().subscriptionId;
    return pulumi.interpolate`/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${cfg.workspace.name}/computes/${cfg.attachment.computeName}`;
}

function tlsSettings(cfg: StackConfig): TlsSettings | undefined {
    const { sslCname, sslSecret } = cfg.attachment;
    if (!sslCname) return undefined;
    if (sslSecret) return { cname: sslCname, secretName: sslSecret };
    return cfg.tls ? { cname: sslCname, certPem: cfg.tls.certPem, keyPem: cfg.tls.keyPem } : undefined;
}

export function deploy(cfg: StackConfig) {
    const prefix = `aksml-${cfg.stack}`;
    const resourceGroupName: pulumi.Output<string> = cfg.resourceGroup.create
        ? new resources.ResourceGroup(`${prefix}-rg`, { resourceGroupName: cfg.resourceGroup.name, location: cfg.location }, { protect: cfg.protect }).name
        : pulumi.output(cfg.resourceGroup.name);

    // The workspace first: the cluster logs into its Log Analytics workspace (infra/security.ts).
    const secured = foundation(cfg, prefix, resourceGroupName);
    const workspace = new Workspace(`${prefix}-ws`, { workspace: cfg.workspace, resourceGroupName, location: cfg.location, protect: cfg.protect, encryption: secured.keys?.workspaceEncryption });
    const links = privateLinks(cfg, prefix, resourceGroupName, secured, workspace);

    const cluster = new AksCluster(`${prefix}-cluster`, {
        cluster: cfg.cluster,
        resourceGroupName,
        location: cfg.location,
        protect: cfg.protect,
        hardening: clusterHardening(cfg, secured, workspace, links),
    });
    monitoring(prefix, cluster, workspace);

    const { sslCname: _cname, sslSecret: _secret, ...attachmentArgs } = cfg.attachment;
    const attachment = new WorkspaceAttachment(`${prefix}-attach`, {
        ...attachmentArgs,
        cluster,
        workspace,
        location: cluster.location,
        tls: tlsSettings(cfg),
        protect: cfg.protect,
    });

    const wsRef = { workspaceName: workspace.workspaceName, resourceGroupName: workspace.resourceGroupName };
    // One content-addressed registry per workspace: the same files register once, whichever versions use them.
    const assets = cfg.endpoints.some(usesLocalFiles)
        ? new WorkspaceAssets(`${prefix}-assets`, { ...wsRef, storage: workspaceBlobStore(wsRef) }) : undefined;
    const computeId = computeArmId(cfg, attachment);
    const endpoints = cfg.endpoints.map((ep) => new ModelEndpoint(`${prefix}-ep-${ep.name}`, {
        ...wsRef,
        workspaceId: workspace.workspaceId,
        location: workspace.location,
        computeId,
        endpoint: ep,
        assets: usesLocalFiles(ep) ? assets : undefined,
        instanceTypes: attachment.clusterObjects,
    }, { dependsOn: [attachment] }));

    return {
        resourceGroupName,
        clusterId: cluster.clusterId,
        clusterName: cluster.clusterName,
        clusterPurpose: cluster.purpose,
        totalVcpus: cluster.totalVcpus,
        /** User kubeconfig (Entra ID through kubelogin), secret; the admin one only on cluster.exportAdminKubeconfig. */
        kubeconfig: cluster.kubeconfig,
        // Absent unless asked (an undefined stack output makes the runtime warn).
        ...(cluster.adminKubeconfig ? { adminKubeconfig: cluster.adminKubeconfig } : {}),
        workspaceName: workspace.workspaceName,
        computeId: attachment.computeId,
        computeName: attachment.computeName,
        modelNamespace: attachment.namespace,
        endpoints: Object.fromEntries(endpoints.map((e) => [e.endpointName, { scoringUri: e.scoringUri, swaggerUri: e.swaggerUri, traffic: e.traffic }])),
        endpointKeys: pulumi.secret(Object.fromEntries(endpoints.filter((e) => e.primaryKey)
            .map((e) => [e.endpointName, { primaryKey: e.primaryKey!, secondaryKey: e.secondaryKey! }]))),
    };
}
