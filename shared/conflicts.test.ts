import { describe, expect, it } from 'vitest';
import { decideAssignment, decideDraftAdoption, decideDraftWrite, decideNote, decideReply, decideStatusChange } from './conflicts';
import type { Actor } from './permissions';

const clerk: Actor = { id: 'u-operator', role: 'clerk', municipalityId: 'maykop' };
const colleague: Actor = { id: 'u-clerk-m2', role: 'clerk', municipalityId: 'maykop' };
const head: Actor = { id: 'u-head-m', role: 'supervisor', municipalityId: 'maykop' };
const neighbour: Actor = { id: 'u-operator2', role: 'clerk', municipalityId: 'takhtamukaysky' };

const appeal = (status: 'assigned' | 'in_progress' | 'answered' | 'closed', version: number, municipalityId = 'maykop') => ({
  status,
  version,
  municipalityId,
  assigneeId: clerk.id,
});

describe('two clerks change one appeal’s status', () => {
  it('the first change applies; the second, made on the same version, is refused as stale', () => {
    // Both saw version 3 (assigned). The clerk's «В работе» arrived first and made it version 4.
    const first = decideStatusChange({ actor: clerk, appeal: appeal('assigned', 3), to: 'in_progress', baseVersion: 3, changesSinceBase: [] });
    expect(first).toEqual({ ok: true });
    const second = decideStatusChange({
      actor: colleague,
      appeal: appeal('in_progress', 4),
      to: 'answered',
      baseVersion: 3,
      changesSinceBase: [{ actorId: clerk.id, version: 4 }],
    });
    expect(second).toMatchObject({ ok: false, code: 'stale_version' });
  });

  it('a clerk’s own earlier offline change does not make their next one stale', () => {
    const decision = decideStatusChange({
      actor: clerk,
      appeal: appeal('in_progress', 4),
      to: 'answered',
      baseVersion: 3,
      changesSinceBase: [{ actorId: clerk.id, version: 4 }],
    });
    expect(decision).toEqual({ ok: true });
  });

  it('both asking for the status it already has is no conflict', () => {
    const decision = decideStatusChange({ actor: colleague, appeal: appeal('in_progress', 4), to: 'in_progress', baseVersion: 4, changesSinceBase: [] });
    expect(decision).toEqual({ ok: true });
  });

  it('a version the server has not reached yet is refused as invalid', () => {
    const decision = decideStatusChange({ actor: clerk, appeal: appeal('assigned', 3), to: 'in_progress', baseVersion: 9, changesSinceBase: [] });
    expect(decision).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});

describe('a status change on an appeal the supervisor closed', () => {
  it('made offline before the closing: refused as stale, so the clerk sees it was closed meanwhile', () => {
    const decision = decideStatusChange({
      actor: clerk,
      appeal: appeal('closed', 6),
      to: 'in_progress',
      baseVersion: 5,
      changesSinceBase: [{ actorId: head.id, version: 6 }],
    });
    expect(decision).toMatchObject({ ok: false, code: 'stale_version' });
  });

  it('made while seeing it closed: a clerk cannot reopen it', () => {
    const decision = decideStatusChange({ actor: clerk, appeal: appeal('closed', 6), to: 'in_progress', baseVersion: 6, changesSinceBase: [] });
    expect(decision).toMatchObject({ ok: false, code: 'appeal_closed' });
  });

  it('the supervisor may reopen it', () => {
    const decision = decideStatusChange({ actor: head, appeal: appeal('closed', 6), to: 'in_progress', baseVersion: 6, changesSinceBase: [] });
    expect(decision).toEqual({ ok: true });
  });

  it('a clerk outside the appeal’s municipality is refused whatever the version', () => {
    const decision = decideStatusChange({ actor: neighbour, appeal: appeal('in_progress', 4), to: 'answered', baseVersion: 4, changesSinceBase: [] });
    expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('a reply to a closed appeal', () => {
  it('is refused with its own reason; the text stays with the clerk', () => {
    const decision = decideReply({ actor: clerk, appeal: appeal('closed', 6), wasAssignedToActor: true });
    expect(decision).toMatchObject({ ok: false, code: 'appeal_closed' });
  });

  it('to an open appeal never conflicts with another reply', () => {
    expect(decideReply({ actor: clerk, appeal: appeal('answered', 6), wasAssignedToActor: true })).toEqual({ ok: true });
    expect(decideReply({ actor: colleague, appeal: appeal('answered', 6), wasAssignedToActor: false })).toEqual({ ok: true });
  });

  it('written offline to an appeal reassigned to another municipality meanwhile: kept, from its former assignee', () => {
    const moved = appeal('in_progress', 7, 'takhtamukaysky');
    expect(decideReply({ actor: clerk, appeal: moved, wasAssignedToActor: true })).toEqual({ ok: true });
    // A colleague who never had it cannot answer for another municipality.
    expect(decideReply({ actor: colleague, appeal: moved, wasAssignedToActor: false })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('notes follow the same scope rule and are never refused for the status', () => {
    expect(decideNote({ actor: clerk, appeal: appeal('closed', 6), wasAssignedToActor: true })).toEqual({ ok: true });
    expect(decideNote({ actor: neighbour, appeal: appeal('closed', 6), wasAssignedToActor: false })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('assignments', () => {
  it('an assignment made on an older version is stale, whoever changed the appeal since', () => {
    expect(decideAssignment({ appeal: { version: 5, status: 'in_progress' }, baseVersion: 5 })).toEqual({ ok: true });
    expect(decideAssignment({ appeal: { version: 6, status: 'in_progress' }, baseVersion: 5 })).toMatchObject({ ok: false, code: 'stale_version' });
  });
});

describe('editing a draft in two windows', () => {
  const a = (typedAt: string) => ({ typedAt, windowId: 'window-a' });
  const b = (typedAt: string) => ({ typedAt, windowId: 'window-b' });

  it('the later keystroke wins; a slow save of older typing is dropped', () => {
    expect(decideDraftWrite(undefined, a('2025-03-03T10:00:00.000Z'))).toBe('write');
    expect(decideDraftWrite(a('2025-03-03T10:00:00.000Z'), b('2025-03-03T10:00:01.000Z'))).toBe('write');
    expect(decideDraftWrite(b('2025-03-03T10:00:01.000Z'), a('2025-03-03T10:00:00.500Z'))).toBe('drop');
  });

  it('a window’s own saves, and saves after the clock was set back, always go through', () => {
    expect(decideDraftWrite(a('2025-03-03T10:00:05.000Z'), a('2025-03-03T10:00:01.000Z'))).toBe('write');
    // Window B saved at 11:00, then the clock was corrected back to 10:00: A's typing still saves.
    expect(decideDraftWrite(b('2025-03-03T11:00:00.000Z'), a('2025-03-03T10:00:01.000Z'), '2025-03-03T10:00:01.000Z')).toBe('write');
  });

  it('a tie in the same millisecond has one stable winner', () => {
    const t = '2025-03-03T10:00:00.000Z';
    expect(decideDraftWrite(a(t), b(t))).toBe('write');
    expect(decideDraftWrite(b(t), a(t))).toBe('drop');
  });

  it('the other window takes the newer text only while nothing typed there is unsaved', () => {
    const stored = b('2025-03-03T10:00:05.000Z');
    expect(decideDraftAdoption({ stored, shown: a('2025-03-03T10:00:00.000Z'), dirty: false })).toBe('adopt');
    expect(decideDraftAdoption({ stored, shown: null, dirty: false })).toBe('adopt');
    expect(decideDraftAdoption({ stored, shown: a('2025-03-03T10:00:00.000Z'), dirty: true })).toBe('keep');
  });

  it('its own save coming back, or an older one, changes nothing on screen', () => {
    const own = a('2025-03-03T10:00:05.000Z');
    expect(decideDraftAdoption({ stored: own, shown: own, dirty: false })).toBe('keep');
    expect(decideDraftAdoption({ stored: b('2025-03-03T10:00:01.000Z'), shown: own, dirty: false })).toBe('keep');
  });

  it('a reply sent from the other window clears the draft here, unless the person is typing', () => {
    const shown = a('2025-03-03T10:00:00.000Z');
    expect(decideDraftAdoption({ stored: undefined, shown, dirty: false })).toBe('clear');
    expect(decideDraftAdoption({ stored: undefined, shown, dirty: true })).toBe('keep');
  });
});
