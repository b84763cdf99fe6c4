// Composes the components from validated config. No config reading here: see infra/config.ts.
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { AksCluster } from "../components/aksCluster";
import { StackConfig } from "./config";

export function deploy(cfg: StackConfig) {
    const prefix = `aksml-${cfg.stack}`;
    const resourceGroupName: pulumi.Output<string> = cfg.resourceGroup.create
        ? new resources.ResourceGroup(`${prefix}-rg`, { resourceGroupName: cfg.resourceGroup.name, location: cfg.location }, { protect: cfg.protect }).name
        : pulumi.output(cfg.resourceGroup.name);

    const cluster = new AksCluster(`${prefix}-cluster`, {
        cluster: cfg.cluster,
        resourceGroupName,
        location: cfg.location,
        protect: cfg.protect,
    });

    return {
        resourceGroupName,
        clusterId: cluster.clusterId,
        clusterName: cluster.clusterName,
        clusterPurpose: cluster.purpose,
        totalVcpus: cluster.totalVcpus,
        kubeconfig: cluster.kubeconfig,
    };
}
