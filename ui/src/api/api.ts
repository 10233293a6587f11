import { type Api, createApi } from './create-api.js';

/**
 * The app's one API client, talking to the console that served the page. One instance so
 * the CSRF token learnt at sign-in is the one every later write sends.
 */
export const api: Api = createApi();
