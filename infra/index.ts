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
export const kubeconfig = outputs.kubeconfig;
