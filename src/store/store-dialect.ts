/** Which database a store runs on. The repositories are the same for both; see `open-store.ts`. */
export type StoreDialect = 'sqlite' | 'postgres';
