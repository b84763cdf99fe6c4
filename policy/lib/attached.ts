// Shared by the Azure ML prerequisites: each attached cluster of the stack, with the resource that
// attaches it (AzureML extension or Compute), to name both in the message.
import { Node, StackView } from "./stack";
import * as t from "./types";

export interface Attached {
    cluster: Node;
    /** The extension or compute that attaches it. */
    by: Node;
}

export function attachedClusters(view: StackView): Attached[] {
    const out = new Map<string, Attached>();
    for (const ext of view.ofType(t.EXTENSION)) {
        if (view.isAzureMlExtension(ext) !== true) continue;
        const c = view.clusterOfExtension(ext);
        if (c && typeof c !== "string" && !out.has(c.res.urn)) out.set(c.res.urn, { cluster: c, by: ext });
    }
    for (const comp of view.ofType(t.COMPUTE)) {
        const c = view.clusterOfCompute(comp);
        if (c && typeof c !== "string" && !out.has(c.res.urn)) out.set(c.res.urn, { cluster: c, by: comp });
    }
    return [...out.values()];
}
