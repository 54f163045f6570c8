// ESLint for the browser code (plugins/mkdocs_lardom/assets) and the scripts the tests run in
// Chromium: `make lint` runs it. Pinned in package.json.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // The Snowball stemmers are Snowball's own generated output, vendored unchanged.
    ignores: ["node_modules/", "site/", ".venv/", "test-artifacts/", ".cache/", "plugins/mkdocs_lardom/assets/lardom/radar/snowball/"],
  },
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
      complexity: ["error", 15],
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
];
