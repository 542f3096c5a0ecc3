// Server actions and route handlers read the request through next/headers; in the matrix that is the
// request of the caller being tried. Each matrix test file mocks next/headers with nextHeadersMock,
// and the calls (calls.ts) set callerRequest.headers before each one.
export const callerRequest = { headers: new Headers() };

export const nextHeadersMock = {
  headers: async () => callerRequest.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
};
