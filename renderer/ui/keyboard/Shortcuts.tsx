import { useEffect, useState } from 'react';
import { useSession } from '../../state/session';
import { QUEUE_ID } from '../queue/Queue';
import { useQueue } from '../queue/queue-store';
import { VIEW_IDS } from '../queue/views';
import { isTypingTarget } from './shortcut-list';
import { ShortcutHelp } from './ShortcutHelp';

/** Focuses the element a shortcut names once it exists (an appeal just opened renders a frame later). */
export function focusWhenReady(selector: string, tries = 60): void {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) {
    el.focus();
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) el.setSelectionRange(el.value.length, el.value.length);
    return;
  }
  if (tries > 0) requestAnimationFrame(() => focusWhenReady(selector, tries - 1));
}

const TARGETS: Record<string, string> = {
  r: '[data-shortcut="reply"]',
  s: '[data-shortcut="status"]',
  t: '[data-shortcut="template"]',
  n: '[data-shortcut="note"]',
};

/**
 * The workstation's keyboard: views (1–8), search (/), reply (r), status (s), template (t), note (n),
 * next/previous appeal (Alt+↓/↑) and the help overlay (?). One-letter keys never fire while typing.
 */
export function Shortcuts({ onOpen }: { onOpen: (appealId: string) => void }) {
  const [help, setHelp] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const queue = useQueue.getState();
      const session = useSession.getState();
      if (e.altKey && !e.ctrlKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        const items = queue.visible;
        if (items.length === 0) return;
        const current = session.openAppealId ?? queue.activeId ?? '';
        const at = items.findIndex((i) => i.id === current);
        const next = items[Math.max(0, Math.min(items.length - 1, at < 0 ? 0 : at + (e.key === 'ArrowDown' ? 1 : -1)))]!.id;
        e.preventDefault();
        queue.setActive(next);
        onOpen(next);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      } else if (e.key === '/') {
        e.preventDefault();
        queue.focusSearch();
        document.getElementById('queue-search')?.focus();
      } else if (/^[1-8]$/.test(e.key)) {
        e.preventDefault();
        queue.setView(VIEW_IDS[Number(e.key) - 1]!);
        document.getElementById(QUEUE_ID)?.focus();
      } else if (TARGETS[e.key]) {
        e.preventDefault();
        if (!session.openAppealId && queue.activeId) onOpen(queue.activeId);
        else if (!session.openAppealId && queue.visible[0]) onOpen(queue.visible[0].id);
        focusWhenReady(TARGETS[e.key]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpen]);

  return help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null;
}
