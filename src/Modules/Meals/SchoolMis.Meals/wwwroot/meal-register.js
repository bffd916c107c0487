// Keyboard-first meal register: a number key chooses the nth meal type for the pupil and moves to the next; arrows
// move between pupils (not through the options); past the last pupil focus goes to Save. Without script the
// selects still post.
(() => {
  const form = document.getElementById('meal-register-form');
  if (!form) return;
  const selects = [...form.querySelectorAll('select.meal')];
  const counter = document.getElementById('unrecorded-count');
  const save = document.getElementById('save-meal-register');

  const refresh = () => {
    let empty = 0;
    for (const s of selects) {
      const none = s.value === '';
      s.closest('tr').classList.toggle('unmarked', none);
      if (none) empty++;
    }
    if (counter) counter.textContent = `${empty} without a meal`;
  };
  const move = (select, step) => {
    const next = selects[selects.indexOf(select) + step];
    if (next) next.focus();
    else if (step > 0 && save) save.focus();
  };

  for (const select of selects) {
    select.addEventListener('keydown', e => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'ArrowDown' || e.key === 'Enter') { e.preventDefault(); move(select, 1); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); move(select, -1); return; }
      if (/^[1-9]$/.test(e.key)) {
        const option = select.options[Number(e.key)];   // option 0 is "no meal"
        e.preventDefault();
        if (!option) return;
        select.value = option.value;
        refresh();
        move(select, 1);
      }
    });
    select.addEventListener('change', refresh);
  }
  refresh();
})();
