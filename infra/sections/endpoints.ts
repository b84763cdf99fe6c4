// The `endpoints` config section: model web services (SDK v1 AksWebservice / AksEndpoint) with up to
// six versions each. Field names are the SDK's deploy_configuration parameters in camelCase, with
// its defaults (cpu_cores 0.1, memory_gb 0.5, autoscale 1..10 replicas at 70%, scoring timeout 60 s,
// liveness probe every 10 s after 310 s ...: infra/schema/endpoints.ts, with types and shapes); here
// the rules across keys, files and the attachment's instance types. Local paths are relative to the
// project directory.
import * as fs from "fs";
import { AssetRef, EndpointConfig, EnvironmentRef, ScaleConfig, VersionConfig } from "../../components/modelEndpoint";
import { assetRefProblem, isAssetId } from "../../components/modelAssets";
import { computeTraffic, RolloutError } from "../../components/rollout";
import type { z } from "zod";
import { ConfigError, show } from "./reader";
import { keyPath, parseSection, written } from "../schema/check";
import { endpoints as endpointsSchema, version } from "../schema/endpoints";

/** Tags the component sets on every deployment. */
export const RESERVED_TAGS = ["versionName", "versionType", "isDefault"];
const ASSET_ID_RULE = "an asset ID (azureml:<name>:<version> or an ARM ID)";
const AUTOSCALE_KEYS = ["autoscaleMinReplicas", "autoscaleMaxReplicas", "autoscaleTargetUtilization", "autoscaleRefreshSeconds"];

export interface EndpointsContext {
    /** Instance types the attachment defines (e.g. defaultinstancetype, gpu). */
    instanceTypes: string[];
}

type Version = z.output<typeof version>;
type Fail = (key: string, message: string) => never;

function fail(path: readonly PropertyKey[], message: string): never {
    throw new ConfigError(`${keyPath(["endpoints", ...path])}: ${message}`);
}

export function parseEndpoints(value: unknown, ctx: EndpointsContext): EndpointConfig[] {
    if (value === undefined || value === null) return [];
    const names = new Map<string, string>();
    return parseSection(endpointsSchema, value, ["endpoints"]).map((e, i) => {
        const prior = names.get(e.name.toLowerCase());
        if (prior) fail([i, "name"], `"${e.name}" is already the name of ${prior}`);
        names.set(e.name.toLowerCase(), `endpoints[${i}]`);
        // Written keys of each version (the autoscaling keys have defaults): the schema checked the list's shape.
        const rawVersions = (value as { versions?: unknown[] }[])[i].versions ?? [];
        const endpoint: EndpointConfig = {
            name: e.name,
            authMode: e.authMode,
            description: e.description,
            tags: e.tags ?? {},
            versions: (e.versions ?? []).map((v, j) => parseVersion(v, written(rawVersions[j]), [i, "versions", j], ctx)),
        };
        try {
            computeTraffic(endpoint.versions);
        } catch (err) {
            if (err instanceof RolloutError) fail([i, err.where()], err.message);
            throw err;
        }
        return endpoint;
    });
}

function parseVersion(v: Version, given: string[], at: readonly PropertyKey[], ctx: EndpointsContext): VersionConfig {
    const failAt: Fail = (key, message) => fail([...at, key], message);
    const model = assetOrPath(v.model, "model", "file or folder", failAt)!;
    const environment = parseEnvironment(v, failAt);
    const code = assetOrPath(v.code, "code", "folder", failAt);
    const { entryScript } = v;
    if (code && !entryScript) failAt("entryScript", "is required with code (the scoring script inside the code folder)");
    if (entryScript && !code) failAt("entryScript", "needs code (the folder that contains it)");
    if (code && "path" in code && !isFile(`${code.path}/${entryScript}`)) failAt("entryScript", `${JSON.stringify(entryScript)} not found in ${code.path}`);
    if (code && !environment) failAt("environment", "is required with code: an environment asset ID, or image (+ condaFile)");

    // The instance types the attachment defines: known here, not in the schema (default: defaultinstancetype when defined).
    const instanceType = v.instanceType ?? (ctx.instanceTypes.includes("defaultinstancetype") ? "defaultinstancetype" : undefined);
    if (instanceType === undefined || !ctx.instanceTypes.includes(instanceType)) {
        failAt("instanceType", `expected one of ${ctx.instanceTypes.join(", ")}, got ${show(instanceType)}`);
    }
    limit(v.cpuCoresLimit, "cpuCoresLimit", "cpuCores", v.cpuCores, failAt);
    limit(v.memoryGbLimit, "memoryGbLimit", "memoryGb", v.memoryGb, failAt);
    const version: VersionConfig = {
        versionName: v.versionName, model, environment, code, entryScript, instanceType,
        cpuCores: v.cpuCores, cpuCoresLimit: v.cpuCoresLimit, memoryGb: v.memoryGb, memoryGbLimit: v.memoryGbLimit, gpuCores: v.gpuCores,
        scale: parseScale(v, given, failAt),
        scoringTimeoutMs: v.scoringTimeoutMs,
        replicaMaxConcurrentRequests: v.replicaMaxConcurrentRequests,
        maxRequestWaitTime: v.maxRequestWaitTime,
        livenessProbe: {
            periodSeconds: v.periodSeconds, initialDelaySeconds: v.initialDelaySeconds, timeoutSeconds: v.timeoutSeconds,
            successThreshold: v.successThreshold, failureThreshold: v.failureThreshold,
        },
        enableAppInsights: v.enableAppInsights,
        trafficPercentile: v.trafficPercentile,
        isDefault: v.isDefault,
        isControlVersionType: v.isControlVersionType,
        tags: v.tags ?? {},
        description: v.description,
    };
    const reserved = Object.keys(version.tags).find((k) => RESERVED_TAGS.includes(k));
    if (reserved) failAt(`tags.${reserved}`, "is set by the rollout (from versionName, isControlVersionType and isDefault); remove it");
    return version;
}

function isFile(p: string): boolean {
    return fs.existsSync(p) && fs.statSync(p).isFile();
}

function assetOrPath(v: string | undefined, key: string, kind: "file or folder" | "folder", fail: Fail): AssetRef | undefined {
    if (v === undefined) return undefined;
    const label = assetRefProblem(v);
    if (label) fail(key, label);
    if (isAssetId(v)) return { id: v };
    const ok = fs.existsSync(v) && (kind === "file or folder" || fs.statSync(v).isDirectory());
    if (!ok) fail(key, `expected ${ASSET_ID_RULE} or an existing local ${kind}, got ${JSON.stringify(v)}`);
    return { path: v };
}

function parseEnvironment(v: Version, fail: Fail): EnvironmentRef | undefined {
    const { environment: id, image, condaFile } = v;
    const label = id === undefined ? undefined : assetRefProblem(id);
    if (label) fail("environment", label);
    if (id !== undefined && !isAssetId(id)) fail("environment", `expected ${ASSET_ID_RULE}, got ${JSON.stringify(id)}; for a custom image set image (+ condaFile)`);
    if (id !== undefined && image !== undefined) fail("image", "environment and image are exclusive: use an environment asset ID, or an image (+ condaFile)");
    if (condaFile !== undefined && image === undefined) fail("condaFile", "needs image (the base image the conda environment is built on)");
    if (condaFile !== undefined && !isFile(condaFile)) fail("condaFile", `expected an existing local file, got ${JSON.stringify(condaFile)}`);
    if (id !== undefined) return { id };
    return image === undefined ? undefined : { image, condaFile };
}

/** A limit: absent, or at least its request. */
function limit(v: number | undefined, key: string, requestKey: string, request: number, fail: Fail): void {
    if (v !== undefined && v < request) fail(key, `expected a number at least ${requestKey} (${request}), got ${v}`);
}

function parseScale(v: Version, given: string[], fail: Fail): ScaleConfig {
    const enabled = v.autoscaleEnabled;
    const replicas = v.numReplicas;
    if (replicas !== undefined && enabled === true) {
        fail("numReplicas", "a fixed replica count and autoscaleEnabled: true are exclusive; remove one");
    }
    if (!(enabled ?? replicas === undefined)) {
        // Written keys, not parsed ones: the autoscaling keys have defaults.
        const stray = AUTOSCALE_KEYS.find((k) => given.includes(k));
        if (stray) fail(stray, "only applies with autoscaling (autoscaleEnabled true, no numReplicas)");
        return { autoscale: false, replicas: replicas ?? 1 };
    }
    if (v.autoscaleMaxReplicas < v.autoscaleMinReplicas) {
        fail("autoscaleMaxReplicas", `expected an integer at least autoscaleMinReplicas (${v.autoscaleMinReplicas}), got ${v.autoscaleMaxReplicas}`);
    }
    return {
        autoscale: true, minReplicas: v.autoscaleMinReplicas, maxReplicas: v.autoscaleMaxReplicas,
        targetUtilization: v.autoscaleTargetUtilization, refreshSeconds: v.autoscaleRefreshSeconds,
    };
}
