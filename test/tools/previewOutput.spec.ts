// The offline preview's output for reviewers, rendered in-process from recorded stacks (no child
// processes): a PR comment that fits GitHub's limit by design for 50 endpoints x 6 versions, a
// Mermaid diagram that the real Mermaid parser accepts under its edge limit, escaping that no config
// value can break, and the answers a reviewer looks for (policy config and levels, traffic warnings,
// protected resources, the deployment-name suffix, every input in JSON).
import * as assert from "assert";
import { parseConfig, StackConfig } from "../../infra/config";
import { renameUrn, renameValue, syntheticEndpoints } from "../../tools/bench/synthetic";
import { PackConfig } from "../../tools/lib/analyzer";
import { Recorded } from "../../tools/lib/recorder";
import { readStackFile, stackFile, toRawConfig } from "../../tools/lib/stackConfig";
import { loadStack, recordStack } from "../../tools/lib/stackRun";
import { parseArgs } from "../../tools/preview/args";
import { code, fenced, md } from "../../tools/preview/escape";
import { ciRunUrl } from "../../tools/preview/io";
import { renderJson } from "../../tools/preview/json";
import { BUDGET, COMMENT_LIMIT, MAX_FINDING_ROWS, renderMarkdown } from "../../tools/preview/markdown";
import { GROUP_FROM, MAX_EDGES, mermaid, transitiveReduction } from "../../tools/preview/mermaid";
import { buildTree, displayForm, Preview, summarize, TreeNode } from "../../tools/preview/model";
import { configUsed, PolicyReport, reconcile } from "../../tools/preview/policies";
import { emulatedInfo, pulumiInfo } from "../../tools/preview/pulumiEngine";
import { renderText } from "../../tools/preview/text";
import { loadRenderers, Renderers } from "../helpers/renderers";
import { stackRun } from "../helpers/stacks";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t-value" };
const EP = "azure-native:machinelearningservices:OnlineEndpoint";
const DEP = "azure-native:machinelearningservices:OnlineDeployment";

/** A policy report as the pack would give it: `perResource` advisory findings, the levels from a config file. */
function report(records: Recorded[], perResource: (r: Recorded) => boolean, file?: string): PolicyReport {
    const info = { name: "aks-ml-serving", version: "0.1.0", supportsConfig: true, policies: [
        { name: "endpoint-auth", description: "", enforcementLevel: "mandatory" as const, severity: 0, remediationSteps: "", url: "", configSchema: { allowedAuthModes: { type: "array", default: ["Key"] } } },
        { name: "baseline-paid-sla", description: "", enforcementLevel: "advisory" as const, severity: 0, remediationSteps: "", url: "" },
        { name: "baseline-rbac", description: "", enforcementLevel: "advisory" as const, severity: 0, remediationSteps: "", url: "" },
    ] };
    const given: PackConfig = file ? { all: "advisory", "baseline-rbac": "disabled" } : {};
    const effective = reconcile(info, given);
    return {
        pack: { name: info.name, version: info.version },
        policies: info.policies.map((p) => ({ name: p.name, level: effective[p.name].enforcementLevel })).filter((p) => p.level !== "disabled"),
        findings: records.filter(perResource).map((r) => ({ policy: "baseline-paid-sla", level: "advisory" as const, message: `${r.name} has no paid SLA`, urn: r.urn, scope: "resource" as const })),
        remediations: [],
        config: configUsed(info, given, effective, file),
    };
}

function preview(stack: string, records: Recorded[], policy: PolicyReport, config?: StackConfig): Preview {
    return { stack, stackFile: `Pulumi.${stack}.yaml`, engine: emulatedInfo([]), tree: buildTree(records), summary: summarize(records, {}, config?.endpoints), policy };
}

/**
 * `copies` copies of the first ModelEndpoint of a recorded stack (the component and everything under
 * it), each renamed as tools/bench/synthetic.ts renames a copied stack: URNs and names with `-<copy>`,
 * the endpoint's ARM name wherever it appears. Recording 50 endpoints through the program takes the
 * better part of a minute on the 2-core machine; one endpoint recorded and copied is the same stack.
 */
function copyEndpoints(records: Recorded[], copies: number): Recorded[] {
    const comp = records.find((r) => r.type === "aks-ml:index:ModelEndpoint")!;
    const byUrn = new Map(records.map((r) => [r.urn, r]));
    const under = (r: Recorded): boolean => r.parent === comp.urn || (byUrn.has(r.parent) && under(byUrn.get(r.parent)!));
    const sub = records.filter((r) => r === comp || under(r));
    const own = new Set(sub.map((r) => r.urn));
    const endpointName = String(sub.find((r) => r.type === EP)!.raw.endpointName);
    const out = [...records];
    for (let c = 1; c < copies; c++) {
        const suffix = `-${c + 1}`;
        const names = new Map([[endpointName, `${endpointName}${suffix}`]]);
        const deep = (v: any): any => typeof v === "string" ? renameValue(v, names)
            : Array.isArray(v) ? v.map(deep) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v;
        const urn = (u: string) => (own.has(u) ? renameUrn(u, suffix) : u);
        for (const r of sub) {
            out.push({
                ...r, name: `${r.name}${suffix}`, urn: urn(r.urn), parent: urn(r.parent), raw: deep(r.raw), inputs: deep(r.inputs),
                dependencies: r.dependencies.map(urn), propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map(urn)])),
            });
        }
    }
    return out;
}

/** `endpoints` x `versions` generated endpoints (tools/bench/synthetic.ts) in the stack's config. */
function scaled(stack: string, endpoints: number, versions: number): StackConfig {
    const raw = readStackFile(stackFile(stack));
    raw["aks-ml-serving:endpoints"] = syntheticEndpoints((raw["aks-ml-serving:endpoints"] as any[])[0], endpoints, versions);
    return parseConfig(toRawConfig(stack, raw));
}

/** The `<details>` left open before line `i` (outside code blocks), and whether line `i` is inside a code block. */
function context(markdown: string, i: number): { open: number; inCode: boolean } {
    let fence: string | undefined;
    let open = 0;
    for (const line of markdown.split("\n").slice(0, i)) {
        const m = /^(`{3,}|~{3,})/.exec(line);
        if (fence) {
            if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
        } else if (m) fence = m[1];
        else open += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    }
    return { open, inCode: fence !== undefined };
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle));
const mermaidBlock = (markdown: string) => /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1];

let renderers: Renderers;

describe("preview output: a 50 x 6 stack (asset IDs) in a PR comment", function () {
    this.timeout(120000);
    before(async () => (renderers = await loadRenderers()));
    let p: Preview;
    let markdown: string;
    before(async () => {
        const run = await recordStack("prod", { preview: true, config: scaled("prod", 1, 6) });
        const records = copyEndpoints(run.records, 50);
        assert.strictEqual(records.filter((r) => r.type === DEP).length, 300);
        p = preview("prod", records, report(records, (r) => r.type === DEP));
        markdown = renderMarkdown(p, { fullText: "prod.txt", runUrl: "https://github.com/o/r/actions/runs/1" });
    });

    it("fits the budget, below GitHub's limit, with summaries before detail", () => {
        assert.ok(renderText(p).length > COMMENT_LIMIT, "the stack is big enough that the full output would not fit");
        assert.ok(markdown.length <= BUDGET && BUDGET < COMMENT_LIMIT, `${markdown.length} characters`);
        const order = ["**passed", "#### Policy results", "#### Rollout", "```mermaid", "Resources by type", "**Resource tree**"].map((s) => lineOf(markdown, s));
        assert.ok(order.every((n) => n >= 0), `all parts present: ${order}`);
        assert.deepStrictEqual([...order].sort((a, b) => a - b), order, "verdict, policy results, rollout, diagram, counts, tree");
    });

    it("still fits when every part is at its worst: long messages on every resource, hundreds of warnings and remediations", () => {
        const long = "x".repeat(2000);
        const worst: Preview = {
            ...p,
            summary: { ...p.summary, warnings: p.summary.rollout.map((r) => `${r.endpoint}: ${long}`), protected: p.summary.rollout.map((r) => `${r.deployment}-${long}`) },
            policy: {
                ...p.policy,
                findings: p.policy.findings.flatMap((f, i) => [{ ...f, message: `${i} ${long}` }, { ...f, policy: `p${i}`, level: "mandatory" as const, message: long }]),
                remediations: p.policy.findings.map((f) => ({ policy: "fix", urn: f.urn! })),
            },
        };
        const out = renderMarkdown(worst, { fullText: "prod.txt" });
        assert.ok(out.length <= BUDGET, `${out.length}`);
        for (const part of ["#### Policy results", "#### Rollout", "**Shortened to fit a comment**"]) assert.ok(out.includes(part), part);
        assert.deepStrictEqual(context(out, out.split("\n").length), { open: 0, inCode: false });
    });

    it("the policy results are grouped and capped, the rest counted", () => {
        const rows = markdown.split("\n").filter((l) => l.startsWith("| ⚠️ advisory | `baseline-paid-sla`"));
        assert.strictEqual(rows.length, MAX_FINDING_ROWS);
        assert.match(markdown, new RegExp(`\\*\\*${300 - MAX_FINDING_ROWS} more rows of findings not shown\\*\\* \\(300 findings in all\\): see \`prod\\.txt\``));
    });

    it("the rollout table lists every deployment or says how many it left out", () => {
        const rows = markdown.split("\n").filter((l) => /^\|[^|]*\|[^|]*\| version\d \| version\d-[0-9a-f]{6} \|/.test(l.replace(/\\/g, "")));
        const left = Number(/\*\*(\d+) more deployments? not shown\*\*/.exec(markdown)?.[1] ?? 0);
        assert.strictEqual(rows.length + left, 300);
        assert.ok(rows.length >= 50, `${rows.length} rows`);
    });

    it("the tree is folded per component and shortened with a visible pointer to the full text", () => {
        const folds = markdown.split("\n").filter((l) => l.startsWith("<details><summary>ModelEndpoint "));
        assert.ok(folds.length > 0 && folds.length < 50, `${folds.length} endpoint folds`);
        const i = lineOf(markdown, "**Shortened to fit a comment**");
        assert.ok(i > 0, "a note says the tree was shortened");
        assert.deepStrictEqual(context(markdown, i), { open: 0, inCode: false }, "the note is outside every fold and code block");
        assert.match(markdown.split("\n")[i], /\d+ components of the tree \(\d+ resources\).*`prod\.txt` in the `offline-preview` artifact of \[this CI run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)/);
        assert.deepStrictEqual(context(markdown, markdown.split("\n").length), { open: 0, inCode: false }, "every fold and block closed");
        const last = renderers.lex(markdown).filter((t) => t.type !== "space").pop();
        assert.match(last?.raw ?? "", /^<sub>`npm run preview -- --stack prod`/, "the footer is the last block: nothing swallowed it");
    });

    it("the diagram reads top-down, says what its arrows mean, groups the endpoints and passes the real Mermaid parser", async () => {
        const graph = mermaidBlock(markdown)!;
        assert.match(graph, /^graph TD\n/);
        assert.match(markdown.split("\n")[lineOf(markdown, "```mermaid") - 2], /an arrow A → B means B depends on A/);
        assert.match(graph, /\(\["50 × ModelEndpoint<br\/>aksml-prod-ep-churn-prod-1 … aksml-prod-ep-churn-prod-1-50<br\/>6 versions each/);
        const edges = await renderers.mermaidEdges(graph);
        assert.ok(edges > 0 && edges <= MAX_EDGES, `${edges} edges`);
        const nodes = await renderers.mermaidNodes(graph);
        assert.strictEqual(nodes.filter((t) => /aksml-prod-ep-/.test(t)).length, 1, `one box for the 50 endpoints: ${nodes.join(" | ")}`);
        assert.ok(nodes.length < 25, `${nodes.length} boxes: the endpoints do not multiply them`);
    });
});

describe("preview output: the Mermaid diagram under the edge limit", function () {
    this.timeout(60000);
    before(async () => (renderers = await loadRenderers()));
    const node = (urn: string, type: string, deps: string[] = [], kind: TreeNode["kind"] = "component"): TreeNode =>
        ({ urn, type, name: urn, kind, inputs: [], props: {}, protect: false, dependencies: deps, children: [] });

    it("drops edges implied by others (transitive reduction)", () => {
        const edges = new Map([["a", new Set(["b", "c", "d"])], ["b", new Set(["c"])], ["c", new Set(["d"])], ["d", new Set<string>()]]);
        assert.deepStrictEqual([...transitiveReduction(edges)].map(([k, v]) => [k, [...v]]), [["a", ["b"]], ["b", ["c"]], ["c", ["d"]], ["d", []]]);
    });

    it("600 endpoints with their own dependencies stay under the limit, and Mermaid accepts it", async () => {
        // Each endpoint depends on the workspace and on one of 600 distinct resources: no two alike, 1200 edges ungrouped.
        const ws = node("ws", "aks-ml:index:Workspace");
        const own = Array.from({ length: 600 }, (_, i) => node(`kv${i}`, "azure-native:keyvault:Vault", [], "resource"));
        const eps = own.map((k, i) => node(`ep${i}`, "aks-ml:index:ModelEndpoint", ["ws", k.urn]));
        const tree = { ...node("stack", "pulumi:pulumi:Stack", [], "stack"), children: [ws, ...own, ...eps] };
        const graph = mermaid(tree)!;
        const edges = await renderers.mermaidEdges(graph);
        assert.ok(edges <= MAX_EDGES, `${edges} edges`);
        assert.match(graph, /600 × ModelEndpoint/);
    });

    it(`alike boxes are grouped from ${GROUP_FROM} on, and labels cannot break the diagram`, async () => {
        const ws = node("ws", "aks-ml:index:Workspace");
        const evil = node(`a"]\n\`\`\`\n# x <img src=x>`, "aks-ml:index:ModelEndpoint", ["ws"]);
        const two = [evil, node("b", "aks-ml:index:ModelEndpoint", ["ws"])];
        const graph = mermaid({ ...node("s", "pulumi:pulumi:Stack", [], "stack"), children: [ws, ...two] })!;
        assert.strictEqual((await renderers.mermaidNodes(graph)).length, 3, "two endpoints below the grouping threshold stay apart");
        assert.ok(!graph.includes("```") && !graph.includes("<img") && !/\n# x/.test(graph), graph);
        const three = mermaid({ ...node("s", "pulumi:pulumi:Stack", [], "stack"), children: [ws, ...two, node("c", "aks-ml:index:ModelEndpoint", ["ws"])] })!;
        assert.strictEqual((await renderers.mermaidNodes(three)).length, 2);
        assert.strictEqual(await renderers.mermaidEdges(three), 1);
    });
});

describe("preview output: values that would break markdown are escaped", function () {
    this.timeout(60000);
    before(async () => (renderers = await loadRenderers()));
    const stackUrn = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
    const rec = (over: Partial<Recorded> & Pick<Recorded, "type" | "name">): Recorded => ({
        urn: `urn:pulumi:s::p::${over.type}::${over.name}`, custom: true, parent: stackUrn, raw: {}, inputs: {}, dependencies: [], propertyDependencies: {},
        provider: "", protect: false, ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, retainOnDelete: false, deletedWith: "",
        aliases: [], additionalSecretOutputs: [], importId: "", ...over,
    });
    const VM = "Standard_D2s_v5\n```\n# x";
    const IMG = "<img src=x onerror=alert(1)>";
    const stack = rec({ type: "pulumi:pulumi:Stack", name: "p-s", custom: false, parent: "", urn: stackUrn });
    const cluster = rec({ type: "azure-native:containerservice:ManagedCluster", name: "aks", raw: { agentPoolProfiles: [{ name: "system", vmSize: VM, count: 2 }] } });
    const it1 = rec({ type: "kubernetes:amlarc.azureml.com/v1alpha1:InstanceType", name: "gpu", raw: { spec: { nodeSelector: { pool: IMG } } } });
    const ep = rec({ type: EP, name: "ep", raw: { endpointName: "back\\slash|pipe\\", properties: { authMode: "Key", traffic: {} } } });
    const records = [stack, cluster, it1, ep].map((r) => ({ ...r, inputs: r.raw }));
    const p = preview("dev", records, { ...report(records, (r) => r === it1), findings: [{ policy: "x", level: "advisory", message: `${IMG} and \`\`\`\n# y`, urn: it1.urn, scope: "resource" }] });
    const markdown = renderMarkdown(p);

    it("a VM size with a fence and a heading stays inside its code block; <img> is text; backslashes survive", () => {
        const html = renderers.html(markdown);
        assert.ok(!/<img/i.test(html), "no raw <img> reaches the HTML");
        assert.ok(!/<h1>/.test(html) && !/<h\d>\s*[xy]\s*<\/h\d>/.test(html), "no heading from a value");
        assert.strictEqual((html.match(/<details>/g) ?? []).length, (html.match(/<\/details>/g) ?? []).length);
        assert.match(html, /<sub><code>npm run preview -- --stack dev<\/code>/, "the footer renders: nothing swallowed it");
        assert.match(html, /<td>back\\slash\|pipe\\<\/td>/, "a backslash and a pipe in a cell, shown as written, cell intact");
        assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/, "the node selector shown as text");
        const blocks = renderers.lex(markdown).filter((t) => t.type === "code" && !t.lang);
        assert.ok(blocks.some((b) => b.text!.includes("Standard_D2s_v5\\n```\\n# x")), "the tree shows the value on one line, in its block");
    });

    it("the text rendering shows control characters escaped, one line per value", () => {
        const text = renderText(p);
        assert.match(text, /pools: system Standard_D2s_v5\\n```\\n# x x 2$/m);
        assert.ok(!text.split("\n").some((l) => l === "# x"));
    });

    it("md, code and fenced: each escape holds on its own", () => {
        assert.strictEqual(md("a\\b|c *d* <e> &"), "a\\\\b\\|c \\*d\\* &lt;e&gt; &amp;");
        assert.strictEqual(code("a ``` b"), "````a ``` b````");
        assert.deepStrictEqual(fenced(["x", "````", "y"]), ["`````", "x", "````", "y", "`````"]);
    });
});

describe("preview output: answers to a reviewer's questions", function () {
    this.timeout(60000);
    let dev: Preview;
    let prod: Preview;
    let prodRecords: Recorded[];
    before(async () => {
        // dev with two versions: blue is the default and asks for 10 %, green asks for nothing.
        const config = loadStack("dev");
        const blue = config.endpoints[0].versions[0];
        config.endpoints[0].versions = [{ ...blue, trafficPercentile: 10, isDefault: true }, { ...blue, versionName: "green", trafficPercentile: undefined, isDefault: false, isControlVersionType: false }];
        const d = await recordStack("dev", { preview: true, config });
        dev = preview("dev", d.records, report(d.records, () => false, "policy-config.json"), config);
        const p = await stackRun("prod", { preview: true });
        prodRecords = p.records;
        prod = preview("prod", p.records, report(p.records, () => false));
    });

    it("warns when a version's traffic ends far from its ask, or at 0 %", () => {
        assert.deepStrictEqual(dev.summary.warnings, [
            `churn-dev: version "blue" asks for 10 % and gets 100 %: the default version also takes the 90 % that no version claims`,
            `churn-dev: version "green" gets 0 % of the traffic: it is deployed (and uses its instances) but serves no requests; give it a trafficPercentile or remove it`,
        ]);
        assert.match(renderMarkdown(dev), /^> ⚠️ churn\\-dev\\: version "green" gets 0 %/m);
        assert.match(renderText(dev), /^ {2}⚠ warning: churn-dev: version "blue" asks for 10 % and gets 100 %/m);
        assert.match(renderMarkdown(dev), /^\| churn\\-dev \| Key \| blue \| blue\\-[0-9a-f]{6} \| default \| 10 % \| 100 % \|$/m);
    });

    it("says why deployment names carry a suffix", () => {
        assert.match(dev.summary.nameSuffix ?? "", /^deployment names are the version name plus the first 6 hex digits of the SHA-256 of the version's instance type \(blue-[0-9a-f]{6} = blue \+ sha256\("defaultinstancetype"\)\)/);
        assert.match(renderMarkdown(dev), /<sub>Why the suffix: deployment names are/);
        assert.match(renderText(dev), /^ {2}note: deployment names are/m);
    });

    it("marks protected resources (prod protects, dev does not)", () => {
        assert.ok(prod.summary.protected.includes("aksml-prod-cluster-aks (ManagedCluster)"), prod.summary.protected.join());
        assert.deepStrictEqual(dev.summary.protected, []);
        assert.match(renderText(prod), /ManagedCluster {2}aksml-prod-cluster-aks {2}\(protected\)$/m);
        assert.match(renderMarkdown(prod), /🔒 \d+ protected/);
    });

    it("text: the summary comes before the counts per type", () => {
        const text = renderText(prod);
        const counts = text.split("\n").findIndex((l) => /^ {2}\d+ resources:$/.test(l));
        assert.ok(counts > 0 && lineOf(text, "  vCPUs:") < counts && lineOf(text, "  endpoints:") < counts, text);
    });

    it("names the policy config used and each policy's level, in every format", () => {
        const text = renderText(dev);
        assert.match(text, /^ {2}config: --policy-pack-config policy-config\.json$/m);
        assert.match(text, /^ {4}advisory {2}endpoint-auth \(set by "all" in the config\); allowedAuthModes=\["Key"\]$/m);
        assert.match(text, /^ {4}disabled {2}baseline-rbac \(set by the config\)$/m);
        assert.match(renderText(prod), /^ {2}config: the pack's defaults \(no --policy-pack-config\)$/m);
        const markdown = renderMarkdown(dev);
        assert.match(markdown, /config: \\-\\-policy\\-pack\\-config policy\\-config\\.json\./);
        assert.match(markdown, /^\| `baseline-rbac` \| disabled \| policy config \| {2}\|$/m);
        const json = JSON.parse(renderJson(dev));
        assert.deepStrictEqual(json.policy.config.file, "policy-config.json");
        assert.deepStrictEqual(json.policy.config.policies.map((c: any) => [c.name, c.level, c.from]), [["endpoint-auth", "advisory", "all"], ["baseline-paid-sla", "advisory", "all"], ["baseline-rbac", "disabled", "config"]]);
    });

    it("the pointer names the CI run only from a well-formed runner environment", () => {
        assert.strictEqual(ciRunUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "o/r", GITHUB_RUN_ID: "42" }), "https://github.com/o/r/actions/runs/42");
        assert.strictEqual(ciRunUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "o/r)[x](y", GITHUB_RUN_ID: "42" }), undefined);
        assert.strictEqual(ciRunUrl({}), undefined);
    });

    it("--policies-only shows the policy results alone, in every format", () => {
        assert.deepStrictEqual(parseArgs(["--stack", "dev", "--policies-only", "--full-text", "out.txt"]), { stack: "dev", format: "text", stackFile: undefined, policyPack: "policy", policyPackConfig: undefined, policiesOnly: true, fullText: "out.txt", help: false });
        const text = renderText(dev, { policiesOnly: true });
        assert.match(text, /^Policies: pack aks-ml-serving 0\.1\.0/m);
        assert.ok(!text.includes("Resources") && !text.includes("vCPUs"), text);
        const markdown = renderMarkdown(dev, { policiesOnly: true });
        assert.match(markdown, /#### Policy results/);
        assert.ok(!markdown.includes("Rollout") && !markdown.includes("mermaid") && markdown.includes("| `endpoint-auth` | advisory |"));
        assert.deepStrictEqual(Object.keys(JSON.parse(renderJson(dev, { policiesOnly: true }))), ["stack", "stackFile", "engine", "passed", "violations", "policy"]);
    });

    it("says which engine ran, and in one line what became of secure: values it cannot decrypt", () => {
        const real = { ...prod, engine: pulumiInfo({ bin: "/b", version: "3.248.0", host: "stand-in", cli: "built" }, ["aks-ml-serving:sslCertPem", "aks-ml-serving:sslKeyPem"]) };
        const lines = renderText(real).split("\n");
        assert.deepStrictEqual(lines.slice(1, 3), [
            "Engine: the real Pulumi CLI v3.248.0 with a stand-in nodejs language host (tools/pulumi-cli/languagehost) and stand-in providers (tools/standins).",
            "Secrets: aks-ml-serving:sslCertPem and aks-ml-serving:sslKeyPem are secure: values this preview cannot decrypt; the program got \"[secret]\" in their place (a real pulumi preview needs them set first: pulumi config set --secret <key>).",
        ]);
        assert.strictEqual(renderText(dev).split("\n")[1], "Engine: the emulated engine (tools/engine; no Pulumi CLI).");
        assert.strictEqual(renderText(dev).split("\n")[2], "", "dev has no secure: values: no Secrets line");
        assert.ok(renderMarkdown(real).includes(`<sub>${md(lines[2])}</sub>`), "the PR comment says it too, escaped");
        assert.deepStrictEqual(JSON.parse(renderJson(real)).engine.placeholders, ["aks-ml-serving:sslCertPem", "aks-ml-serving:sslKeyPem"]);
    });

    it("JSON carries every input of every resource, secrets as [secret] and unknowns as (computed)", () => {
        const json = JSON.parse(renderJson(prod));
        assert.strictEqual(json.resources.length, prodRecords.length);
        for (const r of prodRecords) assert.deepStrictEqual(json.resources.find((x: any) => x.urn === r.urn).allInputs, displayForm(r.raw), r.urn);
        const d = json.resources.find((r: any) => r.type === DEP);
        assert.strictEqual(d.allInputs.properties.livenessProbe.failureThreshold, 3, "an input the tree does not show");
        assert.strictEqual(d.allInputs.resourceGroupName, "(computed)");
        const secret = { ...prodRecords[1], raw: { key: SECRET, list: [{ deep: SECRET }] } };
        const text = renderJson({ ...prod, tree: buildTree([prodRecords[0], secret]) });
        assert.ok(!text.includes("s3cr3t-value"));
        assert.deepStrictEqual(JSON.parse(text).resources[1].allInputs, { key: "[secret]", list: [{ deep: "[secret]" }] });
    });
});
