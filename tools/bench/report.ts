// Pure parts of the benchmark: statistics, budgets and the markdown table. No I/O here.

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
    if (xs.length === 0) throw new Error("median of an empty list");
    if (xs.some((x) => !Number.isFinite(x))) throw new Error(`median of non-finite values: ${xs.join(", ")}`);
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The median of the paired ratios a[i] / b[i] (runs taken side by side). */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
    if (a.length !== b.length) throw new Error(`paired ratio of ${a.length} and ${b.length} samples`);
    return median(a.map((x, i) => x / b[i]));
}

/** A budget: the figure must be at most (`max`) or at least (`min`) the limit. */
export interface Budget {
    text: string;
    max?: number;
    min?: number;
}

export type Verdict = "pass" | "miss" | "";

export function verdict(value: number | undefined, budget?: Budget): Verdict {
    if (!budget || value === undefined) return "";
    if (budget.max !== undefined && value > budget.max) return "miss";
    if (budget.min !== undefined && value < budget.min) return "miss";
    return "pass";
}

/** One line of the table: a figure (median of `runs`), in `unit`, with an optional budget. */
export interface Row {
    section: string;
    name: string;
    value: number;
    unit: string;
    runs: number;
    /** All samples, for the JSON (the table shows the median only). */
    samples?: number[];
    note?: string;
    budget?: Budget;
}

/** A fixed number of significant-looking digits: 12345 -> "12,345", 12.34 -> "12.3", 1.234 -> "1.23". */
export function formatNumber(x: number): string {
    if (!Number.isFinite(x)) return String(x);
    const a = Math.abs(x);
    const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function cell(s: string): string {
    return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The markdown table: section, measure, median, unit, runs, budget, verdict, note. */
export function renderTable(rows: readonly Row[]): string {
    const head = ["section", "measure", "median", "unit", "runs", "budget", "verdict", "note"];
    const lines = [`| ${head.join(" | ")} |`, `|${head.map((h) => (h === "median" || h === "runs" ? "---:" : "---")).join("|")}|`];
    for (const r of rows) {
        const v = verdict(r.value, r.budget);
        const mark = v === "pass" ? "pass" : v === "miss" ? "**MISS**" : "";
        const fields = [r.section, r.name, formatNumber(r.value), r.unit, String(r.runs), r.budget?.text ?? "", mark, r.note ?? ""];
        lines.push(`| ${fields.map(cell).join(" | ")} |`);
    }
    return lines.join("\n");
}

/** Budget verdicts, one line each, for the end of the report. */
export function summarize(rows: readonly Row[]): string[] {
    return rows
        .filter((r) => r.budget)
        .map((r) => `${verdict(r.value, r.budget)}: ${r.section} / ${r.name} = ${formatNumber(r.value)} ${r.unit} (budget ${r.budget!.text})`);
}
