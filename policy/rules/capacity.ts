// Cluster capacity and the purpose rules of the seed (AksCompute.ClusterPurpose), shared by the
// AksCluster component (fail fast) and the policy pack (enforce for every stack).
import { lookupVmSize } from "./vmSizes";

export const CLUSTER_PURPOSES = ["DevTest", "FastProd", "DenseProd"] as const;
export type ClusterPurpose = (typeof CLUSTER_PURPOSES)[number];

/** Production purposes need at least this many vCPUs and nodes; DevTest is advised to have DEVTEST_MIN_VCPUS. */
export const PROD_MIN_VCPUS = 12;
export const PROD_MIN_NODES = 3;
export const DEVTEST_MIN_VCPUS = 2;

export interface PoolShape {
    vmSize: string;
    count?: number;
    enableAutoScaling?: boolean;
    minCount?: number;
}

export interface Capacity {
    vcpus: number;
    nodes: number;
    /** VM sizes found neither in the catalog nor in the user's declarations. */
    unknownSizes: string[];
}

/** Nodes a pool guarantees: an autoscaling pool counts its minCount, a fixed pool its count (ARM default 1). */
export function guaranteedNodes(pool: PoolShape): number {
    return pool.enableAutoScaling ? pool.minCount ?? 0 : pool.count ?? 1;
}

/** Sum over all pools of vCPUs(vmSize) x guaranteed nodes. */
export function clusterCapacity(pools: readonly PoolShape[], extraSizes: Readonly<Record<string, number>> = {}): Capacity {
    let vcpus = 0;
    let nodes = 0;
    const unknownSizes: string[] = [];
    for (const pool of pools) {
        const n = guaranteedNodes(pool);
        nodes += n;
        const info = lookupVmSize(pool.vmSize, extraSizes);
        if (info === undefined) {
            if (!unknownSizes.includes(pool.vmSize)) unknownSizes.push(pool.vmSize);
        } else {
            vcpus += info.vcpus * n;
        }
    }
    return { vcpus, nodes, unknownSizes };
}

export interface PurposeFindings {
    /** Rule violations: the purpose cannot be served by this capacity. */
    errors: string[];
    /** Advice: allowed, but below what the seed recommends. */
    warnings: string[];
}

/** The seed's capacity rules for a cluster purpose, as exact sentences. */
export function checkPurposeCapacity(purpose: ClusterPurpose, capacity: { vcpus: number; nodes: number }): PurposeFindings {
    const errors: string[] = [];
    const warnings: string[] = [];
    if (purpose === "DevTest") {
        if (capacity.vcpus < DEVTEST_MIN_VCPUS) {
            warnings.push(`DevTest clusters should have at least ${DEVTEST_MIN_VCPUS} vCPUs, got ${capacity.vcpus}`);
        }
    } else {
        if (capacity.vcpus < PROD_MIN_VCPUS) {
            errors.push(`${purpose} needs at least ${PROD_MIN_VCPUS} vCPUs, got ${capacity.vcpus}; add nodes, use a larger vmSize, or use DevTest`);
        }
        if (capacity.nodes < PROD_MIN_NODES) {
            errors.push(`${purpose} needs at least ${PROD_MIN_NODES} nodes, got ${capacity.nodes}`);
        }
    }
    return { errors, warnings };
}
