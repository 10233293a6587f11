/**
 * Schoolgate's own categories: the names policies, block pages and reports use. Lists from
 * any source are mapped onto these (e.g. UT1 `adult` -> `pornography`) by the config.
 *
 * Ids are stable wire names stored in events and policies: never rename or reuse one; add
 * new ones. A config may also define extra local categories; these are the built-in ones.
 */
export interface CategoryInfo {
  readonly id: string;
  /** Plain words for a block page or report. */
  readonly label: string;
  readonly description: string;
  /** Where the category comes from: the law, the UKSIC definitions, or the schools' policies. */
  readonly basis: CategoryBasis;
  /** Mandatory categories are blocked for everyone; no policy or exception can allow them. */
  readonly mandatory: boolean;
}

export type CategoryBasis = 'illegal' | 'uksic' | 'school' | 'allow-list';

const category = (
  id: string,
  label: string,
  basis: CategoryBasis,
  description: string,
): CategoryInfo => Object.freeze({ id, label, description, basis, mandatory: basis === 'illegal' });

/** The built-in catalogue, in the order reports list them. */
export const CATEGORY_CATALOGUE: readonly CategoryInfo[] = Object.freeze([
  category(
    'iwf-child-abuse',
    'Child sexual abuse content (IWF list)',
    'illegal',
    'Web pages the Internet Watch Foundation has found to contain child sexual abuse images, including non-photographic images. Blocked by law for everyone.',
  ),
  category(
    'ctiru-terrorism',
    'Unlawful terrorist content (CTIRU list)',
    'illegal',
    'Content the Counter Terrorism Internet Referral Unit has assessed as unlawful terrorist material. Blocked for everyone.',
  ),
  category(
    'discrimination',
    'Discrimination',
    'uksic',
    'Promotes the unjust or prejudicial treatment of people on the grounds of protected characteristics.',
  ),
  category(
    'hate-speech',
    'Hate speech',
    'uksic',
    'Abuse or threats aimed at people because of who they are.',
  ),
  category(
    'drugs',
    'Drugs and substance abuse',
    'uksic',
    'Displays or promotes the illegal use of drugs or substances.',
  ),
  category(
    'extremism',
    'Extremism',
    'uksic',
    'Promotes terrorism and terrorist ideologies, violence or intolerance (PREVENT).',
  ),
  category('gambling', 'Gambling', 'uksic', 'Enables gambling.'),
  category(
    'malware-hacking',
    'Malware and hacking',
    'uksic',
    'Promotes the compromising of systems, including anonymous browsing and other filter bypass tools, and sites hosting malicious content.',
  ),
  category(
    'phishing',
    'Phishing and scams',
    'uksic',
    'Pages that imitate trusted sites to steal passwords, money or personal details.',
  ),
  category('pornography', 'Pornography', 'uksic', 'Displays sexual acts or explicit images.'),
  category(
    'piracy',
    'Piracy and copyright theft',
    'uksic',
    'Includes illegal provision of copyrighted material.',
  ),
  category(
    'self-harm',
    'Self-harm and suicide',
    'uksic',
    'Promotes or displays deliberate self-harm, suicide or eating disorders.',
  ),
  category(
    'eating-disorders',
    'Eating disorders',
    'school',
    'Promotes or glorifies disordered eating ("pro-ana", "thinspiration"); used by the safeguarding phrase lists.',
  ),
  category(
    'grooming',
    'Grooming and sexual exploitation',
    'school',
    'Signs that a child is being groomed or sexually exploited online; used by the safeguarding phrase lists.',
  ),
  category(
    'bullying',
    'Bullying and abusive language',
    'school',
    'Bullying, threats and abuse aimed at a person; used by the safeguarding phrase lists.',
  ),
  category(
    'violence',
    'Violence',
    'uksic',
    'Displays or promotes the use of physical force intended to hurt or kill.',
  ),
  category(
    'misinformation',
    'Mis- and disinformation',
    'uksic',
    'Promotes or spreads false or misleading information intended to deceive.',
  ),
  category(
    'weapons',
    'Weapons',
    'school',
    'Sale, making or use of weapons and dangerous materials.',
  ),
  category(
    'adult-other',
    'Other adult content',
    'school',
    'Profanity, gruesome content and other material unsuitable for children.',
  ),
  category('dating', 'Dating', 'school', 'Dating and contact sites.'),
  category(
    'proxies-vpn',
    'Anonymous proxies, VPNs and DNS-over-HTTPS',
    'school',
    'Services used to get round the school filter: web proxies, VPNs, Tor, DNS-over-HTTPS resolvers.',
  ),
  category('chat', 'Chat and messaging', 'school', 'Chat rooms and instant messaging.'),
  category('webmail', 'Web mail', 'school', 'Personal e-mail services on the web.'),
  category(
    'social-networking',
    'Social networking and social media',
    'school',
    'Social networks and social media apps.',
  ),
  category('streaming', 'Streaming media', 'school', 'Video, music and radio streaming.'),
  category('games', 'Games', 'school', 'Online games and game sites.'),
  category(
    'ai-chat',
    'AI chat and image generators',
    'school',
    'Generative AI chatbots and image generators.',
  ),
  category('health', 'Health', 'school', 'Health and medical information and services.'),
  category(
    'search-engines-other',
    'Other search engines',
    'school',
    'Search engines on which safe search cannot be enforced.',
  ),
  category('shopping', 'Shopping', 'school', 'Online shops and auctions.'),
  category('advertising', 'Advertising', 'school', 'Advertising and tracking networks.'),
  category(
    'banking',
    'Banking',
    'allow-list',
    'Online banking. Not inspected by default: only the host is logged.',
  ),
  category('education', 'Education', 'allow-list', 'Educational sites for schools and libraries.'),
]);

/** The built-in catalogue by id. */
export const CATEGORY_BY_ID: ReadonlyMap<string, CategoryInfo> = new Map(
  CATEGORY_CATALOGUE.map((info) => [info.id, info]),
);

/** Ids of the categories that no policy or exception can allow (FIL-01, FIL-02). */
export const MANDATORY_CATEGORIES: readonly string[] = CATEGORY_CATALOGUE.filter(
  (info) => info.mandatory,
).map((info) => info.id);
