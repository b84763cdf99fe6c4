// The computeType of a Compute (lower-cased), or the unknown path.
import { readAt } from "./define";
import { Path } from "./values";

export function computeTypeOf(raw: Record<string, any>): { needs: Path } | { value: string } {
    const r = readAt(raw, ["properties", "computeType"]);
    return "needs" in r ? r : { value: typeof r.value === "string" ? r.value.toLowerCase() : "" };
}
