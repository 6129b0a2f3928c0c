import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "app/generated/", ".react-router/", "node_modules/", "data/"] },
  ...tseslint.configs.recommended,
  { files: ["app/**/*.{ts,tsx}"], ...reactHooks.configs.flat.recommended },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The app reads the clock once per request and passes `now` down.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Pass `now` explicitly (domain rules take the clock as an argument).",
        },
        {
          selector: "JSXAttribute[name.name='style']",
          message: "Inline styles are blocked by the CSP (style-src 'self'): use a class in app/styles.css.",
        },
      ],
    },
  },
  {
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["react-router", "@prisma/*", "~/utils/*", "~/services/*", "../../utils/*"] }],
      "no-restricted-globals": ["error", { name: "process", message: "The domain layer reads no environment." }],
    },
  },
  {
    // Routes parse, authorise, call a service and render: the database is the services' (issue 12).
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "~/utils/db.server.ts", message: "Routes never touch the database: move the query into a service." }],
          patterns: [
            { group: ["@prisma/*", "~/generated/prisma/*"], message: "Routes never touch the database: move the query into a service." },
          ],
        },
      ],
    },
  },
);
