// The VM size and Kubernetes version catalogs (dates + sources) and the instance-type fit rule.
import * as assert from "assert";
import { AKS_VERSIONS, kubernetesVersionProblem, supportedVersions } from "../../policy/rules/kubernetesVersions";
import { quantity, resourceFitProblems } from "../../policy/rules/instanceTypeFit";
import { lookupVmSize, VM_SIZES, vmSizeProblem } from "../../policy/rules/vmSizes";

describe("VM size catalog", () => {
    it("covers today's GPU families with their GPU counts", () => {
        const expect: Record<string, [number, number]> = {
            Standard_NC4as_T4_v3: [4, 1], Standard_NC64as_T4_v3: [64, 4],
            Standard_NC24ads_A100_v4: [24, 1], Standard_NC96ads_A100_v4: [96, 4],
            Standard_NC40ads_H100_v5: [40, 1], Standard_NC80adis_H100_v5: [80, 2],
            Standard_NV36ads_A10_v5: [36, 1], Standard_NV72ads_A10_v5: [72, 2],
            Standard_ND96isr_H100_v5: [96, 8], Standard_ND96isr_H200_v5: [96, 8],
        };
        for (const [size, [vcpus, gpus]] of Object.entries(expect)) {
            assert.deepStrictEqual(lookupVmSize(size.toLowerCase()), { vcpus, accelerator: { kind: "gpu", count: gpus } }, size);
            assert.strictEqual(vmSizeProblem(size, "2026-12-01"), undefined);
        }
    });

    it("every retired size carries a date, a replacement in the catalog that is not retired, and a source", () => {
        const retired = Object.entries(VM_SIZES).filter(([, v]) => v.retired);
        assert.deepStrictEqual(retired.map(([k]) => k), ["Standard_NC6s_v3", "Standard_NC12s_v3", "Standard_NC24s_v3"]);
        for (const [, v] of retired) {
            assert.match(v.retired!.on, /^\d{4}-\d{2}-\d{2}$/);
            assert.match(v.retired!.source, /^https:\/\/learn\.microsoft\.com\//);
            assert.strictEqual(VM_SIZES[v.retired!.use]?.retired, undefined);
            assert.strictEqual(VM_SIZES[v.retired!.use]?.accelerator?.kind, "gpu");
        }
        assert.strictEqual(lookupVmSize("Standard_PB6s"), undefined, "an SDK v1 FPGA size, never an AKS node size");
    });
});

describe("AKS Kubernetes versions", () => {
    it("on 2026-12-01 supports 1.35 to 1.37 and refuses 1.34 (end of life 2026-11-30) with the alternatives", () => {
        assert.deepStrictEqual(supportedVersions("2026-12-01"), ["1.35", "1.36", "1.37"]);
        assert.strictEqual(kubernetesVersionProblem("1.34", "2026-11-30"), undefined);
        assert.match(kubernetesVersionProblem("1.34.9", "2026-12-01")!, /^1\.34 reached AKS end of life on 2026-11-30; .*supported on 2026-12-01: 1\.35, 1\.36, 1\.37/);
        assert.match(kubernetesVersionProblem("1.29", "2026-12-01")!, /^1\.29 is past AKS end of life/);
        assert.strictEqual(kubernetesVersionProblem("1.38", "2026-12-01"), undefined, "newer than the catalog: AKS decides");
        assert.match(kubernetesVersionProblem("1.37", "2026-09-01")!, /not generally available on AKS before 2026-10-31/);
        for (const v of Object.values(AKS_VERSIONS)) assert.ok(v.ga < v.endOfLife);
    });
});

describe("instance type fit", () => {
    const gpuType = { cpu: "2", memory: "8Gi", "nvidia.com/gpu": "1" } as const;
    it("reads Kubernetes quantities", () => {
        assert.deepStrictEqual([quantity("500m"), quantity("2"), quantity("1Gi"), quantity("1024Mi"), quantity("x")].slice(0, 4), [0.5, 2, 1024 ** 3, 1024 ** 3]);
        assert.ok(Number.isNaN(quantity("x")));
    });
    it("accepts limits up to the instance type's, GPU in limits", () => {
        assert.deepStrictEqual(resourceFitProblems("gpu", gpuType, { requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "2000m", memory: "8192Mi", "nvidia.com/gpu": "1" } }), []);
    });
    it("refuses a GPU in requests, above the instance type, or without cpu/memory limits", () => {
        const msgs = (d: Parameters<typeof resourceFitProblems>[2]) => resourceFitProblems("gpu", gpuType, d).map((p) => `${p.part}.${p.resource}: ${p.message}`);
        assert.deepStrictEqual(msgs({ requests: { cpu: "1", memory: "1Gi", "nvidia.com/gpu": "1" }, limits: { cpu: "1", memory: "1Gi", "nvidia.com/gpu": "1" } }),
            ["requests.nvidia.com/gpu: nvidia.com/gpu goes in limits only (Azure ML refuses it in requests)"]);
        assert.deepStrictEqual(msgs({ requests: { cpu: "1", memory: "1Gi" }, limits: { "nvidia.com/gpu": "1" } }),
            ["limits.cpu: a cpu limit is required with a GPU", "limits.memory: a memory limit is required with a GPU"]);
        assert.deepStrictEqual(msgs({ requests: { cpu: "3", memory: "1Gi" }, limits: { cpu: "3", memory: "9Gi" } }), [
            'requests.cpu: cpu 3 exceeds the limit of instance type "gpu" (2)', 'limits.cpu: cpu 3 exceeds the limit of instance type "gpu" (2)',
            'limits.memory: memory 9Gi exceeds the limit of instance type "gpu" (8Gi)']);
    });
});
