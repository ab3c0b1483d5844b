// ESLint for the site's own JavaScript (flat config). Each rule is here for a reason given
// beside it; `make lint` runs it. Vendored code (KaTeX, ts-fsrs) is not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["docs/assets/js/vendor/**", "site/**", ".cache/**", "node_modules/**", ".venv/**"] },
  // Mistakes that are never intended: undefined names, unused variables, unreachable code, …
  js.configs.recommended,
  {
    files: ["docs/assets/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: {
      // An unused argument before a used one documents a callback's shape; a leading _ marks
      // any other name kept on purpose.
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
      // === everywhere, except `== null`, which reads "null or undefined" on purpose.
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Text is set with textContent, never parsed as HTML (a strict CSP is in force too).
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Set text with textContent, or build elements with h()." },
        { property: "outerHTML", message: "Build elements with h()." },
        { property: "insertAdjacentHTML", message: "Build elements with h()." },
        { object: "document", property: "write", message: "Build elements with h()." },
      ],
      // No code from strings (the CSP forbids it; this says so before the browser does).
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      // One binding, one meaning: a name that never changes says so.
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  {
    // Drawing helpers and the toolkit sit below the demo framework: they never import it.
    files: ["docs/assets/js/lib/**/*.js", "docs/assets/js/dom.js", "docs/assets/js/format.js"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/demo-kit/*", "**/demos/*", "**/flashcards/*"],
              message: "lib/ draws; it does not import the demo framework or a demo.",
            },
          ],
        },
      ],
    },
  },
  {
    // Models are plain JavaScript (state and steps): Node runs their tests, so no DOM.
    files: ["docs/assets/js/demos/*.model.js"],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      "no-restricted-globals": ["error", "document", "window", "navigator", "performance"],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/dom.js", "**/demo-kit/*", "**/lib/*", "**/runtime/*"],
              message: "A model has no DOM and no runtime: pass it values.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["docs/assets/js/runtime/worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
