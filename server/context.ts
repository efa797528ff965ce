import type { AccessTokens } from './auth/tokens';
import type { BodyDirectory } from './body-directory';
import type { Db } from './db/types';
import type { LiveHub } from './live-hub';

/**
 * Seals a channel's tokens and secrets for the database and opens them again (AES-GCM with a key
 * from the environment: server/channels/secrets.ts). Absent, no secret can be stored.
 */
export interface ChannelSecretSealer {
  seal(secrets: Record<string, string>): Uint8Array;
  open(sealed: Uint8Array): Record<string, string>;
}

/** What every route needs, built once per app. */
export interface ServerContext {
  db: Db;
  tokens: AccessTokens;
  hub: LiveHub;
  bodies: BodyDirectory;
  /** Where an appeal goes when neither the source nor its settlement names a municipality. */
  defaultMunicipalityId: string;
  channelSecrets: ChannelSecretSealer | null;
}
