export interface ApiClient {
  baseUrl: string;
  /** Sends JSON (when `json` is given) with the bearer token and returns status and parsed body; throws on a non-2xx. */
  call<T>(method: string, path: string, opts?: { token?: string; json?: unknown; headers?: Record<string, string> }): Promise<T>;
}

export function createApiClient(baseUrl: string): ApiClient {
  return {
    baseUrl,
    async call<T>(method: string, path: string, opts: { token?: string; json?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.json !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

export interface DaysAnswer {
  days: {
    date: string;
    status: string;
    burned_kcal: number | null;
    intake_kcal: number | null;
    deficit_kcal: number | null;
    steps: number | null;
    hiit_sessions: number;
  }[];
  pending: boolean;
}
