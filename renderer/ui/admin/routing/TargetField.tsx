import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Body, BodyKind } from '../../../../shared/bodies';
import type { RuleTarget } from '../../../../shared/routing-rules';

const GROUPS: ReadonlyArray<{ key: string; kinds: readonly BodyKind[] }> = [
  { key: 'cur', kinds: ['cur'] },
  { key: 'ministries', kinds: ['ministry', 'agency'] },
  { key: 'municipalities', kinds: ['municipality'] },
  { key: 'settlements', kinds: ['settlement'] },
];

const DYNAMIC: ReadonlyArray<Exclude<RuleTarget['kind'], 'body'>> = ['settlement-municipality', 'settlement-administration', 'channel-body'];

/**
 * «Куда направлять»: a body of the directory (a select grouped by kind, as in a forward) or one of
 * the targets decided per appeal. Choosing a body in the select picks the «body» option too, so
 * a keyboard user does not have to go back to the radio.
 */
export function TargetField({
  kind,
  bodyId,
  bodies,
  onChange,
}: {
  kind: RuleTarget['kind'];
  bodyId: string;
  bodies: ReadonlyMap<string, Body>;
  onChange(next: { kind: RuleTarget['kind']; bodyId: string }): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const groups = useMemo(
    () => GROUPS.map((g) => ({ key: g.key, bodies: [...bodies.values()].filter((b) => g.kinds.includes(b.kind)) })).filter((g) => g.bodies.length > 0),
    [bodies],
  );
  return (
    <fieldset className="rt-target">
      <legend>{t('admin.routing.form.target')}</legend>
      <div className="rt-target-body">
        <label htmlFor={`${id}-body-kind`} className="rt-check">
          <input id={`${id}-body-kind`} type="radio" name={`${id}-kind`} checked={kind === 'body'} onChange={() => onChange({ kind: 'body', bodyId })} />
          {t('admin.routing.form.targets.body')}
        </label>
        <label htmlFor={`${id}-body`} className="sr-live">
          {t('admin.routing.form.body')}
        </label>
        <select id={`${id}-body`} value={bodyId} onChange={(e) => onChange({ kind: 'body', bodyId: e.target.value })}>
          <option value="">{t('admin.routing.form.chooseBody')}</option>
          {groups.map((g) => (
            <optgroup key={g.key} label={t(`admin.routing.groups.${g.key}`)}>
              {g.bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {DYNAMIC.map((k) => (
        <label key={k} htmlFor={`${id}-${k}`} className="rt-check">
          <input id={`${id}-${k}`} type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => onChange({ kind: k, bodyId })} />
          {t(`admin.routing.form.targets.${k}`)}
        </label>
      ))}
    </fieldset>
  );
}
