import { createContext } from 'react';

/**
 * Says something in the app's polite live region ("Alert acknowledged"), so screen reader
 * users hear what an action did. `Announcer` provides it; outside one it does nothing.
 */
export const AnnounceContext = createContext<(message: string) => void>(() => undefined);
