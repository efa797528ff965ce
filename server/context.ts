import type { ApprovalPolicy } from '../shared/approval';
import type { AccessTokens } from './auth/tokens';
import type { BodyDirectory } from './body-directory';
import type { Db } from './db/types';
import type { LiveHub } from './live-hub';

/** What every route needs, built once per app. */
export interface ServerContext {
  db: Db;
  tokens: AccessTokens;
  hub: LiveHub;
  bodies: BodyDirectory;
  approvalPolicy: ApprovalPolicy;
  /** Where an appeal goes when neither the source nor its settlement names a municipality. */
  defaultMunicipalityId: string;
}
