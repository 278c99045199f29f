// The reference storefront's only script: who the visitor is (first-party cookies the server reads for the cart's
// attribution), the analytics events of each page, and the card form, tokenized here so the card never reaches
// the storefront's server. The pages work without it but for paying by card.
(() => {
  const key = () => document.querySelector('meta[name="runner-key"]')?.content;
  const cookie = (name) => document.cookie.split('; ').find((c) => c.startsWith(name + '='))?.slice(name.length + 1);
  const setCookie = (name, value, maxAge) =>
    (document.cookie = `${name}=${value}; Path=/; SameSite=Lax${maxAge ? '; Max-Age=' + maxAge : ''}${location.protocol === 'https:' ? '; Secure' : ''}`);
  const id = () => crypto.randomUUID ? crypto.randomUUID().replaceAll('-', '') : Math.random().toString(36).slice(2) + Date.now().toString(36);

  // A visitor for a year; a session until 30 minutes without a page, with where it came from.
  function visit() {
    const visitor = cookie('runner_vid') || id();
    setCookie('runner_vid', visitor, 365 * 24 * 3600);
    let session = cookie('runner_sid');
    if (!session) {
      session = id();
      const q = new URLSearchParams(location.search);
      const from = document.referrer && new URL(document.referrer).host !== location.host ? document.referrer : '';
      const source = { utmSource: q.get('utm_source'), utmMedium: q.get('utm_medium'), utmCampaign: q.get('utm_campaign'), referrer: from };
      setCookie('runner_attr', encodeURIComponent(JSON.stringify(source)), 1800);
    }
    setCookie('runner_sid', session, 1800);
    const attr = JSON.parse(decodeURIComponent(cookie('runner_attr') || '%7B%7D'));
    setCookie('runner_attr', encodeURIComponent(JSON.stringify(attr)), 1800);
    return { visitorId: visitor, sessionId: session, ...attr };
  }

  const device = () => (/Mobi|Android/i.test(navigator.userAgent) ? 'mobile' : /iPad|Tablet/i.test(navigator.userAgent) ? 'tablet' : 'desktop');

  function send(type, extra) {
    if (!key()) return;
    const v = visit();
    const event = { type, visitorId: v.visitorId, sessionId: v.sessionId, occurredAt: new Date().toISOString(), url: location.href,
      referrer: v.referrer || undefined, utmSource: v.utmSource || undefined, utmMedium: v.utmMedium || undefined,
      utmCampaign: v.utmCampaign || undefined, device: device(), ...extra };
    // Without cookies: the publishable key is all these calls need (a signed-in shopper's cookie would ask for an
    // antiforgery token too).
    fetch('/store/events', { method: 'POST', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'application/json', 'X-Publishable-Key': key() },
      body: JSON.stringify({ events: [event] }) }).catch(() => {});
  }

  // Each page says what it shows on <main data-event=...>; a page sends its events once per visit of it.
  function pageEvents() {
    const main = document.querySelector('main');
    if (!main || main.dataset.sent === location.href) return;
    main.dataset.sent = location.href;
    send('page_view', {});
    const d = main.dataset;
    if (d.event === 'product_view') send('product_view', { productId: d.productId });
    if (d.event === 'collection_view') send('collection_view', { collectionId: d.collectionId });
    if (d.event === 'search' && d.query) send('search', { query: d.query });
    if (d.event === 'checkout_started') send('checkout_started', { cartId: d.cartId });
    if (d.step) send('checkout_step', { cartId: d.cartId, step: d.step });
  }

  // On window, in the capture phase: before Blazor's enhanced forms (on the document) take the submit.
  window.addEventListener('submit', (e) => {
    const form = e.target;
    if (form.dataset.event === 'add_to_cart') {
      const data = new FormData(form);
      send('add_to_cart', { productId: form.dataset.productId, variantId: data.get('Add.VariantId'), quantity: Number(data.get('Add.Quantity') || 1) });
    }
    if (form.dataset.event === 'remove_from_cart') send('remove_from_cart', { variantId: form.dataset.variantId });
    if (form.matches('[data-card-form]') && !form.dataset.tokenized) tokenize(e, form);
  }, true);

  // The card goes from the browser to the gateway's token endpoint; the form then carries only the token.
  async function tokenize(e, form) {
    e.preventDefault();
    e.stopImmediatePropagation();
    const field = (name) => form.querySelector(`[data-card="${name}"]`);
    const error = form.querySelector('[data-card-error]');
    const button = form.querySelector('button[type="submit"]');
    const [month, year] = (field('expiry').value || '').split('/').map((s) => parseInt(s.trim(), 10));
    const body = { number: field('number').value.replace(/\s+/g, ''), expMonth: month || 0, expYear: year < 100 ? 2000 + year : year || 0,
      cvc: field('cvc').value.trim(), holderName: field('holder').value.trim() };
    error.textContent = '';
    button.disabled = true;
    try {
      const response = await fetch('/store/payment-tokens', { method: 'POST', credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'X-Publishable-Key': key() }, body: JSON.stringify(body) });
      const answer = await response.json();
      if (!response.ok) {
        error.textContent = answer.detail || answer.title || 'The card could not be read.';
        button.disabled = false;
        return;
      }
      form.querySelector('input[name="Pay.PaymentToken"]').value = answer.token;
      form.dataset.tokenized = 'true';
      button.disabled = false;
      // The card fields have no name: the form posts the token only. (Cleared after, as they are required.)
      form.requestSubmit(button);
      for (const name of ['number', 'expiry', 'cvc']) field(name).value = '';
      // A token is good for one attempt: a declined card is tokenized again at the next submit.
      delete form.dataset.tokenized;
    } catch {
      error.textContent = 'The card could not be sent. Check your connection and try again.';
      button.disabled = false;
    }
  }

  // The variant picker shows the chosen variant's price and availability at once.
  document.addEventListener('change', (e) => {
    if (!e.target.matches('[data-variant-picker]')) return;
    const option = e.target.selectedOptions[0];
    const form = e.target.closest('main');
    form.querySelector('[data-price]').firstChild.textContent = option.dataset.price + ' ';
    const availability = form.querySelector('p[data-availability]');
    availability.textContent = option.dataset.availability;
    availability.className = option.dataset.availability === 'Sold out' ? 'soldout' : '';
    form.querySelector('form button[type="submit"]').disabled = option.dataset.availability === 'Sold out';
  });

  // Enhanced navigation swaps the page without a load; Blazor's script comes after this one, so it is asked once loaded.
  function start() {
    pageEvents();
    window.Blazor?.addEventListener?.('enhancedload', pageEvents);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
