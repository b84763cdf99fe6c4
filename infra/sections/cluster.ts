// The `cluster` config section: AksCompute.provisioning_configuration / attach_configuration,
// with the SDK's parameter names in camelCase. The schema (infra/schema/cluster.ts) gives the types,
// shapes and defaults; here only the rules across keys. Errors name the key and what is allowed.
import { clusterCapacity, checkPurposeCapacity } from "../../policy/rules/capacity";
import { acceleratorPoolProblem, isoDay, vmSizeProblem } from "../../policy/rules/vmSizes";
import { kubernetesVersionProblem } from "../../policy/rules/kubernetesVersions";
import { ConfigError, unknownKey } from "./reader";
import { keyPath, parseSection, written } from "../schema/check";
import { cluster as clusterSchema } from "../schema/cluster";
import type { ClusterSpec, PoolSpec, ExistingClusterRef } from "../../components/aksCluster";
import type { z } from "zod";

type Cluster = z.output<typeof clusterSchema>;
type Pool = Pick<Cluster, "vmSize" | "agentCount" | "enableAutoScaling" | "minCount" | "maxCount">;

/** An existing cluster is only referenced: of the cluster's keys only these apply. */
const EXISTING_KEYS = ["clusterPurpose", "existing"];
const VM_SIZE_VCPUS = "is replaced by policy/rules/declaredVmSizes.ts (vCPUs and accelerator, read by the program and the policy pack); move the sizes there";

function fail(path: readonly PropertyKey[], message: string): never {
    throw new ConfigError(`${keyPath(["cluster", ...path])}: ${message}`);
}

/** VM size (catalog, declarations, retirements: policy/rules/vmSizes.ts) and autoscaling bounds of a pool. */
function pool(p: Pool, at: readonly PropertyKey[], today: string): Omit<PoolSpec, "name" | "kind"> {
    const sizeProblem = vmSizeProblem(p.vmSize, today);
    if (sizeProblem) fail([...at, "vmSize"], sizeProblem);
    const { minCount, maxCount } = p;
    if (p.enableAutoScaling) {
        if (minCount === undefined) fail([...at, "minCount"], "is required when enableAutoScaling is true");
        if (maxCount === undefined) fail([...at, "maxCount"], "is required when enableAutoScaling is true");
        if (maxCount < minCount) fail([...at, "maxCount"], `expected at least minCount (${minCount}), got ${maxCount}`);
    } else if (minCount !== undefined || maxCount !== undefined) {
        fail([...at, minCount !== undefined ? "minCount" : "maxCount"], "is only allowed when enableAutoScaling is true");
    }
    return { vmSize: p.vmSize, agentCount: p.agentCount, enableAutoScaling: p.enableAutoScaling, minCount, maxCount };
}

function existingRef(e: NonNullable<Cluster["existing"]>): ExistingClusterRef {
    const { resourceId, resourceGroup, name } = e;
    if (resourceId && (resourceGroup || name)) fail(["existing", "resourceId"], "give either resourceId, or resourceGroup and name, not both");
    if (resourceId) {
        const parts = resourceId.split("/");
        return { resourceId, resourceGroup: parts[4], name: parts[8] };
    }
    if (!resourceGroup || !name) fail(["existing", resourceGroup ? "name" : "resourceGroup"], "is required: give resourceId, or resourceGroup and name");
    return { resourceGroup, name };
}

/** Parses and validates the `cluster` section. */
export function parseCluster(value: unknown, today: string = isoDay(new Date())): ClusterSpec {
    const rawPools = (value as { acceleratorPools?: unknown } | undefined)?.acceleratorPools;
    (Array.isArray(rawPools) ? rawPools : []).forEach((p, i) => { // FPGA refused with why, before the schema's "expected one of gpu"
        const fpga = acceleratorPoolProblem(String((p as { kind?: unknown } | null)?.kind), "");
        if (fpga?.key === "kind") fail(["acceleratorPools", i, "kind"], fpga.message);
    });
    const c = parseSection(clusterSchema, value, ["cluster"], (key, path, data) =>
        path.length > 0 ? undefined : key === "vmSizeVcpus" ? VM_SIZE_VCPUS : data.existing ? EXISTING_KEYS : undefined);
    const purpose = c.clusterPurpose;
    if (c.existing) {
        const existing = existingRef(c.existing);
        const extra = written(value).find((k) => !EXISTING_KEYS.includes(k));
        if (extra) throw unknownKey(`cluster.${extra}`, extra, EXISTING_KEYS);
        return { mode: "existing", purpose, existing };
    }
    const name = c.name ?? fail(["name"], "is required");

    const pools: PoolSpec[] = [{ name: "system", kind: "system", ...pool(c, [], today) }];
    const names = new Set(["system"]);
    (c.acceleratorPools ?? []).forEach((p, i) => {
        if (names.has(p.name)) fail(["acceleratorPools", i, "name"], `duplicate pool name "${p.name}"; pool names must be unique`);
        names.add(p.name);
        const spec = pool(p, ["acceleratorPools", i], today);
        const problem = acceleratorPoolProblem(p.kind, p.vmSize);
        if (problem) fail(["acceleratorPools", i, problem.key], problem.message);
        pools.push({ name: p.name, kind: p.kind, ...spec });
    });

    const authorizedIpRanges = c.authorizedIpRanges ?? [];
    const controlPlaneIpRanges = c.controlPlaneIpRanges ?? [];
    if (authorizedIpRanges.length > 0) {
        if (c.loadBalancerSku === "basic") fail(["loadBalancerSku"], "authorized IP ranges only work with the standard load balancer; expected standard, got \"basic\"");
        if (c.privateCluster) fail(["privateCluster"], "a private cluster has no public API server: remove authorizedIpRanges or set privateCluster: false");
        if (controlPlaneIpRanges.length === 0) {
            fail(["controlPlaneIpRanges"], "is required when authorizedIpRanges is set: add the Azure ML control-plane ranges of the region and its paired region (service tag AzureMachineLearning)");
        }
    }
    if ((c.serviceCidr === undefined) !== (c.dnsServiceIp === undefined)) {
        fail([c.serviceCidr ? "dnsServiceIp" : "serviceCidr"], "serviceCidr and dnsServiceIp go together: set both or neither");
    }
    const versionProblem = c.kubernetesVersion === undefined ? undefined : kubernetesVersionProblem(c.kubernetesVersion, today);
    if (versionProblem) fail(["kubernetesVersion"], versionProblem);

    // The seed's capacity rules, before anything is deployed.
    const capacity = clusterCapacity(pools.map((p) => ({ vmSize: p.vmSize, count: p.agentCount, enableAutoScaling: p.enableAutoScaling, minCount: p.minCount })));
    const findings = checkPurposeCapacity(purpose, capacity);
    if (findings.errors.length > 0) fail(["clusterPurpose"], findings.errors.join("; "));
    return {
        mode: "create",
        purpose,
        name,
        pools,
        vmSizeVcpus: {}, // sizes are declared in policy/rules/declaredVmSizes.ts; kept for tools/preview
        kubernetesVersion: c.kubernetesVersion,
        // AKS tier: a context default (Standard for production purposes, Free for DevTest), so not in the schema.
        skuTier: c.skuTier ?? (purpose !== "DevTest" ? "Standard" : "Free"),
        loadBalancerSku: c.loadBalancerSku,
        authorizedIpRanges: authorizedIpRanges.length > 0 ? [...new Set([...authorizedIpRanges, ...controlPlaneIpRanges])] : [],
        privateCluster: c.privateCluster,
        vnetSubnetId: c.vnetSubnetId,
        serviceCidr: c.serviceCidr,
        dnsServiceIp: c.dnsServiceIp,
        networkPolicy: c.networkPolicy,
        upgradeChannel: c.upgradeChannel,
        azurePolicy: c.azurePolicy,
        aadAdminGroupObjectIds: c.aadAdminGroupObjectIds ?? [],
        exportAdminKubeconfig: c.exportAdminKubeconfig,
        tags: c.tags ?? {},
        encryptionAtHost: c.encryptionAtHost,
        diskEncryptionSet: c.diskEncryptionSet,
    };
}
