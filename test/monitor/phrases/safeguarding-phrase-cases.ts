/**
 * Texts for the safeguarding phrase list tests, as a pupil would type a search or as a page
 * would say it. Each pair is a risk text and a benign text on the same subject, scored in
 * the topic's category. Kept out of test names and messages: they hold explicit phrases.
 */
export interface PhrasePair {
  readonly lang: string;
  readonly topic: string;
  readonly risk: string;
  readonly benign: string;
  /** Marks the benign examples named in issue 5, which every language must include. */
  readonly issue?: IssueExample;
}

export type IssueExample = 'suicide-prevention-helpline' | 'holocaust-history' | 'knife-skills';

export const ISSUE_EXAMPLES: readonly IssueExample[] = [
  'suicide-prevention-helpline',
  'holocaust-history',
  'knife-skills',
];

/** Used by the monitor's integration test too (as a literal there): must score >= 100. */
export const URDU_EXTREMISM_SEARCH = 'داعش میں شامل ہونے کا طریقہ';

const pair = (
  lang: string,
  topic: string,
  risk: string,
  benign: string,
  issue?: IssueExample,
): PhrasePair =>
  issue === undefined ? { lang, topic, risk, benign } : { lang, topic, risk, benign, issue };

export const PHRASE_PAIRS: readonly PhrasePair[] = [
  // English
  pair(
    'en',
    'self-harm',
    'how to kill myself painlessly',
    'suicide prevention helpline number',
    'suicide-prevention-helpline',
  ),
  pair(
    'en',
    'self-harm',
    'i just want to kms',
    'romeo and juliet suicide scene analysis for gcse english',
  ),
  pair('en', 'self-harm', 'how to unalive myself', 'samaritans self harm support for young people'),
  pair(
    'en',
    'self-harm',
    'i dont want to be alive anymore, everyone would be better off without me',
    'world suicide prevention day: how to talk to a friend who feels suicidal',
  ),
  pair(
    'en',
    'eating-disorders',
    'pro ana tips how to hide not eating from parents',
    'eating disorder support from beat charity and a healthy eating lesson',
  ),
  pair(
    'en',
    'eating-disorders',
    'thinspo and bonespo pics',
    'healthy eating and the eatwell guide revision',
  ),
  pair(
    'en',
    'extremism',
    'how to join isis and become a martyr',
    'history of the holocaust',
    'holocaust-history',
  ),
  pair(
    'en',
    'extremism',
    'hitler was right, the holocaust never happened',
    'holocaust memorial day assembly for year 9',
  ),
  pair(
    'en',
    'extremism',
    'kill all muslims, the race war is coming',
    'ww2 propaganda posters history lesson',
  ),
  pair(
    'en',
    'sexual-content',
    'free porn videos on pornhub',
    'relationships and sex education lesson about puberty',
  ),
  pair(
    'en',
    'grooming',
    "send me nudes and dont tell your parents, it's our little secret",
    'thinkuknow online safety lesson: the signs of grooming',
  ),
  pair(
    'en',
    'grooming',
    'are you home alone? you are very mature for your age',
    'nspcc online safety: spotting the signs of grooming',
  ),
  pair(
    'en',
    'bullying',
    'kys nobody likes you',
    'anti bullying week: what to do if someone says nobody likes you',
  ),
  pair('en', 'violence', 'how to stab someone', 'knife skills in food technology', 'knife-skills'),
  pair('en', 'violence', 'my dad hits me and im scared to go home', 'first aid for a stab wound'),
  pair(
    'en',
    'weapons',
    'where to buy a zombie knife',
    'knife skills in food technology',
    'knife-skills',
  ),
  pair('en', 'weapons', 'how to make a pipe bomb', 'how to make a bath bomb'),
  pair(
    'en',
    'drugs',
    'where to buy weed near me',
    'drug education lesson: talk to frank about cannabis',
  ),
  pair('en', 'drugs', 'how to get a thc vape at school', 'weed killer for garden weeds'),

  // Polish
  pair(
    'pl',
    'self-harm',
    'jak się zabić bez bólu',
    'telefon zaufania – zapobieganie samobójstwom',
    'suicide-prevention-helpline',
  ),
  pair(
    'pl',
    'self-harm',
    'nie chce mi się żyć, tnę się',
    'psycholog szkolny: pomoc psychologiczna dla uczniów',
  ),
  pair(
    'pl',
    'eating-disorders',
    'jak się głodzić i nie czuć głodu',
    'leczenie anoreksji i zdrowe odżywianie',
  ),
  pair(
    'pl',
    'extremism',
    'jak dołączyć do isis',
    'historia holokaustu – lekcja historii',
    'holocaust-history',
  ),
  pair(
    'pl',
    'extremism',
    'hitler mial racje, holokaust to klamstwo',
    'muzeum auschwitz – miejsce pamięci',
  ),
  pair('pl', 'sexual-content', 'nagie dziewczyny za darmo', 'edukacja seksualna – dojrzewanie'),
  pair(
    'pl',
    'grooming',
    'wyślij mi nudesy i nie mów rodzicom',
    'Jeśli ktoś pisze „nie mów nikomu”, powiedz dorosłym. Lekcja o bezpieczeństwie w sieci',
  ),
  pair(
    'pl',
    'bullying',
    'idź się zabij, nikt cię nie lubi',
    'program profilaktyczny: przeciwdziałanie przemocy i cyberprzemocy w szkole',
  ),
  pair(
    'pl',
    'violence',
    'jak kogoś dźgnąć nożem',
    'techniki krojenia nożem na lekcji technologii żywności',
    'knife-skills',
  ),
  pair(
    'pl',
    'violence',
    'tata mnie bije, boję się wracać do domu',
    'pierwsza pomoc przy skaleczeniu nożem',
  ),
  pair('pl', 'weapons', 'jak zrobić bombę w domu', 'nóż kuchenny i techniki krojenia'),
  pair('pl', 'drugs', 'gdzie kupić marihuanę', 'profilaktyka uzależnień – szkodliwość narkotyków'),

  // Urdu
  pair(
    'ur',
    'self-harm',
    'خودکشی کیسے کریں',
    'خودکشی کی روک تھام ہیلپ لائن نمبر',
    'suicide-prevention-helpline',
  ),
  pair('ur', 'self-harm', 'میں مرنا چاہتا ہوں', 'ذہنی صحت کے لیے ماہر نفسیات سے بات کریں'),
  pair(
    'ur',
    'eating-disorders',
    'کھانا کیسے چھوڑوں تاکہ پتلی ہو جاؤں',
    'صحت مند غذا اور متوازن غذا کے بارے میں',
  ),
  pair('ur', 'extremism', URDU_EXTREMISM_SEARCH, 'ہولوکاسٹ کی تاریخ', 'holocaust-history'),
  pair('ur', 'sexual-content', 'ننگی لڑکیاں ویڈیو', 'جنسی تعلیم اور بلوغت'),
  pair(
    'ur',
    'grooming',
    'اپنی ننگی تصویر بھیجو اور امی ابو کو مت بتانا',
    'آن لائن حفاظت: اگر کوئی کہے کسی کو مت بتانا تو بڑوں کو بتائیں',
  ),
  pair('ur', 'bullying', 'مر جاؤ، سب تم سے نفرت کرتے ہیں', 'اسکول میں بدمعاشی کے خلاف آگاہی'),
  pair(
    'ur',
    'violence',
    'کسی کو چاقو کیسے ماریں',
    'فوڈ ٹیکنالوجی میں چاقو کی مہارت',
    'knife-skills',
  ),
  pair('ur', 'weapons', 'بم کیسے بنائیں', 'کھلونا بندوق اور پانی والی پستول'),
  pair('ur', 'drugs', 'چرس کہاں سے ملے گی', 'منشیات کے نقصانات اور انسداد منشیات آگاہی'),

  // Punjabi
  pair(
    'pa',
    'self-harm',
    'ਖੁਦਕੁਸ਼ੀ ਕਿਵੇਂ ਕਰੀਏ',
    'ਖੁਦਕੁਸ਼ੀ ਦੀ ਰੋਕਥਾਮ ਹੈਲਪਲਾਈਨ',
    'suicide-prevention-helpline',
  ),
  pair('pa', 'self-harm', 'main marna chahunda haan', 'ਮਾਨਸਿਕ ਸਿਹਤ ਹੈਲਪਲਾਈਨ'),
  pair('pa', 'eating-disorders', 'ਖਾਣਾ ਕਿਵੇਂ ਛੱਡਾਂ', 'ਸਿਹਤਮੰਦ ਖੁਰਾਕ ਅਤੇ ਪੋਸ਼ਣ'),
  pair('pa', 'extremism', 'ਆਈਐਸਆਈਐਸ ਵਿੱਚ ਸ਼ਾਮਲ ਕਿਵੇਂ ਹੋਈਏ', 'ਹੋਲੋਕਾਸਟ ਦਾ ਇਤਿਹਾਸ', 'holocaust-history'),
  pair('pa', 'sexual-content', 'ਨੰਗੀਆਂ ਕੁੜੀਆਂ ਦੀ ਵੀਡੀਓ', 'ਸੈਕਸ ਸਿੱਖਿਆ ਅਤੇ ਕਿਸ਼ੋਰ ਅਵਸਥਾ'),
  pair('pa', 'grooming', 'ਨੰਗੀ ਫੋਟੋ ਭੇਜ ਅਤੇ ਮੰਮੀ ਡੈਡੀ ਨੂੰ ਨਾ ਦੱਸੀਂ', 'ਆਨਲਾਈਨ ਸੁਰੱਖਿਆ ਬਾਰੇ ਜਾਗਰੂਕਤਾ'),
  pair('pa', 'bullying', 'ਮਰ ਜਾ, ਕੋਈ ਤੈਨੂੰ ਪਸੰਦ ਨਹੀਂ ਕਰਦਾ', 'ਸਕੂਲ ਵਿੱਚ ਧੱਕੇਸ਼ਾਹੀ ਵਿਰੁੱਧ ਜਾਗਰੂਕਤਾ'),
  pair('pa', 'violence', 'ਕਿਸੇ ਨੂੰ ਚਾਕੂ ਕਿਵੇਂ ਮਾਰੀਏ', 'ਫੂਡ ਟੈਕਨਾਲੋਜੀ ਵਿੱਚ ਚਾਕੂ ਦੇ ਹੁਨਰ', 'knife-skills'),
  pair('pa', 'weapons', 'ਬੰਬ ਕਿਵੇਂ ਬਣਾਈਏ', 'ਖਿਡੌਣਾ ਬੰਦੂਕ'),
  pair('pa', 'drugs', 'ਚਿੱਟਾ ਕਿੱਥੋਂ ਮਿਲਦਾ', 'ਨਸ਼ਾ ਮੁਕਤ ਪੰਜਾਬ ਜਾਗਰੂਕਤਾ'),

  // Bengali
  pair(
    'bn',
    'self-harm',
    'কিভাবে আত্মহত্যা করব',
    'আত্মহত্যা প্রতিরোধ হেল্পলাইন',
    'suicide-prevention-helpline',
  ),
  pair('bn', 'self-harm', 'আমি আর বাঁচতে চাই না', 'মানসিক স্বাস্থ্য হেল্পলাইন'),
  pair('bn', 'eating-disorders', 'কিভাবে না খেয়ে থাকব', 'স্বাস্থ্যকর খাবার ও পুষ্টি'),
  pair('bn', 'extremism', 'আইএসে যোগ দিতে চাই', 'হলোকাস্টের ইতিহাস', 'holocaust-history'),
  pair('bn', 'sexual-content', 'বাংলা চটি গল্প', 'যৌন শিক্ষা ও বয়ঃসন্ধি'),
  pair('bn', 'grooming', 'নগ্ন ছবি পাঠাও, বাবা মাকে বলবে না', 'অনলাইন নিরাপত্তা ও শিশু সুরক্ষা সচেতনতা'),
  pair('bn', 'bullying', 'মরে যা, সবাই তোকে ঘৃণা করে', 'বুলিং প্রতিরোধ সচেতনতা'),
  pair('bn', 'violence', 'কিভাবে কাউকে ছুরি মারব', 'ফুড টেকনোলজি ক্লাসে ছুরির দক্ষতা', 'knife-skills'),
  pair('bn', 'weapons', 'কিভাবে বোমা বানাবো', 'খেলনা বন্দুক'),
  pair('bn', 'drugs', 'ইয়াবা কোথায় পাওয়া যায়', 'মাদকবিরোধী সচেতনতা'),

  // Romanian
  pair(
    'ro',
    'self-harm',
    'cum să mă sinucid fără durere',
    'linie de ajutor pentru prevenirea sinuciderii',
    'suicide-prevention-helpline',
  ),
  pair('ro', 'self-harm', 'nu mai vreau sa traiesc', 'ajutor psihologic pentru elevi'),
  pair('ro', 'eating-disorders', 'cum să mă înfometez', 'alimentație sănătoasă și tratament'),
  pair('ro', 'extremism', 'cum să mă alătur isis', 'istoria holocaustului', 'holocaust-history'),
  pair('ro', 'sexual-content', 'fete goale gratis', 'educație sexuală la ora de biologie'),
  pair(
    'ro',
    'grooming',
    'trimite-mi nuduri și nu le spune părinților',
    'siguranța online: ce este groomingul',
  ),
  pair('ro', 'bullying', 'omoară-te, nimeni nu te place', 'ziua împotriva bullyingului la școală'),
  pair(
    'ro',
    'violence',
    'cum să înjunghii pe cineva',
    'tehnici de tăiere cu cuțitul la tehnologia alimentelor',
    'knife-skills',
  ),
  pair('ro', 'weapons', 'cum se face o bombă', 'cum se face o bombă de baie'),
  pair('ro', 'drugs', 'de unde iau iarbă', 'prevenirea consumului de droguri la școală'),

  // Arabic
  pair(
    'ar',
    'self-harm',
    'كيف انتحر بدون ألم',
    'خط المساعدة الوطني - الوقاية من الانتحار',
    'suicide-prevention-helpline',
  ),
  pair('ar', 'self-harm', 'اريد ان اموت', 'الصحة النفسية للطلاب'),
  pair('ar', 'eating-disorders', 'كيف اجوع نفسي', 'غذاء صحي ونظام غذائي متوازن'),
  pair('ar', 'extremism', 'كيف انضم الى داعش', 'تاريخ الهولوكوست', 'holocaust-history'),
  pair('ar', 'sexual-content', 'افلام سكس', 'التربية الجنسية والبلوغ'),
  pair('ar', 'grooming', 'اخلعي ملابسك. لا تخبري اهلك', 'توعية حول الأمان على الإنترنت'),
  pair('ar', 'bullying', 'اقتل نفسك، الكل يكرهك', 'حملة مكافحة التنمر في المدرسة'),
  pair('ar', 'violence', 'كيف اطعن شخص', 'مهارات السكين في تكنولوجيا الغذاء', 'knife-skills'),
  pair('ar', 'weapons', 'كيف اصنع قنبلة', 'كيف اصنع قنبلة استحمام'),
  pair('ar', 'drugs', 'وين اشتري حشيش', 'اضرار المخدرات'),
];

/** A long, ordinary page per language: a pupil's revision timetable. Must alert on nothing. */
export const REVISION_PAGES: Readonly<Record<string, string>> = {
  en: `My revision timetable for the GCSE mocks. Monday: maths and biology (cells, respiration,
    reproduction). Tuesday: English literature, Macbeth and An Inspector Calls quotes. Wednesday:
    history, the Cold War and the Second World War. Thursday: chemistry practicals and food
    technology coursework. I take a ten-minute break every hour, eat a proper lunch, drink water
    and get to bed by ten. This timetable is killing me but I'm nearly there! Friday is a free
    day: I'll shoot some hoops with friends and catch the bus into town. Saturday I cut the grass
    and help Dad in the garden, then we watch the football.`,
  pl: `Mój plan powtórek przed egzaminem ósmoklasisty. Poniedziałek: matematyka i biologia.
    Wtorek: polski, lektury i streszczenia. Środa: historia, druga wojna światowa. Czwartek:
    chemia i angielski. Co godzinę robię dziesięć minut przerwy, jem normalny obiad, piję wodę
    i kładę się spać przed dziesiątą. W piątek idę z kolegami na boisko, a w sobotę pomagam mamie
    w kuchni i kroję warzywa na zupę.`,
  ur: `امتحانات کی تیاری کا ٹائم ٹیبل: پیر کو ریاضی اور حیاتیات، منگل کو انگریزی ادب، بدھ کو تاریخ اور
    جغرافیہ، جمعرات کو کیمسٹری۔ ہر گھنٹے بعد دس منٹ کا وقفہ، دوپہر کا کھانا وقت پر، پانی پینا اور رات دس
    بجے سونا۔ جمعہ کو دوستوں کے ساتھ کرکٹ کھیلوں گا اور امی کے ساتھ بازار جاؤں گا۔`,
  pa: `ਪ੍ਰੀਖਿਆ ਦੀ ਤਿਆਰੀ ਦਾ ਟਾਈਮ ਟੇਬਲ: ਸੋਮਵਾਰ ਨੂੰ ਗਣਿਤ ਅਤੇ ਜੀਵ ਵਿਗਿਆਨ, ਮੰਗਲਵਾਰ ਨੂੰ ਅੰਗਰੇਜ਼ੀ, ਬੁੱਧਵਾਰ ਨੂੰ
    ਇਤਿਹਾਸ, ਵੀਰਵਾਰ ਨੂੰ ਰਸਾਇਣ ਵਿਗਿਆਨ। ਹਰ ਘੰਟੇ ਬਾਅਦ ਦਸ ਮਿੰਟ ਦੀ ਛੁੱਟੀ, ਸਮੇਂ ਸਿਰ ਖਾਣਾ, ਪਾਣੀ ਪੀਣਾ ਅਤੇ
    ਰਾਤ ਦਸ ਵਜੇ ਸੌਣਾ। ਸ਼ੁੱਕਰਵਾਰ ਨੂੰ ਦੋਸਤਾਂ ਨਾਲ ਫੁੱਟਬਾਲ ਖੇਡਾਂਗਾ ਅਤੇ ਮੰਮੀ ਨਾਲ ਬਾਜ਼ਾਰ ਜਾਵਾਂਗਾ।`,
  bn: `পরীক্ষার প্রস্তুতির রুটিন: সোমবার গণিত আর জীববিজ্ঞান, মঙ্গলবার ইংরেজি সাহিত্য, বুধবার ইতিহাস,
    বৃহস্পতিবার রসায়ন। প্রতি ঘণ্টায় দশ মিনিট বিরতি, সময়মতো দুপুরের খাবার, পানি খাওয়া আর রাত দশটায়
    ঘুমাতে যাওয়া। শুক্রবার বন্ধুদের সাথে ফুটবল খেলব আর মায়ের সাথে বাজারে যাব।`,
  ro: `Planul meu de recapitulare pentru Evaluarea Națională: luni matematică și biologie, marți
    limba română și comentariu literar, miercuri istorie și geografie, joi chimie. Fac o pauză de
    zece minute la fiecare oră, mănânc la prânz ca lumea, beau apă și mă culc la zece. Vineri joc
    fotbal cu prietenii, iar sâmbătă o ajut pe mama la bucătărie să taie legumele.`,
  ar: `جدول المراجعة للامتحانات: يوم الاثنين الرياضيات والأحياء، يوم الثلاثاء اللغة الإنجليزية، يوم
    الأربعاء التاريخ والجغرافيا، يوم الخميس الكيمياء. أستريح عشر دقائق كل ساعة، وأتناول الغداء في
    وقته، وأشرب الماء، وأنام في العاشرة. يوم الجمعة ألعب كرة القدم مع أصدقائي وأذهب إلى السوق مع أمي.`,
};
