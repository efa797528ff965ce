/** Every shortcut of the workstation, for the help overlay («?»); keys and texts live in ru.json. */
export const SHORTCUT_GROUPS = [
  { id: 'queue', items: ['move', 'open', 'check', 'checkRange', 'checkAll', 'views', 'search', 'nextAppeal', 'back'] },
  { id: 'appeal', items: ['reply', 'status', 'template', 'note'] },
  { id: 'composer', items: ['send', 'help'] },
] as const;

/** Typing in a field must never trigger a one-letter shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(type);
  }
  return el.getAttribute('role') === 'combobox';
}
