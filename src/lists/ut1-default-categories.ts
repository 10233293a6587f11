/**
 * How UT1's categories map onto Schoolgate's when a school imports UT1 without saying
 * otherwise (`schoolgate lists import`). UT1 categories left out have no Schoolgate
 * counterpart a school filters on (press, jobsearch, cooking, ...) or duplicate another
 * (`strict_redirector`, `strong_redirector` repeat `redirector`).
 */
export const UT1_DEFAULT_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  adult: 'pornography',
  mixed_adult: 'adult-other',
  lingerie: 'adult-other',
  agressif: 'violence',
  dangerous_material: 'weapons',
  drogue: 'drugs',
  gambling: 'gambling',
  arjel: 'gambling',
  games: 'games',
  chat: 'chat',
  webmail: 'webmail',
  social_networks: 'social-networking',
  'audio-video': 'streaming',
  radio: 'streaming',
  redirector: 'proxies-vpn',
  vpn: 'proxies-vpn',
  doh: 'proxies-vpn',
  'residential-proxies': 'proxies-vpn',
  hacking: 'malware-hacking',
  malware: 'malware-hacking',
  cryptojacking: 'malware-hacking',
  ddos: 'malware-hacking',
  stalkerware: 'malware-hacking',
  phishing: 'phishing',
  warez: 'piracy',
  fakenews: 'misinformation',
  dating: 'dating',
  ai: 'ai-chat',
  bank: 'banking',
  shopping: 'shopping',
  publicite: 'advertising',
  liste_bu: 'education',
  child: 'education',
  educational_games: 'education',
});
