import { useEffect, useState } from 'react';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../shared/approval';
import { API_PREFIX } from '../../shared/protocol';
import { getMeta, setMeta } from '../db/meta';
import type { SyncClient } from '../sync';

const KEY = 'approvalPolicy';

function isPolicy(value: unknown): value is ApprovalPolicy {
  const rules = (value as ApprovalPolicy | null)?.rules;
  return typeof rules === 'object' && rules !== null && Object.values(rules).every(Array.isArray);
}

/** Asks the server for the region's approval rules and keeps them for days offline. */
export async function refreshApprovalPolicy(client: SyncClient): Promise<ApprovalPolicy | null> {
  try {
    const body = await client.auth.call(async (token) => {
      const res = await fetch(`${client.api.serverUrl}${API_PREFIX}/policy/approval`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as unknown;
    });
    if (!isPolicy(body)) return null;
    await setMeta(client.db, KEY, body);
    return body;
  } catch {
    return null; // offline: the kept policy stands
  }
}

/** The approval policy the composer follows: the kept one at once, the server's when it answers. */
export function useApprovalPolicy(client: SyncClient): ApprovalPolicy {
  const [policy, setPolicy] = useState<ApprovalPolicy>(DEFAULT_APPROVAL_POLICY);
  useEffect(() => {
    let cancelled = false;
    void getMeta<unknown>(client.db, KEY).then((kept) => {
      if (!cancelled && isPolicy(kept)) setPolicy(kept);
    });
    void refreshApprovalPolicy(client).then((fresh) => {
      if (!cancelled && fresh) setPolicy(fresh);
    });
    return () => {
      cancelled = true;
    };
  }, [client]);
  return policy;
}
