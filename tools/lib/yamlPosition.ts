// Where a config key's value sits in a stack file, so that a config error can point at the line:
// `Pulumi.dev.yaml:14:17: cluster.agentCount: expected a positive integer, got "three"`.
import * as fs from "fs";
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from "yaml";

export interface Position { line: number; col: number }

/** The key path at the start of a config error message: `cluster.agentCount`, `endpoints[0].name`, `aks-ml-serving:x`. */
export function errorKeyPath(message: string): string | undefined {
    return /^([\w-]+:)?[\w-]+(?:\[\d+\]|\.[\w./-]+?)*(?=: )/.exec(message)?.[0];
}

/** Splits `endpoints[0].versions[1].model` into ["endpoints", 0, "versions", 1, "model"]. */
function segments(keyPath: string): (string | number)[] {
    const out: (string | number)[] = [];
    for (const m of keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    return out;
}

/**
 * The position of the value at `keyPath` under the stack file's `config:` map (the project's keys
 * may be written with or without the `<project>:` namespace). Where the path goes deeper than the
 * file does (a missing key), the deepest node found; an unknown key points at the key itself.
 */
export function positionOf(file: string, project: string, keyPath: string): Position | undefined {
    const counter = new LineCounter();
    const doc = parseDocument(fs.readFileSync(file, "utf8"), { lineCounter: counter });
    const config = doc.get("config", true);
    if (!isMap(config)) return undefined;
    const [first, ...rest] = segments(keyPath);
    const top = String(first).includes(":") ? String(first) : `${project}:${first}`;
    let pair = config.items.find((p) => isScalar(p.key) && (p.key.value === top || p.key.value === String(first)));
    if (!pair) return undefined;
    let node: Node | null | undefined = pair.value as Node | null;
    let keyNode: Node | undefined = pair.key as Node;
    for (const seg of rest) {
        if (typeof seg === "number" && isSeq(node) && node.items[seg]) {
            node = node.items[seg] as Node;
            keyNode = undefined;
        } else if (typeof seg === "string" && isMap(node)) {
            pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
            if (!pair) break;
            keyNode = pair.key as Node;
            node = pair.value as Node | null;
        } else break;
    }
    const at = node?.range?.[0] ?? keyNode?.range?.[0];
    return at === undefined ? undefined : counter.linePos(at);
}
