import type { Rng } from '../random.ts';
import { prose, prosePools, templates, type Family, type ProductText, type Slots } from './family.ts';

const RECIPIENTS = [
  ['my landlord', 'Mr. Patel'],
  ['the hiring manager', 'Ms. Romero'],
  ['a client who paid late', 'Jordan'],
  ['my team', 'team'],
  ['my professor', 'Professor Okafor'],
  ['a supplier', 'Mr. Lindqvist'],
  ['our customers', 'valued customers'],
] as const;
const SUBJECTS = [
  ['asking for a deadline extension', 'the deadline for my report'],
  ['following up on an unpaid invoice', 'invoice 2231, which is now two weeks overdue'],
  ["rescheduling Thursday's meeting", "Thursday's meeting"],
  ['declining a job offer politely', 'the offer you kindly sent me'],
  ['requesting a refund', 'a refund for the damaged order'],
  ['introducing a new teammate', 'our new teammate, Sam'],
  ['reporting a broken heater', 'the heater in the flat, which stopped working on Monday'],
  ['announcing a price change', 'the new prices that start next month'],
] as const;
const TONES = ['polite', 'friendly', 'firm', 'formal', 'warm', 'concise'];
const PRODUCTS = [
  'a bamboo cutting board',
  'noise-cancelling headphones',
  'a standing desk',
  'an insulated water bottle',
  'a linen shirt',
  'a cast iron skillet',
  'a smart thermostat',
  'a hiking backpack',
];
const NEWS = [
  "that I'm starting a new job at a climate startup",
  'our product launch next week',
  'that our team is hiring two engineers',
  'that I finished my first marathon',
  'that our company turns ten',
  'the release of our open-source library',
];
const TOPICS = [
  'remote work',
  'learning to cook',
  'personal finance for students',
  'starting a vegetable garden',
  'building habits',
  'the history of coffee',
];
const PARAGRAPHS = [
  'We regret to inform you that the meeting will be moved. Please make the necessary changes to your calendar and let us know.',
  'Our app got a lot of updates. It is faster now and there are new features that you can use from today onwards.',
  'I am writing this to tell you that I will not be able to come to the event because of some personal things.',
  'The quarterly numbers were not good and we need to do better next quarter by working harder on sales.',
];
const SENDERS = ['Alex', 'Maria', 'Chris', 'Priya', 'Tom', 'Yuki'];

function drawEmail(rng: Rng): Slots {
  const [recipient, name] = rng.pick(RECIPIENTS);
  const [subject, topic] = rng.pick(SUBJECTS);
  return {
    recipient,
    name,
    subject,
    topic,
    tone: rng.pick(TONES),
    sender: rng.pick(SENDERS),
    language: rng.pick(['Spanish', 'French', 'German']),
  };
}

const emailPools = prosePools({
  opens: ['Hi {name},', 'Dear {name},', 'Hello {name},'],
  bodies: [
    'I hope you are doing well.',
    "I'm writing about {topic}.",
    'I wanted to reach out regarding {topic}.',
    'Would it be possible to find a solution that works for both of us?',
    "I'd be grateful if we could discuss {topic} this week.",
    'I have attached the relevant details for your reference.',
    'Please let me know if you need anything else from me.',
    'Thank you for your understanding and for your help with this.',
    'I am happy to jump on a short call if that is easier.',
  ],
  closes: [
    'Best regards,\n{sender}',
    'Kind regards,\n{sender}',
    'Thanks,\n{sender}',
    'Many thanks,\n{sender}',
  ],
  vague: [
    'Communication is important in every relationship.',
    'I hope this message finds you in good health and high spirits during these times.',
    'As per my previous email, please see below.',
    'There are many things to consider in situations like this one.',
    'Please do the needful at the earliest.',
  ],
  min: 3,
  max: 5,
  joiner: '\n',
});

const email: Family = {
  name: 'email',
  draw: drawEmail,
  asks: templates([
    'Write an email to {recipient} {subject}.',
    'Draft a short email to {recipient} {subject}.',
    'Help me write a message to {recipient}. I am {subject}.',
    'Can you write a {tone} email to {recipient} {subject}?',
    'I need an email for {recipient}, {subject}. Keep it {tone}.',
    'Email to {recipient}: {subject}.',
  ]),
  shorts: templates([
    'an email to {recipient} {subject}',
    'a {tone} email to {recipient}',
    'an email about {topic}',
  ]),
  details: templates([
    ', keep it {tone}',
    'in under 120 words',
    'with a clear subject line',
    'and sign it from {sender}',
    'in a {tone} tone',
  ]),
  answer: (rng, slots, q) => {
    const text = prose(rng, slots, emailPools, q);
    return rng.chance(0.4) ? `Subject: ${subjectLine(slots)}\n\n${text}` : text;
  },
};

function subjectLine(slots: Slots): string {
  const t = slots.topic as string;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const productPools = prosePools({
  opens: [
    'Meet {product}: built for everyday use.',
    'Say hello to {product}, designed to last.',
    '{Product} that makes the daily routine easier.',
  ],
  bodies: [
    'Made from durable, responsibly sourced materials, it is built to last for years.',
    'Its simple design fits any space and any style.',
    'Easy to clean and easy to carry, it goes wherever you go.',
    'Customers love how light it feels without giving up sturdiness.',
    'Every detail was tested by people who use it every day.',
    'Backed by a two-year warranty and free returns.',
  ],
  closes: [
    'Order today and feel the difference.',
    'Available now in three colours.',
    'Your new favourite, delivered.',
  ],
  vague: [
    'This product is a product that many people buy.',
    'It has features and benefits for customers.',
    'Quality is important to us and to you.',
    'Buy now while supplies last!!!',
  ],
  min: 2,
  max: 4,
});

const description: Family = {
  name: 'product-description',
  draw: (rng) => ({
    product: rng.pick(PRODUCTS),
    tone: rng.pick(TONES),
    language: rng.pick(['Spanish', 'French', 'German']),
  }),
  asks: templates([
    'Write a product description for {product}.',
    'I need copy for our online store: {product}.',
    'Can you write a short, {tone} description of {product}?',
    'Product page text for {product}, please.',
    'Describe {product} for an e-commerce listing.',
  ]),
  shorts: templates(['a description of {product}', 'store copy for {product}', 'a {tone} product blurb']),
  details: templates([
    'under 80 words',
    'for Instagram',
    'in a {tone} voice',
    'highlighting durability',
    'with three bullet points',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, productPools, q),
};

const postPools = prosePools({
  opens: [
    'Some news: I am excited to share {news}!',
    'Big day today. I am thrilled to announce {news}.',
    'Quick update from me: {news}.',
  ],
  bodies: [
    'It has been a long road, and I am grateful to everyone who helped along the way.',
    'I have learned more in the last year than in the five before it.',
    'A huge thank you to the people who believed in this early on.',
    'If you are curious about what comes next, reach out; I am always happy to chat.',
    'None of this happens alone, and I am proud of the team behind it.',
  ],
  closes: ['Onwards!', 'More soon.', 'Thanks for reading.'],
  vague: [
    'Life is a journey and every day is a new opportunity.',
    'Success is not final and failure is not fatal.',
    'Hard work pays off, as they say.',
    '#motivation #success #grind',
  ],
  min: 2,
  max: 4,
});

const post: Family = {
  name: 'social-post',
  draw: (rng) => ({
    news: rng.pick(NEWS),
    tone: rng.pick(TONES),
    language: rng.pick(['Spanish', 'French', 'German']),
  }),
  asks: templates([
    'Write a LinkedIn post announcing {news}.',
    'Help me announce {news} on LinkedIn.',
    'Draft a {tone} post about {news}.',
    'Can you write a short social media post sharing {news}?',
  ]),
  shorts: templates(['a post announcing {news}', 'a {tone} LinkedIn post', 'an announcement of {news}']),
  details: templates([
    'without hashtags',
    'in a {tone} voice',
    'under 100 words',
    'that thanks my team',
    'with one emoji at most',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, postPools, q),
};

const introPools = prosePools({
  opens: [
    'Everyone has an opinion about {topic}, but few people talk about the basics.',
    'When I first got into {topic}, I made every mistake possible.',
    '{Topic} looks complicated from the outside.',
  ],
  bodies: [
    'The good news is that you do not need to get everything right from day one.',
    'In this post, I will walk through the three ideas that made the biggest difference for me.',
    'Most advice online is either too vague or too detailed to act on.',
    'By the end, you will have a simple plan you can start this week.',
  ],
  closes: ["Let's dive in.", 'Here is what I wish someone had told me.', 'Grab a coffee and read on.'],
  vague: [
    'Since the dawn of time, humans have wondered about many things.',
    'In today’s fast-paced world, everything is changing.',
    'This topic is very important for many reasons.',
  ],
  min: 2,
  max: 3,
});

const intro: Family = {
  name: 'blog-intro',
  draw: (rng) => ({
    topic: rng.pick(TOPICS),
    tone: rng.pick(TONES),
    language: rng.pick(['Spanish', 'French', 'German']),
  }),
  asks: templates([
    'Write an intro paragraph for a blog post about {topic}.',
    'I need an opening paragraph for my article on {topic}.',
    'Can you draft the introduction of a blog post on {topic}?',
    'Blog intro about {topic}, {tone} tone.',
  ]),
  shorts: templates(['an intro about {topic}', 'a blog opening on {topic}', 'a {tone} introduction']),
  details: templates([
    'that hooks the reader',
    'in a {tone} tone',
    'in about 80 words',
    'that ends with a question',
  ]),
  answer: (rng, slots, q) => prose(rng, slots, introPools, q),
};

const rewrite: Family = {
  name: 'rewrite',
  draw: (rng) => ({
    paragraph: rng.pick(PARAGRAPHS),
    tone: rng.pick(TONES),
    language: rng.pick(['Spanish', 'French', 'German']),
  }),
  asks: templates([
    'Rewrite this to sound more {tone}: {paragraph}',
    'Make this paragraph {tone}: "{paragraph}"',
    'Can you improve the tone of this? I want it {tone}. {paragraph}',
    'Polish this text and make it {tone}: {paragraph}',
  ]),
  shorts: templates(['a {tone} rewrite of my paragraph', 'the paragraph in a {tone} tone']),
  details: templates([
    ', keeping the meaning',
    ', but shorter',
    ', without sounding stiff',
    ', in plain English',
  ]),
  answer: (rng, slots, q) => {
    const p = slots.paragraph as string;
    if (q < 0.5 && rng.chance(0.5)) return p;
    return p
      .replace('We regret to inform you that', 'Just a heads-up:')
      .replace('I am writing this to tell you that', 'I wanted to let you know that')
      .replace('got a lot of updates', 'has been rebuilt from the ground up')
      .replace('were not good', 'fell short of our goals')
      .replace('some personal things', 'a family commitment')
      .replace('let us know', 'tell us if anything clashes');
  },
};

export const WRITING_TEXT: ProductText = {
  product: 'writing',
  families: [email, description, post, intro, rewrite],
  buildsOn: templates([
    'Now make it shorter.',
    'Great, can you make the tone a bit more formal?',
    'Perfect. Add a subject line too.',
    'Thanks. Now write a follow-up for next week.',
    'Can you turn this into three bullet points for Slack?',
    'Nice, translate it into {language}.',
    'Good. Give me two alternative opening lines.',
  ]),
  corrections: templates([
    'No, I meant {short}. Please try again.',
    "That's not the tone I wanted. I need {short}, {detail}.",
    'Not quite. It should be {short} {detail}.',
    'Wrong one. I asked for {short} {detail}.',
    'Actually I need {short}, and {detail}.',
  ]),
  userWords: ['really', 'truly', 'quickly', 'personally', 'of course', 'warmly', 'again', 'simply'],
  comments: {
    up: ['Sounds just like me, thanks.', 'Perfect tone.', 'Saved me 20 minutes.'],
    down: ['Too generic.', 'Wrong tone.', 'Way too long.', 'Sounds like a robot.'],
  },
  acks: ['Sure, here is a revised version:', 'Of course.', 'Here you go:', 'Updated:'],
  system: [
    'You are a writing assistant. Match the user’s requested tone and keep it concise.',
    'You are a writing assistant. Write in plain, warm English; avoid clichés and filler.',
    'You are a professional editor. Produce ready-to-send text in the requested tone and length.',
  ],
};
