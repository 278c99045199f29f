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

  // Blazor's script comes after this one: its enhanced navigation is followed once the page has loaded.
  function start() {
    connect();
    window.Blazor?.addEventListener?.('enhancedload', () => { stream?.close(); stream = null; connect(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
