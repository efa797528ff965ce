import { expect, test } from '@playwright/test';
import { BASE_URL, login, snapshot } from './support/api';
import { PNG_1X1, giveAppeals, openAppeal, openAppealId, shownIds } from './support/clerk-day';
import { loginAs, pending, queue, waitForSynced } from './support/workstation';

/** The appeal in full, and the composer: what a clerk reads before answering, and how they answer. */

async function openById(page: import('@playwright/test').Page, id: string) {
  await page.keyboard.press('7');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill('');
  await page.keyboard.press('Escape');
  await expect(queue(page)).toBeFocused();
  // After a reload «Все в моём МО» is ready only once the whole replica has been read; End on a
  // list still loading has nothing to go to.
  await expect(queue(page)).toHaveAttribute('aria-busy', 'false');
  // The newest appeals are due last: the end of the deadline-sorted list.
  await page.keyboard.press('End');
  await expect.poll(() => shownIds(page)).toContain(id);
  await page.locator(`[data-appeal-id="${id}"]`).click();
  await expect.poll(() => openAppealId(page)).toBe(id);
}

test('an appeal in full: source, thread, deadlines in working time, related appeals, history; forward and clarify', async ({ page }) => {
  const username = 'adygeysk.clerk1';
  const [first, second] = await giveAppeals(username, [
    { text: 'У дома течёт крыша, вода в подъезде', author: 'Тимур Ачмизов', address: 'ул. Чуц, д. 7' },
    { text: 'Крышу так и не починили, снова потоп', author: 'Тимур Ачмизов', address: 'ул. Чуц, д. 7' },
  ]);
  await loginAs(page, username);
  await waitForSynced(page);
  await openById(page, second!);
  const article = openAppeal(page);

  await expect(article.getByText('ВКонтакте').first()).toBeVisible();
  await expect(article.getByRole('button', { name: 'Открыть обсуждение в источнике' })).toBeVisible();
  await expect(article.getByText(/осталось \d+ ч \d+ мин рабочего времени/).first()).toBeVisible();
  const related = article.getByRole('region', { name: 'Связанные обращения' });
  await expect(related.getByText('тот же автор, то же место')).toBeVisible();
  await expect(article.getByRole('region', { name: 'История' }).getByText('Назначен исполнитель')).toBeVisible();

  // Related: the earlier appeal opens from here.
  await related.getByRole('button', { name: /Открыть обращение от Тимур Ачмизов/ }).click();
  await expect.poll(() => openAppealId(page)).toBe(first);

  // Take it in work (s focuses the status), then ask the citizen for details.
  await page.keyboard.press('s');
  await expect(page.getByLabel('Статус', { exact: true })).toBeFocused();
  await page.getByLabel('Статус', { exact: true }).selectOption({ label: 'В работе' });
  await page.getByRole('button', { name: 'Запросить уточнение у гражданина' }).click();
  await page.getByLabel('Вопрос гражданину').fill('Уточните, пожалуйста, номер квартиры.');
  await page.getByRole('button', { name: 'Запросить уточнение', exact: true }).click();
  await expect(article.getByText('Уточнение').first()).toBeVisible();

  // The other one goes to another body, with the reason.
  await openById(page, second!);
  await page.getByLabel('Статус', { exact: true }).selectOption({ label: 'В работе' });
  await page.getByRole('button', { name: 'Перенаправить в другой орган' }).click();
  // An organisation outside the region's directory is named in words.
  await page.getByLabel('Куда (орган, организация)').selectOption({ label: 'Другая организация (не из справочника региона)…' });
  await page.getByLabel('Название организации').fill('Государственная жилищная инспекция');
  await page.getByLabel('Причина перенаправления').fill('Контроль за управляющими компаниями — компетенция инспекции');
  await page.getByRole('button', { name: 'Перенаправить', exact: true }).click();
  await expect(article.getByRole('region', { name: 'История' }).getByText(/Перенаправлено в другой орган: Государственная жилищная инспекция/)).toBeVisible();

  const me = await login(username);
  await expect.poll(async () => {
    const a = (await snapshot(me)).appeals;
    return [a.get(first!)!.status, a.get(second!)!.status];
  }, { timeout: 15_000 }).toEqual(['clarification', 'forwarded']);
});

test('the composer: channel limit, preview, spell-check, files kept and uploaded, a template of my own', async ({ page }) => {
  const username = 'shovgenovsky.clerk1';
  const [id] = await giveAppeals(username, [{ text: 'Сломана скамейка в сквере у администрации', author: 'Дина Хуажева' }]);
  await loginAs(page, username);
  await waitForSynced(page);
  await openById(page, id!);
  const reply = page.getByLabel('Ответ гражданину');
  await expect(reply).toHaveAttribute('spellcheck', 'true');
  await expect(reply).toHaveAttribute('lang', 'ru');

  await reply.fill('Здравствуйте! Скамейку заменят на этой неделе.');
  await expect(page.getByText('46 из 9000 символов (ВКонтакте)')).toBeVisible();
  const preview = page.locator('.preview-card');
  await expect(preview).toContainText('Скамейку заменят на этой неделе.');
  await expect(preview).toContainText('Дина Хуажева');

  await reply.fill('а'.repeat(9005));
  await expect(page.getByText(/Превышен лимит канала «ВКонтакте»: 9005 из 9000/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Отправить ответ' })).toBeDisabled();

  // Files: a photo is kept; a text file is refused at once, in words.
  const files = page.getByLabel('Приложить файлы');
  await files.setInputFiles({ name: 'скамейка.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await expect(page.getByRole('button', { name: 'Убрать скамейка.png' })).toBeVisible();
  await files.setInputFiles({ name: 'заметки.txt', mimeType: 'text/plain', buffer: Buffer.from('текст') });
  await expect(page.getByRole('alert')).toContainText('Файл «заметки.txt» нельзя приложить');

  // The draft (text and files) survives a reload.
  await reply.fill('Здравствуйте! Скамейку заменили, фото прилагаем.');
  await reply.blur();
  await page.reload();
  await openById(page, id!);
  await expect(page.getByLabel('Ответ гражданину')).toHaveValue('Здравствуйте! Скамейку заменили, фото прилагаем.');
  await expect(page.getByRole('button', { name: 'Убрать скамейка.png' })).toBeVisible();

  // A template of my own from what I wrote.
  await page.getByRole('button', { name: 'Мои шаблоны' }).click();
  await page.getByLabel('Название шаблона').fill('Скамейка заменена');
  await page.getByRole('button', { name: 'Сохранить как шаблон' }).click();
  await page.getByRole('combobox', { name: 'Шаблон ответа' }).fill('скамейка');
  await expect(page.getByRole('option', { name: /Скамейка заменена/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByLabel('Ответ гражданину').focus();
  await page.keyboard.press('Control+Enter');
  await expect(pending(page, 0)).toBeVisible({ timeout: 15_000 });
  const me = await login(username);
  await expect.poll(async () => [...(await snapshot(me)).replies.values()].find((r) => r.appealId === id)?.state, { timeout: 15_000 }).toBe('published');
  const sent = [...(await snapshot(me)).replies.values()].find((r) => r.appealId === id) as unknown as { attachments: { id: string; url: string }[] };
  expect(sent.attachments).toHaveLength(1);
  await expect.poll(async () => (await fetch(`${BASE_URL}${sent.attachments[0]!.url}`, { headers: { authorization: `Bearer ${me.token}` } })).status, { timeout: 15_000 }).toBe(200);

  // The photo opens in the viewer, from the server.
  await page.getByRole('region', { name: 'Ответы' }).getByRole('button', { name: /Открыть скамейка.png/ }).click();
  const viewer = page.getByRole('dialog', { name: /Просмотр вложения/ });
  await expect(viewer.getByRole('img', { name: 'скамейка.png' })).toBeVisible();
  await expect.poll(() => viewer.getByRole('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
  // Loaded with a one-minute ticket for this file, never the access token in the address.
  expect(await viewer.getByRole('img').getAttribute('src')).toMatch(/\/api\/v1\/attachments\/[^?]+\?ticket=[^&]+$/);
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});

test('where the region asks for approval, the reply goes «На согласование»', async ({ page }) => {
  const username = 'giaginsky.clerk1';
  const [id] = await giveAppeals(username, [{ text: 'Когда отремонтируют дорогу на улице Красной?' }]);
  await loginAs(page, username);
  await waitForSynced(page);
  await openById(page, id!);
  const submit = page.getByRole('button', { name: 'На согласование' });
  await expect(submit).toBeVisible();
  await page.getByLabel('Ответ гражданину').fill('Ремонт дороги включён в план на май.');
  await submit.click();
  await expect(page.getByText('Ответ отправлен на согласование.')).toBeVisible();
  await expect(pending(page, 0)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Ответы' }).getByText('Отправлен', { exact: true })).toBeVisible();
  await expect.poll(async () => Number(((await page.getByRole('button', { name: /^На согласовании \d+$/ }).textContent()) ?? '').replace(/\D/g, ''))).toBeGreaterThan(0);
});

test('a new assignment shows in the bell and on the desktop', async ({ page }) => {
  const username = 'maykopsky.clerk2';
  await page.addInitScript(() => {
    // The browser's Notification, recorded: the desktop notification of browser mode.
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  });
  await loginAs(page, username);
  await waitForSynced(page);
  const bell = page.getByRole('button', { name: /^Уведомления \(\d+\)$/ });
  const before = Number(((await bell.textContent()) ?? '').replace(/\D/g, ''));
  const [id] = await giveAppeals(username, [{ text: 'Нет света на улице Садовой в станице', author: 'Олег Дзыбов' }]);
  await expect(page.getByRole('button', { name: `Уведомления (${before + 1})` })).toBeVisible({ timeout: 10_000 });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications.map((n) => n.title)))
    .toContain('Новое обращение');
  await page.getByRole('button', { name: `Уведомления (${before + 1})` }).click();
  const panel = page.getByRole('region', { name: 'Уведомления' });
  await expect(panel.getByText('Олег Дзыбов: Нет света на улице Садовой в станице')).toBeVisible();
  await panel.getByRole('listitem').filter({ hasText: 'Олег Дзыбов' }).getByRole('button', { name: 'Открыть' }).click();
  await expect.poll(() => openAppealId(page)).toBe(id);
});
