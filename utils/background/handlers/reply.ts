/** Small Reply builders the handler modules share. */
import type { Reply } from '@/utils/shared/protocol';

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });

/** Refused before the network: bad input the member can fix. */
export const invalid = (message: string): Reply<never> => ({ ok: false, error: { kind: 'invalid', message } });
