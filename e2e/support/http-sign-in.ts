// Signs in over HTTP as a browser would (POST /api/auth/sign-in/email); returns the session cookie.
import { PASSWORD } from "./factories";

export async function signInOverHttp(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: HTTP ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
