import { randomBytes } from 'node:crypto';
import type { EmulatedAnswer, RecordedCall, UploadedFile } from '../emulator-kit';

/** A document uploaded for a dialog, then saved by docs.save (id set). */
interface VkMessageDoc {
  file: string;
  peerId: number;
  upload: UploadedFile;
  id: number | null;
}

type Fail = (code: number, msg: string) => EmulatedAnswer;

/**
 * Documents in dialogs as VK takes them (dev.vk.com «Загрузка документов в сообщения»):
 * docs.getMessagesUploadServer `{type, peer_id}` → an upload url; a multipart POST of the field
 * `file` there → `{file}` (or `{error}`); docs.save `{file, title}` → `{type: "doc", doc}`; then
 * messages.send's `attachment` names it `doc<owner>_<id>`. Kept apart from the emulator's wall and
 * dialogs so each file stays one thing.
 */
export class VkEmulatorDocs {
  private readonly docs: VkMessageDoc[] = [];
  private nextDocId = 668000000;

  /** The community token lacks the «Документы» right: VK answers 15 to the upload server. */
  denied = false;

  constructor(private readonly host: { readonly groupId: number; readonly url: string }) {}

  uploadServer(p: Record<string, string>, fail: Fail): EmulatedAnswer {
    if (this.denied) return fail(15, 'Access denied: no access to call this method');
    const peerId = Number(p.peer_id);
    if (!Number.isSafeInteger(peerId) || peerId === 0) return fail(100, 'One of the parameters specified was missing or invalid: peer_id is undefined');
    if ((p.type ?? 'doc') !== 'doc') return fail(100, 'One of the parameters specified was missing or invalid: type is invalid');
    return { status: 200, json: { response: { upload_url: `${this.host.url}/upload/doc?peer=${peerId}` } } };
  }

  /** The upload server: the file in `file`; answers `{file}` without a `response` wrapper. */
  upload(call: RecordedCall): EmulatedAnswer {
    const part = (call.body as Record<string, unknown> | null)?.file;
    if (!part || typeof part !== 'object' || !('bytes' in part)) return { status: 200, json: { error: 'no_file', error_descr: 'file is undefined' } };
    const file = randomBytes(12).toString('hex');
    this.docs.push({ file, peerId: Number(call.query.peer ?? 0), upload: part as UploadedFile, id: null });
    return { status: 200, json: { file } };
  }

  save(p: Record<string, string>, fail: Fail): EmulatedAnswer {
    const doc = this.docs.find((d) => d.file === p.file);
    if (!doc) return fail(100, 'One of the parameters specified was missing or invalid: file is undefined');
    doc.id ??= ++this.nextDocId;
    const title = p.title || doc.upload.filename;
    return { status: 200, json: { response: { type: 'doc', doc: { id: doc.id, owner_id: -this.host.groupId, title, size: doc.upload.bytes.length, ext: title.split('.').pop() ?? '', url: `https://vk.com/doc${-this.host.groupId}_${doc.id}`, date: Math.floor(Date.now() / 1000), type: 1 } } } };
  }

  /** The documents messages.send's `attachment` names, or the first one VK would not find. */
  attached(raw: string | undefined, peerId: number): { ok: true; files: UploadedFile[] } | { ok: false; name: string } {
    const files: UploadedFile[] = [];
    for (const a of (raw ?? '').split(',').filter((x) => x !== '')) {
      const doc = this.docs.find((d) => d.id !== null && d.peerId === peerId && a === `doc${-this.host.groupId}_${d.id}`);
      if (!doc) return { ok: false, name: a };
      files.push(doc.upload);
    }
    return { ok: true, files };
  }
}
