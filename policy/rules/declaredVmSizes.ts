// VM sizes that the catalog (vmSizes.ts) does not list, declared once for the program AND the policy
// pack: both read this file (the pack is built from policy/, so declaring a size here and publishing
// the pack makes every stack's check agree). Give the vCPUs and, for a GPU or FPGA size, the
// accelerator kind and count per VM, as read from learn.microsoft.com/azure/virtual-machines/sizes.
//
// Example (a fractional A10 size, one sixth of a GPU exposed as one nvidia.com/gpu):
//   Standard_NV6ads_A10_v5: { vcpus: 6, accelerator: { kind: "gpu", count: 1 } },
import type { VmSizeInfo } from "./vmSizes";

export const DECLARED_VM_SIZES: Readonly<Record<string, VmSizeInfo>> = {
};
