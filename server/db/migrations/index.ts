import { sql as init } from './001-init';
import { sql as attachments } from './010-attachments';
import { sql as channels } from './020-channels';
import { sql as open311 } from './021-open311';
import { sql as adminAudit } from './030-admin-audit';
import { sql as exchange } from './031-exchange';
import { sql as bodies } from './040-bodies';
import { sql as routingRules } from './041-routing-rules';
import { sql as followers } from './042-appeal-followers';
import { sql as sessions } from './050-sessions';
import { sql as deliveryWorker } from './060-delivery-worker';
import { sql as integrationTokens } from './070-integration-tokens';
import { sql as bodyAdmin } from './100-body-admin';
import { sql as chatbots } from './130-chatbots';
import { sql as publications } from './140-publications';
import { sql as citizenRatings } from './160-citizen-ratings';
import { sql as appealCitizenRating } from './170-appeal-citizen-rating';
import { sql as problems } from './180-problems';
import { sql as posts } from './190-posts';
import { sql as botFiles } from './200-bot-files';
import { sql as threadDocs } from './210-thread-docs';
import { sql as rowDocs } from './211-row-docs';
import { sql as threadFrames } from './212-thread-frames';

/** Applied in order, each once; ids are recorded in schema_migrations. Append, never edit. */
export const MIGRATIONS: ReadonlyArray<{ id: string; sql: string }> = [
  { id: '001-init', sql: init },
  { id: '010-attachments', sql: attachments },
  { id: '020-channels', sql: channels },
  { id: '021-open311', sql: open311 },
  { id: '030-admin-audit', sql: adminAudit },
  { id: '031-exchange', sql: exchange },
  { id: '040-bodies', sql: bodies },
  { id: '041-routing-rules', sql: routingRules },
  { id: '042-appeal-followers', sql: followers },
  { id: '050-sessions', sql: sessions },
  { id: '060-delivery-worker', sql: deliveryWorker },
  { id: '070-integration-tokens', sql: integrationTokens },
  { id: '100-body-admin', sql: bodyAdmin },
  { id: '130-chatbots', sql: chatbots },
  { id: '140-publications', sql: publications },
  { id: '160-citizen-ratings', sql: citizenRatings },
  { id: '170-appeal-citizen-rating', sql: appealCitizenRating },
  { id: '180-problems', sql: problems },
  { id: '190-posts', sql: posts },
  { id: '200-bot-files', sql: botFiles },
  { id: '210-thread-docs', sql: threadDocs },
  { id: '211-row-docs', sql: rowDocs },
  { id: '212-thread-frames', sql: threadFrames },
];
