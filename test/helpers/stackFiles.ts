// Edited copies of this project's stack files, for the specs that try a user's change or mistake.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "..", "..");

/** Pulumi.<stack>.yaml with its `config` edited as data, written to `dir`/`name` (comments not kept). */
export function stackWith(dir: string, stack: string, name: string, edit: (config: Record<string, any>) => void): string {
    const doc = YAML.parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
    edit(doc.config);
    const file = path.join(dir, name);
    fs.writeFileSync(file, YAML.stringify(doc, { aliasDuplicateObjects: false }));
    return file;
}

/** Pulumi.<stack>.yaml with its text edited (each text to replace must be there), written to `dir`/Pulumi.<name>.yaml. */
export function stackTextEdited(dir: string, stack: string, name: string, edits: [string | RegExp, string][]): string {
    let text = fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
    for (const [from, to] of edits) {
        assert.ok(typeof from === "string" ? text.includes(from) : from.test(text), `Pulumi.${stack}.yaml should contain ${from}`);
        text = text.replace(from, to);
    }
    const file = path.join(dir, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, text);
    return file;
}
