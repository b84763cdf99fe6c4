// The `endpoints` config section: model web services (SDK v1 AksWebservice / AksEndpoint) with up to
// six versions each. Field names are the SDK's deploy_configuration parameters in camelCase, with
// its defaults (cpu_cores 0.1, memory_gb 0.5, autoscale 1..10 replicas at 70%, scoring timeout 60 s,
// liveness probe every 10 s after 310 s ...). Local paths are relative to the project directory.
import * as fs from "fs";
import { AssetRef, EndpointConfig, EnvironmentRef, ProbeConfig, ScaleConfig, VersionConfig } from "../../components/modelEndpoint";
import { assetRefProblem, isAssetId } from "../../components/modelAssets";
import { computeTraffic, RolloutError } from "../../components/rollout";
import { ConfigError, Reader, show } from "./reader";
import { checkSection } from "../schema/check";
import { AUTH_MODES, endpoints as endpointsSchema } from "../schema/endpoints";

export { AUTH_MODES, ENDPOINT_NAME_PATTERN, ENDPOINT_NAME_RULE, VERSION_NAME_PATTERN, VERSION_NAME_RULE } from "../schema/endpoints";
/** Tags the component sets on every deployment. */
export const RESERVED_TAGS = ["versionName", "versionType", "isDefault"];
const ASSET_ID_RULE = "an asset ID (azureml:<name>:<version> or an ARM ID)";
const AUTOSCALE_KEYS = ["autoscaleMinReplicas", "autoscaleMaxReplicas", "autoscaleTargetUtilization", "autoscaleRefreshSeconds"];

export interface EndpointsContext {
    /** Instance types the attachment defines (e.g. defaultinstancetype, gpu). */
    instanceTypes: string[];
}

export function parseEndpoints(value: unknown, ctx: EndpointsContext): EndpointConfig[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new ConfigError(`endpoints: expected a list, got ${show(value)}`);
    checkSection(endpointsSchema, value, ["endpoints"]); // types, ranges, names, paths, tags (infra/schema)
    const names = new Map<string, string>();
    return new Reader({ endpoints: value }, "").list("endpoints").map((r) => {
        const name = r.string("name");
        const prior = names.get(name.toLowerCase());
        if (prior) r.fail("name", `"${name}" is already the name of ${prior}`);
        names.set(name.toLowerCase(), r.path);
        const endpoint: EndpointConfig = {
            name,
            authMode: r.oneOf("authMode", AUTH_MODES, "key"),
            description: r.optString("description"),
            tags: r.stringMap("tags"),
            versions: r.list("versions").map((v) => parseVersion(v, ctx)),
        };
        r.done();
        try {
            computeTraffic(endpoint.versions);
        } catch (e) {
            if (e instanceof RolloutError) throw new ConfigError(`${r.key(e.where())}: ${e.message}`);
            throw e;
        }
        return endpoint;
    });
}

function parseVersion(r: Reader, ctx: EndpointsContext): VersionConfig {
    const versionName = r.string("versionName");
    const model = assetOrPath(r, "model", "file or folder", true)!;
    const environment = parseEnvironment(r);
    const code = assetOrPath(r, "code", "folder", false);
    const entryScript = r.optString("entryScript");
    if (code && !entryScript) r.fail("entryScript", "is required with code (the scoring script inside the code folder)");
    if (entryScript && !code) r.fail("entryScript", "needs code (the folder that contains it)");
    if (code && "path" in code && !isFile(`${code.path}/${entryScript}`)) r.fail("entryScript", `${JSON.stringify(entryScript)} not found in ${code.path}`);
    if (code && !environment) r.fail("environment", "is required with code: an environment asset ID, or image (+ condaFile)");

    const fallbackType = ctx.instanceTypes.includes("defaultinstancetype") ? "defaultinstancetype" : undefined;
    const instanceType = r.oneOf("instanceType", ctx.instanceTypes, fallbackType);
    const cpuCores = r.optNumber("cpuCores", { exclusiveMin: true }) ?? 0.1;
    const cpuCoresLimit = limit(r, "cpuCoresLimit", "cpuCores", cpuCores);
    const memoryGb = r.optNumber("memoryGb", { exclusiveMin: true }) ?? 0.5;
    const memoryGbLimit = limit(r, "memoryGbLimit", "memoryGb", memoryGb);
    const gpuCores = r.optInt("gpuCores") ?? 0;

    const version: VersionConfig = {
        versionName, model, environment, code, entryScript, instanceType,
        cpuCores, cpuCoresLimit, memoryGb, memoryGbLimit, gpuCores,
        scale: parseScale(r),
        scoringTimeoutMs: r.optInt("scoringTimeoutMs", { min: 1 }) ?? 60000,
        replicaMaxConcurrentRequests: r.optInt("replicaMaxConcurrentRequests", { min: 1 }) ?? 1,
        maxRequestWaitTime: r.optInt("maxRequestWaitTime", { min: 1 }) ?? 500,
        livenessProbe: parseProbe(r),
        enableAppInsights: r.bool("enableAppInsights", false),
        trafficPercentile: r.optInt("trafficPercentile", { min: 0, max: 100 }),
        isDefault: r.bool("isDefault", false),
        isControlVersionType: r.bool("isControlVersionType", false),
        tags: r.stringMap("tags"),
        description: r.optString("description"),
    };
    const reserved = Object.keys(version.tags).find((k) => RESERVED_TAGS.includes(k));
    if (reserved) r.fail(`tags.${reserved}`, "is set by the rollout (from versionName, isControlVersionType and isDefault); remove it");
    r.done();
    return version;
}

function isFile(p: string): boolean {
    return fs.existsSync(p) && fs.statSync(p).isFile();
}

function assetOrPath(r: Reader, key: string, kind: "file or folder" | "folder", required: boolean): AssetRef | undefined {
    const v = required ? r.string(key) : r.optString(key);
    if (v === undefined) return undefined;
    const label = assetRefProblem(v);
    if (label) r.fail(key, label);
    if (isAssetId(v)) return { id: v };
    const ok = fs.existsSync(v) && (kind === "file or folder" || fs.statSync(v).isDirectory());
    if (!ok) r.fail(key, `expected ${ASSET_ID_RULE} or an existing local ${kind}, got ${JSON.stringify(v)}`);
    return { path: v };
}

function parseEnvironment(r: Reader): EnvironmentRef | undefined {
    const id = r.optString("environment");
    const image = r.optString("image");
    const condaFile = r.optString("condaFile");
    const label = id === undefined ? undefined : assetRefProblem(id);
    if (label) r.fail("environment", label);
    if (id !== undefined && !isAssetId(id)) r.fail("environment", `expected ${ASSET_ID_RULE}, got ${JSON.stringify(id)}; for a custom image set image (+ condaFile)`);
    if (id !== undefined && image !== undefined) r.fail("image", "environment and image are exclusive: use an environment asset ID, or an image (+ condaFile)");
    if (condaFile !== undefined && image === undefined) r.fail("condaFile", "needs image (the base image the conda environment is built on)");
    if (condaFile !== undefined && !isFile(condaFile)) r.fail("condaFile", `expected an existing local file, got ${JSON.stringify(condaFile)}`);
    if (id !== undefined) return { id };
    return image === undefined ? undefined : { image, condaFile };
}

/** A limit: absent, or at least its request. */
function limit(r: Reader, key: string, requestKey: string, request: number): number | undefined {
    const v = r.optNumber(key, { exclusiveMin: true });
    if (v !== undefined && v < request) r.fail(key, `expected a number at least ${requestKey} (${request}), got ${v}`);
    return v;
}

function parseScale(r: Reader): ScaleConfig {
    const enabled = r.raw("autoscaleEnabled") === undefined ? undefined : r.bool("autoscaleEnabled", true);
    const replicas = r.optInt("numReplicas", { min: 1 });
    if (replicas !== undefined && enabled === true) {
        r.fail("numReplicas", "a fixed replica count and autoscaleEnabled: true are exclusive; remove one");
    }
    const autoscale = enabled ?? replicas === undefined;
    if (!autoscale) {
        const stray = AUTOSCALE_KEYS.find((k) => r.raw(k) !== undefined);
        if (stray) r.fail(stray, "only applies with autoscaling (autoscaleEnabled true, no numReplicas)");
        return { autoscale: false, replicas: replicas ?? 1 };
    }
    const minReplicas = r.optInt("autoscaleMinReplicas", { min: 1 }) ?? 1;
    const maxReplicas = r.optInt("autoscaleMaxReplicas", { min: 1 }) ?? 10;
    if (maxReplicas < minReplicas) r.fail("autoscaleMaxReplicas", `expected an integer at least autoscaleMinReplicas (${minReplicas}), got ${maxReplicas}`);
    return {
        autoscale: true, minReplicas, maxReplicas,
        targetUtilization: r.optInt("autoscaleTargetUtilization", { min: 1, max: 100 }) ?? 70,
        refreshSeconds: r.optInt("autoscaleRefreshSeconds", { min: 1 }) ?? 1,
    };
}

function parseProbe(r: Reader): ProbeConfig {
    return {
        periodSeconds: r.optInt("periodSeconds", { min: 1 }) ?? 10,
        initialDelaySeconds: r.optInt("initialDelaySeconds", { min: 1 }) ?? 310,
        timeoutSeconds: r.optInt("timeoutSeconds", { min: 1 }) ?? 2,
        successThreshold: r.optInt("successThreshold", { min: 1 }) ?? 1,
        failureThreshold: r.optInt("failureThreshold", { min: 1 }) ?? 3,
    };
}
