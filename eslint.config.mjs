// `npm run lint`: typescript-eslint's recommended rules, and Pulumi's rules for Output misuse
// (@pulumi/eslint-plugin: an Output in a template literal is not its value; use pulumi.interpolate).
// The Pulumi rules read types, so the linter uses the TypeScript project service (tsconfig.json).
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "bin/**", "policy/bin/**", "policy/node_modules/**", ".bench/**", ".scratch/**"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { pulumi },
        rules: {
            // Engine wire-form values (protobuf Structs as JSON: unknown sentinels, secret wrappers,
            // resource references) and policy property bags are untyped by nature; `any` marks them.
            "@typescript-eslint/no-explicit-any": "off",
            // `_name` is the convention for a binding kept only to leave it out (rest destructuring).
            "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_" }],
            "pulumi/no-output-in-template-literal": "error",
            "pulumi/no-output-instance-in-template-literal": "error",
        },
    },
    {
        // CommonJS loaded by node before any TypeScript (mocha's `require`: test/register.js).
        files: ["**/*.js"],
        languageOptions: { sourceType: "commonjs" },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
