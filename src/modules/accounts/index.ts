// Users and their API keys: creation (admin), authentication, the user reads every other module goes through.
export { accountsRouter } from "./accounts.handlers.js";
export { presentUser } from "./accounts.presenters.js";
export { CreateUserSchema, oneWeightUnit, profileFields, UserSchema } from "./accounts.schemas.js";
export {
  allUserZones,
  answersVersionOf,
  createUserWithKey,
  fillMissingProfile,
  findUser,
  getUser,
  updateUserProfile,
} from "./accounts.service.js";
export { applyKeyUse, keyPrefixesOf } from "./api-keys.service.js";
export { authAndRateLimit } from "./auth.middleware.js";
export { invalidateKeys } from "./auth-cache.js";
export { eraseUserRows } from "./erasure.repo.js";
export { EXPORT_TABLES, tableLines } from "./export.repo.js";
