import { randomBytes } from 'node:crypto';
import { TelegramEmulator } from '../channels/telegram/emulator';
import type { DemoLine, RunningDemoPlatform } from './platform';

/**
 * The demo's Telegram bot: the health ministry's, answering in private chats. A ministry has one
 * clerk in the demo region, so the page can say who answers (and the e2e test knows whose queue).
 */
export async function startTelegramDemo(): Promise<RunningDemoPlatform> {
  const emulator = await new TelegramEmulator().start();
  // A new secret each start: the channel's secrets are written again at each start anyway.
  const webhookSecret = randomBytes(24).toString('base64url');
  let webhookUrl: string | null = null;
  // One private chat per citizen's name typed on the page.
  const citizens = new Map<string, number>();
  const userId = (name: string) => citizens.get(name) ?? citizens.set(name, 5_100_000 + citizens.size + 1).get(name)!;

  return {
    id: 'telegram',
    spec: {
      id: 'demo-telegram-minzdrav',
      platform: 'telegram',
      name: 'Telegram: бот Минздрава Адыгеи',
      bodyId: 'minzdrav',
      settings: { apiBaseUrl: emulator.url, botUsername: emulator.bot.username },
      secrets: { botToken: emulator.botToken, webhookSecret },
      details: {
        'bot token': emulator.botToken,
        'secret_token (header X-Telegram-Bot-Api-Secret-Token)': webhookSecret,
        'Bot API of the emulator': emulator.url,
      },
    },
    connected(url) {
      webhookUrl = url;
    },
    async write({ name, text }) {
      if (!webhookUrl) return 503;
      const [firstName = 'Житель', ...rest] = name.trim().split(/\s+/);
      const update = emulator.citizenWrites({ userId: userId(name), firstName, ...(rest.length ? { lastName: rest.join(' ') } : {}), text });
      const statuses = await emulator.deliver(update, { url: webhookUrl, secret: webhookSecret });
      return statuses.at(-1) ?? 0;
    },
    async press({ name, messageId, data }) {
      const id = citizens.get(name);
      if (!webhookUrl || id === undefined) return 404;
      const [firstName = 'Житель'] = name.trim().split(/\s+/);
      const update = emulator.citizenPresses({ userId: id, firstName, messageId, data });
      const statuses = await emulator.deliver(update, { url: webhookUrl, secret: webhookSecret });
      return statuses.at(-1) ?? 0;
    },
    conversation() {
      const lines: DemoLine[] = [];
      for (const [name, id] of citizens) {
        for (const l of emulator.chat(id)) {
          lines.push({
            from: l.from === 'bot' ? 'official' : 'citizen',
            author: l.from === 'bot' ? `Бот @${emulator.bot.username} → ${name}` : name,
            text: l.document ? `📎 Файл «${l.document.filename}» (${Math.max(1, Math.round(l.document.bytes.length / 1024))} КБ)${l.text ? `: ${l.text}` : ''}` : l.text,
            at: new Date(l.at).toISOString(),
            ...(l.buttons ? { buttons: l.buttons.map((row) => row.map((b) => ({ label: b.text, data: b.data }))), messageId: l.messageId, citizen: name } : {}),
          });
        }
      }
      lines.sort((a, b) => a.at.localeCompare(b.at));
      return {
        id: 'telegram',
        title: 'Telegram: бот Минздрава Адыгеи',
        inputLabel: 'Сообщение боту',
        context: 'Личный чат с ботом министерства здравоохранения. Отвечает сотрудник министерства: в рабочем месте войдите как minzdrav.clerk1 (пароль demo).',
        lines,
      };
    },
    close: () => emulator.close(),
  };
}
