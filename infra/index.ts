// The stack program: read and validate config once, compose the components, export outputs.
// A configuration mistake is a ConfigError (a pulumi.RunError): one line, no stack trace.
import { loadConfig } from "./config";
import { deploy } from "./program";

const outputs = deploy(loadConfig());

export const resourceGroupName = outputs.resourceGroupName;
export const clusterId = outputs.clusterId;
export const clusterName = outputs.clusterName;
export const clusterPurpose = outputs.clusterPurpose;
export const totalVcpus = outputs.totalVcpus;
/** User kubeconfig: `kubectl` signs in with Entra ID through kubelogin (secret). */
export const kubeconfig = outputs.kubeconfig;
// The cluster-admin kubeconfig (secret) is an output only with cluster.exportAdminKubeconfig: true;
// otherwise there is no such output at all (an undefined export would make the runtime warn).
if (outputs.adminKubeconfig) exports.adminKubeconfig = outputs.adminKubeconfig;
export const workspaceName = outputs.workspaceName;
export const computeId = outputs.computeId;
export const computeName = outputs.computeName;
export const modelNamespace = outputs.modelNamespace;
/** Per endpoint: scoring and swagger URIs, and the traffic split per version. */
export const endpoints = outputs.endpoints;
/** Per endpoint with key auth: primary and secondary keys (secret). */
export const endpointKeys = outputs.endpointKeys;
