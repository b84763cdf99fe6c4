// The safety net of .github/workflows/preview-comment.yml: its `fit` function (run here as the
// workflow runs it) cuts a comment over GitHub's limit at a line end, never inside a code block or a
// fold, and says so where it shows.
import * as assert from "assert";
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { loadRenderers, Renderers } from "../helpers/renderers";

const FILE = path.resolve(__dirname, "..", "..", ".github", "workflows", "preview-comment.yml");

function workflowFit(): (body: string, limit: number) => string {
    const doc = YAML.parse(fs.readFileSync(FILE, "utf8"));
    const steps: { uses?: string; with?: { script?: string } }[] = Object.values(doc.jobs as Record<string, { steps: any[] }>).flatMap((j) => j.steps);
    const script = steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script ?? "";
    const src = /^function fit\(body, limit\) \{[\s\S]*?^\}$/m.exec(script)?.[0];
    assert.ok(src, "preview-comment.yml defines function fit(body, limit) at the top of its script");
    assert.match(script, /body = fit\(body, 65000\);/, "and uses it on every comment");
    return new Function(`${src}\nreturn fit;`)() as (body: string, limit: number) => string;
}

/** Open `<details>` and the open fence at the end of `text`, by CommonMark's fence rules. */
function openAtEnd(text: string): { details: number; fence?: string } {
    let fence: string | undefined;
    let details = 0;
    for (const line of text.split("\n")) {
        const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
        if (fence) {
            if (m && m[1][0] === fence[0] && m[1].length >= fence.length && m[2].trim() === "") fence = undefined;
        } else if (m && !(m[1][0] === "`" && m[2].includes("`"))) fence = m[1];
        else details += (line.match(/<details\b/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    }
    return { details, fence };
}

describe("preview-comment.yml: the cut of a comment over the limit", function () {
    this.timeout(60000);
    const fit = workflowFit();
    let renderers: Renderers;
    before(async () => (renderers = await loadRenderers()));

    const tree = Array.from({ length: 4000 }, (_, i) => `├─ azure-native:storage:Blob  blob-${i}\n│     vmSize: Standard_D2s_v5`).join("\n");
    const big = ["<!-- marker -->", "### Offline preview", "", "<details><summary>Resource tree</summary>", "", "```", tree, "```", "", "</details>", "", "<sub>footer</sub>"].join("\n");

    it("a comment under the limit is left as it is", () => {
        assert.strictEqual(fit("short\n```\nx\n```\n", 65000), "short\n```\nx\n```\n");
    });

    it("a cut inside the tree's code block closes the block and the fold; the note shows", () => {
        assert.ok(big.length > 65000);
        assert.deepStrictEqual(openAtEnd(big.slice(0, 65000)), { details: 1, fence: "```" }, "the old cut (a slice) ended inside both");
        const out = fit(big, 65000);
        assert.ok(out.length <= 65000, `${out.length}`);
        assert.deepStrictEqual(openAtEnd(out), { details: 0, fence: undefined });
        const last = renderers.lex(out).filter((t) => t.type !== "space").pop();
        assert.strictEqual(last?.type, "paragraph");
        assert.match(last?.raw ?? "", /^\*\*Truncated to fit a comment\*\*/);
        assert.ok(!/<details>[\s\S]*Truncated/.test(renderers.html(out).replace(/<details>[\s\S]*?<\/details>/g, "")), "the note is not inside a fold");
    });

    it("for any document of lines, fences and folds: within the limit, nothing left open", () => {
        const line = fc.oneof(
            fc.constantFrom("```", "````", "~~~", "```mermaid", "<details><summary>x</summary>", "</details>", "", "`` x ``"),
            fc.string({ maxLength: 80 }).map((s) => s.replace(/\n/g, " ")),
        );
        fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 400 }), fc.integer({ min: 400, max: 4000 }), (lines, limit) => {
            const body = lines.join("\n");
            const out = fit(body, limit);
            if (body.length <= limit) return out === body;
            const end = openAtEnd(out);
            return out.length <= limit && end.fence === undefined && end.details <= 0 && out.endsWith("artifact.\n");
        }), { numRuns: 300 });
    });
});
