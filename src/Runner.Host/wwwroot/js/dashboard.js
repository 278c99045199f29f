// The dashboard's only script: parts marked data-live follow the analytics stream (/admin/analytics/live, the
// staff member's cookie), refreshed from the server a moment after each change. The pages work without it.
(() => {
  const kinds = ['order.placed', 'order.paid', 'order.refunded', 'order.cancelled', 'order.fulfilled', 'order.returned', 'order.edited',
    'payment.fee', 'expense.created', 'expense.updated', 'expense.deleted'];
  let stream, timer;

  async function refresh() {
    const live = document.querySelectorAll('[data-live]');
    if (live.length === 0) return;
    const response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelectorAll('[data-live]');
    live.forEach((part, i) => { if (next[i]) part.innerHTML = next[i].innerHTML; });
    document.dispatchEvent(new CustomEvent('runner:live-updated'));
  }

  function connect() {
    if (!document.querySelector('[data-live]') || stream || !window.EventSource) return;
    stream = new EventSource('/admin/analytics/live');
    const changed = () => { clearTimeout(timer); timer = setTimeout(refresh, 300); };
    kinds.forEach((kind) => stream.addEventListener(kind, changed));
    stream.addEventListener('ready', () => document.documentElement.dataset.liveStream = 'ready');
  }

  // Passkeys: the browser's WebAuthn ceremony between two calls of the admin API (same origin, the cookie is set by
  // the API's own answer). A change made with the staff cookie carries the antiforgery token.
  async function api(path, body, withToken) {
    const headers = { 'Content-Type': 'application/json' };
    if (withToken) {
      const af = await (await fetch('/admin/auth/antiforgery', { credentials: 'same-origin' })).json();
      headers[af.headerName] = af.token;
    }
    const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
    const answer = response.status === 204 ? {} : await response.json();
    if (!response.ok) throw new Error(answer.detail || answer.title || 'The passkey was refused.');
    return answer;
  }

  function say(button, message) {
    const out = document.querySelector(button.dataset.output);
    if (out) out.textContent = message;
  }

  document.addEventListener('click', async (e) => {
    const button = e.target.closest('[data-passkey]');
    if (!button || !window.PublicKeyCredential) return;
    e.preventDefault();
    button.disabled = true;
    try {
      if (button.dataset.passkey === 'sign-in') {
        const options = await api('/admin/auth/passkeys/sign-in/options', {});
        const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey) });
        const answer = await api('/admin/auth/passkeys/sign-in', { challengeId: options.challengeId, credential: credential.toJSON(), useCookie: true });
        const back = button.dataset.returnUrl || '/dashboard';
        location.href = answer.mfaRequired ? '/dashboard/sign-in?mfaToken=' + encodeURIComponent(answer.mfaToken) + '&returnUrl=' + encodeURIComponent(back) : back;
      } else {
        const options = await api('/admin/auth/passkeys/registration/options', {}, true);
        const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey) });
        const name = document.querySelector('#passkey-name')?.value || 'Passkey';
        await api('/admin/auth/passkeys/registration', { challengeId: options.challengeId, credential: credential.toJSON(), name }, true);
        location.reload();
      }
    } catch (error) {
      say(button, error.name === 'NotAllowedError' ? 'The passkey was not used.' : error.message);
      button.disabled = false;
    }
  });

  // Blazor's script comes after this one: its enhanced navigation is followed once the page has loaded.
  function start() {
    connect();
    window.Blazor?.addEventListener?.('enhancedload', () => { stream?.close(); stream = null; connect(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
