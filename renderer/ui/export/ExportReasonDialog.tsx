import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { exportReasonSchema, type ExportKind } from '../../../shared/audit';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';
import { useModalDialog } from '../hooks/use-modal-dialog';

/** One export a person asked for: what it is and how to make it (answers the number of rows). */
export interface ExportRequest {
  kind: ExportKind;
  title: string;
  run(): Promise<number>;
}

/**
 * Every file made from citizens' data on this workstation asks why (152-ФЗ): the reason, what was
 * exported and how many rows go into the audit log through the outbox, so offline too.
 * `ask` opens the dialog; `dialog` is the element to render.
 */
export function useAuditedExport(onDone?: (title: string) => void): { ask(request: ExportRequest): void; dialog: ReactNode; busy: boolean } {
  const [request, setRequest] = useState<ExportRequest | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    ask: setRequest,
    busy,
    dialog: request && (
      <ExportReasonDialog
        request={request}
        onBusy={setBusy}
        onClose={() => setRequest(null)}
        onDone={() => {
          setRequest(null);
          onDone?.(request.title);
        }}
      />
    ),
  };
}

function ExportReasonDialog({ request, onClose, onDone, onBusy }: { request: ExportRequest; onClose(): void; onDone(): void; onBusy(b: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModalDialog();
  const { client } = useCurrent();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = exportReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setError(t('export.reasonRequired'));
      return;
    }
    setError('');
    setBusy(true);
    onBusy(true);
    try {
      const rows = await request.run();
      await client.enqueue({
        id: crypto.randomUUID(),
        name: 'audit.export',
        args: { kind: request.kind, title: request.title.slice(0, 300), rows, reason: parsed.data, exportedAt: new Date().toISOString() },
      });
      onDone();
    } catch (e) {
      setError(errorMessage((e as { code?: string }).code ?? 'unknown'));
    } finally {
      setBusy(false);
      onBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={`${id}-h`} onCancel={(e) => (e.preventDefault(), onClose())}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-h`}>{t('export.heading', { title: request.title })}</h2>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('export.reason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            value={reason}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${id}-hint ${id}-error`}
            aria-invalid={error ? true : undefined}
          />
          <p id={`${id}-hint`} className="hint">
            {t('export.hint')}
          </p>
        </div>
        <p id={`${id}-error`} className="error-text" role="alert">
          {error}
        </p>
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('export.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('export.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
