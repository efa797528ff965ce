import { describe, expect, it } from 'vitest';
import { checkAttachment, sniffAttachmentType } from './attachments';
import { replyCharsLeft, replyLengthLimit } from './channels/limits';
import { appealAfterCategory, decideCategoryChange, decideForward, decideTemplateSave } from './clerk-actions';
import type { Appeal } from './domain';
import { canManageTemplate, canUseTemplate, fillTemplate, unfilledVariables } from './templates';

const clerk = { id: 'u1', role: 'clerk' as const, municipalityId: 'maykop' };
const head = { id: 'h1', role: 'supervisor' as const, municipalityId: 'maykop' };
const appeal = { status: 'assigned', version: 3, municipalityId: 'maykop', assigneeId: 'u1', category: 'roads' } as Appeal;

describe("the clerk's rules", () => {
  it('channel limits: VK 9000, Telegram 4096, ПОС 4000, e-mail the protocol maximum', () => {
    expect(replyLengthLimit('vk')).toBe(9000);
    expect(replyLengthLimit('telegram')).toBe(4096);
    expect(replyLengthLimit('pos')).toBe(4000);
    expect(replyLengthLimit('email')).toBe(10000);
    expect(replyCharsLeft('telegram', 'а'.repeat(4100))).toBe(-4);
  });

  it('templates fill what is known and leave the rest visible', () => {
    const text = fillTemplate('Здравствуйте, {{citizenName}}! Ответим до {{ deadline }}. {{clerkName}}', { citizenName: 'Анна', deadline: '12 марта' });
    expect(text).toBe('Здравствуйте, Анна! Ответим до 12 марта. {{clerkName}}');
    expect(unfilledVariables(text)).toEqual(['clerkName']);
  });

  it('own templates for their owner, shared ones managed by supervisors of the scope', () => {
    expect(canUseTemplate(clerk, { ownerId: 'u2', municipalityId: 'maykop' })).toBe(false);
    expect(canUseTemplate(clerk, { ownerId: null, municipalityId: 'giaginsky' })).toBe(false);
    expect(canManageTemplate(clerk, { ownerId: null, municipalityId: null })).toBe(false);
    expect(canManageTemplate(head, { ownerId: null, municipalityId: 'maykop' })).toBe(true);
    expect(canManageTemplate(head, { ownerId: null, municipalityId: null })).toBe(false);
    expect(decideTemplateSave({ actor: clerk, existing: null, wantShared: true })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a sphere change is stale only after someone else’s change; forwarding follows the status machine', () => {
    expect(appealAfterCategory(appeal, 'health', 'now')).toMatchObject({ category: 'health', version: 4 });
    expect(decideCategoryChange({ actor: clerk, appeal, baseVersion: 2, changesSinceBase: [{ actorId: 'u1', version: 3 }] }).ok).toBe(true);
    expect(decideCategoryChange({ actor: clerk, appeal, baseVersion: 2, changesSinceBase: [{ actorId: 'h1', version: 3 }] })).toMatchObject({ code: 'stale_version' });
    expect(decideForward({ actor: clerk, appeal: { ...appeal, status: 'clarification' }, baseVersion: 3, changesSinceBase: [] })).toMatchObject({ code: 'invalid_transition' });
    expect(decideForward({ actor: clerk, appeal: { ...appeal, status: 'answered' }, baseVersion: 3, changesSinceBase: [] })).toMatchObject({ code: 'invalid_transition' });
    // 59-FZ: a body that is not competent sends the appeal on from registration, before anyone works it.
    expect(decideForward({ actor: clerk, appeal: { ...appeal, status: 'new' }, baseVersion: 3, changesSinceBase: [] }).ok).toBe(true);
    expect(decideForward({ actor: clerk, appeal, baseVersion: 3, changesSinceBase: [] }).ok).toBe(true);
  });

  it('attachments: photos and PDF up to 10 MB, judged by their first bytes too', () => {
    expect(checkAttachment({ mime: 'image/png', size: 1000, name: 'a.png' }).ok).toBe(true);
    expect(checkAttachment({ mime: 'text/plain', size: 10, name: 'a.txt' })).toMatchObject({ code: 'unsupported_media_type' });
    expect(checkAttachment({ mime: 'application/pdf', size: 11 * 1024 * 1024, name: 'a.pdf' })).toMatchObject({ code: 'payload_too_large' });
    expect(sniffAttachmentType(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).toBe('application/pdf');
    expect(sniffAttachmentType(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBeNull();
  });
});
