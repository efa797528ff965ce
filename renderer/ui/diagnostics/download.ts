import { exportUnsent, unsentFileName } from '../../db/health';
import type { OtklikDb } from '../../db/schema';

/**
 * Saves the outbox and the drafts to a JSON file through a Blob link: it only reads the database,
 * so it works on a full disk, and the file can be kept, mailed to support or read in any editor.
 * Resolves to the file name offered.
 */
export async function downloadUnsent(db: OtklikDb, now: Date = new Date()): Promise<string> {
  const data = await exportUnsent(db, now);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const name = unsentFileName(now);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by then; the object URL is not needed afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
