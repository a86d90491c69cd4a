import type { Rng } from '../random.ts';
import { prose, prosePools, templates, type Family, type ProductText } from './family.ts';

const CONCEPTS = [
  'compound interest',
  'the greenhouse effect',
  'inflation',
  'quantum entanglement',
  'a blockchain',
  'photosynthesis',
  'the electoral college',
  'machine learning',
  'the placebo effect',
  'supply and demand',
  'a black hole',
  'how vaccines work',
  'an index fund',
  'jet lag',
  'carbon offsets',
  'a REST API',
  'the immune system',
  'interest rate hikes',
  'plate tectonics',
  'a credit score',
] as const;
const AUDIENCES = ['a beginner', 'a ten-year-old', 'someone with no background', 'a high school student'];
const PLACES = [
  'Lisbon',
  'Tokyo',
  'Mexico City',
  'Edinburgh',
  'Cape Town',
  'Montreal',
  'Seoul',
  'Rome',
  'Istanbul',
  'Vancouver',
  'Marrakech',
  'Copenhagen',
  'Buenos Aires',
  'Hanoi',
  'Prague',
];
const DURATIONS = ['a weekend', 'three days', 'five days', 'a week'];
const BUDGETS = ['tight', 'moderate', 'generous'];
const PAIRS = [
  ['renting', 'buying a home'],
  ['Python', 'JavaScript'],
  ['an index fund', 'individual stocks'],
  ['a Kindle', 'paper books'],
  ['SQL', 'NoSQL databases'],
  ['a heat pump', 'a gas boiler'],
  ['running', 'cycling'],
  ['a Roth IRA', 'a traditional IRA'],
  ['an electric car', 'a hybrid'],
  ['Notion', 'Obsidian'],
] as const;
const PURPOSES = [
  'a beginner',
  'saving money',
  'the long term',
  'a small apartment',
  'someone who travels a lot',
];
const HOWTOS = [
  'make a sourdough starter',
  'change a bike tire',
  'get rid of fruit flies',
  'negotiate a raise',
  'start running',
  'clean a cast iron pan',
  'fall asleep faster',
  'back up my phone',
  'learn to touch type',
  'repot a houseplant',
  'remove a stripped screw',
  'improve my credit score',
];
const PEOPLE = ['my dad', 'my sister', 'a coworker', 'my partner', 'a friend', 'my grandmother'];
const HOBBIES = [
  'gardening',
  'hiking',
  'cooking',
  'board games',
  'photography',
  'jazz',
  'rock climbing',
  'knitting',
];
const BUDGET_AMOUNTS = ['$30', '$50', '$100', '$20'];
const LANGUAGES = ['Spanish', 'French', 'German', 'Portuguese'];

const explain: Family = {
  name: 'explain',
  draw: (rng) => ({
    concept: rng.pick(CONCEPTS),
    audience: rng.pick(AUDIENCES),
    related: rng.pick(CONCEPTS),
    language: rng.pick(LANGUAGES),
  }),
  asks: templates([
    'Can you explain {concept}?',
    'What is {concept} and how does it work?',
    "Explain {concept} like I'm {audience}.",
    'I keep hearing about {concept}. What does it actually mean?',
    'Give me a simple explanation of {concept}.',
    'How would you describe {concept} to {audience}?',
    "For {audience}, what's the easiest way to understand {concept}?",
    'Help me understand {concept} please.',
  ]),
  shorts: templates(['an explanation of {concept}', 'what {concept} means', '{concept}, explained simply']),
  details: templates([
    'with an everyday example',
    'in two or three sentences',
    'without jargon',
    'for {audience}',
    'step by step',
    'using an analogy',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, explainPools, q),
};
const explainPools = prosePools({
  opens: [
    '{Concept} is easiest to understand with an analogy.',
    "Here's a plain-language explanation of {concept}.",
    'At its core, {concept} is about cause and effect.',
    'Good question: {concept} comes up a lot, and the idea is simpler than it sounds.',
  ],
  bodies: [
    'Imagine a snowball rolling downhill: it picks up more snow the bigger it gets.',
    'The key idea is that small effects add up over time until they are hard to ignore.',
    'Most explanations get lost in the details, but you only need two ingredients to follow it.',
    'Scientists and economists describe it with formulas, yet the intuition fits in one sentence.',
    'A common misconception is that it happens all at once, when in fact it builds gradually.',
    'You can see it in everyday life, for example when prices at the supermarket creep up.',
    'The important part is the feedback loop: the output of one step becomes the input of the next.',
    'If you remember one thing, remember that the effect depends on time and on the starting point.',
    'Experts still debate some edge cases, but the basic mechanism is well understood.',
  ],
  closes: [
    'Want me to go deeper into any part of it?',
    'I can give you a worked example if that helps.',
    'Let me know if you would like a shorter version.',
  ],
  vague: [
    'There are many factors to consider, and it depends on your situation.',
    'This is a complex topic that has been discussed by many people.',
    'In general, it is important to do your own research.',
    'Some say one thing and others say another, so opinions differ.',
    'It is a concept that can mean different things in different contexts.',
    '{Related} is also an interesting topic to look into.',
  ],
  min: 2,
  max: 4,
});

const travel: Family = {
  name: 'travel',
  draw: (rng) => ({
    place: rng.pick(PLACES),
    duration: rng.pick(DURATIONS),
    budget: rng.pick(BUDGETS),
    related: rng.pick(PLACES),
    language: rng.pick(LANGUAGES),
  }),
  asks: templates([
    'Plan a trip to {place} for {duration} on a {budget} budget.',
    'What should I do in {place} if I only have {duration}?',
    "I'm visiting {place} for {duration} with a {budget} budget. Can you suggest an itinerary?",
    'Give me an itinerary for {duration} in {place}.',
    'Help me plan {duration} in {place}, my budget is {budget}.',
    'Best things to see in {place} in {duration}?',
  ]),
  shorts: templates([
    'an itinerary for {place}',
    'a plan for {duration} in {place}',
    'a {budget} budget trip to {place}',
  ]),
  details: templates([
    'with places to eat',
    'without renting a car',
    'that avoids the tourist traps',
    'on a {budget} budget',
    'with one day trip',
    'day by day',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, travelPools, q),
};
const travelPools = prosePools({
  opens: [
    "Here's a plan for {duration} in {place} that fits a {budget} budget.",
    '{Place} is great for {duration}; this itinerary keeps travel between sights short.',
    'A good visit to {place} mixes the classics with a few quieter neighbourhoods.',
  ],
  bodies: [
    'Day 1: start in the old town, walk to the main square and have lunch at a local market.',
    'Day 2: visit the best-known museum in the morning and spend the afternoon in a park.',
    'Day 3: take a short train ride to a nearby town for a change of scene.',
    'Use public transport passes; they usually pay for themselves within two days.',
    'Book the popular attractions online in advance to skip the queues.',
    'For dinner, head away from the centre, where prices drop and the food gets better.',
    'Keep one evening free for a sunset viewpoint; locals will point you to their favourite.',
    'If it rains, the covered markets and galleries are worth a slow afternoon.',
  ],
  closes: [
    'Want me to add restaurant picks?',
    'I can adjust this if you travel with kids.',
    'Enjoy the trip!',
  ],
  vague: [
    'Travel can be a rewarding experience for many people.',
    'There are many cities in the world worth visiting.',
    'It depends on what you like to do and when you go.',
    'You might also consider {related}, which is popular with visitors.',
    'Make sure to check the weather before you travel.',
  ],
  min: 3,
  max: 5,
  joiner: '\n',
});

const compare: Family = {
  name: 'compare',
  draw: (rng) => {
    const [a, b] = rng.pick(PAIRS);
    return { a, b, purpose: rng.pick(PURPOSES), related: rng.pick(PURPOSES), language: rng.pick(LANGUAGES) };
  },
  asks: templates([
    "What's the difference between {a} and {b}?",
    '{A} or {b}: which one should I pick for {purpose}?',
    'Compare {a} and {b} for me.',
    'Is {a} better than {b} for {purpose}?',
    'Pros and cons of {a} versus {b}?',
    'How do {a} and {b} differ, and which is right for {purpose}?',
  ]),
  shorts: templates([
    'a comparison of {a} and {b}',
    '{a} vs {b} for {purpose}',
    'which of {a} or {b} fits {purpose}',
  ]),
  details: templates([
    'for {purpose}',
    'in a table',
    'with a clear recommendation',
    'in terms of cost',
    ', briefly',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, comparePools, q),
};
const comparePools = prosePools({
  opens: [
    '{A} and {b} solve the same problem in different ways.',
    'Short answer: for {purpose}, the choice comes down to flexibility versus cost.',
    "Here's how {a} and {b} compare on the points that matter most.",
  ],
  bodies: [
    '{A} is usually cheaper to start with, but costs can grow over time.',
    '{B} asks for more commitment up front and pays off if you stick with it.',
    'In terms of effort, {a} is easier to switch away from later.',
    'For {purpose}, most people end up happier with the option they can change later.',
    'The biggest difference is control: {b} gives you more of it, at the price of maintenance.',
    'Neither option is wrong; it depends on how long you plan to keep it.',
    'If you value simplicity, {a} wins; if you value long-term savings, {b} often does.',
  ],
  closes: [
    'If you tell me your budget, I can make a firmer recommendation.',
    'Want this as a table?',
    'Happy to go through a concrete example.',
  ],
  vague: [
    'Both have advantages and disadvantages.',
    'Everyone is different, so it really depends.',
    'There are many options available on the market today.',
    'You should consult a professional before making any decision.',
    'Some people prefer one and some prefer the other.',
  ],
  min: 3,
  max: 5,
});

const howto: Family = {
  name: 'howto',
  draw: (rng) => ({ task: rng.pick(HOWTOS), related: rng.pick(HOWTOS), language: rng.pick(LANGUAGES) }),
  asks: templates([
    'How do I {task}?',
    "What's the best way to {task}?",
    'Can you give me steps to {task}?',
    'I want to {task}. Where do I start?',
    'Any tips on how to {task}?',
    'Quick guide to {task}, please.',
  ]),
  shorts: templates(['how to {task}', 'steps to {task}', 'a simple way to {task}']),
  details: templates([
    'without special tools',
    'as a total beginner',
    'step by step',
    'in under ten minutes',
    ', cheaply',
    'with a checklist',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, howtoPools, q),
};
const howtoPools = prosePools({
  opens: [
    "Here's a simple way to {task}.",
    'You can {task} in a few steps.',
    'To {task}, follow these steps.',
  ],
  bodies: [
    '1. Gather what you need before you start, so you do not have to stop halfway.',
    '2. Start small and check the result after the first step.',
    '3. Repeat the main step daily for about a week.',
    '4. If something goes wrong, undo the last change rather than starting over.',
    '5. Keep notes of what worked, so the next time takes half as long.',
    'Tip: the most common mistake is rushing the preparation.',
    'Tip: a little patience at the start saves a lot of time later.',
  ],
  closes: ['Good luck!', 'Let me know how it goes.', 'Want a printable checklist?'],
  vague: [
    'There are many ways to do this and each has benefits.',
    'It depends on your goals and your experience.',
    'Many people find this challenging at first.',
    'You may want to look into {related} as well.',
    'It is always a good idea to search online for more information.',
  ],
  min: 3,
  max: 5,
  joiner: '\n',
});

const gifts: Family = {
  name: 'gifts',
  draw: (rng: Rng) => ({
    person: rng.pick(PEOPLE),
    hobby: rng.pick(HOBBIES),
    amount: rng.pick(BUDGET_AMOUNTS),
    n: rng.pick(['three', 'five', 'a few']),
    related: rng.pick(HOBBIES),
    language: rng.pick(LANGUAGES),
  }),
  asks: templates([
    'Suggest {n} gift ideas for {person} who likes {hobby}.',
    'What should I get {person}? They love {hobby}. Budget is {amount}.',
    'Gift ideas under {amount} for someone into {hobby}?',
    'I need a present for {person}, who is really into {hobby}.',
    'Help me find a birthday gift for {person} ({hobby} fan).',
  ]),
  shorts: templates([
    'gift ideas for {person}',
    'a present for someone who likes {hobby}',
    'gifts under {amount}',
  ]),
  details: templates([
    'under {amount}',
    'that can ship this week',
    ', ideally something handmade',
    ', nothing too practical',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, giftPools, q),
};
const giftPools = prosePools({
  opens: [
    'Here are some ideas for {person} who likes {hobby}.',
    'A few gifts a {hobby} fan would actually use:',
  ],
  bodies: [
    '- A well-made tool or accessory for {hobby}, around {amount}.',
    '- A book by someone well known in the {hobby} world.',
    '- A class or workshop, so the gift is an experience.',
    '- A subscription box related to {hobby}.',
    '- Something personalised, like an engraved keepsake.',
    '- A good-quality bag to carry their {hobby} gear.',
  ],
  closes: ['Want more ideas in a different price range?', 'I can narrow these down if you tell me more.'],
  vague: [
    '- A gift card is always a safe choice.',
    '- Flowers or chocolates work for most people.',
    '- Think about what they would enjoy.',
    '- Something related to {related} could also work.',
  ],
  min: 3,
  max: 5,
  joiner: '\n',
});

export const CHAT_TEXT: ProductText = {
  product: 'chat',
  families: [explain, travel, compare, howto, gifts],
  buildsOn: templates([
    'Now make it shorter.',
    'Can you give me a concrete example of that?',
    'Great. Can you put that into a table?',
    'Thanks! Could you turn it into a bullet list?',
    'Nice, and what are the main downsides?',
    'Perfect, now summarise it in one sentence.',
    'Ok, can you expand on the second point?',
    'Cool. How would that apply to {related}?',
    'Thanks, now translate it into {language}.',
    'That helps. What should I read next to learn more?',
  ]),
  corrections: templates([
    'No, I meant {short}, not something general.',
    "That's not what I asked. I wanted {short} {detail}.",
    'Actually I meant {short}. Can you try again?',
    "No no, I'm asking about {short} specifically.",
    "That's wrong. Please give me {short}, {detail}.",
    'Still not it. I need {short} {detail}.',
  ]),
  userWords: ['really', 'actually', 'also', 'just', 'basically', 'pretty', 'very', 'honestly'],
  comments: {
    up: ['Exactly what I needed.', 'Clear and helpful, thanks!', 'Great answer.'],
    down: ['Not what I asked.', 'Too vague.', 'This is wrong.', 'Way too long.'],
  },
  acks: ['Sure!', 'Of course.', 'Here you go:', 'Good idea.', 'Happy to.'],
  system: [
    'You are a helpful assistant. Answer clearly and concisely.',
    'You are a helpful, friendly assistant. Answer the question directly first, then add detail only if useful.',
    'You are an expert assistant. Be accurate, cite concrete examples, and keep answers under 200 words.',
  ],
};
