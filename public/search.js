// Search suggestions as one types: a listbox under the field (ARIA combobox pattern).
const input = document.querySelector('input[data-suggest]');
const list = document.getElementById('suggest');
if (input && list) {
  let timer = 0;
  let seq = 0;
  let items = [];
  let active = -1;
  const close = () => {
    list.hidden = true;
    list.innerHTML = '';
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const mark = () => {
    list
      .querySelectorAll('li')
      .forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `sg${active}`);
  };
  const show = (found) => {
    items = found;
    if (!found.length) return close();
    list.innerHTML = '';
    found.forEach((s, i) => {
      const li = document.createElement('li');
      li.id = `sg${i}`;
      li.setAttribute('role', 'option');
      const a = document.createElement('a');
      a.href = s.href;
      a.textContent = s.label;
      a.tabIndex = -1;
      const kind = document.createElement('small');
      kind.textContent = ` · ${s.kind_label}`;
      li.append(a, kind);
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      const mine = ++seq;
      const lang = document.documentElement.lang;
      const res = await fetch(
        `/api/v1/portal/suggest?lang=${encodeURIComponent(lang)}&q=${encodeURIComponent(q)}`,
      );
      if (res.ok && mine === seq) show((await res.json()).items);
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      mark();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      location.href = items[active].href;
    } else if (e.key === 'Escape') {
      // A search field clears itself on Escape; with the list open, Escape only closes the list.
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 200));
}
