import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../shared/domain';
import { useSession } from '../../state/session';
import { useModalDialog } from '../hooks/use-modal-dialog';

/**
 * An attachment's address for an <img> or a link, which send no header: the server's address
 * with a one-minute ticket for this file alone (shared/tickets.ts), asked for when the viewer
 * shows it. `undefined` while asking; null when there is nothing to show (no server copy yet, a
 * third-party address, or no ticket to be had offline).
 */
export function useAttachmentUrl(a: Attachment): string | null | undefined {
  const client = useSession((s) => s.client);
  const serverUrl = useSession((s) => s.session?.serverUrl);
  const [url, setUrl] = useState<{ path: string; url: string | null } | null>(null);
  // Only our own server's files: never third-party content in the workstation.
  const fileId = a.url ? /^\/api\/v1\/attachments\/([^/?#]+)$/.exec(a.url)?.[1] : undefined;
  const path = fileId ? a.url : null;
  useEffect(() => {
    if (!path || !fileId || !client || !serverUrl) return;
    let alive = true;
    client.auth
      .call((token) => client.api.attachmentTicket(token, decodeURIComponent(fileId)))
      .then(
        (ticket) => alive && setUrl({ path, url: `${serverUrl.replace(/\/+$/, '')}${path}?ticket=${encodeURIComponent(ticket)}` }),
        () => alive && setUrl({ path, url: null }),
      );
    return () => {
      alive = false;
    };
  }, [client, serverUrl, path, fileId]);
  if (!path || !client || !serverUrl) return null;
  return url?.path === path ? url.url : undefined;
}

const isImage = (a: Attachment) => a.mime.startsWith('image/');

/** The files of an appeal or a reply; images open in a viewer dialog, moved through with ← →. */
export function AttachmentList({ attachments, label }: { attachments: Attachment[]; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      <h4 className="attachments-heading">{label}</h4>
      <ul className="attachment-list">
        {attachments.map((a, i) => (
          <li key={a.id}>
            <button type="button" className="attachment-chip" onClick={() => setOpen(i)} aria-haspopup="dialog">
              <span aria-hidden="true">{isImage(a) ? '🖼' : '📄'}</span> {t('attachments.open', { name: a.name })}
              <span className="hint"> · {t('attachments.size', { size: Math.max(1, Math.round(a.size / 1024)) })}</span>
            </button>
          </li>
        ))}
      </ul>
      {open !== null && <AttachmentViewer attachments={attachments} start={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

function AttachmentViewer({ attachments, start, onClose }: { attachments: Attachment[]; start: number; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useModalDialog();
  const [index, setIndex] = useState(start);
  const current = attachments[index]!;
  const src = useAttachmentUrl(current);
  const go = (d: number) => setIndex((i) => (i + d + attachments.length) % attachments.length);
  return (
    <dialog
      ref={ref}
      className="attachment-viewer"
      aria-labelledby="viewer-heading"
      onCancel={(e) => (e.preventDefault(), onClose())}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') go(1);
        if (e.key === 'ArrowLeft') go(-1);
      }}
    >
      <h2 id="viewer-heading">
        {t('attachments.viewer')}: {current.name}
      </h2>
      <p className="hint">{t('attachments.counter', { index: index + 1, total: attachments.length })}</p>
      <div className="viewer-body">
        {src === undefined ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : src && isImage(current) ? (
          <img src={src} alt={current.name} />
        ) : src ? (
          <a href={src} target="_blank" rel="noreferrer noopener">
            {t('attachments.open', { name: current.name })}
          </a>
        ) : (
          <p>{t('attachments.noPreview')}</p>
        )}
      </div>
      <div className="button-row">
        {attachments.length > 1 && (
          <>
            <button type="button" onClick={() => go(-1)}>
              {t('attachments.previous')}
            </button>
            <button type="button" onClick={() => go(1)}>
              {t('attachments.next')}
            </button>
          </>
        )}
        <button type="button" autoFocus onClick={onClose}>
          {t('attachments.close')}
        </button>
      </div>
    </dialog>
  );
}
