export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error}
    </p>
  );
}

export function Busy({ when, label }: { when: boolean; label: string }) {
  return when ? (
    <p class="loading" aria-live="polite">
      {label}
    </p>
  ) : null;
}
