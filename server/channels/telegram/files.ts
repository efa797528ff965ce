import type { InboundAttachment } from '../../../shared/channels/inbound';
import { downloadFile } from '../http';
import { channelApiBase } from '../settings';
import type { ConnectorChannel, FetchedFile } from '../types';
import { TELEGRAM_API_BASE, telegramApi } from './outbound';

/** Photos are taken up to this size; the Bot API itself lets bots download files of up to 20 MB. */
export const TELEGRAM_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A photo by its `file_id`: `getFile` gives its size and `file_path`, then
 * `GET <api root>/file/bot<token>/<file_path>`. A file Telegram says is over the cap is refused
 * before any download; one that says nothing is cut off at the cap while downloading.
 */
export async function telegramFetchAttachment(channel: ConnectorChannel, attachment: InboundAttachment, maxBytes = TELEGRAM_MAX_FILE_BYTES): Promise<FetchedFile | null> {
  if ((attachment.size ?? 0) > maxBytes) return null;
  let file;
  try {
    file = await telegramApi(channel).getFile(attachment.ref);
  } catch {
    return null;
  }
  if (!file.file_path || (file.file_size ?? 0) > maxBytes) return null;
  const path = file.file_path.split('/').map(encodeURIComponent).join('/');
  const url = `${channelApiBase(channel, TELEGRAM_API_BASE)}/file/bot${channel.secrets.botToken ?? ''}/${path}`;
  const got = await downloadFile(url, maxBytes);
  if (!got) return null;
  // Telegram serves files as application/octet-stream; the type the update named is the better guess.
  const mime = got.mime && got.mime !== 'application/octet-stream' ? got.mime : (attachment.mime ?? null);
  return { bytes: got.bytes, mime, name: attachment.name ?? file.file_path.split('/').pop() ?? 'photo.jpg' };
}
