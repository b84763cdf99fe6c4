// Compute (attachment) names, from the seed: 3 to 24 characters; letters, digits and '-';
// starting with a letter; unique within the workspace.

export const COMPUTE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{2,23}$/;
export const COMPUTE_NAME_RULE = "3 to 24 characters, letters, digits and '-', starting with a letter";

/** Undefined when the name is valid, else the reason in one sentence. */
export function computeNameProblem(name: string): string | undefined {
    if (COMPUTE_NAME_PATTERN.test(name)) return undefined;
    return `compute name "${name}" must be ${COMPUTE_NAME_RULE}`;
}
