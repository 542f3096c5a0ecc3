/** Shown for a revoked, expired or unknown link: one sentence, nothing about which it was. */
export function LinkInvalid({ isRateLimited = false }: { isRateLimited?: boolean }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-3 px-6 py-10" data-testid="status-link-invalid">
      <h1 className="text-2xl font-bold text-slate-900">{isRateLimited ? "Too many attempts" : "This link is no longer valid"}</h1>
      <p role="alert" className="text-base text-slate-700">
        {isRateLimited
          ? "Too many status links were opened from your network just now. Wait a minute and reload the page."
          : "It may have expired or been revoked. Ask the deployment team for a new link."}
      </p>
    </main>
  );
}
