// VM size catalog: vCPUs, accelerators and retirement dates per Azure VM size, kept as data and
// shared by the program (config validation) and the policy pack.
//
// Sources (read 2026-11/12; re-read them before adding a size or a date):
//   [sizes]  learn.microsoft.com/azure/virtual-machines/sizes (and sizes/gpu-accelerated/*): vCPUs and
//            GPUs per size. The number in an older size's name is NOT its vCPU count (Standard_D3_v2
//            has 4 vCPUs); constrained-vCPU sizes (Standard_E4-2s_v4) expose the number after the dash.
//   [ncv3]   MicrosoftDocs/azure-docs articles/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement.md:
//            "On September 30, 2025, Microsoft Azure will retire the Standard_NC6s_v3, Standard_NC12s_v3
//            and Standard_NC24s_v3"; it recommends the NC A100 v4 series.
//   [aksgpu] MicrosoftDocs/azure-aks-docs articles/aks/use-nvidia-gpu.md: "For AKS node pools, use a
//            minimum size of Standard_NC4as_T4_v3"; the NVv4 series (AMD GPUs) is not supported on AKS.
//   [nvme]   azure-aks-docs articles/aks/best-practices-storage-nvme.md: ND96isr_H100_v5 / H200_v5 8 GPUs.
// Sizes whose status we could not read at a source are left out (declare them, see declaredVmSizes.ts):
// the fractional NVadsA10_v5 sizes, NDv2, NVv3. Standard_PB6s (an SDK v1 FPGA "Brainwave" size) was
// never an AKS node size and is not listed.
import { DECLARED_VM_SIZES } from "./declaredVmSizes";

export type AcceleratorKind = "gpu" | "fpga";

export interface VmSizeInfo {
    vcpus: number;
    /** Accelerator kind and count per VM, when the size has one. */
    accelerator?: { kind: AcceleratorKind; count: number };
    /** Retired sizes: the date (YYYY-MM-DD), a current size to use instead, and the notice. */
    retired?: { on: string; use: string; source: string };
}

const gpu = (vcpus: number, count: number): VmSizeInfo => ({ vcpus, accelerator: { kind: "gpu", count } });
const fpga = (vcpus: number, count: number): VmSizeInfo => ({ vcpus, accelerator: { kind: "fpga", count } });
const NCV3 = { on: "2025-09-30", source: "https://learn.microsoft.com/azure/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement" };

export const VM_SIZES: Readonly<Record<string, VmSizeInfo>> = {
    // General purpose, older series: the digit is not the vCPU count.
    Standard_A2_v2: { vcpus: 2 }, Standard_A4_v2: { vcpus: 4 }, Standard_A8_v2: { vcpus: 8 },
    Standard_D1_v2: { vcpus: 1 }, Standard_D2_v2: { vcpus: 2 }, Standard_D3_v2: { vcpus: 4 },
    Standard_D4_v2: { vcpus: 8 }, Standard_D5_v2: { vcpus: 16 },
    Standard_D11_v2: { vcpus: 2 }, Standard_D12_v2: { vcpus: 4 }, Standard_D13_v2: { vcpus: 8 },
    Standard_DS1_v2: { vcpus: 1 }, Standard_DS2_v2: { vcpus: 2 }, Standard_DS3_v2: { vcpus: 4 },
    Standard_DS4_v2: { vcpus: 8 }, Standard_DS5_v2: { vcpus: 16 },
    Standard_B2s: { vcpus: 2 }, Standard_B2ms: { vcpus: 2 }, Standard_B4ms: { vcpus: 4 }, Standard_B8ms: { vcpus: 8 },
    // General purpose, current series: the digit is the vCPU count.
    Standard_D2_v3: { vcpus: 2 }, Standard_D4_v3: { vcpus: 4 }, Standard_D8_v3: { vcpus: 8 }, Standard_D16_v3: { vcpus: 16 },
    Standard_D2s_v3: { vcpus: 2 }, Standard_D4s_v3: { vcpus: 4 }, Standard_D8s_v3: { vcpus: 8 }, Standard_D16s_v3: { vcpus: 16 },
    Standard_D2s_v5: { vcpus: 2 }, Standard_D4s_v5: { vcpus: 4 }, Standard_D8s_v5: { vcpus: 8 }, Standard_D16s_v5: { vcpus: 16 },
    Standard_D2ds_v5: { vcpus: 2 }, Standard_D4ds_v5: { vcpus: 4 }, Standard_D8ds_v5: { vcpus: 8 },
    Standard_D2as_v5: { vcpus: 2 }, Standard_D4as_v5: { vcpus: 4 }, Standard_D8as_v5: { vcpus: 8 },
    Standard_F4s_v2: { vcpus: 4 }, Standard_F8s_v2: { vcpus: 8 }, Standard_F16s_v2: { vcpus: 16 },
    // Memory optimised, including constrained-vCPU sizes (vCPUs = the number after the dash).
    Standard_E2s_v3: { vcpus: 2 }, Standard_E4s_v3: { vcpus: 4 }, Standard_E8s_v3: { vcpus: 8 },
    Standard_E2s_v5: { vcpus: 2 }, Standard_E4s_v5: { vcpus: 4 }, Standard_E8s_v5: { vcpus: 8 },
    Standard_E4s_v4: { vcpus: 4 }, Standard_E8s_v4: { vcpus: 8 },
    "Standard_E4-2s_v4": { vcpus: 2 }, "Standard_E8-2s_v4": { vcpus: 2 }, "Standard_E8-4s_v4": { vcpus: 4 },
    "Standard_E16-4s_v4": { vcpus: 4 }, "Standard_E16-8s_v4": { vcpus: 8 },
    // GPU, retired [ncv3] (kept so that a stack naming them gets the date and a replacement).
    Standard_NC6s_v3: { ...gpu(6, 1), retired: { ...NCV3, use: "Standard_NC24ads_A100_v4" } },
    Standard_NC12s_v3: { ...gpu(12, 2), retired: { ...NCV3, use: "Standard_NC48ads_A100_v4" } },
    Standard_NC24s_v3: { ...gpu(24, 4), retired: { ...NCV3, use: "Standard_NC96ads_A100_v4" } },
    // GPU, current [sizes]: NCasT4_v3 (T4), NCads_A100_v4, NCads_H100_v5, NVads_A10_v5 (whole GPUs), ND H100/H200 v5.
    Standard_NC4as_T4_v3: gpu(4, 1), Standard_NC8as_T4_v3: gpu(8, 1), Standard_NC16as_T4_v3: gpu(16, 1), Standard_NC64as_T4_v3: gpu(64, 4),
    Standard_NC24ads_A100_v4: gpu(24, 1), Standard_NC48ads_A100_v4: gpu(48, 2), Standard_NC96ads_A100_v4: gpu(96, 4),
    Standard_NC40ads_H100_v5: gpu(40, 1), Standard_NC80adis_H100_v5: gpu(80, 2),
    Standard_NV36ads_A10_v5: gpu(36, 1), Standard_NV36adms_A10_v5: gpu(36, 1), Standard_NV72ads_A10_v5: gpu(72, 2),
    Standard_ND96isr_H100_v5: gpu(96, 8), Standard_ND96isr_H200_v5: gpu(96, 8),
    // FPGA (NP series, Xilinx U250): known so that the pack can name them; Azure ML cannot serve on them.
    Standard_NP10s: fpga(10, 1), Standard_NP20s: fpga(20, 2), Standard_NP40s: fpga(40, 4),
};

/** Declarations (policy/rules/declaredVmSizes.ts) first, then the catalog; case-insensitive as ARM. */
export function lookupVmSize(vmSize: string, extra: Readonly<Record<string, number | VmSizeInfo>> = {}): VmSizeInfo | undefined {
    const want = vmSize.toLowerCase();
    for (const [name, v] of Object.entries(extra)) {
        // A bare number (the pack's vmSizeVcpus setting) keeps the catalog's accelerator.
        if (name.toLowerCase() === want) return typeof v === "number" ? { vcpus: v, accelerator: lookupDeclaredOrCatalog(want)?.accelerator } : v;
    }
    return lookupDeclaredOrCatalog(want);
}

let lowerCatalog: Map<string, VmSizeInfo> | undefined;
function lookupDeclaredOrCatalog(lower: string): VmSizeInfo | undefined {
    const declared = Object.entries(DECLARED_VM_SIZES).find(([k]) => k.toLowerCase() === lower);
    if (declared) return declared[1];
    lowerCatalog ??= new Map(Object.entries(VM_SIZES).map(([k, v]) => [k.toLowerCase(), v]));
    return lowerCatalog.get(lower);
}

/** The date as YYYY-MM-DD (UTC): what the retirement and support rules compare with. */
export function isoDay(d: Date): string {
    return d.toISOString().slice(0, 10);
}

/**
 * Undefined when the size may be used on `today`, else one sentence: unknown (declare it), or retired
 * on a date with a current replacement. Shared by config validation and the `vm-size-current` policy.
 */
export function vmSizeProblem(vmSize: string, today: string): string | undefined {
    const info = lookupVmSize(vmSize);
    if (info === undefined) {
        return `unknown VM size "${vmSize}": declare it in policy/rules/declaredVmSizes.ts with its vCPUs and accelerator, e.g. ${vmSize}: { vcpus: 8, accelerator: { kind: "gpu", count: 1 } }`;
    }
    return retiredVmSizeProblem(vmSize, today);
}

/** Undefined unless the size is retired on `today` (unknown sizes pass here). */
export function retiredVmSizeProblem(vmSize: string, today: string): string | undefined {
    const retired = lookupVmSize(vmSize)?.retired;
    if (retired && retired.on <= today) {
        return `${vmSize} was retired on ${retired.on} (${retired.source}); use a current size such as ${retired.use}`;
    }
    return undefined;
}

/**
 * Undefined when `vmSize` can back an accelerator pool of `kind`, else one sentence. FPGA pools are
 * refused: Azure ML instance types schedule cpu, memory and nvidia.com/gpu only
 * (how-to-manage-kubernetes-instance-types), so no online deployment can use an FPGA.
 */
export function acceleratorPoolProblem(kind: string, vmSize: string): { key: "kind" | "vmSize"; message: string } | undefined {
    if (kind === "fpga") {
        return { key: "kind", message: "fpga pools cannot serve Azure ML online deployments (instance types know cpu, memory and nvidia.com/gpu only); allowed: gpu" };
    }
    const accel = lookupVmSize(vmSize)?.accelerator;
    if (kind === "gpu" && accel?.kind !== "gpu") {
        return { key: "vmSize", message: `${vmSize} is not a gpu size${accel ? ` (it is ${accel.kind})` : ""}; use a GPU size such as Standard_NC4as_T4_v3, or declare it in policy/rules/declaredVmSizes.ts` };
    }
    return undefined;
}
