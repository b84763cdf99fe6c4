// The stack config's shape (zod 4), one file per section; see stack.ts.
export { attachment, instanceType } from "./attachment";
export { acceleratorPool, cluster, existingCluster } from "./cluster";
export { endpoint, endpoints, version } from "./endpoints";
export { location, projectConfig, resourceGroup } from "./stack";
export { workspace } from "./workspace";
