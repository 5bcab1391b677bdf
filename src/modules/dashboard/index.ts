// The web dashboard: the built UI (web/) served at `/` with its caching and security headers.
export { dashboardRouter } from "./dashboard.handlers.js";
