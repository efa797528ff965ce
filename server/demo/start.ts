import type { FastifyInstance } from 'fastify';
import type { ChannelSecretSealer } from '../context';
import type { Db } from '../db/types';
import { connectDemoChannels, describeDemoChannels } from './channels';
import { DEMO_PATH, registerDemoPage } from './page';
import type { DemoChannelInfo, RunningDemoPlatform } from './platform';
import { startTelegramDemo } from './telegram';
import { startMaxDemo } from './max';
import { startVkDemo } from './vk';

/**
 * The demo region's channels (`npm start`): a Telegram bot, a VK community and a MAX bot of the
 * region's ministries, each wired to its platform's emulator on loopback, and the «Демо: написать как
 * житель» page. Started before the app is built (the page's routes must exist before it listens),
 * connected once the server's address is known.
 */
export class DemoChannels {
  private constructor(private readonly platforms: RunningDemoPlatform[]) {}

  static async start(): Promise<DemoChannels> {
    const started: RunningDemoPlatform[] = [];
    try {
      started.push(await startTelegramDemo());
      started.push(await startVkDemo());
      started.push(await startMaxDemo());
    } catch (e) {
      await Promise.all(started.map((p) => p.close()));
      throw e;
    }
    return new DemoChannels(started);
  }

  registerPage(app: FastifyInstance): void {
    registerDemoPage(app, this.platforms.flatMap((p) => [p, ...(p.pages ?? [])]));
  }

  /** Connects the channels to this server and says, in lines to print, what was connected. */
  async connect(db: Db, sealer: ChannelSecretSealer, serverUrl: string): Promise<{ channels: DemoChannelInfo[]; lines: string[] }> {
    const channels = await connectDemoChannels(db, sealer, serverUrl, this.platforms.map((p) => p.spec));
    channels.forEach((c, i) => this.platforms[i]!.connected(c.webhookUrl));
    return { channels, lines: describeDemoChannels(channels, `${serverUrl}${DEMO_PATH}`) };
  }

  async close(): Promise<void> {
    await Promise.all(this.platforms.map((p) => p.close()));
  }
}
