import { useSession } from '../../state/session';
import type { SyncClient } from '../../sync';
import type { User } from '../../../shared/domain';

/** The running client and the logged-in user; only used under the ready workstation. */
export function useCurrent(): { client: SyncClient; user: User } {
  const client = useSession((s) => s.client);
  const session = useSession((s) => s.session);
  if (!client || !session) throw new Error('No session');
  return { client, user: session.user };
}
