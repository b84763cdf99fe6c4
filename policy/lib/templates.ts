// Online endpoints written through an ARM template deployment (azure-native:resources:Deployment),
// e.g. a "traffic applier" that PUTs the endpoint with its traffic map once the deployments exist.
// Only the plain forms are read: a literal or `[parameters('x')]` properties value, and a name that
// is literal ("ws/endpoint") or ends in `parameters('x')`.
import { isUnknown, lower, Path } from "./values";

export const ARM_DEPLOYMENT = "azure-native:resources:Deployment";
const ENDPOINT_TYPE = "microsoft.machinelearningservices/workspaces/onlineendpoints";

export interface EndpointPut {
    /** Lower-cased endpoint name, when it can be read. */
    endpointName?: string;
    /** The endpoint's properties as PUT (raw: may hold unknowns), and where they are in the Deployment. */
    properties: any;
    path: Path;
}

const PARAM = /^\[parameters\('([^']+)'\)\]$/;

export function endpointPuts(raw: Record<string, any>): EndpointPut[] {
    const props = raw.properties;
    const template = props?.template;
    if (isUnknown(props) || isUnknown(template) || !Array.isArray(template?.resources)) return [];
    const params = isUnknown(props.parameters) ? {} : props.parameters ?? {};
    const param = (name: string) => (isUnknown(params[name]) ? params[name] : params[name]?.value);
    const out: EndpointPut[] = [];
    template.resources.forEach((r: any, i: number) => {
        if (lower(r?.type) !== ENDPOINT_TYPE) return;
        const byParam = typeof r.properties === "string" ? PARAM.exec(r.properties) : null;
        const put: EndpointPut = byParam
            ? { properties: param(byParam[1]), path: ["properties", "parameters", byParam[1], "value"] }
            : { properties: r.properties, path: ["properties", "template", "resources", i, "properties"] };
        const name = typeof r.name === "string" ? r.name : "";
        const last = [...name.matchAll(/parameters\('([^']+)'\)/g)].pop();
        const tail = name.trim();
        if (last && (tail.endsWith(`parameters('${last[1]}'))]`) || tail.endsWith(`parameters('${last[1]}')]`))) put.endpointName = lower(param(last[1]));
        else if (!name.startsWith("[")) put.endpointName = lower(name.split("/").pop());
        out.push(put);
    });
    return out;
}
