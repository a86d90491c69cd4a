// The demo chat page. Everything Tacit-specific is the `data-tacit-*` attributes below and three
// calls: Tacit.init, tacit.message and tacit.sessionId.
/* global Tacit */
const tacit = Tacit.init({
  ...window.TACIT_CONFIG,
  app: 'demo-chat',
  contentType: 'chat',
  cohort: { plan: 'demo' },
});
window.tacit = tacit;

const form = document.getElementById('ask');
const input = document.getElementById('question');
const turns = document.getElementById('turns');
const draft = document.getElementById('draft');

async function answer(question, messageId, previous) {
  const attempt = previous ? Number(previous.dataset.attempt) + 1 : 1;
  const res = await fetch('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      text: question,
      sessionId: tacit.sessionId(),
      messageId,
      parentId: previous ? previous.dataset.tacitGeneration : undefined,
      attempt,
    }),
  });
  const { generationId, text } = await res.json();
  const turn = document.createElement('article');
  turn.className = 'turn';
  turn.dataset.question = question;
  turn.dataset.messageId = messageId;
  turn.dataset.attempt = String(attempt);
  const asked = document.createElement('p');
  asked.className = 'asked';
  asked.textContent = `You: ${question}`;
  const box = document.createElement('textarea');
  box.className = 'answer';
  box.value = text;
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.innerHTML = `
    <button type="button" class="insert" data-tacit-accept="insert">Insert into draft</button>
    <button type="button" class="copy" data-tacit-copy>Copy</button>
    <button type="button" class="regenerate" data-tacit-regenerate>Regenerate</button>
    <button type="button" class="up" data-tacit-feedback="up">👍</button>
    <button type="button" class="down" data-tacit-feedback="down">👎</button>`;
  turn.append(asked, box, actions);
  // Marking the answer is all it takes: the SDK observes it (copy, edit, undo, dwell).
  turn.dataset.tacitGeneration = generationId;
  if (previous) previous.replaceWith(turn);
  else turns.append(turn);
  return turn;
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = '';
  const messageId = tacit.message(question);
  void answer(question, messageId);
});

turns.addEventListener('click', (e) => {
  const turn = e.target.closest('.turn');
  if (!turn) return;
  if (e.target.matches('.insert')) {
    // Typed into the draft as if by the user, so that Ctrl+Z there takes it back.
    draft.focus();
    const text = turn.querySelector('.answer').value;
    if (!document.execCommand('insertText', false, text)) draft.setRangeText(text);
  } else if (e.target.matches('.copy')) {
    void navigator.clipboard?.writeText(turn.querySelector('.answer').value).catch(() => {});
  } else if (e.target.matches('.regenerate')) {
    void answer(turn.dataset.question, turn.dataset.messageId, turn);
  }
});
