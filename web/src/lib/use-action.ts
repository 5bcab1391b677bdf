import { useState } from "preact/hooks";

export interface Action {
  busy: boolean;
  error: string | null;
  /** The message of the last action that succeeded, until the next one starts. */
  done: string | null;
  run: (action: () => Promise<unknown>, doneMessage?: string) => Promise<void>;
  /** A form's submit handler: the page stays, the action runs. */
  submit: (action: () => Promise<unknown>, doneMessage?: string) => (e: Event) => void;
}

/** One request a person starts (a form, a button): busy while it runs, then its error or its done message. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, doneMessage?: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(doneMessage ?? null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (action: () => Promise<unknown>, doneMessage?: string) => (e: Event) => {
    e.preventDefault();
    void run(action, doneMessage);
  };
  return { busy, error, done, run, submit };
}
