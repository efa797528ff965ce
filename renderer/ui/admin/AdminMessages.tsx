/**
 * The two lines every console screen keeps under its form: what went wrong (read out at once) and
 * what was done (read out politely). Always rendered, so a screen reader hears a change in either.
 */
export function AdminMessages({ error, status }: { error: string; status: string }) {
  return (
    <>
      <p className="adm-error" role="alert">
        {error}
      </p>
      <p className="adm-status" role="status">
        {status}
      </p>
    </>
  );
}
