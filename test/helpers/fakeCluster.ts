// A stand-in for AksCluster in attachment tests: a real ManagedCluster registration (so ordering is
// observable), with the purpose, nodes and pools a test chooses.
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import type { AcceleratorPoolInfo } from "../../components/aksCluster";
import type { AttachableCluster } from "../../components/attachment";
import type { ClusterPurpose } from "../../policy/rules/capacity";

export const GPU_POOL: AcceleratorPoolInfo = {
    name: "gpu", kind: "gpu", vmSize: "Standard_NC48ads_A100_v4", acceleratorsPerNode: 2,
    nodeLabels: { "aksml.io/pool": "gpu", "aksml.io/accelerator": "gpu" },
};

export class FakeCluster extends pulumi.ComponentResource implements AttachableCluster {
    readonly clusterId: pulumi.Output<string>;
    readonly clusterName: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    readonly location = pulumi.output("westeurope");
    readonly managed = true;
    readonly resource: pulumi.Resource;

    constructor(name: string, readonly purpose: ClusterPurpose, readonly nodeCount: number | undefined,
                readonly acceleratorPools: AcceleratorPoolInfo[] = []) {
        super("test:index:FakeCluster", name, {});
        const mc = new containerservice.ManagedCluster(`${name}-aks`, {
            resourceName: name, resourceGroupName: "rg-aks", dnsPrefix: name,
        }, { parent: this });
        this.resource = mc;
        this.clusterId = mc.id;
        this.clusterName = mc.name;
        this.resourceGroupName = pulumi.output("rg-aks");
        this.registerOutputs({});
    }
}
