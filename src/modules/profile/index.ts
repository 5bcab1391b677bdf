// The caller's own profile (/v1/me): the person the science is computed for. A change fans out to energy and HIIT.
export { profileRouter } from "./profile.handlers.js";
