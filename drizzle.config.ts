import { defineConfig } from "drizzle-kit";

// Generation only (`npm run db:generate`); migrations are applied by src/db/migrate.ts, never by `drizzle-kit push`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
