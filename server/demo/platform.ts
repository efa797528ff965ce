/**
 * One platform on the «Демо: написать как житель» page: a citizen writes through the platform's
 * emulator (which posts the platform's own webhook payload to our server, as the platform would),
 * and the page shows the conversation as the platform holds it, Otklik's answers included.
 */
export interface DemoLine {
  from: 'citizen' | 'official';
  author: string;
  text: string;
  at: string;
  /** An official message's buttons (Telegram's, VK's or MAX's inline keyboard), pressed as `citizen` on the page. */
  buttons?: Array<Array<{ label: string; data: string }>>;
  messageId?: number;
  /** The name typed on the page whose chat this line is in. */
  citizen?: string;
}

export interface DemoConversation {
  /** Stable: the page's element ids and the write route use it. */
  id: string;
  /** «Telegram: бот администрации Майкопа», in Russian. */
  title: string;
  /** What the citizen's text is on this platform: «Сообщение боту», «Комментарий к записи». */
  inputLabel: string;
  /** The post a comment goes under, where there is one. */
  context: string | null;
  lines: DemoLine[];
}

export interface DemoPlatform {
  id: string;
  /** Sends the citizen's message as the platform would; resolves with our server's HTTP status. */
  write(input: { name: string; text: string }): Promise<number>;
  /** Presses a button of an official message, as the citizen `name` (platforms with buttons). */
  press?(input: { name: string; messageId: number; data: string }): Promise<number>;
  conversation(): DemoConversation;
}

/** A demo channel as `npm start` prints it, for anyone who wants to post the platform's payloads by hand. */
export interface DemoChannelInfo {
  platform: string;
  channelId: string;
  bodyName: string;
  webhookUrl: string;
  /** Secrets and ids to print: the webhook secret, VK's group id and confirmation code. */
  details: Record<string, string>;
}

/** A demo platform whose emulator is running: the channel to connect, and where to send to once connected. */
export interface RunningDemoPlatform extends DemoPlatform {
  spec: import('./channels').DemoChannelSpec;
  /** The channel is connected: the emulator posts the citizen's messages to this webhook. */
  connected(webhookUrl: string): void;
  /** More panels through the same channel (VK: the community's messages beside its wall). */
  pages?: DemoPlatform[];
  close(): Promise<void>;
}
