// The apps and devices data came from, and the priority that decides which one counts where they overlap.
export { sourcesRouter } from "./sources.handlers.js";
