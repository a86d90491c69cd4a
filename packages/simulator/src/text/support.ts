import { prose, prosePools, templates, type Family, type ProductText } from './family.ts';

const PLANS = ['Basic', 'Plus', 'Pro', 'Family'];
const AMOUNTS = ['$9.99', '$14.99', '$29', '$119'];
const MONTHS = ['January', 'March', 'June', 'September', 'October', 'November'];
const FORMATS = ['CSV', 'Excel', 'PDF', 'JSON'];
const THINGS = ['invoices', 'contacts', 'notes', 'projects', 'photos'];
const ACTIONS = [
  'upload a photo',
  'open the settings page',
  'share a project',
  'log in with Google',
  'switch accounts',
  'export a report',
];
const DEVICES = ['my iPhone', 'Android', 'the desktop app', 'Safari', 'my iPad'];
const OTHERS = [
  'change my email address',
  'add a team member',
  'turn on two-factor authentication',
  'download my invoices',
  'update my card',
];

function order(n: number): string {
  return `#${(48213 + ((n * 7919) % 50000)).toString()}`;
}

const HELP = 'https://help.acme.example/articles';

const pools = {
  password: prosePools({
    opens: ['You can reset your password in a minute.', 'No problem, here is how to reset your password.'],
    bodies: [
      '1. On the sign-in page, click **Forgot password**.',
      '2. Enter the email address of your account.',
      '3. Open the email we send you and follow the link within 30 minutes.',
      '4. Choose a new password of at least 12 characters.',
      `Full guide: ${HELP}/reset-password`,
    ],
    closes: ['Anything else I can help with?', 'If the email does not arrive, check your spam folder.'],
    vague: [
      'Please contact our support team for assistance.',
      'Passwords keep your account secure.',
      `See ${HELP}/getting-started for more.`,
    ],
    min: 3,
    max: 5,
    joiner: '\n',
  }),
  billing: prosePools({
    opens: [
      'Sorry about the double charge on your {plan} plan.',
      'I can see why that is confusing; let me explain the {amount} charge.',
    ],
    bodies: [
      'Duplicate charges are usually a pending authorisation that disappears within 3 to 5 business days.',
      'If both charges are still there after 5 days, we refund the extra one automatically.',
      'You can check every payment under **Settings → Billing → History**.',
      'I have flagged this charge for review, and you will get an email within 24 hours.',
      `Details: ${HELP}/billing-duplicate-charge`,
    ],
    closes: ['Is there anything else I can do for you?', 'Thanks for your patience.'],
    vague: [
      'Billing can be complex.',
      'All prices are listed on our pricing page.',
      'Please contact your bank.',
    ],
    min: 2,
    max: 4,
    joiner: '\n',
  }),
  export: prosePools({
    opens: ['Yes, you can export your {things} to {format}.', 'Exporting to {format} takes a few clicks.'],
    bodies: [
      '1. Go to **Settings → Data**.',
      '2. Choose **Export** and pick {format} as the format.',
      '3. Select which {things} to include, or leave everything selected.',
      '4. We email you a download link when the file is ready (usually a few minutes).',
      `Step-by-step guide: ${HELP}/export-data`,
    ],
    closes: ['Happy to help with anything else.', 'Let me know if the file looks wrong.'],
    vague: ['We support many file formats.', 'Your data belongs to you.', 'Please try again later.'],
    min: 3,
    max: 5,
    joiner: '\n',
  }),
  cancel: prosePools({
    opens: ['I can help you cancel your {plan} plan.', 'Sorry to see you go. Here is how to cancel.'],
    bodies: [
      '1. Open **Settings → Subscription**.',
      '2. Click **Cancel plan** and confirm.',
      'You keep access until the end of the current billing period, and you will not be charged again.',
      'If you only want a break, you can pause your plan for up to three months instead.',
      `More: ${HELP}/cancel-subscription`,
    ],
    closes: ['Anything else I can help with?', 'We hope to see you again.'],
    vague: [
      'Subscriptions renew automatically.',
      'Have you tried our other plans?',
      'Please read our terms of service.',
    ],
    min: 2,
    max: 4,
    joiner: '\n',
  }),
  crash: prosePools({
    opens: [
      'Sorry the app crashes when you {action}.',
      'Thanks for reporting this; crashes when you {action} are usually fixable on your side.',
    ],
    bodies: [
      '1. Update the app to the latest version from the store.',
      '2. Restart {device} and try again.',
      '3. If it still crashes, sign out and back in to refresh your session.',
      'We fixed a crash like this in version 3.3.0, so updating should help.',
      `Troubleshooting guide: ${HELP}/app-crashes`,
    ],
    closes: ['If it keeps happening, reply here and I will open a ticket.', 'Let me know if that works.'],
    vague: [
      'Technology can sometimes be unpredictable.',
      'Our engineers work hard to fix bugs.',
      'Please make sure your internet connection works.',
    ],
    min: 2,
    max: 4,
    joiner: '\n',
  }),
  shipping: prosePools({
    opens: ['Let me check on order {order}.', 'Sorry your order {order} is late.'],
    bodies: [
      'It left our warehouse and is with the carrier; the tracking link is in your confirmation email.',
      'Deliveries in your area are running one to two days behind this week.',
      'If it has not arrived within 10 days of shipping, we send a replacement at no cost.',
      `Track or report a missing package: ${HELP}/missing-order`,
    ],
    closes: ['Anything else about this order?', 'Thanks for your patience.'],
    vague: ['Shipping times vary.', 'We ship worldwide.', 'Please allow time for delivery.'],
    min: 2,
    max: 3,
    joiner: '\n',
  }),
};

const base = {
  details: templates([
    'on {device}',
    ', today',
    'for my {plan} plan',
    'without calling anyone',
    ', as soon as possible',
  ]),
};

const password: Family = {
  name: 'password',
  draw: (rng) => ({ device: rng.pick(DEVICES), plan: rng.pick(PLANS), other: rng.pick(OTHERS) }),
  asks: templates([
    'How do I reset my password?',
    'I forgot my password, what do I do?',
    "can't log in, I need to reset my password",
    'Where is the password reset option?',
    'I need to change my password but I cannot find where.',
    'Password reset on {device}?',
  ]),
  shorts: templates(['how to reset my password', 'the password reset steps', 'a new password']),
  ...base,
  answer: (rng, slots, q) => prose(rng, slots, pools.password, q),
};

const billing: Family = {
  name: 'billing',
  draw: (rng) => ({
    plan: rng.pick(PLANS),
    amount: rng.pick(AMOUNTS),
    month: rng.pick(MONTHS),
    device: rng.pick(DEVICES),
    other: rng.pick(OTHERS),
  }),
  asks: templates([
    'I was charged twice for my {plan} plan this month.',
    'Why did you charge me {amount} twice?',
    'There is a duplicate charge of {amount} on my card.',
    'I see two payments for {plan} in {month}, please refund one.',
    'Double charged {amount} for {plan}??',
  ]),
  shorts: templates([
    'a refund for the duplicate {amount} charge',
    'why I was charged twice',
    'the double charge on my {plan} plan',
  ]),
  ...base,
  answer: (rng, slots, q) => prose(rng, slots, pools.billing, q),
};

const exportData: Family = {
  name: 'export',
  draw: (rng) => ({
    format: rng.pick(FORMATS),
    things: rng.pick(THINGS),
    device: rng.pick(DEVICES),
    plan: rng.pick(PLANS),
    other: rng.pick(OTHERS),
  }),
  asks: templates([
    'How can I export my {things} to {format}?',
    'Is there a way to download all my {things} as {format}?',
    'I need my {things} in {format}. How?',
    'Can I get a {format} export of my {things}?',
    'export {things} {format}',
  ]),
  shorts: templates(['how to export {things} to {format}', 'a {format} export of my {things}']),
  ...base,
  answer: (rng, slots, q) => prose(rng, slots, pools.export, q),
};

const cancel: Family = {
  name: 'cancel',
  draw: (rng) => ({ plan: rng.pick(PLANS), device: rng.pick(DEVICES), other: rng.pick(OTHERS) }),
  asks: templates([
    'How do I cancel my subscription?',
    'I want to cancel my {plan} plan.',
    'Please help me stop the auto-renewal of {plan}.',
    'Where can I cancel? I do not want to be charged again.',
    'cancel {plan} subscription',
  ]),
  shorts: templates(['how to cancel my {plan} plan', 'to stop my subscription', 'cancelling, not pausing']),
  ...base,
  answer: (rng, slots, q) => prose(rng, slots, pools.cancel, q),
};

const crash: Family = {
  name: 'crash',
  draw: (rng) => ({
    action: rng.pick(ACTIONS),
    device: rng.pick(DEVICES),
    plan: rng.pick(PLANS),
    other: rng.pick(OTHERS),
  }),
  asks: templates([
    'The app crashes when I {action}.',
    'Every time I {action}, the app freezes on {device}.',
    'I cannot {action}, it just closes.',
    'Bug: app closes when I try to {action} on {device}.',
    'Why does the app crash whenever I {action}?',
  ]),
  shorts: templates([
    'a fix for the crash when I {action}',
    'help with the app crashing on {device}',
    'why it crashes when I {action}',
  ]),
  ...base,
  answer: (rng, slots, q) => prose(rng, slots, pools.crash, q),
};

const shipping: Family = {
  name: 'shipping',
  draw: (rng) => ({
    order: order(rng.int(0, 49999)),
    days: String(rng.int(6, 20)),
    device: rng.pick(DEVICES),
    plan: rng.pick(PLANS),
    other: rng.pick(OTHERS),
  }),
  asks: templates([
    'My order {order} has not arrived yet.',
    'Where is order {order}? It has been {days} days.',
    'Still waiting for {order} after {days} days.',
    'Can you check the status of order {order}?',
    'order {order} missing',
  ]),
  shorts: templates(['the status of order {order}', 'where my order {order} is', 'my missing package']),
  ...base,
  answer: (rng, slots, q) => prose(rng, slots, pools.shipping, q),
};

export const SUPPORT_TEXT: ProductText = {
  product: 'support',
  families: [password, billing, exportData, cancel, crash, shipping],
  buildsOn: templates([
    'Thanks, that worked. How do I {other}?',
    'Great, and is there a way to do this on {device}?',
    'Ok, and will that affect my {plan} plan?',
    'Thanks! Where can I see my invoices?',
    'Perfect. Can I also {other}?',
  ]),
  corrections: templates([
    'No, I meant {short}.',
    "That's not my question. I asked about {short}.",
    'No, that does not help. I need {short} {detail}.',
    'Wrong answer, I want {short}.',
    'Still not working. I need {short}.',
    'Not what I meant. {short}, {detail}, please.',
  ]),
  userWords: ['please', 'thanks', 'again'],
  comments: {
    up: ['Solved, thanks!', 'Quick and clear.', 'That fixed it.'],
    down: ['Useless.', 'Did not answer my question.', 'I want a human.', 'Wrong article.'],
  },
  acks: ['Glad that helped!', 'Sure.', 'Good question.', 'Happy to help with that too.'],
  system: [
    'You are the support assistant of Acme. Answer with short numbered steps and link the help article.',
    'You are Acme’s friendly support agent. Solve the customer’s problem in as few steps as possible; link one help article.',
    'You are Acme support. Confirm the problem, give the fix, and offer a human agent when unsure.',
  ],
};
