import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/domain';
import { canUseTemplate } from '../../../shared/templates';
import { useCurrent } from '../hooks/use-current';

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/** Templates whose title (first) or text has every typed word. */
export function matchTemplates(templates: readonly Template[], query: string): Template[] {
  const words = norm(query).split(/\s+/).filter(Boolean);
  const score = (t: Template) => {
    const title = norm(t.title);
    if (!words.every((w) => title.includes(w) || norm(t.body).includes(w))) return -1;
    return words.every((w) => title.includes(w)) ? 2 : 1;
  };
  return templates
    .map((t) => ({ t, s: score(t) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s || a.t.title.localeCompare(b.t.title, 'ru'))
    .map((x) => x.t);
}

/**
 * A combobox of reply templates, found by typing: ↓/↑ choose, Enter inserts, Escape closes.
 * The person's own templates are marked, shared ones too.
 */
export function TemplatePicker({ templates, onPick }: { templates: readonly Template[] | undefined; onPick: (template: Template) => void }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const usable = useMemo(() => (templates ?? []).filter((tpl) => canUseTemplate(user, tpl)), [templates, user]);
  const matches = useMemo(() => matchTemplates(usable, query), [usable, query]);
  const current = matches[Math.min(active, matches.length - 1)];
  const listId = `${id}-list`;
  const optionId = (tid: string) => `${id}-opt-${tid}`;

  const pick = (tpl: Template) => {
    onPick(tpl);
    setQuery('');
    setOpen(false);
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = matches.length;
      if (n > 0) setActive((i) => (Math.min(i, n - 1) + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      if (open && current) {
        e.preventDefault();
        pick(current);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="template-picker">
      <label htmlFor={id}>{t('composer.template')}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        data-shortcut="template"
        aria-keyshortcuts="t"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && current ? optionId(current.id) : undefined}
        placeholder={t('composer.templatePlaceholder')}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('composer.templatesFound')} className="template-list" hidden={!open}>
        {matches.length === 0 && open && (
          <li role="option" aria-selected={false} aria-disabled="true" className="hint">
            {t('composer.noTemplates')}
          </li>
        )}
        {matches.map((tpl) => (
          <li
            key={tpl.id}
            id={optionId(tpl.id)}
            role="option"
            aria-selected={tpl.id === current?.id}
            className={tpl.id === current?.id ? 'template-option is-active' : 'template-option'}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(tpl);
            }}
          >
            <span className="template-title">{tpl.title}</span>{' '}
            <span className="badge">{tpl.ownerId === null ? t('composer.templateShared') : t('composer.templateOwn')}</span>
            <span className="template-body">{tpl.body}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
