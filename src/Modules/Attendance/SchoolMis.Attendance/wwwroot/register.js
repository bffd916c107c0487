// Keyboard-first register taking: type a code to mark a pupil and move on; arrows move; two-character codes
// (C1, C2, J1, Y1-Y7) are typed in full. Works on top of a plain form: without script the inputs still post.
(() => {
  const form = document.getElementById('register-form');
  if (!form) return;
  const present = form.dataset.present;
  const inputs = [...form.querySelectorAll('input.code')];
  const single = new Set(['/', '\\', 'L', 'K', 'V', 'P', 'W', 'B', 'D', 'M', 'S', 'X', 'C', 'T', 'R', 'I', 'E', 'Q', 'G', 'N', 'O', 'U', 'Z', '#']);
  const prefixes = new Set(['C', 'J', 'Y']);   // may be followed by a digit
  const counter = document.getElementById('unmarked-count');

  const refresh = () => {
    let unmarked = 0;
    for (const input of inputs) {
      const empty = input.value.trim() === '';
      input.closest('tr').classList.toggle('unmarked', empty);
      if (empty) unmarked++;
    }
    if (counter) counter.textContent = `${unmarked} unmarked`;
  };
  const save = document.getElementById('save-register');
  // Past the last pupil, focus goes to Save, so the whole register is marked and saved from the keyboard.
  const move = (input, step) => {
    const next = inputs[inputs.indexOf(input) + step];
    if (next) { next.focus(); next.select(); }
    else if (step > 0 && save) save.focus();
  };

  for (const input of inputs) {
    input.addEventListener('keydown', e => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'ArrowDown' || e.key === 'Enter') { e.preventDefault(); move(input, 1); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); move(input, -1); return; }
      if (e.key.length !== 1) return;                       // Tab, Backspace and the rest behave as usual
      const key = e.key === '\\' || e.key === '/' || e.key === '.' ? present : e.key.toUpperCase();
      const pending = input.dataset.pending;
      e.preventDefault();
      if (pending && /[0-9]/.test(key)) {
        input.value = pending + key;
        delete input.dataset.pending;
        refresh();
        move(input, 1);
        return;
      }
      delete input.dataset.pending;
      if (!single.has(key) && !prefixes.has(key)) return;  // not a code: ignore the key
      input.value = key;
      refresh();
      if (prefixes.has(key)) input.dataset.pending = key;  // wait: C may become C1 or C2
      else move(input, 1);
    });
    input.addEventListener('input', refresh);
  }
  refresh();
})();
