import { z } from 'zod';
import { idSchema } from './domain';

/**
 * Short-lived, single-purpose tickets for the two requests a browser makes without headers: an
 * <img> of an attachment and the live channel's EventSource. A ticket names its purpose and its
 * resource and lives a minute, so an address copied from a proxy's log opens nothing else and
 * soon nothing at all — unlike the access token that used to travel in these query strings.
 */
export const TICKET_PATH = '/auth/ticket';
export const TICKET_TTL_SECONDS = 60;

export const ticketRequestSchema = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('live') }),
  z.object({ purpose: z.literal('attachment'), resource: idSchema }),
]);
export type TicketRequest = z.infer<typeof ticketRequestSchema>;
export type TicketPurpose = TicketRequest['purpose'];

export const ticketResponseSchema = z.object({ ticket: z.string().min(1), expiresAt: z.string() });
export type TicketResponse = z.infer<typeof ticketResponseSchema>;

/** The resource a ticket is bound to ('' for the live channel, which is the caller's own). */
export function ticketResource(request: TicketRequest): string {
  return request.purpose === 'attachment' ? request.resource : '';
}
