import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { proseText } from '../../shared/text';
import { ApiError, parseOr400 } from '../errors';
import type { DemoPlatform } from './platform';

/** The demo's own paths: outside /api, so nobody mistakes them for the product's API. */
export const DEMO_PATH = '/demo';

const writeSchema = z.object({ name: proseText(1, 100), text: proseText(1, 4000) });
const pressSchema = z.object({ name: proseText(1, 100), messageId: z.number().int().positive(), data: z.string().min(1).max(64) });

/**
 * «Демо: написать как житель» (`npm start` only): a page where a newcomer writes a Telegram
 * message or a VK comment through the platform emulators and watches Otklik's answer come back.
 * The page's script is a file of its own, as the workstation's CSP allows no inline script.
 */
export function registerDemoPage(app: FastifyInstance, platforms: readonly DemoPlatform[]): void {
  app.get(DEMO_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  app.get(`${DEMO_PATH}/demo.js`, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(SCRIPT));
  app.get(`${DEMO_PATH}/conversations`, async () => ({ conversations: platforms.map((p) => p.conversation()) }));
  app.post(`${DEMO_PATH}/write/:id`, async (request) => {
    const { id } = parseOr400(z.object({ id: z.string().max(40) }), request.params);
    const platform = platforms.find((p) => p.id === id);
    if (!platform) throw new ApiError(404, 'not_found', 'No such demo platform');
    const input = parseOr400(writeSchema, request.body);
    const status = await platform.write(input);
    return { delivered: status >= 200 && status < 300, status };
  });
  app.post(`${DEMO_PATH}/press/:id`, async (request) => {
    const { id } = parseOr400(z.object({ id: z.string().max(40) }), request.params);
    const platform = platforms.find((p) => p.id === id);
    if (!platform?.press) throw new ApiError(404, 'not_found', 'No such demo platform with buttons');
    const status = await platform.press(parseOr400(pressSchema, request.body));
    return { delivered: status >= 200 && status < 300, status };
  });
}

const PAGE = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Демо: написать как житель — Отклик</title>
<style>
  body { font: 16px/1.45 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2430; }
  header, main { max-width: 1100px; margin: 0 auto; padding: 16px 20px; }
  h1 { font-size: 1.5rem; margin: 0 0 4px; }
  .lead { margin: 0; color: #3b4656; }
  main { display: grid; gap: 20px; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
  section { background: #fff; border: 1px solid #d5d9e0; border-radius: 8px; padding: 16px; display: flex; flex-direction: column; }
  h2 { font-size: 1.15rem; margin: 0 0 8px; }
  .context { background: #eef2f8; border-radius: 6px; padding: 8px 10px; margin: 0 0 8px; }
  ol { list-style: none; margin: 0 0 12px; padding: 0; min-height: 160px; max-height: 360px; overflow-y: auto; border: 1px solid #e3e6eb; border-radius: 6px; }
  li { padding: 8px 10px; border-bottom: 1px solid #eef0f3; white-space: pre-wrap; }
  li.official { background: #eaf6ee; }
  .who { font-weight: 600; display: block; }
  label { display: block; font-weight: 600; margin: 8px 0 4px; }
  input, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 6px 8px; border: 1px solid #9aa4b2; border-radius: 4px; }
  button { margin-top: 10px; font: inherit; padding: 8px 14px; border-radius: 4px; border: 1px solid #1f5fbf; background: #1f5fbf; color: #fff; cursor: pointer; }
  .status { min-height: 1.4em; margin: 6px 0 0; color: #3b4656; }
  .empty { color: #6b7583; }
  .buttons { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  .buttons button { margin-top: 0; padding: 4px 10px; background: #fff; color: #1f5fbf; }
</style>
<script type="module" src="${DEMO_PATH}/demo.js"></script>
</head>
<body>
<header>
  <h1>Демо: написать как житель</h1>
  <p class="lead">Напишите от имени жителя — сообщение уйдёт в эмулятор платформы, а оттуда, в формате самой платформы,
  на сервер «Отклика». Обращение появится в очереди сотрудника; его ответ вернётся сюда. Войти как сотрудник можно
  в <a href="/">рабочем месте</a> (логины выводятся при запуске, пароль demo).</p>
</header>
<main id="platforms"><p>Загрузка…</p></main>
</body>
</html>`;

// Plain DOM, no framework: the page must work as it is served, and text is set as text, never HTML.
const SCRIPT = `const base = '${DEMO_PATH}';
const root = document.getElementById('platforms');
const drawn = new Map();

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function panel(c) {
  const section = el('section', { 'aria-labelledby': 'h-' + c.id, 'data-platform': c.id });
  section.append(el('h2', { id: 'h-' + c.id }, c.title));
  const context = el('p', { class: 'context' });
  section.append(context);
  const list = el('ol', { 'aria-label': 'Переписка: ' + c.title, 'aria-live': 'polite', tabindex: '0' });
  section.append(list);
  const form = el('form', { 'aria-label': 'Написать: ' + c.title });
  form.append(el('label', { for: 'name-' + c.id }, 'Имя жителя'));
  const name = el('input', { id: 'name-' + c.id, value: 'Мариет Хуажева', maxlength: '100', autocomplete: 'off' });
  form.append(name);
  form.append(el('label', { for: 'text-' + c.id }, c.inputLabel));
  const text = el('textarea', { id: 'text-' + c.id, rows: '3', maxlength: '4000' });
  form.append(text);
  const button = el('button', { type: 'submit' }, 'Отправить');
  form.append(button);
  const status = el('p', { class: 'status', role: 'status' });
  form.append(status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { status.textContent = 'Напишите текст сообщения.'; return; }
    button.disabled = true;
    status.textContent = 'Отправляется…';
    try {
      const res = await fetch(base + '/write/' + encodeURIComponent(c.id), {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: name.value, text: text.value }),
      });
      const body = await res.json();
      if (res.ok && body.delivered) { text.value = ''; status.textContent = 'Отправлено: сервер «Отклика» принял сообщение.'; }
      else status.textContent = 'Не отправлено (' + (body.status || res.status) + '). Текст сохранён в поле.';
    } catch {
      status.textContent = 'Нет связи с сервером. Текст сохранён в поле.';
    } finally {
      button.disabled = false;
      refresh();
    }
  });
  section.append(form);
  root.append(section);
  return { section, context, list };
}

function draw(c) {
  if (root.querySelector('p:only-child')) root.textContent = '';
  const p = drawn.get(c.id) || drawn.set(c.id, panel(c)).get(c.id);
  p.context.hidden = !c.context;
  p.context.textContent = c.context || '';
  const key = JSON.stringify(c.lines);
  if (p.list.dataset.key === key) return;
  p.list.dataset.key = key;
  p.list.textContent = '';
  if (c.lines.length === 0) p.list.append(el('li', { class: 'empty' }, 'Пока ничего не написано.'));
  for (const line of c.lines) {
    const item = el('li', { class: line.from });
    item.append(el('span', { class: 'who' }, line.author + ' · ' + new Date(line.at).toLocaleTimeString('ru-RU')));
    item.append(document.createTextNode(line.text));
    if (line.buttons) {
      const group = el('div', { class: 'buttons', role: 'group', 'aria-label': 'Кнопки сообщения' });
      for (const row of line.buttons) for (const b of row) {
        const press = el('button', { type: 'button' }, b.label);
        press.addEventListener('click', async () => {
          press.disabled = true;
          try {
            await fetch(base + '/press/' + encodeURIComponent(c.id), {
              method: 'POST', headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: line.citizen, messageId: line.messageId, data: b.data }),
            });
          } finally {
            refresh();
          }
        });
        group.append(press);
      }
      item.append(group);
    }
    p.list.append(item);
  }
  p.list.scrollTop = p.list.scrollHeight;
}

async function refresh() {
  try {
    const res = await fetch(base + '/conversations');
    const { conversations } = await res.json();
    conversations.forEach(draw);
  } catch {
    // the server is restarting; the next tick tries again
  }
}

refresh();
setInterval(refresh, 1000);
`;
