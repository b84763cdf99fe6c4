// "Did you mean": the closest allowed word to a mistyped one, as the Pulumi CLI suggests project
// attributes (pulumi/pulumi sdk/go/common/workspace/project.go findClosestKey: Levenshtein distance
// of at most 2); here case is ignored, so `agentcount` finds `agentCount`.

function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const next = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = row[j];
            row[j] = next;
        }
    }
    return row[b.length];
}

/** The allowed word closest to `word` within 2 edits (ignoring case), or undefined. */
export function closest(word: string, allowed: readonly string[]): string | undefined {
    let best: { w: string; d: number } | undefined;
    for (const w of [...allowed].sort()) {
        const d = distance(word.toLowerCase(), w.toLowerCase());
        if (d <= 2 && (!best || d < best.d)) best = { w, d };
    }
    return best?.w;
}
