import { expect, test } from '@playwright/test';
import { intake, login } from './support/api';
import { adminCall, openConsole } from './support/admin';
import { expectAccessible } from './support/clerk-day';
import { loginAs } from './support/workstation';

/**
 * «Маршрутизация»: an administrator adds a rule, puts it first, sees with «Проверить» where a
 * text goes, and intake then routes a real appeal by it; the rule is switched off and deleted.
 * The rule is deleted at the end whatever happens: intake in later tests must not meet it.
 */

const RULE = 'Лекарства → Минздрав';
const MINZDRAV = 'Министерство здравоохранения Республики Адыгея';

test('an administrator routes medicine appeals to the health ministry by a rule, checks it, and deletes it', async ({ page, context }) => {
  test.setTimeout(120_000);
  try {
    await loginAs(page, 'admin');
    await openConsole(page, 'Маршрутизация');
    const rows = page.getByRole('table').getByRole('row');
    const row = page.getByRole('row', { name: new RegExp(RULE) });
    // The demo region's rules are listed in order, in words.
    await expect(page.getByRole('row', { name: /Здравоохранение — Минздрав РА/ })).toContainText('сфера: Здравоохранение; кроме: дорог, освещени');

    const form = page.getByRole('form', { name: 'Новое правило' });
    // Refused on the spot, in Russian, with what was typed kept.
    await form.getByLabel('Слова в тексте').fill('лекарств, инсулин');
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    await expect(form.getByRole('alert')).toHaveText('Укажите название правила (не длиннее 200 знаков). Выберите орган, куда направлять обращения.');
    await expect(form.getByLabel('Слова в тексте')).toHaveValue('лекарств, инсулин');
    await form.getByLabel('Название').fill(RULE);
    await form.getByLabel('Орган', { exact: true }).selectOption({ label: MINZDRAV });
    await expect(form.getByRole('radio', { name: 'В орган из справочника' })).toBeChecked();
    // The server out of reach: said so, and the rule stays in the form to send again.
    await context.setOffline(true);
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    await expect(form.getByRole('alert')).toHaveText('Нет связи с сервером. Разделы администрирования работают только при подключении.');
    await expect(form.getByLabel('Название')).toHaveValue(RULE);
    await expect(form.getByLabel('Орган', { exact: true })).toHaveValue('minzdrav');
    await context.setOffline(false);
    await form.getByRole('button', { name: 'Добавить правило' }).click();
    await expect(page.getByText(`Правило «${RULE}» добавлено последним в списке.`)).toBeVisible();
    await expect(form.getByLabel('Название')).toHaveValue('');
    await expect(row).toContainText('слова: лекарств, инсулин');
    await expect(row).toContainText(MINZDRAV);
    await expect(row).toContainText('действует');
    await expect(rows.last()).toHaveAttribute('data-rule-id', /.+/);
    await expect(rows.last()).toContainText(RULE);

    // Up to the top from the keyboard: focus stays on «Выше» as the rule climbs.
    const up = row.getByRole('button', { name: `Поднять правило «${RULE}» выше` });
    await up.focus();
    for (const place of [3, 2, 1]) {
      await page.keyboard.press('Enter');
      await expect(page.getByText(`Правило «${RULE}» теперь ${place}-е по порядку.`)).toBeVisible();
      if (place > 1) await expect(up).toBeFocused();
    }
    await expect(rows.nth(1)).toContainText(RULE);
    await expect(up).toBeDisabled();

    // «Проверить»: a text about insulin in Майкоп goes to the ministry by this rule.
    const check = page.getByRole('form', { name: 'Проверить' });
    const text = 'В аптеке Майкопа третью неделю нет инсулина по льготному рецепту';
    await check.getByLabel('Текст обращения').fill(text);
    await check.getByLabel('Населённый пункт').fill('Майкоп');
    await check.getByLabel('Источник').selectOption({ label: 'ВКонтакте' });
    await check.getByRole('button', { name: 'Проверить' }).click();
    const result = check.getByRole('status');
    await expect(result).toContainText(`Обращение уйдёт в: ${MINZDRAV}`);
    await expect(result).toContainText(`по правилу «${RULE}»`);
    await expect(result).toContainText('Сфера: Здравоохранение');
    await expectAccessible(page, 'the routing screen');

    // Intake routes such an appeal to the ministry, even from Майкоп's own page (which without
    // this rule, placed first, would keep it in Майкоп).
    const filed = await intake({
      source: 'vk',
      externalRef: `https://vk.com/wall-1_insulin${Date.now()}`,
      author: { name: 'Зарема Хуаде' },
      text,
      municipalityId: 'maykop',
    });
    expect(filed.municipalityId).toBe('minzdrav');

    // Switched off through «Изменить»: the demo region's health rule decides the same text again.
    await row.getByRole('button', { name: `Изменить правило «${RULE}»` }).click();
    const edit = page.getByRole('form', { name: `Изменить правило «${RULE}»` });
    await expect(edit.getByLabel('Название')).toBeFocused();
    await expect(edit.getByLabel('Слова в тексте')).toHaveValue('лекарств, инсулин');
    await edit.getByLabel('Правило действует').uncheck();
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByText(`Правило «${RULE}» сохранено.`)).toBeVisible();
    await expect(row).toContainText('выключено');
    await expect(row.getByRole('button', { name: `Изменить правило «${RULE}»` })).toBeFocused();
    await check.getByRole('button', { name: 'Проверить' }).click();
    await expect(result).toContainText('по правилу «Здравоохранение — Минздрав РА');

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: `Удалить правило «${RULE}»` }).click();
    await expect(page.getByText(`Правило «${RULE}» удалено.`)).toBeVisible();
    await expect(row).toHaveCount(0);

    // Each change is in the audit log.
    await openConsole(page, 'Журнал действий');
    for (const action of ['Создано', 'Изменено', 'Удалено']) {
      await expect(page.getByRole('cell', { name: `${action} правило маршрутизации ${RULE}`, exact: false }).first()).toBeVisible();
    }
  } finally {
    const admin = await login('admin');
    const { rules } = await adminCall<{ rules: { id: string; name: string }[] }>(admin, 'GET', '/routing-rules');
    for (const r of rules.filter((x) => x.name === RULE)) await adminCall(admin, 'DELETE', `/routing-rules/${r.id}`);
  }
});
