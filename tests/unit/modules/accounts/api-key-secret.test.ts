import { describe, expect, it } from "vitest";
import { generateApiKey, hashKey, keyMatchesHash, keyPrefixOf } from "../../../../src/modules/accounts/api-key-secret.js";

describe("API key secrets", () => {
  it("issues wsk_ keys whose prefix is recoverable and whose hash matches", () => {
    const issued = generateApiKey();
    expect(issued.apiKey).toMatch(/^wsk_[0-9a-z]{16}_[0-9a-z]{52}$/);
    expect(keyPrefixOf(issued.apiKey)).toBe(issued.prefix);
    expect(issued.secretHash).toBe(hashKey(issued.apiKey));
    expect(issued.secretHash).not.toContain(issued.apiKey.slice(21));
    expect(keyMatchesHash(issued.apiKey, issued.secretHash)).toBe(true);
  });

  it("never issues the same key twice", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().apiKey));
    expect(keys.size).toBe(200);
  });

  it("rejects a key with the right prefix but a different secret", () => {
    const a = generateApiKey();
    const forged = `${a.prefix}_${"0".repeat(52)}`;
    expect(keyPrefixOf(forged)).toBe(a.prefix);
    expect(keyMatchesHash(forged, a.secretHash)).toBe(false);
  });

  it.each(["", "wsk_", "Bearer x", "wsk_short_secret", "x".repeat(5000), `wsk_ABCDEFGHJKMNPQRS_${"a".repeat(52)}`])(
    "does not parse %j as a key",
    (token) => {
      expect(keyPrefixOf(token)).toBeNull();
    },
  );
});
