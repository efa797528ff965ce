import { randomBytes } from 'node:crypto';
import { MaxEmulator } from '../channels/max/emulator';
import type { DemoLine, RunningDemoPlatform } from './platform';

/**
 * The demo's MAX bot: the labour and social development ministry's, answering in dialogs; its
 * rating question comes with MAX's buttons. The ministry has one clerk in the demo region.
 */
export async function startMaxDemo(): Promise<RunningDemoPlatform> {
  const emulator = await new MaxEmulator().start();
  const webhookSecret = `demo_${randomBytes(18).toString('base64url')}`;
  let webhookUrl: string | null = null;
  // One dialog per citizen's name typed on the page; MAX gives a dialog a chat id of its own.
  const citizens = new Map<string, { userId: number; chatId: number }>();
  const person = (name: string) => {
    const known = citizens.get(name);
    if (known) return known;
    const n = citizens.size + 1;
    const created = { userId: 58_300_000 + n, chatId: 196_300_000 + n };
    citizens.set(name, created);
    return created;
  };
  /** What each person wrote, with when: the emulator keeps only the bot's side. */
  const written: Array<{ name: string; text: string; at: string }> = [];

  return {
    id: 'max',
    spec: {
      id: 'demo-max-mintrud',
      platform: 'max',
      name: 'MAX: бот Минтруда Адыгеи',
      bodyId: 'mintrud',
      settings: { apiBaseUrl: emulator.url },
      secrets: { accessToken: emulator.accessToken, webhookSecret },
      details: {
        'access token': emulator.accessToken,
        'secret (header X-Max-Bot-Api-Secret)': webhookSecret,
        'Bot API of the emulator': emulator.url,
      },
    },
    connected(url) {
      webhookUrl = url;
    },
    async write({ name, text }) {
      if (!webhookUrl) return 503;
      const { userId, chatId } = person(name);
      const [firstName = 'Житель', ...rest] = name.trim().split(/\s+/);
      written.push({ name, text, at: new Date().toISOString() });
      return emulator.deliver(emulator.messageCreated({ userId, chatId, text, firstName, ...(rest.length ? { lastName: rest.join(' ') } : {}) }), { url: webhookUrl, secret: webhookSecret });
    },
    // `messageId` is the bot's message's place in `sent` (MAX's mids are strings), `data` the button's label.
    async press({ name, messageId, data }) {
      const who = citizens.get(name);
      const msg = emulator.sent[messageId - 1];
      if (!webhookUrl || !who || !msg || msg.chatId !== who.chatId) return 404;
      const [firstName = 'Житель'] = name.trim().split(/\s+/);
      return emulator.deliver(emulator.messageCallback({ userId: who.userId, mid: msg.mid, label: data, firstName }), { url: webhookUrl, secret: webhookSecret });
    },
    conversation() {
      const lines: DemoLine[] = written.map((w) => ({ from: 'citizen', author: w.name, text: w.text, at: w.at }));
      emulator.sent.forEach((m, i) => {
        const name = [...citizens].find(([, c]) => c.chatId === m.chatId)?.[0];
        if (!name) return;
        lines.push({
          from: 'official',
          author: `Бот Минтруда → ${name}`,
          text: m.text,
          at: m.at,
          ...(m.buttons.length > 0 ? { buttons: m.buttons.map((row) => row.map((b) => ({ label: b.text, data: b.text }))), messageId: i + 1, citizen: name } : {}),
        });
      });
      lines.sort((a, b) => a.at.localeCompare(b.at));
      return {
        id: 'max',
        title: 'MAX: бот Минтруда Адыгеи',
        inputLabel: 'Сообщение боту',
        context: 'Диалог с ботом министерства труда в мессенджере MAX. Оценку ответа житель ставит кнопками MAX. Отвечает сотрудник министерства: mintrud.clerk1 (пароль demo).',
        lines,
      };
    },
    close: () => emulator.close(),
  };
}
