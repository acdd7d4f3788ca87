// Explorer: the filter form updates the list, map and charts in place and keeps the view's
// address current, so it can be shared and reloaded. Without this script the form submits.
const form = document.querySelector('form.filters');
const results = document.getElementById('results');
if (form && results) {
  let timer = 0;
  let seq = 0;
  const query = () => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form))
      if (typeof v === 'string' && v.trim()) params.append(k, v.trim());
    return params.toString();
  };
  const relink = (qs) => {
    for (const a of document.querySelectorAll('nav.langs a, link[rel=alternate][hreflang]')) {
      const attr = a.tagName === 'A' ? 'href' : 'href';
      const url = new URL(a.getAttribute(attr), location.href);
      url.search = qs;
      a.setAttribute(attr, url.pathname + url.search);
    }
  };
  const update = async () => {
    const qs = query();
    const mine = ++seq;
    results.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(`${location.pathname}?${qs}${qs ? '&' : ''}fragment=1`);
      if (!res.ok || mine !== seq) return;
      results.innerHTML = await res.text();
      history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}`);
      relink(qs);
    } finally {
      if (mine === seq) results.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    void update();
  });
}
