import { useContext } from 'react';
import { AnnounceContext } from './announce-context.js';

/** The function that puts a status message in the live region (see `Announcer`). */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
