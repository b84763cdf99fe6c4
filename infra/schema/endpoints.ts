// The `endpoints` section's shape (SDK v1 AksWebservice / AksEndpoint deploy_configuration in
// camelCase, with its defaults). Traffic sums, asset/path existence, environment pairing, limits
// against requests and instance-type fit stay in infra/sections/endpoints.ts and infra/config.ts.
import { bool, IMAGE, int, list, object, oneOf, PATH_OR_ASSET, positive, str, TAGS, TEXT } from "./shapes";

export const ENDPOINT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{2,31}$/;
export const ENDPOINT_NAME_RULE = "3 to 32 characters, letters, digits and '-', starting with a letter";
/** 25, not 32: the ARM deployment name adds "-" and a 6-character instance-type hash. */
export const VERSION_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{2,24}$/;
export const VERSION_NAME_RULE = "3 to 25 characters, letters, digits and '-', starting with a letter";
export const AUTH_MODES = ["key", "amlToken"] as const;

export const version = object({
    versionName: str({ pattern: VERSION_NAME_PATTERN, rule: VERSION_NAME_RULE }).describe("Version name (the deployment's name, with a suffix of its instance type)."),
    model: str(PATH_OR_ASSET).describe("azureml:<name>:<version> of a model in the workspace, an ARM ID, or a local file or folder registered by content hash."),
    environment: str(PATH_OR_ASSET).optional().describe("Environment asset ID (azureml:<name>:<version> or an ARM ID); or image (+ condaFile)."),
    image: str(IMAGE).optional().describe("Base container image of the environment (instead of environment)."),
    condaFile: str(PATH_OR_ASSET).optional().describe("Local conda file built on image."),
    code: str(PATH_OR_ASSET).optional().describe("Scoring code: a code asset ID or a local folder (with entryScript)."),
    entryScript: str(PATH_OR_ASSET).optional().describe("Scoring script inside code."),
    // Its shape is the instance type names' (attachment.instanceTypes): the reader allows only the defined ones, by name.
    instanceType: str().optional().describe("One of the instance types the attachment defines (defaultinstancetype, one per accelerator pool, attachment.instanceTypes). Default: defaultinstancetype."),
    cpuCores: positive().default(0.1).describe("CPU request (cores)."),
    cpuCoresLimit: positive().optional().describe("CPU limit (cores), at least cpuCores; must fit the instance type."),
    memoryGb: positive().default(0.5).describe("Memory request (GB)."),
    memoryGbLimit: positive().optional().describe("Memory limit (GB), at least memoryGb; must fit the instance type."),
    gpuCores: int(0).default(0).describe("GPUs: a limit (nvidia.com/gpu goes in limits only); with a GPU, cpu and memory limits are required."),
    autoscaleEnabled: bool().optional().describe("Autoscaling. Default: on unless numReplicas is set."),
    autoscaleMinReplicas: int(1).default(1).describe("Autoscaling lower bound."),
    autoscaleMaxReplicas: int(1).default(10).describe("Autoscaling upper bound, at least autoscaleMinReplicas."),
    autoscaleTargetUtilization: int(1, 100).default(70).describe("Target utilization (%)."),
    autoscaleRefreshSeconds: int(1).default(1).describe("Autoscaler refresh (seconds)."),
    numReplicas: int(1).optional().describe("Fixed replica count (no autoscaling)."),
    scoringTimeoutMs: int(1).default(60000).describe("Scoring timeout (ms)."),
    replicaMaxConcurrentRequests: int(1).default(1).describe("Concurrent requests per replica."),
    maxRequestWaitTime: int(1).default(500).describe("Longest wait of a request in the queue (ms)."),
    periodSeconds: int(1).default(10).describe("Liveness probe period (seconds)."),
    initialDelaySeconds: int(1).default(310).describe("Liveness probe initial delay (seconds)."),
    timeoutSeconds: int(1).default(2).describe("Liveness probe timeout (seconds)."),
    successThreshold: int(1).default(1).describe("Liveness probe success threshold."),
    failureThreshold: int(1).default(3).describe("Liveness probe failure threshold."),
    enableAppInsights: bool().default(false).describe("Application Insights logging."),
    trafficPercentile: int(0, 100).optional().describe("Share of the endpoint's traffic (%); what is not assigned goes to the default version."),
    isDefault: bool().default(false).describe("The default version (the first unless another is marked)."),
    isControlVersionType: bool().default(false).describe("The control version (at most one); the others are treatments."),
    tags: TAGS().optional().describe("Tags on the deployment (versionName, versionType and isDefault are set by the rollout)."),
    description: str(TEXT).optional().describe("Description of the deployment."),
}).describe("A version of an endpoint: one online deployment.");

export const endpoint = object({
    name: str({ pattern: ENDPOINT_NAME_PATTERN, rule: ENDPOINT_NAME_RULE }).describe("Endpoint name, unique (ignoring case)."),
    authMode: oneOf(AUTH_MODES).default("key").describe("key or amlToken (no anonymous access)."),
    description: str(TEXT).optional().describe("Description of the endpoint."),
    tags: TAGS().optional().describe("Tags on the endpoint."),
    versions: list(version).optional().describe("Versions (1 to 6) with traffic weights."),
}).describe("A model web service (SDK AksWebservice / AksEndpoint).");

export const endpoints = list(endpoint).describe("Model web services, each with up to six versions and traffic weights.");
