/**
 * What the delivery worker (server/delivery/) needs beyond 020-channels: the attempts a delivery
 * had when a clerk last pressed «Повторить» (each retry gets the whole retry budget again), the
 * open jobs of a channel (a dialog's messages go one at a time, in order), and the leases to
 * look at for a process that stopped mid-send.
 */
export const sql = /* sql */ `
ALTER TABLE deliveries ADD COLUMN budget_from int NOT NULL DEFAULT 0;
CREATE INDEX deliveries_open_by_channel ON deliveries (channel_id) WHERE state IN ('queued', 'sending');
CREATE INDEX deliveries_leased ON deliveries (locked_until) WHERE state = 'sending';
`;
