import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Body, BodyKind } from '../../../shared/bodies';
import { FORWARD_TARGET_MAX_LENGTH } from '../../../shared/clerk-actions';

/** The choice that is not a body of the region: an organisation named in words (a federal agency). */
const ELSEWHERE = '\u0000elsewhere';

const GROUPS: ReadonlyArray<{ key: string; kinds: readonly BodyKind[] }> = [
  { key: 'ministries', kinds: ['ministry', 'agency'] },
  { key: 'municipalities', kinds: ['municipality'] },
  { key: 'settlements', kinds: ['settlement'] },
];

/**
 * Where an appeal is forwarded: a body of the region's directory (the appeal then goes to that
 * body's queue for real), or, for an organisation outside the region's directory, its name in
 * words (the appeal leaves as «Перенаправлено» with that name in its history). `onChange` gets the
 * body's id or the typed name, and the name to show either way.
 */
export function ForwardTargetField({
  id,
  label,
  bodies,
  exclude,
  onChange,
}: {
  id: string;
  label: string;
  bodies: ReadonlyMap<string, Body>;
  /** The bodies the appeals are in now: forwarding there would go nowhere. */
  exclude: ReadonlySet<string>;
  onChange: (target: { value: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState('');
  const [typed, setTyped] = useState('');
  const groups = useMemo(
    () =>
      GROUPS.map((g) => ({
        key: g.key,
        bodies: [...bodies.values()].filter((b) => g.kinds.includes(b.kind) && !exclude.has(b.id) && b.disabled !== true),
      })).filter((g) => g.bodies.length > 0),
    [bodies, exclude],
  );

  const choose = (value: string) => {
    setChoice(value);
    if (value === ELSEWHERE) onChange({ value: typed.trim(), name: typed.trim() });
    else onChange({ value, name: bodies.get(value)?.name ?? '' });
  };

  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={choice} required autoFocus onChange={(e) => choose(e.target.value)}>
        <option value="">{t('forwardTarget.choose')}</option>
        {groups.map((g) => (
          <optgroup key={g.key} label={t(`forwardTarget.groups.${g.key}`)}>
            {g.bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </optgroup>
        ))}
        <option value={ELSEWHERE}>{t('forwardTarget.elsewhere')}</option>
      </select>
      {choice === ELSEWHERE && (
        <>
          <label htmlFor={`${id}-name`}>{t('forwardTarget.elsewhereName')}</label>
          <input
            id={`${id}-name`}
            value={typed}
            maxLength={FORWARD_TARGET_MAX_LENGTH}
            required
            autoFocus
            onChange={(e) => {
              setTyped(e.target.value);
              onChange({ value: e.target.value.trim(), name: e.target.value.trim() });
            }}
          />
        </>
      )}
      {choice !== '' && choice !== ELSEWHERE && <p className="hint">{t('forwardTarget.intoQueue')}</p>}
      {choice === ELSEWHERE && <p className="hint">{t('forwardTarget.outside')}</p>}
    </>
  );
}
