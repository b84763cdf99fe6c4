// VM size catalog: vCPUs and accelerators per Azure VM size, kept as data.
//
// Source: Azure "Sizes for virtual machines in Azure" (learn.microsoft.com/azure/virtual-machines/sizes)
// and `az vm list-sizes --location westeurope` (numberOfCores), read 2026-11. The number in a size's
// name is NOT its vCPU count for older series (Standard_D3_v2 has 4 vCPUs), and constrained-vCPU
// sizes (Standard_E4-2s_v4) expose the number after the dash (2). Sizes missing here can be declared
// by the user (cluster.vmSizeVcpus in the stack config, or the policy's `vmSizeVcpus` setting).

export type AcceleratorKind = "gpu" | "fpga";

export interface VmSizeInfo {
    vcpus: number;
    /** Accelerator kind and count per VM, when the size has one. */
    accelerator?: { kind: AcceleratorKind; count: number };
}

const gpu = (vcpus: number, count: number): VmSizeInfo => ({ vcpus, accelerator: { kind: "gpu", count } });
const fpga = (vcpus: number, count: number): VmSizeInfo => ({ vcpus, accelerator: { kind: "fpga", count } });

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
    // GPU.
    Standard_NC6s_v3: gpu(6, 1), Standard_NC12s_v3: gpu(12, 2), Standard_NC24s_v3: gpu(24, 4),
    Standard_NC4as_T4_v3: gpu(4, 1), Standard_NC8as_T4_v3: gpu(8, 1), Standard_NC16as_T4_v3: gpu(16, 1),
    Standard_NC64as_T4_v3: gpu(64, 4), Standard_NC24ads_A100_v4: gpu(24, 1), Standard_NC48ads_A100_v4: gpu(48, 2),
    Standard_NV12s_v3: gpu(12, 1), Standard_ND40rs_v2: gpu(40, 8),
    // FPGA.
    Standard_PB6s: fpga(6, 1), Standard_NP10s: fpga(10, 1), Standard_NP20s: fpga(20, 2), Standard_NP40s: fpga(40, 4),
};

/** Catalog lookup, case-insensitive as ARM treats size names; `extra` holds user-declared vCPU counts. */
export function lookupVmSize(vmSize: string, extra: Readonly<Record<string, number>> = {}): VmSizeInfo | undefined {
    const want = vmSize.toLowerCase();
    for (const [name, vcpus] of Object.entries(extra)) {
        if (name.toLowerCase() === want) return { vcpus, accelerator: lookupCatalog(want)?.accelerator };
    }
    return lookupCatalog(want);
}

let lowerCatalog: Map<string, VmSizeInfo> | undefined;
function lookupCatalog(lower: string): VmSizeInfo | undefined {
    lowerCatalog ??= new Map(Object.entries(VM_SIZES).map(([k, v]) => [k.toLowerCase(), v]));
    return lowerCatalog.get(lower);
}
