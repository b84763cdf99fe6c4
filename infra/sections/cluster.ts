// The `cluster` config section: AksCompute.provisioning_configuration / attach_configuration,
// with the SDK's parameter names in camelCase. Validation errors name the key and what is allowed.
import { ClusterPurpose, CLUSTER_PURPOSES, clusterCapacity, checkPurposeCapacity } from "../../policy/rules/capacity";
import { acceleratorPoolProblem, isoDay, vmSizeProblem } from "../../policy/rules/vmSizes";
import { kubernetesVersionProblem } from "../../policy/rules/kubernetesVersions";
import { ConfigError, Reader } from "./reader";
import { checkSection } from "../schema/check";
import { cluster as clusterSchema } from "../schema/cluster";
import { CIDR } from "../schema/shapes";
import type { ClusterSpec, PoolSpec, ExistingClusterRef } from "../../components/aksCluster";

const CIDR_RULE = CIDR.rule;

function validCidr(s: string): boolean {
    return CIDR.pattern.test(s); // the pattern bounds each octet
}

function readPool(r: Reader, defaults: { count: number; vmSize?: string; minCount: number }, today: string): Omit<PoolSpec, "name" | "kind"> {
    const vmSize = r.string("vmSize", { default: defaults.vmSize });
    const sizeProblem = vmSizeProblem(vmSize, today); // policy/rules/vmSizes.ts (catalog, declarations, retirements)
    if (sizeProblem) r.fail("vmSize", sizeProblem);
    const enableAutoScaling = r.bool("enableAutoScaling", false);
    const agentCount = r.int("agentCount", { min: 1, default: defaults.count });
    // A System pool keeps at least one node (AKS: articles/aks/use-system-pools.md); user pools may scale to 0.
    const minCount = r.optInt("minCount", { min: defaults.minCount });
    const maxCount = r.optInt("maxCount", { min: 1 });
    if (enableAutoScaling) {
        if (minCount === undefined) r.fail("minCount", "is required when enableAutoScaling is true");
        if (maxCount === undefined) r.fail("maxCount", "is required when enableAutoScaling is true");
        if (maxCount < minCount) r.fail("maxCount", `expected at least minCount (${minCount}), got ${maxCount}`);
    } else if (minCount !== undefined || maxCount !== undefined) {
        r.fail(minCount !== undefined ? "minCount" : "maxCount", "is only allowed when enableAutoScaling is true");
    }
    return { vmSize, agentCount, enableAutoScaling, minCount, maxCount };
}

function readExisting(r: Reader): ExistingClusterRef {
    const resourceId = r.optString("resourceId");
    const resourceGroup = r.optString("resourceGroup");
    const name = r.optString("name");
    r.done();
    if (resourceId && (resourceGroup || name)) r.fail("resourceId", "give either resourceId, or resourceGroup and name, not both");
    if (resourceId) {
        const parts = resourceId.split("/");
        return { resourceId, resourceGroup: parts[4], name: parts[8] };
    }
    if (!resourceGroup || !name) r.fail(resourceGroup ? "name" : "resourceGroup", "is required: give resourceId, or resourceGroup and name");
    return { resourceGroup, name };
}

/** Parses and validates the `cluster` section. */
export function parseCluster(value: unknown, today: string = isoDay(new Date())): ClusterSpec {
    const r = new Reader(value, "cluster");
    if (r.keys().includes("vmSizeVcpus")) r.fail("vmSizeVcpus", "is replaced by policy/rules/declaredVmSizes.ts (vCPUs and accelerator, read by the program and the policy pack); move the sizes there");
    const rawPools = (value as { acceleratorPools?: unknown } | undefined)?.acceleratorPools;
    (Array.isArray(rawPools) ? rawPools : []).forEach((p, i) => { // FPGA refused with why (policy/rules/vmSizes.ts)
        const fpga = acceleratorPoolProblem(String((p as { kind?: unknown } | null)?.kind), "");
        if (fpga?.key === "kind") throw new ConfigError(`cluster.acceleratorPools[${i}].kind: ${fpga.message}`);
    });
    checkSection(clusterSchema, value, ["cluster"]); // types, ranges, names, sizes, ranges' shape (infra/schema)
    const purpose: ClusterPurpose = r.oneOf("clusterPurpose", CLUSTER_PURPOSES, "FastProd");
    if (r.has("existing")) {
        const existing = readExisting(r.child("existing"));
        r.done();
        return { mode: "existing", purpose, existing };
    }
    const production = purpose !== "DevTest";
    const name = r.string("name");

    // The system pool: SDK agent_count (default 3) x vm_size (default Standard_D3_v2).
    const system = readPool(r, { count: 3, vmSize: "Standard_D3_v2", minCount: 1 }, today);
    const pools: PoolSpec[] = [{ name: "system", kind: "system", ...system }];
    const names = new Set(["system"]);
    for (const pr of r.list("acceleratorPools")) {
        const poolName = pr.string("name");
        if (names.has(poolName)) pr.fail("name", `duplicate pool name "${poolName}"; pool names must be unique`);
        names.add(poolName);
        const kind = pr.oneOf("kind", ["gpu"] as const);
        const pool = readPool(pr, { count: 1, minCount: 0 }, today);
        const problem = acceleratorPoolProblem(kind, pool.vmSize);
        if (problem) pr.fail(problem.key, problem.message);
        pr.done();
        pools.push({ name: poolName, kind, ...pool });
    }

    const loadBalancerSku = r.oneOf("loadBalancerSku", ["standard", "basic"] as const, "standard");
    const cidrs = (key: string) => r.stringList(key).map((c, i) => {
        if (!validCidr(c)) throw new ConfigError(`${r.key(key)}[${i}]: expected ${CIDR_RULE}, got "${c}"`);
        return c;
    });
    const authorizedIpRanges = cidrs("authorizedIpRanges");
    const controlPlaneIpRanges = cidrs("controlPlaneIpRanges");
    const privateCluster = r.bool("privateCluster", false);
    if (authorizedIpRanges.length > 0) {
        if (loadBalancerSku === "basic") r.fail("loadBalancerSku", "authorized IP ranges only work with the standard load balancer; expected standard, got \"basic\"");
        if (privateCluster) r.fail("privateCluster", "a private cluster has no public API server: remove authorizedIpRanges or set privateCluster: false");
        if (controlPlaneIpRanges.length === 0) {
            r.fail("controlPlaneIpRanges", "is required when authorizedIpRanges is set: add the Azure ML control-plane ranges of the region and its paired region (service tag AzureMachineLearning)");
        }
    }
    const skuTier = r.oneOf("skuTier", ["Free", "Standard", "Premium"] as const, production ? "Standard" : "Free");
    const spec: ClusterSpec = {
        mode: "create",
        purpose,
        name,
        pools,
        vmSizeVcpus: {}, // sizes are declared in policy/rules/declaredVmSizes.ts; kept for tools/preview
        kubernetesVersion: r.optString("kubernetesVersion"),
        skuTier,
        loadBalancerSku,
        authorizedIpRanges: authorizedIpRanges.length > 0 ? [...new Set([...authorizedIpRanges, ...controlPlaneIpRanges])] : [],
        privateCluster,
        vnetSubnetId: r.optString("vnetSubnetId"),
        serviceCidr: r.optString("serviceCidr"),
        dnsServiceIp: r.optString("dnsServiceIp"),
        networkPolicy: r.oneOf("networkPolicy", ["azure", "calico", "cilium", "none"] as const, "azure"),
        upgradeChannel: r.oneOf("upgradeChannel", ["patch", "stable", "rapid", "node-image", "none"] as const, "patch"),
        azurePolicy: r.bool("azurePolicy", true),
        aadAdminGroupObjectIds: r.stringList("aadAdminGroupObjectIds"),
        exportAdminKubeconfig: r.bool("exportAdminKubeconfig", false),
        tags: r.stringMap("tags"),
        encryptionAtHost: r.bool("encryptionAtHost", false),
        diskEncryptionSet: r.bool("diskEncryptionSet", false),
    };
    if ((spec.serviceCidr === undefined) !== (spec.dnsServiceIp === undefined)) {
        r.fail(spec.serviceCidr ? "dnsServiceIp" : "serviceCidr", "serviceCidr and dnsServiceIp go together: set both or neither");
    }
    const versionProblem = spec.kubernetesVersion === undefined ? undefined : kubernetesVersionProblem(spec.kubernetesVersion, today);
    if (versionProblem) r.fail("kubernetesVersion", versionProblem);
    r.done();

    // The seed's capacity rules, before anything is deployed.
    const capacity = clusterCapacity(pools.map((p) => ({ vmSize: p.vmSize, count: p.agentCount, enableAutoScaling: p.enableAutoScaling, minCount: p.minCount })));
    const findings = checkPurposeCapacity(purpose, capacity);
    if (findings.errors.length > 0) throw new ConfigError(`cluster.clusterPurpose: ${findings.errors.join("; ")}`);
    return spec;
}
