import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as YAML from "yaml";
import { parseConfig, RawConfig } from "../../infra/config";
import { parseCluster } from "../../infra/sections/cluster";
import { parseSection } from "../../infra/schema/check";
import { VM_SIZE } from "../../infra/schema/shapes";
import { z } from "zod";
import { acceleratorPool, attachment, cluster, endpoint, resourceGroup, version, workspace } from "../../infra/schema";
import { VM_SIZES } from "../../policy/rules/vmSizes";
import { DECLARED_VM_SIZES } from "../../policy/rules/declaredVmSizes";
import { README_FILE, readmeWithReference, SCHEMA_FILE, schemaText, stackFileSchema } from "../../tools/schema";

const ROOT = path.resolve(__dirname, "../..");
const stackFile = (stack: string) => YAML.parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
const validator = () => new Ajv({ allErrors: true, strict: true }).compile(stackFileSchema());
/** A copy of the dev stack with `patch` applied to its config. */
function devWith(patch: (config: Record<string, any>) => void): unknown {
    const file = stackFile("dev");
    patch(file.config);
    return file;
}

const MARKDOWN_BREAKER = "Standard_D2s_v5\n```\n# x";
const values = {
    resourceGroup: { name: "rg-x" },
    cluster: { name: "aksml", clusterPurpose: "DevTest", agentCount: 1 },
    workspace: { name: "mlw-x" },
    attachment: { computeName: "aks-x", allowInsecureConnections: true },
};
const raw = (extra: Record<string, unknown> = {}, location: unknown = "westeurope"): RawConfig =>
    ({ stack: "t", location, values: { ...values, ...extra }, secrets: {} });
const fails = (r: RawConfig, message: string) => assert.throws(() => parseConfig(r), { message });

describe("config schema (infra/schema)", () => {
    it("the committed JSON Schema and the README's config reference are what npm run schema generates", () => {
        assert.strictEqual(fs.readFileSync(SCHEMA_FILE, "utf8"), schemaText(), "schema/stack-config.schema.json is stale: run npm run schema");
        const readme = fs.readFileSync(README_FILE, "utf8");
        assert.strictEqual(readme, readmeWithReference(readme), "README.md's config reference is stale: run npm run schema");
    });

    it("every key has a description", () => {
        const missing: string[] = [];
        const walk = (s: any, at: string) => {
            for (const [k, p] of Object.entries<any>(s?.properties ?? {})) {
                if (!p.description && at !== "") missing.push(`${at}${k}`);
                walk(p, `${at}${k}.`);
                walk(p.items, `${at}${k}[].`);
                if (typeof p.additionalProperties === "object") walk(p.additionalProperties, `${at}${k}.<name>.`);
            }
        };
        walk(stackFileSchema(), "");
        assert.deepStrictEqual(missing, []);
    });

    for (const stack of ["dev", "prod"]) {
        it(`Pulumi.${stack}.yaml validates against the JSON Schema (ajv) and points editors at it`, () => {
            const validate = validator();
            assert.ok(validate(stackFile(stack)), JSON.stringify(validate.errors));
            const first = fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8").split("\n")[0];
            assert.strictEqual(first, "# yaml-language-server: $schema=./schema/stack-config.schema.json");
        });
    }

    it("the JSON Schema refuses wrong types, shapes, unknown keys and plain-text TLS material", () => {
        const validate = validator();
        const refused = (what: string, patch: (c: Record<string, any>) => void, where: string) => {
            assert.strictEqual(validate(devWith(patch)), false, what);
            assert.ok(validate.errors!.some((e) => e.instancePath.startsWith(where)), `${what}: ${JSON.stringify(validate.errors)}`);
        };
        refused("agentCount as text", (c) => { c["aks-ml-serving:cluster"].agentCount = "three"; }, "/config/aks-ml-serving:cluster/agentCount");
        refused("a VM size that ends a code block", (c) => { c["aks-ml-serving:cluster"].vmSize = MARKDOWN_BREAKER; }, "/config/aks-ml-serving:cluster/vmSize");
        refused("HTML in a node selector value", (c) => {
            c["aks-ml-serving:attachment"].instanceTypes = { defaultinstancetype: { nodeSelector: { pool: "<img src=x>" } } };
        }, "/config/aks-ml-serving:attachment/instanceTypes/defaultinstancetype/nodeSelector/pool");
        refused("an enum value", (c) => { c["aks-ml-serving:cluster"].clusterPurpose = "Dev"; }, "/config/aks-ml-serving:cluster/clusterPurpose");
        refused("a typo in a key", (c) => { c["aks-ml-serving:cluster"].agentcount = 2; }, "/config/aks-ml-serving:cluster");
        refused("a typo in the namespace", (c) => { c["aks-ml-servng:endpoints"] = []; }, "/config");
        refused("a location with capitals", (c) => { c["azure-native:location"] = "West Europe"; }, "/config/azure-native:location");
        refused("a system pool that scales to 0", (c) => {
            Object.assign(c["aks-ml-serving:cluster"], { enableAutoScaling: true, minCount: 0, maxCount: 3 });
        }, "/config/aks-ml-serving:cluster/minCount");
        refused("an octet over 255", (c) => { c["aks-ml-serving:cluster"].authorizedIpRanges = ["203.0.113.300/32"]; }, "/config/aks-ml-serving:cluster/authorizedIpRanges/0");
        refused("TLS material in plain text", (c) => { c["aks-ml-serving:sslCertPem"] = "-----BEGIN CERTIFICATE-----"; }, "/config/aks-ml-serving:sslCertPem");
        assert.ok(validate(devWith((c) => { c["aks-ml-serving:sslCertPem"] = { secure: "v1:abc" }; c["azure-native:subscriptionId"] = "x"; })), JSON.stringify(validate.errors));
    });

    it("every VM size of the catalog and the declarations has the shape the config accepts", () => {
        const bad = [...Object.keys(VM_SIZES), ...Object.keys(DECLARED_VM_SIZES)].filter((s) => !VM_SIZE.pattern.test(s));
        assert.deepStrictEqual(bad, []);
    });
});

describe("every string the config accepts has a shape (parseConfig)", () => {
    const gpuPool = { name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3" };
    const version = (v: Record<string, unknown>) => ({ endpoints: [{ name: "ep1", versions: [{ versionName: "blue", model: "azureml:m:1", ...v }] }] });
    const VM_RULE = "expected a VM size such as Standard_D4s_v5 (Standard_ then letters, digits, '_' and '-')";

    it("VM sizes, wherever declared", () => {
        fails(raw({ cluster: { ...values.cluster, vmSize: MARKDOWN_BREAKER } }), `cluster.vmSize: ${VM_RULE}, got "Standard_D2s_v5\\n\`\`\`\\n# x"`);
        fails(raw({ cluster: { ...values.cluster, acceleratorPools: [{ ...gpuPool, vmSize: "<img src=x>" }] } }),
            `cluster.acceleratorPools[0].vmSize: ${VM_RULE}, got "<img src=x>"`);
    });

    it("the location", () => {
        fails(raw({}, "West Europe"), 'azure-native:location: expected an Azure region name such as westeurope (lowercase letters and digits), got "West Europe"');
        fails(raw({}, ""), "azure-native:location: is required, e.g. westeurope (pulumi config set azure-native:location westeurope)");
    });

    it("node selector keys and values: Kubernetes label syntax", () => {
        const withSelector = (nodeSelector: Record<string, string>) => raw({ attachment: { ...values.attachment, instanceTypes: { defaultinstancetype: { nodeSelector } } } });
        fails(withSelector({ pool: "<img src=x>" }),
            'attachment.instanceTypes.defaultinstancetype.nodeSelector.pool: expected a Kubernetes label value (up to 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit), got "<img src=x>"');
        fails(withSelector({ "bad key": "x" }),
            'attachment.instanceTypes.defaultinstancetype.nodeSelector: expected a Kubernetes label key ([prefix/]name: up to 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit), got "bad key"');
        assert.doesNotThrow(() => parseConfig(withSelector({ "aksml.io/pool": "system" })));
    });

    it("names, tags, TLS name, namespace, descriptions, images and paths", () => {
        fails(raw({ resourceGroup: { name: "rg.x." } }), 'resourceGroup.name: expected 1 to 90 letters, digits, \'-\', \'_\', \'.\', \'(\' or \')\', not ending in \'.\', got "rg.x."');
        fails(raw({ cluster: { ...values.cluster, tags: { team: "a\nb" } } }), 'cluster.tags.team: expected a tag value (1 to 256 characters without < > or control characters), got "a\\nb"');
        fails(raw({ cluster: { ...values.cluster, aadAdminGroupObjectIds: ["admins"] } }),
            'cluster.aadAdminGroupObjectIds[0]: expected an object ID (GUID) such as 00000000-0000-0000-0000-0000000000aa, got "admins"');
        fails(raw({ attachment: { ...values.attachment, namespace: "Models" } }),
            'attachment.namespace: expected a Kubernetes namespace name (1 to 63 characters, lowercase letters, digits and \'-\', starting and ending with a letter or digit), got "Models"');
        fails(raw({ attachment: { ...values.attachment, sslCname: "ml.example.com\n# x" } }), 'attachment.sslCname: expected a DNS name such as ml.example.com, got "ml.example.com\\n# x"');
        fails(raw(version({ description: "<script>" })), 'endpoints[0].versions[0].description: expected one line of text (1 to 512 characters without < > or control characters), got "<script>"');
        fails(raw(version({ image: "python:3.11\n```" })),
            'endpoints[0].versions[0].image: expected a container image such as mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest, got "python:3.11\\n```"');
        fails(raw(version({ model: "examples/churn/model\n```" })),
            'endpoints[0].versions[0].model: expected a local path or an asset ID (no control characters and none of < > | * ? "), got "examples/churn/model\\n```"');
    });

    it("types and ranges keep the reader's wording", () => {
        fails(raw({ cluster: { ...values.cluster, agentCount: "three" } }), 'cluster.agentCount: expected a positive integer, got "three"');
        fails(raw(version({ trafficPercentile: 101 })), "endpoints[0].versions[0].trafficPercentile: expected an integer from 0 to 100, got 101");
        fails(raw({ protect: "yes" }), 'protect: expected true or false, got "yes"');
        fails(raw({ workspace: {} }), "workspace.name: is required");
        fails(raw({ cluster: { ...values.cluster, clusterPurpose: "Dev" } }), 'cluster.clusterPurpose: expected one of DevTest, FastProd, DenseProd, got "Dev"');
    });

    it("a wrong shape is refused even beside an unknown key", () => {
        fails(raw({ cluster: { ...values.cluster, agentcnt: 2, vmSize: "<img src=x>" } }), `cluster.vmSize: ${VM_RULE}, got "<img src=x>"`);
        fails(raw({ cluster: { ...values.cluster, agentcnt: 2 } }), "cluster.agentcnt: unknown key; did you mean agentCount?");
    });

    it("an unknown key is reported as such (with did you mean), not as the missing key it meant", () => {
        fails(raw({ cluster: { ...values.cluster, acceleratorPools: [{ name: "gpu", kind: "gpu", vmsize: "Standard_NC4as_T4_v3" }] } }),
            "cluster.acceleratorPools[0].vmsize: unknown key; did you mean vmSize?");
    });
});

describe("parseSection: the schema's typed output, or one line naming the key", () => {
    const pool = (v: unknown) => parseSection(acceleratorPool, v, ["cluster", "acceleratorPools", 0]);

    it("returns the parsed values with the schema's defaults; YAML nulls count as absent", () => {
        const parsed: z.output<typeof acceleratorPool> = pool({ name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3", minCount: null });
        assert.deepStrictEqual(parsed, { name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3", agentCount: 1, enableAutoScaling: false });
    });

    it("first a wrong value, then a near-miss of a missing key, then a missing key, then an unknown key", () => {
        const fails = (v: unknown, message: string) => assert.throws(() => pool(v), { message });
        fails({ name: "gpu", kind: "gpu", vmsize: "x", agentCount: 0, foo: 1 }, "cluster.acceleratorPools[0].agentCount: expected a positive integer, got 0");
        fails({ name: "gpu", kind: "gpu", vmsize: "x", foo: 1 }, "cluster.acceleratorPools[0].vmsize: unknown key; did you mean vmSize?");
        fails({ name: "gpu", kind: "gpu", foo: 1 }, "cluster.acceleratorPools[0].vmSize: is required");
        fails({ name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3", foo: 1 },
            "cluster.acceleratorPools[0].foo: unknown key; allowed keys: agentCount, enableAutoScaling, kind, maxCount, minCount, name, vmSize");
    });

    it("a section names an unknown key with the keys that apply, given its values, or a message of its own", () => {
        const rule = (key: string, _path: readonly PropertyKey[], data: z.output<typeof acceleratorPool>) =>
            key === "taints" ? "not supported: pools are tainted by the program" : data.enableAutoScaling ? ["minCount", "maxCount"] : undefined;
        const gpu = { name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3" };
        assert.throws(() => parseSection(acceleratorPool, { ...gpu, taints: [] }, ["p"], rule), { message: "p.taints: not supported: pools are tainted by the program" });
        assert.throws(() => parseSection(acceleratorPool, { ...gpu, enableAutoScaling: true, mincnt: 1 }, ["p"], rule), { message: "p.mincnt: unknown key; did you mean minCount?" });
        assert.throws(() => parseSection(acceleratorPool, { ...gpu, x: 1 }, ["p"], rule), { message: /^p\.x: unknown key; allowed keys: agentCount, enableAutoScaling, kind,/ });
    });
});

// The readers restate no default: a default is applied by the schema alone, and a spec field that a
// reader filled in by itself (a hard-coded or re-stated value) would differ from the schema's here.
describe("the specs carry the schema's defaults", () => {
    it("resource group, cluster, workspace, attachment, endpoint and version", () => {
        const minimal = { name: "ep1", versions: [{ versionName: "blue", model: "azureml:m:1" }] };
        const cfg = parseConfig(raw({ endpoints: [minimal] }));
        const rg = resourceGroup.parse({ name: "rg-x" });
        assert.strictEqual(cfg.resourceGroup.create, rg.create);
        const c = cluster.parse({}), parsed = cfg.cluster;
        assert.ok(parsed.mode === "create");
        assert.deepStrictEqual(
            [parsed.loadBalancerSku, parsed.networkPolicy, parsed.upgradeChannel, parsed.azurePolicy, parsed.exportAdminKubeconfig, parsed.privateCluster],
            [c.loadBalancerSku, c.networkPolicy, c.upgradeChannel, c.azurePolicy, c.exportAdminKubeconfig, c.privateCluster]);
        const prodCluster = parseCluster({ name: "aksml", vmSize: "Standard_D4s_v5" });
        assert.ok(prodCluster.mode === "create");
        assert.deepStrictEqual([prodCluster.purpose, prodCluster.pools[0].agentCount, prodCluster.pools[0].enableAutoScaling], [c.clusterPurpose, c.agentCount, c.enableAutoScaling]);
        const defaultSize = parseCluster({ name: "aksml", clusterPurpose: "DevTest", agentCount: 1 });
        assert.ok(defaultSize.mode === "create");
        assert.strictEqual(defaultSize.pools[0].vmSize, c.vmSize);
        const w = workspace.parse({ name: "mlw-x" });
        assert.deepStrictEqual([cfg.workspace.mode === "create"], [w.create]);
        const created = parseConfig(raw({ workspace: { name: "mlw-x", create: true } })).workspace;
        assert.ok(created.mode === "create");
        assert.deepStrictEqual([created.publicNetworkAccess, created.logRetentionDays], [w.publicNetworkAccess, w.logRetentionDays]);
        const a = attachment.parse({ computeName: "aks-x" });
        assert.deepStrictEqual(
            [cfg.attachment.uniqueSuffix, cfg.attachment.namespace, cfg.attachment.manageNamespace, cfg.attachment.inferenceRouterServiceType, cfg.attachment.loadBalancerType],
            [a.uniqueSuffix, a.namespace, a.manageNamespace, a.inferenceRouterServiceType, a.loadBalancerType]);
        const ep = endpoint.parse(minimal), got = cfg.endpoints[0];
        assert.strictEqual(got.authMode, ep.authMode);
        const v = version.parse(minimal.versions[0]), gv = got.versions[0];
        assert.deepStrictEqual(
            [gv.cpuCores, gv.memoryGb, gv.gpuCores, gv.scoringTimeoutMs, gv.replicaMaxConcurrentRequests, gv.maxRequestWaitTime, gv.enableAppInsights, gv.isDefault, gv.isControlVersionType],
            [v.cpuCores, v.memoryGb, v.gpuCores, v.scoringTimeoutMs, v.replicaMaxConcurrentRequests, v.maxRequestWaitTime, v.enableAppInsights, v.isDefault, v.isControlVersionType]);
        assert.deepStrictEqual(gv.livenessProbe, {
            periodSeconds: v.periodSeconds, initialDelaySeconds: v.initialDelaySeconds, timeoutSeconds: v.timeoutSeconds,
            successThreshold: v.successThreshold, failureThreshold: v.failureThreshold,
        });
        assert.deepStrictEqual(gv.scale, {
            autoscale: true, minReplicas: v.autoscaleMinReplicas, maxReplicas: v.autoscaleMaxReplicas,
            targetUtilization: v.autoscaleTargetUtilization, refreshSeconds: v.autoscaleRefreshSeconds,
        });
        assert.strictEqual(cfg.protect, false);
    });
});
