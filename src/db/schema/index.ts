export * from "./api-keys.js";
export * from "./users.js";
